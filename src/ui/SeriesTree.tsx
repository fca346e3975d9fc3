import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogExam, CatalogPatient, CatalogSeries } from '../dicom/catalog';
import { blindText, formatDate } from '../domain';
import { roleChoices, timepointChoices, type PatientOverrides } from '../dicom/overrides';
import { roleKey } from '../dicom/roles';
import { renderThumbnail } from '../viewer/thumbnail';
import { useAppStores } from './appStores';
import { blindTimepointText, useBlinded } from './blinding';
import { roleText } from './roleText';

function Thumbnail({ series }: { series: CatalogSeries }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const middle = series.instances[Math.floor(series.instances.length / 2)]?.source;
  useEffect(() => {
    const element = canvas.current;
    if (!element || !middle) return;
    let live = true;
    renderThumbnail(element, middle).catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [middle]);
  return (
    <canvas
      ref={canvas}
      width={64}
      height={64}
      className={failed ? 'thumbnail failed' : 'thumbnail'}
      aria-hidden="true"
    />
  );
}

interface Props {
  patient: CatalogPatient;
  overrides: PatientOverrides;
  /**
   * When given, clicking a series asks to show it in the active viewport. Mouse only: keyboard
   * users have each viewport's series menu, and the item keeps its one button (Back to automatic).
   */
  onPickSeries?: (seriesKey: string) => void;
  /** Shown in each exam's header (the acquisition QC badge, ExamQc.tsx). */
  examBadge?: (exam: CatalogExam) => ReactNode;
}

function ExamItem({
  patient,
  exam,
  timepoint,
  overrides,
  onPickSeries,
  examBadge,
}: Props & { exam: CatalogExam; timepoint: string }) {
  const { t } = useTranslation();
  const blinded = useBlinded();
  const { overrideRole, overrideTimepoint } = useAppStores().overrides;
  const id = patient.patientId;
  return (
    <li className="exam" data-testid="exam" data-study-uid={exam.studyInstanceUid}>
      <div className="exam-header">
        <span>
          {exam.modalities.join('/')} {!blinded && formatDate(exam.studyDate)}
        </span>
        <select
          aria-label={
            blinded
              ? t('blinding.examTimepoint', { modalities: exam.modalities.join('/') })
              : t('tree.examTimepoint', { date: formatDate(exam.studyDate) })
          }
          value={timepoint}
          data-testid="exam-timepoint"
          onChange={(event) => overrideTimepoint(id, exam.studyInstanceUid, event.target.value)}
        >
          {[...new Set([timepoint, ...timepointChoices()])].map((choice) => (
            <option key={choice} value={choice}>
              {blindTimepointText(t, choice, blinded)}
            </option>
          ))}
        </select>
      </div>
      {examBadge?.(exam)}
      <ul className="series-list">
        {exam.series.map((series) => {
          const key = roleKey(series.role);
          return (
            <li
              key={series.key}
              className="series-item"
              data-testid="series-item"
              data-series-key={series.key}
              data-role-key={key}
              data-dwi-acquisition={series.dwiAcquisition}
              data-overridden={series.key in overrides.roles}
              title={onPickSeries ? t('viewer.showInViewport') : undefined}
              onClick={(event) => {
                // The role menu and buttons inside keep their own meaning.
                if ((event.target as HTMLElement).closest('select, button')) return;
                onPickSeries?.(series.key);
              }}
            >
              <Thumbnail series={series} />
              <div className="series-text">
                {series.role.kind === 'ADC' && series.role.computed ? (
                  // Offered by the viewer, not sent by the scanner: there is no role to correct.
                  <span title={t('quant.adcComputedHint')} data-testid="computed-series">
                    {roleText(t, series.role)} ·{' '}
                    {t('quant.adcFrom', { b: series.role.computed.bValues.join(',') })}
                  </span>
                ) : (
                  <select
                    aria-label={t('tree.seriesRole', {
                      description: blindText(series.description, blinded),
                    })}
                    value={key}
                    onChange={(event) => overrideRole(id, series.key, event.target.value)}
                  >
                    {roleChoices(series.role).map((role) => (
                      <option key={roleKey(role)} value={roleKey(role)}>
                        {roleText(t, role)}
                      </option>
                    ))}
                  </select>
                )}
                <span className="muted">
                  {blindText(series.description, blinded)} ·{' '}
                  {t('patient.images', { count: series.instances.length })}
                </span>
                {series.key in overrides.roles && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => overrideRole(id, series.key, undefined)}
                  >
                    {t('tree.automatic')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

/** Patient -> timepoint -> exam -> series, with thumbnails; roles and timepoints can be corrected. */
export function SeriesTree({ patient, overrides, onPickSeries, examBadge }: Props) {
  const { t } = useTranslation();
  const blinded = useBlinded();
  return (
    <nav className="series-tree" aria-label={t('tree.label')}>
      {patient.timepoints.map((timepoint) => (
        <section key={timepoint.id} data-testid="timepoint" data-timepoint={timepoint.id}>
          <h3>
            {blindTimepointText(t, timepoint.id, blinded)}{' '}
            <small className="muted">{t(`tree.source.${timepoint.source}`)}</small>
          </h3>
          <ul className="exam-list">
            {timepoint.exams.map((exam) => (
              <ExamItem
                key={exam.studyInstanceUid}
                patient={patient}
                exam={exam}
                timepoint={timepoint.id}
                overrides={overrides}
                onPickSeries={onPickSeries}
                examBadge={examBadge}
              />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
