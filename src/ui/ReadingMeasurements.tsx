import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Read } from '../domain';
import {
  NEAR_LESION_MM,
  type LinkTarget,
  type MeasurementLink,
  type ReadSession,
} from '../store/reads';
import { keyLabel } from '../store/shortcuts';
import type { ReadingWorkspace } from '../store/workspace';
import { formatValue, type Measurement } from '../viewer/measurements';
import { Modal } from './Modal';
import { useWorkspace } from './useWorkspace';
import { useBindings, useGlobalShortcuts } from './useShortcuts';

interface Props {
  workspace: ReadingWorkspace;
  measurements: readonly Measurement[];
  /** Measurement uid -> the image it was drawn on in a few words (and whether it is shown). */
  labels: ReadonlyMap<string, string>;
  /**
   * Whether the Record key records the newest measurement from here: the list's while its
   * dock is open, the lesion dock's copy while it is folded (one at a time).
   */
  recordKey: boolean;
}

/**
 * Every annotation's values in real units, each recordable on a lesion of the reader's read (a
 * new lesion from a baseline length or click, a diameter, an ADC ROI, a disappeared lesion's
 * site). Each value also sits in data-* attributes as a plain number, which browser tests read
 * instead of parsing formatted text.
 */
export function ReadingMeasurements({ workspace, measurements, labels, recordKey }: Props) {
  const { t } = useTranslation();
  const session = useWorkspace(workspace, (s) => s.read);
  return (
    <section
      className="measurement-panel"
      aria-labelledby="measurements-heading"
      // The second press of a double-click on Record lands on what replaced it: it must not
      // take the focus from the new lesion's first call cell (workspace.justRecorded).
      onMouseDown={(event) => {
        if (workspace.justRecorded(event.timeStamp)) event.preventDefault();
      }}
    >
      <h3 id="measurements-heading">{t('viewer.measurements')}</h3>
      {measurements.length === 0 && <p className="muted">{t('viewer.noMeasurements')}</p>}
      <ol>
        {measurements.map((m, index) => (
          <li
            key={m.uid}
            data-testid="measurement"
            data-tool={m.tool}
            data-viewport-id={m.viewportId}
            data-values={JSON.stringify(Object.fromEntries(m.values.map((v) => [v.name, v.value])))}
          >
            <strong>{t(`viewer.tool.${m.tool}`)}</strong>{' '}
            <span className="muted" data-testid="measurement-source">
              {labels.get(m.uid) ?? ''}
            </span>
            <ul>
              {m.values.map((v) => (
                <li key={v.name}>
                  {t(`viewer.value.${v.name as 'mean'}`)}: {formatValue(v)}
                </li>
              ))}
            </ul>
            {session && (
              <RecordControl
                workspace={workspace}
                session={session}
                measurement={m}
                shortcut={recordKey && index === measurements.length - 1}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The newest measurement with its Record, for the lesion dock when the series dock (and its
 * measurement list) is folded away: a drawn length can be recorded without unfolding it.
 */
export function NewestMeasurement({ workspace, measurements, labels, recordKey }: Props) {
  const { t } = useTranslation();
  const session = useWorkspace(workspace, (s) => s.read);
  const m = measurements.at(-1);
  if (!session || !m) return null;
  return (
    <section
      className="newest-measurement"
      aria-labelledby="newest-measurement-heading"
      data-testid="newest-measurement"
      data-tool={m.tool}
      onMouseDown={(event) => {
        if (workspace.justRecorded(event.timeStamp)) event.preventDefault();
      }}
    >
      <h3 id="newest-measurement-heading">{t('viewer.newestMeasurement')}</h3>{' '}
      <strong>{t(`viewer.tool.${m.tool}`)}</strong>{' '}
      <span className="muted">{labels.get(m.viewportId) ?? ''}</span>{' '}
      {m.values
        .map((v) => `${t(`viewer.value.${v.name as 'mean'}`)}: ${formatValue(v)}`)
        .join(', ')}
      <RecordControl workspace={workspace} session={session} measurement={m} shortcut={recordKey} />
    </section>
  );
}

function RecordControl({
  workspace,
  session,
  measurement,
  shortcut,
}: {
  workspace: ReadingWorkspace;
  session: ReadSession;
  measurement: Measurement;
  /** Whether the Record key (Ctrl+Enter by default) records this measurement. */
  shortcut: boolean;
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);
  // Re-render when this measurement is recorded; whether the record still holds comes from the
  // read (workspace.recordedOf), so an undo anywhere brings the Record control back.
  useWorkspace(workspace, (s) => s.recorded[measurement.uid]);
  // A fresh record's Undo shows disabled for a double-click's time (so the second click of a
  // double-click on Record cannot take the lesion back): render again when that is over.
  const undoWait = workspace.recordUndoWait(measurement);
  const [, setWaited] = useState(0);
  useEffect(() => {
    if (undoWait <= 0) return undefined;
    const timer = window.setTimeout(() => setWaited((n) => n + 1), undoWait);
    return () => window.clearTimeout(timer);
  }, [undoWait]);
  const read: Read | undefined = state.read;
  if (!read) return null;
  // A signed read is read-only until amended (the read bar's lock note says so).
  const signed = read.state.kind === 'signed';
  const recorded = workspace.recordedOf(measurement);
  if (recorded) {
    const what = t(`viewer.recordEffect.${recorded.link.effect}`, { id: recorded.lesionId });
    return (
      <div className="measurement-record recorded">
        <span
          className="muted"
          role="status"
          data-testid="measurement-recorded"
          data-lesion-id={recorded.lesionId}
        >
          {t('viewer.recorded', { what })}
        </span>{' '}
        {/* At the row's far end, not where Record was under the pointer. */}
        <button
          type="button"
          className="undo-record"
          data-testid="measurement-undo-record"
          title={t('viewer.undoRecordTitle', { what })}
          disabled={signed || !workspace.canUndoRecord(measurement)}
          onClick={(event) => {
            // The second (or third) click of a double-click is never an undo.
            if (event.detail > 1) return;
            workspace.undoRecord(measurement, event.timeStamp);
          }}
        >
          {t('viewer.undoRecord')}
        </button>
      </div>
    );
  }
  const targets = workspace.recordTargets(measurement);
  if (targets.length === 0) return null;
  return (
    <RecordForm
      workspace={workspace}
      measurement={measurement}
      targets={targets}
      signed={signed}
      shortcut={shortcut}
    />
  );
}

/** The target select and Record button of a measurement not recorded yet (and its key). */
function RecordForm({
  workspace,
  measurement,
  targets,
  signed,
  shortcut,
}: {
  workspace: ReadingWorkspace;
  measurement: Measurement;
  targets: ReturnType<ReadingWorkspace['recordTargets']>;
  signed: boolean;
  shortcut: boolean;
}) {
  const { t } = useTranslation();
  const keys = useBindings().record.map(keyLabel).join(' / ');
  const [choice, setChoice] = useState<LinkTarget | ''>('');
  const [near, setNear] = useState<{ link: MeasurementLink; ids: readonly string[] }>();
  const chosen = targets.find((x) => x.target === choice) ?? targets[0];
  /** What Record does: records on the chosen target, or asks first when a lesion is near. */
  const record = (at?: number) => {
    if (!chosen) return;
    const ids = workspace.lesionsNear(chosen.link);
    if (ids.length > 0) setNear({ link: chosen.link, ids });
    else workspace.recordMeasurement(measurement, chosen.link, at);
  };
  useGlobalShortcuts({ record: () => record() }, shortcut && !signed);
  return (
    <div className="measurement-record">
      <label>
        {t('viewer.recordOn')}{' '}
        <select
          data-testid="measurement-target"
          disabled={signed}
          value={chosen?.target ?? ''}
          onChange={(event) => setChoice(event.target.value as LinkTarget)}
        >
          {targets.map(({ target, link }) => (
            <option key={target} value={target}>
              {target === 'new'
                ? t('viewer.recordNew')
                : t(`viewer.recordEffect.${link.effect}`, { id: target })}
            </option>
          ))}
        </select>
      </label>{' '}
      <button
        type="button"
        data-testid="measurement-record"
        disabled={signed}
        title={keys ? t('viewer.recordTitle', { keys }) : undefined}
        onClick={(event) => record(event.timeStamp)}
      >
        {t('viewer.record')}
      </button>
      <Modal
        open={near !== undefined}
        title={t('viewer.nearTitle')}
        testId="record-near-dialog"
        onDismiss={() => setNear(undefined)}
      >
        <p>{t('viewer.nearBody', { ids: near?.ids.join(', ') ?? '', mm: NEAR_LESION_MM })}</p>
        <div className="modal-actions">
          <button type="button" data-testid="record-near-cancel" onClick={() => setNear(undefined)}>
            {t('viewer.nearCancel')}
          </button>
          <button
            type="button"
            data-testid="record-near-confirm"
            onClick={(event) => {
              if (near) workspace.recordMeasurement(measurement, near.link, event.timeStamp);
              setNear(undefined);
            }}
          >
            {t('viewer.nearConfirm')}
          </button>
        </div>
      </Modal>
    </div>
  );
}
