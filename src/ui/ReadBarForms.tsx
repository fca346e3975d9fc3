import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deriveReadStatuses,
  type ImportProblem,
  type Read,
  type SignerCheck,
  type SigningGap,
} from '../domain';
import { timepointText } from './roleText';
import { modalityText } from './statusText';
import type { SignerProblem } from '../store/reads';
import { problemText, signerText } from './signerText';

/** The outcome of an import: done, or every problem with its JSON path (nothing changed). */
export function ImportResultView({
  result,
  onClose,
}: {
  result:
    | { ok: true; file: string; signer?: SignerCheck }
    | { ok: false; problems: (ImportProblem | SignerProblem)[] };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={result.ok ? 'notice' : 'error'} data-testid="import-result">
      {result.ok ? (
        <span>
          {t('read.imported', { file: result.file })}
          {result.signer && (
            <span data-testid="import-signer"> {signerText(t, result.signer)}</span>
          )}
        </span>
      ) : (
        <>
          <span>{t('read.importProblems', { count: result.problems.length })}</span>
          <ul data-testid="import-problems">
            {result.problems.map((problem, index) => (
              <li key={index} data-path={problem.path}>
                <code>{problem.path || t('read.wholeFile')}</code>: {problemText(t, problem)}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={onClose}>
        {t('read.dismiss')}
      </button>
    </div>
  );
}

const MEANINGS = ['author', 'review', 'approval'] as const;

/**
 * Signer name (prefilled) and the meaning of the signature (21 CFR 11.50). With gaps (what is
 * missing, domain `findSigningGaps`) the form lists them and signs only "anyway", with a reason.
 */
export function SignForm({
  defaultName,
  read,
  gaps,
  onSign,
  onCancel,
}: {
  defaultName: string;
  /** What is signed: summed up in one line (lesions and their statuses). */
  read: Read;
  gaps: readonly SigningGap[];
  onSign: (name: string, meaning: string, signAnywayReason?: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(defaultName);
  const [meaning, setMeaning] = useState<(typeof MEANINGS)[number]>('author');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSign(name, t(`read.meanings.${meaning}`), gaps.length > 0 ? reason : undefined);
  };
  return (
    <form className="modal-form" onSubmit={submit}>
      <p data-testid="sign-summary">{signSummary(t, read)}</p>
      {/* First, so the dialog focuses the reason when something is missing. */}
      {gaps.length > 0 && (
        <div className="warning" data-testid="sign-gaps">
          <span>{t('read.signGaps', { count: gaps.length })}</span>
          <ul>
            {gaps.map((gap, index) => (
              <li key={index} data-kind={gap.kind}>
                {t(`read.signGap.${gap.kind}`, {
                  lesion: gap.lesionId,
                  // The screen's words (T1/T2, Pre-op), not the read's codes.
                  modality: gap.modality ? modalityText(t, gap.modality) : '',
                  timepoint: gap.timepoint ? timepointText(t, gap.timepoint) : '',
                })}
              </li>
            ))}
          </ul>
          <label>
            {t('read.signAnywayReason')}
            {/* One line, focused first: typing the reason and Enter signs anyway. */}
            <input
              autoFocus
              required
              value={reason}
              data-testid="sign-anyway-reason"
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
        </div>
      )}
      <label>
        {t('read.signerName')}
        <input
          autoFocus={gaps.length === 0}
          required
          value={name}
          data-testid="signer-name"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label>
        {t('read.meaning')}
        <select
          value={meaning}
          data-testid="sign-meaning"
          onChange={(event) => setMeaning(event.target.value as (typeof MEANINGS)[number])}
        >
          {MEANINGS.map((m) => (
            <option key={m} value={m}>
              {t(`read.meanings.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t('read.signNote')}</p>
      <p className="muted">{t('read.signBinding')}</p>
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          {t('read.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="sign-confirm">
          {gaps.length > 0 ? t('read.signAnyway') : t('read.signConfirm')}
        </button>
      </div>
    </form>
  );
}

/** "4 lesions: 2 cDLM, 1 partial DLM, 1 visible" (statuses in the matrix's order of names). */
function signSummary(t: ReturnType<typeof useTranslation>['t'], read: Read): string {
  const counts = new Map<string, number>();
  for (const row of deriveReadStatuses(read)) {
    counts.set(row.derived.status, (counts.get(row.derived.status) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const statuses = (['cDLM', 'partial DLM', 'visible', 'incomplete'] as const)
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status) ?? 0} ${t(`read.statusName.${status}`)}`)
    .join(', ');
  return t('read.signSummary', { count: total, statuses });
}
