import { useEffect, useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { findSigningGaps, type Read, type Reader } from '../domain';
import { ImportResultView, SignForm } from './ReadBarForms';
import { StoreInPacs } from './StoreInPacs';
import { displayDateTime } from './time';
import { ReasonForm } from './ReasonForm';
import {
  rosterEntryOf,
  type ExportedFile,
  type ReadSession,
  type ReadSessionState,
  type SignedVersionFile,
} from '../store/reads';
import { downloadText } from './download';
import { Modal } from './Modal';
import { focusPanelOf, useGlobalShortcuts } from './useShortcuts';

/** Offers an exported read for download. */
function download(file: ExportedFile, type: string): void {
  downloadText(file.fileName, file.text, type);
}

/**
 * Offers the reader's roster entry (public signing key, docs/record-integrity.md) for download;
 * the key is made on first use.
 */
async function exportRosterEntry(reader: Reader): Promise<void> {
  const entry = await rosterEntryOf(reader, 'reader');
  const safe = reader.id.replace(/[^A-Za-z0-9._-]+/g, '_');
  downloadText(
    `roster-entry-${safe}.json`,
    `${JSON.stringify(entry, null, 2)}\n`,
    'application/json',
  );
}

interface Props {
  session: ReadSession;
  state: ReadSessionState;
  read: Read;
}

/**
 * The read's own controls: lifecycle state, save status, undo/redo, sign/amend, export and
 * import; plus the conflict warning and refused-action messages.
 */
export function ReadBar({ session, state, read }: Props) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'sign' | 'amend' | undefined>();
  const [importResult, setImportResult] =
    useState<ComponentProps<typeof ImportResultView>['result']>();
  const fileInput = useRef<HTMLInputElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  /** A dismissed message's button goes away: the focus goes back to the matrix. */
  const refocus = () => focusPanelOf(bar.current?.closest('.lesion-panel'));
  const [exportError, setExportError] = useState<string | undefined>();
  // The browser's download may show nowhere (a key press, a folded download bar): say it here.
  const [exported, setExported] = useState<string | undefined>();
  const signed = read.state.kind === 'signed';
  const amendButton = useRef<HTMLButtonElement>(null);
  // Once a read is signed (or opens signed), the way to change it is in view.
  useEffect(() => {
    if (signed) amendButton.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [signed]);
  const exportFile = (make: () => Promise<ExportedFile>, type: string) => {
    setExportError(undefined);
    setExported(undefined);
    make().then(
      (file) => {
        download(file, type);
        setExported(file.fileName);
      },
      (error: unknown) => setExportError(error instanceof Error ? error.message : String(error)),
    );
  };

  const exportJson = () => exportFile(() => session.exportJson(), 'application/json');
  // S opens the sign dialog (its Enter signs), X exports, by default: see the shortcut map.
  useGlobalShortcuts({
    sign: () => !signed && setDialog('sign'),
    exportJson,
  });

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const result = await session.importJson(await file.text());
    setImportResult(result.ok ? { ...result, file: file.name } : result);
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <div className="read-bar" ref={bar} data-testid="read-bar">
      <div className="read-bar-row">
        <span className={`read-state read-state-${read.state.kind}`} data-testid="read-state">
          {stateText(t, read)}
        </span>
        <SaveStatusText state={state} />
        <button
          type="button"
          data-testid="undo"
          disabled={!state.canUndo || signed}
          onClick={() => session.undo()}
          // Undo lives in this page only: after a reload there is nothing to undo, and it says so.
          title={t(state.canUndo || signed ? 'read.undoTitle' : 'read.undoNothing')}
        >
          ↶ {t('read.undo')}
        </button>
        <button
          type="button"
          data-testid="redo"
          disabled={!state.canRedo || signed}
          onClick={() => session.redo()}
          title="Ctrl+Shift+Z"
        >
          ↷ {t('read.redo')}
        </button>
        {signed ? (
          <>
            <span className="read-lock" role="note" data-testid="read-lock">
              {t('read.lockNote')}
            </span>
            <button
              ref={amendButton}
              type="button"
              data-testid="amend"
              onClick={() => setDialog('amend')}
            >
              {t('read.amend')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="sign"
            onClick={() => setDialog('sign')}
          >
            {t('read.sign')}
          </button>
        )}
        <button
          type="button"
          data-testid="roster-entry"
          title={t('read.rosterEntryTitle')}
          onClick={() => {
            setExportError(undefined);
            exportRosterEntry(read.reader).catch((error: unknown) =>
              setExportError(error instanceof Error ? error.message : String(error)),
            );
          }}
        >
          {t('read.rosterEntry')}
        </button>
        <button type="button" data-testid="export-json" onClick={exportJson}>
          {t('read.exportJson')}
        </button>
        <button
          type="button"
          data-testid="export-csv"
          onClick={() => exportFile(() => session.exportCsv(), 'text/csv')}
        >
          {t('read.exportCsv')}
        </button>
        <label className="file-button">
          {t('read.importJson')}
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            data-testid="import-json"
            onChange={(event) => void onImport(event.target.files?.[0])}
          />
        </label>
        <StoreInPacs read={read} />
      </div>
      <SignedVersions
        session={session}
        read={read}
        onDownload={(f) => download(f, 'application/json')}
      />
      {state.conflict && (
        <div role="alert" className="warning" data-testid="conflict">
          <span>⚠ {t('read.conflict')}</span>{' '}
          <button type="button" data-testid="take-over" onClick={() => void session.takeOver()}>
            {t('read.takeOver')}
          </button>
        </div>
      )}
      {state.refusal && (
        <div role="alert" className="error" data-testid="refusal">
          <span>
            {state.refusal.code === 'read-signed'
              ? t('read.signedRefusal')
              : t('read.refused', {
                  message: state.refusal.text
                    ? t(state.refusal.text.key, { ...state.refusal.text.params })
                    : state.refusal.message,
                })}
          </span>{' '}
          <button
            type="button"
            onClick={() => {
              session.clearRefusal();
              refocus();
            }}
          >
            {t('read.dismiss')}
          </button>
        </div>
      )}
      {exported && (
        <p role="status" className="muted export-done" data-testid="export-done">
          {t('read.exported', { file: exported })}
        </p>
      )}
      {exportError && (
        <div role="alert" className="error" data-testid="export-error">
          {t('read.exportFailed', { message: exportError })}
        </div>
      )}
      {importResult && (
        <ImportResultView
          result={importResult}
          onClose={() => {
            setImportResult(undefined);
            refocus();
          }}
        />
      )}
      <Modal
        open={dialog === 'sign'}
        title={t('read.signTitle')}
        testId="sign-dialog"
        onDismiss={() => setDialog(undefined)}
      >
        <SignForm
          defaultName={read.reader.name}
          read={read}
          gaps={findSigningGaps(read)}
          onSign={(signerName, meaning, signAnywayReason) => {
            const input = { signerName, meaning, ...(signAnywayReason && { signAnywayReason }) };
            void session.sign(input).then((ok) => ok && setDialog(undefined));
          }}
          onCancel={() => setDialog(undefined)}
        />
      </Modal>
      <Modal
        open={dialog === 'amend'}
        title={t('read.amendTitle')}
        testId="amend-dialog"
        onDismiss={() => setDialog(undefined)}
      >
        <ReasonForm
          label={t('read.amendReason')}
          confirmLabel={t('read.amendConfirm')}
          testId="amend"
          onConfirm={(reason) => {
            if (session.amend(reason)) setDialog(undefined);
          }}
          onCancel={() => setDialog(undefined)}
        />
      </Modal>
    </div>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function stateText(t: T, read: Read): string {
  switch (read.state.kind) {
    case 'draft':
      return t('read.state.draft');
    case 'signed': {
      const { signerName, meaning, at } = read.state.signature;
      return t('read.state.signed', {
        name: signerName,
        meaning,
        at: displayDateTime(at),
      });
    }
    case 'amended':
      return t('read.state.amended', { version: read.version, reason: read.state.reason });
  }
}

function SaveStatusText({ state }: { state: ReadSessionState }) {
  const { t } = useTranslation();
  const { save } = state;
  return (
    <span
      className={save.kind === 'error' ? 'save-status error' : 'save-status'}
      data-testid="save-status"
      data-save={save.kind}
      role="status"
    >
      {save.kind === 'error'
        ? t('read.save.error', { message: save.message })
        : t(`read.save.${save.kind}`)}
    </span>
  );
}

/**
 * The signed versions kept in this browser: an amendment replaces the working read, never the
 * record that was signed. Listed once a read has been signed at least once.
 */
function SignedVersions({
  session,
  read,
  onDownload,
}: {
  session: ReadSession;
  read: Read;
  onDownload: (file: ExportedFile) => void;
}) {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<readonly SignedVersionFile[]>([]);
  const signedKey = read.state.kind === 'signed' ? read.versionId : '';
  const hasHistory = read.version > 1 || read.state.kind === 'signed';
  useEffect(() => {
    if (!hasHistory) return undefined;
    let live = true;
    void session.signedVersions().then((found) => live && setVersions(found));
    return () => {
      live = false;
    };
  }, [session, signedKey, hasHistory, read.version]);
  if (!hasHistory || versions.length === 0) return null;
  return (
    <div className="signed-versions" data-testid="signed-versions">
      <span>{t('read.signedVersions')}</span>{' '}
      {versions.map((v) => (
        <button
          key={v.versionId}
          type="button"
          data-testid="signed-version"
          data-version={v.version}
          title={t('read.signedVersionTitle', {
            version: v.version,
            name: v.signerName,
            at: displayDateTime(v.signedAt),
          })}
          onClick={() => onDownload(v)}
        >
          v{v.version}
        </button>
      ))}
    </div>
  );
}
