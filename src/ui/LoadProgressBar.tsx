import { useTranslation } from 'react-i18next';
import type { LoadProgress } from '../store/library';

/** Files read, problems met, and a cancel button while a source loads. */
export function LoadProgressBar({
  progress,
  onCancel,
}: {
  progress: LoadProgress;
  onCancel: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="progress" role="status" data-testid="load-progress">
      <progress value={progress.read} max={progress.total || 1} aria-label={t('library.reading')} />
      <span>
        {t('library.loading', { read: progress.read, total: progress.total })}
        {progress.problems > 0 && ` · ${t('library.problems', { count: progress.problems })}`}
      </span>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('library.cancel')}
        </button>
      )}
    </div>
  );
}
