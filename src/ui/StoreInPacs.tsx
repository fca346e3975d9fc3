import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Read } from '../domain';
import { dicomWebRoot, loadDicomWebSettings } from '../store/dicomwebSource';
import { libraryStore } from '../store/library';
import { pacsRootOf, pacsSettings, pacsVersionsOf, storeReadInPacs } from '../store/pacsTarget';
import type { StoreOutcome } from '../store/srPacs';

type Progress =
  | { readonly kind: 'idle' }
  | { readonly kind: 'storing'; readonly attempt: number }
  | { readonly kind: 'done'; readonly outcome: StoreOutcome; readonly version: number };

type T = ReturnType<typeof useTranslation>['t'];

function failureText(t: T, outcome: Extract<StoreOutcome, { ok: false }>, server: string) {
  const key = outcome.transport ?? outcome.kind;
  const head = t(`pacs.store.error.${key}`, { status: outcome.status ?? 0, server });
  return outcome.detail === undefined
    ? head
    : `${head} ${t('pacs.store.serverSaid', { detail: outcome.detail })}`;
}

/**
 * "Store in PACS" in the read bar: STOW-RS of the signed read's SR to the DICOMweb server the
 * patient's images came from (src/store/pacsTarget.ts), with progress, the server's answer
 * (HTTP status and message) and the SOP Instance UID stored; and the versions the server holds.
 * Disabled, with the reason as its title, for a read not signed or images not from DICOMweb.
 */
export function StoreInPacs({ read }: { read: Read }) {
  const { t } = useTranslation();
  const library = useSyncExternalStore(libraryStore.subscribe, libraryStore.get);
  const root = useMemo(
    () => pacsRootOf(read.patientId, library.instances),
    [read.patientId, library.instances],
  );
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  const [versions, setVersions] = useState<readonly number[]>([]);
  const signed = read.state.kind === 'signed';
  const storedUid =
    progress.kind === 'done' && progress.outcome.ok ? progress.outcome.sopInstanceUid : '';

  // A new version (an amendment) starts without the last version's message.
  useEffect(() => setProgress({ kind: 'idle' }), [read.versionId]);
  useEffect(() => {
    if (root === undefined || !signed) return undefined;
    let live = true;
    const settings = pacsSettings(root, loadDicomWebSettings(), dicomWebRoot);
    pacsVersionsOf(read, settings).then(
      (found) => live && setVersions(found.map((sr) => sr.version)),
      () => live && setVersions([]),
    );
    return () => {
      live = false;
    };
  }, [root, signed, read, storedUid]);

  const store = () => {
    if (root === undefined || !signed) return;
    const settings = pacsSettings(root, loadDicomWebSettings(), dicomWebRoot);
    const { version } = read;
    setProgress({ kind: 'storing', attempt: 1 });
    void storeReadInPacs(read, settings, (attempt) =>
      setProgress({ kind: 'storing', attempt }),
    ).then((outcome) => setProgress({ kind: 'done', outcome, version }));
  };

  const title =
    root === undefined
      ? t('pacs.store.titleNoServer')
      : signed
        ? t('pacs.store.titleReady', { server: root })
        : t('pacs.store.titleNotSigned');
  const storing = progress.kind === 'storing';
  return (
    <>
      <button
        type="button"
        data-testid="store-pacs"
        title={title}
        aria-busy={storing}
        disabled={root === undefined || !signed || storing}
        onClick={store}
      >
        {t('pacs.store.button')}
      </button>
      {signed && versions.length > 0 && (
        <span className="muted" data-testid="pacs-versions" data-versions={versions.join(',')}>
          {t('pacs.store.versions', { versions: versions.map((v) => `v${v}`).join(', ') })}
        </span>
      )}
      {progress.kind === 'storing' && (
        <span className="pacs-store-status" role="status" data-testid="pacs-store-progress">
          <progress aria-label={t('pacs.store.button')} />{' '}
          {progress.attempt > 1
            ? t('pacs.store.retrying', { version: read.version, attempt: progress.attempt })
            : t('pacs.store.storing', { version: read.version })}
        </span>
      )}
      {progress.kind === 'done' && (
        <span
          className={`pacs-store-status ${progress.outcome.ok ? 'notice' : 'error'}`}
          role={progress.outcome.ok ? 'status' : 'alert'}
          data-testid="pacs-store-result"
          data-ok={progress.outcome.ok}
          data-sop-instance-uid={progress.outcome.ok ? progress.outcome.sopInstanceUid : undefined}
          data-status={progress.outcome.ok ? undefined : progress.outcome.status}
        >
          {progress.outcome.ok
            ? t('pacs.store.stored', {
                version: progress.version,
                uid: progress.outcome.sopInstanceUid,
              })
            : failureText(t, progress.outcome, root ?? '')}{' '}
          <button type="button" onClick={() => setProgress({ kind: 'idle' })}>
            {t('pacs.store.dismiss')}
          </button>
        </span>
      )}
    </>
  );
}
