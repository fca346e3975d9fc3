import { useTranslation } from 'react-i18next';
import { formatValue, type Measurement } from '../viewer/measurements';

interface Props {
  measurements: readonly Measurement[];
  /** Viewport id -> a short label of what it shows. */
  labels: ReadonlyMap<string, string>;
}

/**
 * Every annotation's values in real units. Each value also sits in data-* attributes as a plain
 * number, which browser tests read instead of parsing formatted text.
 */
export function ReadingMeasurements({ measurements, labels }: Props) {
  const { t } = useTranslation();
  return (
    <section className="measurement-panel" aria-labelledby="measurements-heading">
      <h3 id="measurements-heading">{t('viewer.measurements')}</h3>
      {measurements.length === 0 && <p className="muted">{t('viewer.noMeasurements')}</p>}
      <ol>
        {measurements.map((m) => (
          <li
            key={m.uid}
            data-testid="measurement"
            data-tool={m.tool}
            data-viewport-id={m.viewportId}
            data-values={JSON.stringify(Object.fromEntries(m.values.map((v) => [v.name, v.value])))}
          >
            <strong>{t(`viewer.tool.${m.tool}`)}</strong>{' '}
            <span className="muted">{labels.get(m.viewportId) ?? ''}</span>
            <ul>
              {m.values.map((v) => (
                <li key={v.name}>
                  {t(`viewer.value.${v.name as 'mean'}`)}: {formatValue(v)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
