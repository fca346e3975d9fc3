import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MODALITY_GROUPS,
  MODALITY_LABELS,
  isTimepointId,
  type Lesion,
  type LesionId,
  type Read,
  type Reader,
  type TimepointId,
} from '../domain';
import { focusLesion } from '../store/lesionFocus';
import type { ReadSession } from '../store/reads';
import { useReader, useReadSession } from './useReadSession';
import { LesionDetails } from './LesionDetails';
import { CommentField } from './LesionPanelForms';
import { ReasonForm } from './ReasonForm';
import { LesionMatrix, type CellPos } from './LesionPanelMatrix';
import { ReadBar } from './ReadBar';
import { Modal } from './ReadBarDialog';
import { ReaderPrompt } from './ReaderDialog';
import { timepointText } from './roleText';

interface Props {
  patientId: string;
  /** The patient's timepoint ids from the catalog ('baseline', 'preop', 'followup-1', ...). */
  timepoints: readonly string[];
}

/**
 * The lesion registry and calls of the current reader's read of one patient: self-contained
 * (opens, saves and closes its read), so the reading screen can place it beside the viewports.
 */
export function LesionPanel({ patientId, timepoints }: Props) {
  const { t } = useTranslation();
  const reader = useReader();
  if (!reader) {
    return (
      <section className="lesion-panel" data-testid="lesion-panel">
        <p className="muted">{t('read.needReader')}</p>
        <ReaderPrompt />
      </section>
    );
  }
  return (
    <ReaderPanel key={reader.id} patientId={patientId} reader={reader} timepoints={timepoints} />
  );
}

function ReaderPanel({ patientId, reader, timepoints }: Props & { reader: Reader }) {
  const { t } = useTranslation();
  const session = useReadSession(patientId, reader);
  if (!session) return <p className="muted">{t('read.loading')}</p>;
  return <SessionPanel session={session} timepoints={timepoints} />;
}

function isEditableTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function SessionPanel({
  session,
  timepoints,
}: {
  session: ReadSession;
  timepoints: readonly string[];
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere except in text fields, which keep their own.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isEditableTarget(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) session.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') session.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);

  // Leaving while a change is still being sealed or saved (or refused) asks first.
  const unsaved = state.save.kind !== 'saved';
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);

  if (state.phase === 'failed') {
    return (
      <p role="alert" className="error">
        {t('read.loadFailed', { message: state.loadError ?? '' })}
      </p>
    );
  }
  if (!state.read) return <p className="muted">{t('read.loading')}</p>;
  return <ReadView session={session} read={state.read} timepoints={timepoints} />;
}

function ReadView({
  session,
  read,
  timepoints,
}: {
  session: ReadSession;
  read: Read;
  timepoints: readonly string[];
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);
  const choices = timepointChoices(timepoints, read.config.statusTimepoint);
  const [timepoint, setTimepoint] = useState<TimepointId>(
    choices.includes(read.config.statusTimepoint)
      ? read.config.statusTimepoint
      : (choices[0] ?? 'preop'),
  );
  const [active, setActive] = useState<CellPos>({ row: 0, col: 0 });
  const [removing, setRemoving] = useState<LesionId | undefined>();
  const shown = useRef<LesionId | undefined>(undefined);
  const show = (lesion: Lesion) => {
    shown.current = lesion.id;
    if (lesion.baselineLocation) focusLesion(read.patientId, lesion.id, lesion.baselineLocation);
  };
  const lesions = read.lesions.filter((lesion) => lesion.removed === undefined);
  const activeLesion = lesions[Math.min(active.row, lesions.length - 1)];
  const activeModality = MODALITY_GROUPS[active.col] ?? 'CT';

  return (
    <section
      className="lesion-panel"
      aria-labelledby="lesion-panel-heading"
      data-testid="lesion-panel"
    >
      <div className="lesion-panel-head">
        <h2 id="lesion-panel-heading">{t('read.heading')}</h2>
        <label>
          {t('read.timepoint')}{' '}
          <select
            value={timepoint}
            data-testid="timepoint-select"
            onChange={(event) => setTimepoint(event.target.value as TimepointId)}
          >
            {choices.map((id) => (
              <option key={id} value={id}>
                {timepointText(t, id)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="add-lesion"
          onClick={() => {
            if (session.dispatch('addLesion', {})) setActive({ row: lesions.length, col: 0 });
          }}
        >
          + {t('read.addLesion')}
        </button>
      </div>
      <ReadBar session={session} state={state} read={read} />
      {lesions.length === 0 ? (
        <p className="muted">{t('read.noLesions')}</p>
      ) : (
        <>
          <LesionMatrix
            read={read}
            lesions={lesions}
            timepoint={timepoint}
            active={active}
            onActive={(cell) => {
              const lesion = lesions[cell.row];
              // Moving to another lesion moves the viewports to it (once per arrival).
              if (lesion && lesion.id !== shown.current) show(lesion);
              setActive(cell);
            }}
            onShow={show}
            onCall={(lesionId, modality, call) =>
              session.dispatch('setCall', { lesionId, timepoint, modality, call })
            }
            onSegment={(lesionId, segment) => session.dispatch('setSegment', { lesionId, segment })}
            onRemove={setRemoving}
          />
          <p className="muted matrix-help">{t('read.matrixHelp')}</p>
          {activeLesion && <LesionDetails lesion={activeLesion} />}
          {activeLesion && (
            <CommentField
              key={`${activeLesion.id}/${timepoint}/${activeModality}`}
              label={t('read.comment', {
                id: activeLesion.id,
                modality: MODALITY_LABELS[activeModality],
                timepoint: timepointText(t, timepoint),
              })}
              value={activeLesion.assessments[timepoint]?.modalities[activeModality]?.comment ?? ''}
              readOnly={read.state.kind === 'signed'}
              onCommit={(comment) =>
                session.dispatch('setComment', {
                  lesionId: activeLesion.id,
                  timepoint,
                  modality: activeModality,
                  comment,
                })
              }
            />
          )}
        </>
      )}
      <Modal
        open={removing !== undefined}
        title={t('read.removeTitle', { id: removing ?? '' })}
        testId="remove-dialog"
        onDismiss={() => setRemoving(undefined)}
      >
        <ReasonForm
          label={t('read.removeReason')}
          confirmLabel={t('read.removeConfirm')}
          testId="remove"
          onConfirm={(reason) => {
            if (removing && session.dispatch('removeLesion', { lesionId: removing, reason })) {
              setRemoving(undefined);
              setActive({ row: 0, col: 0 });
            } else setRemoving(undefined);
          }}
          onCancel={() => setRemoving(undefined)}
        />
      </Modal>
    </section>
  );
}

/** The catalog's valid timepoints plus the status timepoint, in the catalog's order. */
function timepointChoices(
  timepoints: readonly string[],
  statusTimepoint: TimepointId,
): TimepointId[] {
  const valid = timepoints.filter(isTimepointId);
  if (!valid.includes(statusTimepoint)) valid.push(statusTimepoint);
  return valid;
}
