import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogPatient, CatalogSeries } from '../dicom/catalog';
import { applyOverrides } from '../dicom/overrides';
import { overridesOf, overridesStore } from '../store/overrides';
import { StackGrid, type ViewportStatus } from '../viewer/stackGrid';
import { roleText, timepointText } from './roleText';
import { SeriesTree } from './SeriesTree';

interface Cell {
  viewportId: string;
  timepoint: string;
  series: CatalogSeries;
}

function cellsOf(patient: CatalogPatient): Cell[] {
  return patient.timepoints.flatMap((timepoint) =>
    timepoint.exams.flatMap((exam) =>
      exam.series.map((series) => ({
        viewportId: `vp-${series.key}`,
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

/** The series tree beside every series in a plain grid of viewports (reading layouts come later). */
export function PatientView({ patient: catalogued, onBack }: Props) {
  const { t } = useTranslation();
  const allOverrides = useSyncExternalStore(overridesStore.subscribe, overridesStore.get);
  const overrides = overridesOf(allOverrides, catalogued.patientId);
  const patient = useMemo(() => applyOverrides(catalogued, overrides), [catalogued, overrides]);
  const cells = useMemo(() => cellsOf(patient), [patient]);
  const elements = useRef(new Map<string, HTMLDivElement>());
  const [statuses, setStatuses] = useState<Record<string, ViewportStatus>>({});

  // Remount viewports only when the set of stacks changes, not when a label (role) does.
  const stacksKey = cells
    .map((cell) => `${cell.viewportId}#${cell.series.instances.length}`)
    .join('|');
  const latestCells = useRef(cells);
  latestCells.current = cells;
  useEffect(() => {
    const grid = new StackGrid((viewportId, status) =>
      setStatuses((previous) => ({ ...previous, [viewportId]: status })),
    );
    const specs = latestCells.current.flatMap((cell) => {
      const element = elements.current.get(cell.viewportId);
      const imageIds = cell.series.instances.map((instance) => instance.source);
      return element ? [{ viewportId: cell.viewportId, element, imageIds }] : [];
    });
    void grid.show(specs);
    return () => grid.dispose();
  }, [stacksKey]);

  return (
    <section aria-labelledby="patient-heading" className="patient-view">
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="back">
          ← {t('patient.back')}
        </button>
        <h2 id="patient-heading">{t('patient.heading', { id: patient.patientId })}</h2>
      </div>
      <div className="patient-layout">
        <SeriesTree patient={patient} overrides={overrides} />
        <div className="viewport-grid">
          {cells.map((cell) => {
            const status = statuses[cell.viewportId] ?? { state: 'loading' };
            return (
              <figure key={cell.viewportId} className="viewport-cell">
                <div
                  className="viewport"
                  data-testid="viewport"
                  data-state={status.state}
                  data-series-key={cell.series.key}
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
      </div>
    </section>
  );
}
