import { useEffect, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { libraryStore } from '../store/library';
import type { LocalFile, LocalFileLoader, LocalLoadSummary } from '../dicom/sources/local';
import { filesOfDrop, filesOfInput } from './dropFiles';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Instances from local files that made it into a series (the rest are in the import report). */
function localInstancesInSeries(): number {
  let count = 0;
  for (const patient of libraryStore.get().catalog.patients)
    for (const timepoint of patient.timepoints)
      for (const exam of timepoint.exams)
        for (const series of exam.series)
          count += series.instances.filter(
            (i) => i.source.startsWith('dicomfile:') && (i.frame ?? 1) === 1,
          ).length;
  return count;
}

/**
 * Open local files: a file picker, a folder picker, and the whole window as a drop target (with
 * an overlay while something is dragged over it). ZIP archives are opened too.
 */
export function LocalFilesPanel({ load }: { load: LocalFileLoader }) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const [summary, setSummary] = useState<LocalLoadSummary | undefined>();
  const inSeries = useSyncExternalStore(libraryStore.subscribe, localInstancesInSeries);

  useEffect(() => {
    const open = (files: LocalFile[]): void => {
      if (files.length > 0) void load(files).then(setSummary);
    };
    // dragenter/dragleave fire for every child element crossed: count them to know when it left.
    let depth = 0;
    const onEnter = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    // Without preventDefault on dragover the browser navigates to the dropped file instead.
    const onOver = (event: DragEvent): void => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent): void => {
      if (!event.dataTransfer || !hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      filesOfDrop(event.dataTransfer).then(open, () => open([]));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [load]);

  const onPick = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = filesOfInput(event.target.files);
    // Cleared so that picking the same folder again fires change again.
    event.target.value = '';
    if (files.length > 0) void load(files).then(setSummary);
  };

  return (
    <section className="local-files" aria-label={t('files.heading')}>
      <label className="file-button">
        {t('files.openFiles')}
        <input
          type="file"
          multiple
          className="visually-hidden"
          data-testid="open-files"
          onChange={onPick}
        />
      </label>
      <label className="file-button">
        {t('files.openFolder')}
        <input
          type="file"
          className="visually-hidden"
          data-testid="open-folder"
          // React has no typed prop for this non-standard (but universal) attribute.
          ref={(input) => input?.setAttribute('webkitdirectory', '')}
          onChange={onPick}
        />
      </label>
      <span className="drop-hint">{t('files.dropHint')}</span>
      {summary && (
        <p
          className="files-summary"
          role="status"
          data-testid="files-summary"
          data-files={summary.files}
          data-instances={summary.instances}
          data-dicomdirs={summary.dicomdirs}
          data-problems={summary.problems}
          data-in-series={inSeries}
        >
          {summary.cancelled ? t('files.cancelled') : t('files.summary', { ...summary })}
        </p>
      )}
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          {t('files.dropHere')}
        </div>
      )}
    </section>
  );
}
