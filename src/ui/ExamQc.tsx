import { useState, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import './examQc.css';
import {
  MODALITY_LABELS,
  type ExamQc,
  type QcFindingRecord,
  type Read,
  type TimepointId,
} from '../domain';
import type { CatalogExam } from '../dicom/catalog';
import type { QcThresholds } from '../dicom/qc';
import { examQcView, type ReadingWorkspace } from '../store/workspace';
import type { ReadSession } from '../store/reads';
import { timepointText } from './roleText';
import { useWorkspace } from './useWorkspace';

const GLYPH = { pass: '✓', warn: '⚠', unknown: '?', fail: '✗' } as const;

/** One finding in words, from its check, level and value (the English message is the fallback). */
export function findingText(
  t: TFunction,
  finding: QcFindingRecord,
  thresholds: QcThresholds,
  seriesName: (key: string | undefined) => string,
): string {
  const value = finding.value;
  const series = seriesName(finding.series);
  const min = thresholds.minHbpDelayMinutes;
  const rec = thresholds.recommendedHbpDelayMinutes;
  switch (finding.check) {
    case 'hbp-delay':
      if (value === undefined) {
        return t(finding.level === 'fail' ? 'qc.finding.hbpMissing' : 'qc.finding.hbpUnknown');
      }
      if (finding.level === 'fail') return t('qc.finding.hbpFail', { minutes: value, min, rec });
      if (finding.level === 'warn') return t('qc.finding.hbpWarn', { minutes: value, rec });
      return t('qc.finding.hbpPass', { minutes: value });
    case 'dwi-b-values':
      if (value === undefined) return t('qc.finding.dwiMissing');
      return finding.level === 'pass'
        ? t('qc.finding.dwiPass', { count: value })
        : t('qc.finding.dwiFail', {
            count: value,
            need: thresholds.minBValueCount,
            high: thresholds.minHighBValue,
          });
    case 'adc':
      return t(finding.level === 'pass' ? 'qc.finding.adcPass' : 'qc.finding.adcFail');
    case 'slice-thickness':
      return t('qc.finding.thickness', { series, value, max: thresholds.maxSliceThicknessMm });
    case 'slice-positions':
      return finding.message.includes('duplicated')
        ? t('qc.finding.duplicated', { series, value })
        : t('qc.finding.missing', { series, value });
    case 'contrast-agent':
      return t('qc.finding.agent', { series });
    default:
      return finding.message;
  }
}

function groupsText(exam: ExamQc | undefined): string {
  return (exam?.groups ?? []).map((g) => MODALITY_LABELS[g]).join(', ');
}

function MarkForm({ onMark }: { onMark: (reason: string) => boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      className="exam-qc-mark"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return setMissing(true);
        if (onMark(reason)) setReason('');
      }}
    >
      <input
        type="text"
        aria-label={t('qc.markLabel')}
        placeholder={t('qc.markLabel')}
        data-testid="exam-qc-reason"
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
          setMissing(false);
        }}
      />
      <button type="submit" data-testid="exam-qc-mark">
        {t('qc.mark')}
      </button>
      {missing && (
        <span role="alert" className="error">
          {t('qc.reasonRequired')}
        </span>
      )}
    </form>
  );
}

const NO_SESSION = { subscribe: () => () => undefined, get: () => undefined };

/**
 * The acquisition QC badge of one exam in the series tree: ✓ when every check passed, else the
 * worst level's glyph with the count of findings; opened, each finding in words and the reader's
 * mark "not evaluable" with its reason (docs/domain.md §11).
 */
export function ExamQcBadge({
  workspace,
  exam,
}: {
  workspace: ReadingWorkspace;
  exam: CatalogExam;
}) {
  const { t } = useTranslation();
  const session: ReadSession | undefined = useWorkspace(workspace, (s) => s.read);
  const store = session?.store ?? NO_SESSION;
  const read = useSyncExternalStore(store.subscribe, () => store.get()?.read);
  const thresholds = workspace.qcThresholds();
  const recorded = read?.examQc?.[exam.studyInstanceUid];
  const view = examQcView(exam, thresholds, recorded);
  const names = new Map(exam.series.map((s) => [s.key, s.description || s.key]));
  const seriesName = (key: string | undefined) => (key && names.get(key)) || '';
  const marked = view.notEvaluable;
  const summary = view.problems === 0 ? t('qc.ok') : t('qc.problems', { count: view.problems });
  const editable = read !== undefined && read.state.kind !== 'signed' && recorded !== undefined;
  return (
    <details
      className={`exam-qc qc-${view.level}`}
      data-testid="exam-qc"
      data-level={view.level}
      data-problems={view.problems}
      data-not-evaluable={marked ? 'true' : 'false'}
    >
      <summary
        title={t('qc.details')}
        aria-label={`${summary}${marked ? ` · ${t('qc.notEvaluableBadge')}` : ''}`}
      >
        <span aria-hidden="true">{GLYPH[view.level]}</span> {t('qc.badge')}
        {view.problems > 0 && <> {view.problems}</>}
        {marked && <span className="exam-qc-ne"> · {t('qc.notEvaluableBadge')}</span>}
      </summary>
      <div className="exam-qc-body">
        {view.findings.length === 0 ? (
          <p className="muted">{t('qc.none')}</p>
        ) : (
          <ul className="exam-qc-findings">
            {view.findings.map((finding, index) => (
              <li
                key={index}
                data-testid="exam-qc-finding"
                data-check={finding.check}
                data-level={finding.level}
              >
                <span aria-hidden="true">{GLYPH[finding.level]}</span>{' '}
                <span className="visually-hidden">{t(`qc.level.${finding.level}`)}: </span>
                {findingText(t, finding, thresholds, seriesName)}
              </li>
            ))}
          </ul>
        )}
        {marked ? (
          <div className="exam-qc-marked" data-testid="exam-qc-marked">
            <p>{t('qc.marked', { reason: marked.reason })}</p>
            {recorded && (
              <p className="muted">
                {t('qc.markedGroups', {
                  groups: groupsText(recorded),
                  timepoint: timepointText(t, recorded.timepoint),
                })}
              </p>
            )}
            {editable && (
              <button
                type="button"
                data-testid="exam-qc-clear"
                onClick={() => workspace.setExamNotEvaluable(exam.studyInstanceUid, undefined)}
              >
                {t('qc.clear')}
              </button>
            )}
          </div>
        ) : (
          editable && (
            <MarkForm
              onMark={(reason) => workspace.setExamNotEvaluable(exam.studyInstanceUid, reason)}
            />
          )
        )}
        {read?.state.kind === 'signed' && <p className="muted">{t('qc.signedNote')}</p>}
      </div>
    </details>
  );
}

/** The exams marked not evaluable at a timepoint, for the lesion panel (one line each). */
export function ExamQcNotice({ read, timepoint }: { read: Read; timepoint: TimepointId }) {
  const { t } = useTranslation();
  const marked = Object.entries(read.examQc ?? {}).filter(
    ([, exam]) => exam.timepoint === timepoint && exam.notEvaluable !== undefined,
  );
  if (marked.length === 0) return null;
  return (
    <ul className="exam-qc-notice" data-testid="exam-qc-notice">
      {marked.map(([uid, exam]) => (
        <li key={uid}>
          ⚠{' '}
          {t('qc.notice', {
            timepoint: timepointText(t, exam.timepoint),
            reason: exam.notEvaluable?.reason ?? '',
            groups: groupsText(exam),
          })}
        </li>
      ))}
    </ul>
  );
}
