import { useRef } from 'react';
import { problemText, signerText } from '../signerText';
import { useTranslation } from 'react-i18next';
import type { ReviewState, ReviewStore } from '../../store/review';
import { ReviewPacsLoad } from './ReviewPacsLoad';

/** Loading reads into the review: files (several at once), the reads of this browser or a PACS. */
export function ReviewLoad({ review, state }: { review: ReviewStore; state: ReviewState }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const texts = await Promise.all(
      [...files].map(async (file) => ({ name: file.name, text: await file.text() })),
    );
    await review.loadFiles(texts);
    if (input.current) input.current.value = '';
  };
  return (
    <section className="review-load" aria-labelledby="review-load-heading">
      <h3 id="review-load-heading">{t('review.load.heading')}</h3>
      <div className="review-row">
        <label className="file-button">
          {t('review.load.files')}
          <input
            ref={input}
            type="file"
            multiple
            accept="application/json,.json"
            data-testid="review-files"
            onChange={(event) => void onFiles(event.target.files)}
          />
        </label>
        <button
          type="button"
          data-testid="review-load-browser"
          disabled={state.busy}
          onClick={() => void review.loadFromBrowser()}
        >
          {t('review.load.browser')}
        </button>
        {state.busy && (
          <span role="status" className="muted">
            {t('review.load.busy')}
          </span>
        )}
        {state.browserLoad?.kind === 'loaded' && (
          <span role="status" className="muted" data-testid="review-browser-count">
            {t('review.load.browserLoaded', { count: state.browserLoad.count })}
          </span>
        )}
      </div>
      <ReviewPacsLoad review={review} state={state} />
      {state.browserLoad?.kind === 'error' && (
        <p role="alert" className="error">
          {t('review.load.browserFailed', { message: state.browserLoad.message })}
        </p>
      )}
      {(state.signers ?? []).length > 0 && (
        <ul className="notice" data-testid="review-signers">
          {(state.signers ?? []).map(({ file, signer }) => (
            <li key={file}>
              {file}: {signerText(t, signer)}
            </li>
          ))}
        </ul>
      )}
      {state.fileProblems.length > 0 && (
        <div role="alert" className="error review-problems" data-testid="review-file-problems">
          {state.fileProblems.map((file) => (
            <div key={file.file}>
              <p>
                {t('review.load.fileProblems', { file: file.file, count: file.problems.length })}
              </p>
              <ul>
                {file.problems.map((problem, index) => (
                  <li key={index} data-path={problem.path}>
                    <code>{problem.path || t('review.load.wholeFile')}</code>:{' '}
                    {problemText(t, problem)}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
