import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dicomWebRoot, loadDicomWebSettings } from '../../store/dicomwebSource';
import { pacsSettings } from '../../store/pacsTarget';
import type { ReviewState, ReviewStore } from '../../store/review';

/**
 * Loading the reads a DICOMweb server holds as DREAM SR into the review (src/store/srPacs.ts):
 * the server (the saved DICOMweb server by default; its token only goes to that server) and,
 * optionally, which patients. SRs that fail the checks are listed with the files' problems.
 */
export function ReviewPacsLoad({ review, state }: { review: ReviewStore; state: ReviewState }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(() => loadDicomWebSettings().url);
  const [patients, setPatients] = useState('');
  const load = () => {
    if (url.trim() === '') return;
    const settings = pacsSettings(dicomWebRoot(url), loadDicomWebSettings(), dicomWebRoot);
    const ids = patients.split(/[\s,]+/).filter((id) => id !== '');
    void review.loadFromPacs(settings, ids);
  };
  return (
    <form
      className="review-row review-pacs"
      aria-label={t('pacs.review.heading')}
      data-testid="review-pacs"
      onSubmit={(event) => {
        event.preventDefault();
        load();
      }}
    >
      <strong className="review-pacs-heading">{t('pacs.review.heading')}</strong>
      <label>
        {t('pacs.review.url')}{' '}
        <input
          type="url"
          value={url}
          data-testid="review-pacs-url"
          onChange={(event) => setUrl(event.target.value)}
        />
      </label>
      <label>
        {t('pacs.review.patients')}{' '}
        <input
          type="text"
          value={patients}
          data-testid="review-pacs-patients"
          onChange={(event) => setPatients(event.target.value)}
        />
      </label>
      <button type="submit" data-testid="review-load-pacs" disabled={state.busy}>
        {t('pacs.review.load')}
      </button>
      {state.pacsLoad?.kind === 'loaded' && (
        <span role="status" className="muted" data-testid="review-pacs-count">
          {t('pacs.review.loaded', state.pacsLoad)}
        </span>
      )}
      {state.pacsLoad?.kind === 'error' && (
        <span role="alert" className="error" data-testid="review-pacs-error">
          {t('pacs.review.failed', { message: state.pacsLoad.message })}
        </span>
      )}
    </form>
  );
}
