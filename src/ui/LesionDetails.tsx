import { useTranslation } from 'react-i18next';
import {
  adcChange,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  timepointOrder,
  type Lesion,
  type TimepointId,
} from '../domain';
import { timepointText } from './roleText';

const mm = (value: number) => `${value.toFixed(1)} mm`;
const adc = (value: number) => value.toFixed(2);

/**
 * What is recorded for the selected lesion: where it was at baseline and how large, and at the
 * timepoint shown the diameters, ADC ROI statistics and disappeared-lesion sites per modality,
 * with the ADC change from baseline. Numbers also sit in data-value for tests.
 */
export function LesionDetails({ lesion }: { lesion: Lesion }) {
  const { t } = useTranslation();
  const location = lesion.baselineLocation?.point;
  const baselineAdc = lesion.assessments.baseline?.modalities.DWI?.adcMean;
  const timepoints = (Object.keys(lesion.assessments) as TimepointId[]).sort(
    (a, b) => timepointOrder(a) - timepointOrder(b),
  );
  const rows = timepoints.flatMap((timepoint) =>
    MODALITY_GROUPS.flatMap((modality) => {
      const a = lesion.assessments[timepoint]?.modalities[modality];
      if (!a || (a.diameterMm ?? a.adcMean ?? a.sitePoint) === undefined) return [];
      return [{ timepoint, modality, a }];
    }),
  );
  return (
    <section
      className="lesion-details"
      data-testid="lesion-details"
      data-lesion-id={lesion.id}
      aria-label={t('read.details', { id: lesion.id })}
    >
      <h3>{t('read.details', { id: lesion.id })}</h3>
      <dl>
        <dt>{t('read.baselineSize')}</dt>
        <dd data-testid="detail-baseline-diameter" data-value={lesion.baselineDiameterMm ?? ''}>
          {lesion.baselineDiameterMm === undefined
            ? t('read.notSet')
            : mm(lesion.baselineDiameterMm)}
        </dd>
        <dt>{t('read.baselinePlace')}</dt>
        <dd data-testid="detail-baseline-location">
          {location
            ? `${location.x.toFixed(1)}, ${location.y.toFixed(1)}, ${location.z.toFixed(1)} mm`
            : t('read.notSet')}
        </dd>
      </dl>
      {rows.length > 0 && (
        <table className="lesion-measures">
          <thead>
            <tr>
              <th scope="col">{t('read.timepoint')}</th>
              <th scope="col">{t('read.modality')}</th>
              <th scope="col">{t('read.diameter')}</th>
              <th scope="col">ADC</th>
              <th scope="col">{t('read.site')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ timepoint, modality, a }) => {
              const change =
                timepoint !== 'baseline' && a.adcMean !== undefined && baselineAdc
                  ? adcChange(baselineAdc, a.adcMean)
                  : undefined;
              return (
                <tr
                  key={`${timepoint}/${modality}`}
                  data-testid="detail-row"
                  data-timepoint={timepoint}
                  data-modality={modality}
                >
                  <td>{timepointText(t, timepoint)}</td>
                  <th scope="row">{MODALITY_LABELS[modality]}</th>
                  <td data-testid="detail-diameter" data-value={a.diameterMm ?? ''}>
                    {a.diameterMm !== undefined && mm(a.diameterMm)}
                  </td>
                  <td data-testid="detail-adc" data-value={a.adcMean ?? ''}>
                    {a.adcMean !== undefined &&
                      t('read.adcValue', {
                        mean: adc(a.adcMean),
                        sd: a.adcSd === undefined ? '–' : adc(a.adcSd),
                        n: a.adcPixels ?? '–',
                      })}
                    {change !== undefined && (
                      <span
                        data-testid="detail-adc-change"
                        data-value={change.relative}
                        data-flag={String(change.beyondRepeatability)}
                        className={change.beyondRepeatability ? 'adc-flag' : undefined}
                      >
                        {' '}
                        {t('read.adcChange', { pct: (change.relative * 100).toFixed(0) })}
                        {change.beyondRepeatability && ` ⚠ ${t('read.adcFlag')}`}
                      </span>
                    )}
                  </td>
                  <td data-testid="detail-site">{a.sitePoint && t('read.siteMarked')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
