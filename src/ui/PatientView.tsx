import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogPatient, CatalogSeries } from '../dicom/catalog';

import { StackGrid, type ViewportStatus } from '../viewer/stackGrid';
import { roleText, timepointText } from './roleText';

interface Cell {
  viewportId: string;
  timepoint: string;
  series: CatalogSeries;
}

function cellsOf(patient: CatalogPatient): Cell[] {
  return patient.timepoints.flatMap((timepoint) =>
    timepoint.exams.flatMap((exam) =>
      exam.series.map((series, index) => ({
        viewportId: `vp-${timepoint.id}-${exam.studyInstanceUid.slice(-8)}-${index}`,
        timepoint: timepoint.id,
        series,
      })),
    ),
  );
}

interface Props {
  patient: CatalogPatient;
  onBack: () => void;
}

/** Every series of a patient in a plain grid of viewports (the reading layout comes later). */
export function PatientView({ patient, onBack }: Props) {
  const { t } = useTranslation();
  const cells = useMemo(() => cellsOf(patient), [patient]);
  const elements = useRef(new Map<string, HTMLDivElement>());
  const [statuses, setStatuses] = useState<Record<string, ViewportStatus>>({});

  useEffect(() => {
    const grid = new StackGrid((viewportId, status) =>
      setStatuses((previous) => ({ ...previous, [viewportId]: status })),
    );
    const specs = cells.flatMap((cell) => {
      const element = elements.current.get(cell.viewportId);
      return element
        ? [
            {
              viewportId: cell.viewportId,
              element,
              imageIds: cell.series.instances.map((instance) => instance.source),
            },
          ]
        : [];
    });
    void grid.show(specs);
    return () => grid.dispose();
  }, [cells]);

  return (
    <section aria-labelledby="patient-heading" className="patient-view">
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="back">
          ← {t('patient.back')}
        </button>
        <h2 id="patient-heading">{t('patient.heading', { id: patient.patientId })}</h2>
      </div>
      <div className="viewport-grid">
        {cells.map((cell) => {
          const status = statuses[cell.viewportId] ?? { state: 'loading' };
          return (
            <figure key={cell.viewportId} className="viewport-cell">
              <div
                className="viewport"
                data-testid="viewport"
                data-state={status.state}
                data-series-uid={cell.series.seriesInstanceUid}
                ref={(element) => {
                  if (element) elements.current.set(cell.viewportId, element);
                  else elements.current.delete(cell.viewportId);
                }}
                onContextMenu={(event) => event.preventDefault()}
              />
              <figcaption className="viewport-overlay">
                <span>
                  {timepointText(t, cell.timepoint)} · {roleText(t, cell.series.role)}
                </span>
                <span className="muted">{cell.series.description}</span>
                {status.state === 'ready' && (
                  <span className="muted">
                    {t('patient.slice', { index: status.index + 1, count: status.count })}
                  </span>
                )}
                {status.state === 'loading' && <span>{t('patient.loadingImage')}</span>}
                {status.state === 'error' && (
                  <span role="alert" className="error">
                    {t('patient.imageError', { message: status.message })}
                  </span>
                )}
              </figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
