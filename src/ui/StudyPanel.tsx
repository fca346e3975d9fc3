import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudy, useStudyStore } from './studyContext';

/**
 * The study file in the sources bar (docs/campaign.md): open one, see which is loaded, close it;
 * a refused file lists every problem by its path.
 */
export function StudyPanel() {
  const { t } = useTranslation();
  const store = useStudyStore();
  const state = useStudy();
  const input = useRef<HTMLInputElement>(null);
  if (!store || !state) return null;
  const onFile = async (file: File | undefined) => {
    if (file) store.loadText(await file.text(), file.name);
    if (input.current) input.current.value = '';
  };
  return (
    <div className="study-panel" data-testid="study-panel">
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="study-file"
        onChange={(event) => void onFile(event.target.files?.[0])}
      />
      <button type="button" onClick={() => input.current?.click()}>
        {t('study.open')}
      </button>
      {state.study && (
        <>
          <span data-testid="study-loaded" data-study-id={state.study.studyId}>
            {t('study.loaded', { id: state.study.studyId, source: state.source ?? '' })}
          </span>
          <button type="button" data-testid="study-close" onClick={() => store.close()}>
            {t('study.close')}
          </button>
        </>
      )}
      {state.loading && <span role="status">{t('study.loading')}</span>}
      {state.problems.length > 0 && (
        <div role="alert" className="error" data-testid="study-problems">
          <p>
            {t('study.refused', {
              source: state.failedSource ?? '',
              count: state.problems.length,
            })}
          </p>
          <ul>
            {state.problems.map((problem, index) => (
              <li key={index} data-path={problem.path}>
                <code>{problem.path || t('study.wholeFile')}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
