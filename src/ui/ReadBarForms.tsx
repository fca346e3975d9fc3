import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../domain';

/** The outcome of an import: done, or every problem with its JSON path (nothing changed). */
export function ImportResultView({
  result,
  onClose,
}: {
  result: { ok: true; file: string } | { ok: false; problems: ImportProblem[] };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={result.ok ? 'notice' : 'error'} data-testid="import-result">
      {result.ok ? (
        <span>{t('read.imported', { file: result.file })}</span>
      ) : (
        <>
          <span>{t('read.importProblems', { count: result.problems.length })}</span>
          <ul data-testid="import-problems">
            {result.problems.map((problem, index) => (
              <li key={index} data-path={problem.path}>
                <code>{problem.path || t('read.wholeFile')}</code>: {problem.message}
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

/** Signer name (prefilled) and the meaning of the signature (21 CFR 11.50). */
export function SignForm({
  defaultName,
  onSign,
  onCancel,
}: {
  defaultName: string;
  onSign: (name: string, meaning: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(defaultName);
  const [meaning, setMeaning] = useState<(typeof MEANINGS)[number]>('author');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSign(name, t(`read.meanings.${meaning}`));
  };
  return (
    <form className="modal-form" onSubmit={submit}>
      <label>
        {t('read.signerName')}
        <input
          autoFocus
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
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          {t('read.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="sign-confirm">
          {t('read.signConfirm')}
        </button>
      </div>
    </form>
  );
}
