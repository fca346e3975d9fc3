import { useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MODALITY_GROUPS,
  asksWhereSeen,
  isTimepointId,
  type Lesion,
  type LesionId,
  type Read,
  type Reader,
  type TimepointId,
} from '../domain';
import type { ReadSession } from '../store/reads';
import type { ReadingWorkspace, ReadPlace } from '../store/workspace';
import { useReader } from './useReader';
import { useWorkspace } from './useWorkspace';
import { LesionDetails } from './LesionDetails';
import { CommentField } from './LesionPanelForms';
import { ReasonForm } from './ReasonForm';
import { ExamQcNotice } from './ExamQc';
import { StatusBasis } from './StatusBasis';
import { LesionMatrix, type CellPos } from './LesionMatrix';
import { ReadBar } from './ReadBar';
import { Modal } from './Modal';
import { ReaderPrompt } from './ReaderDialog';
import { timepointText } from './roleText';
import { modalityText } from './statusText';
import { focusImages, focusPanelOf, useGlobalShortcuts } from './useShortcuts';

interface Props {
  workspace: ReadingWorkspace;
  /** The patient's timepoint ids from the catalog ('baseline', 'preop', 'followup-1', ...). */
  timepoints: readonly string[];
}

/**
 * The lesion registry and calls of the current reader's read of one patient: a view of the read
 * session the patient's ReadingWorkspace holds; choosing a lesion asks the workspace to show it.
 */
export function LesionPanel({ workspace, timepoints }: Props) {
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
    <ReaderPanel key={reader.id} workspace={workspace} reader={reader} timepoints={timepoints} />
  );
}

function ReaderPanel({ workspace, timepoints }: Props & { reader: Reader }) {
  const { t } = useTranslation();
  const session = useWorkspace(workspace, (s) => s.read);
  if (!session) return <p className="muted">{t('read.loading')}</p>;
  return <SessionPanel workspace={workspace} session={session} timepoints={timepoints} />;
}

function SessionPanel({
  workspace,
  session,
  timepoints,
}: {
  workspace: ReadingWorkspace;
  session: ReadSession;
  timepoints: readonly string[];
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) by default, anywhere but in text fields (which keep
  // their own) and dialogs; the keys are in the shortcut map.
  useGlobalShortcuts({ undo: () => workspace.undo(), redo: () => workspace.redo() });

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
  return (
    <ReadView workspace={workspace} session={session} read={state.read} timepoints={timepoints} />
  );
}

function ReadView({
  workspace,
  session,
  read,
  timepoints,
}: {
  workspace: ReadingWorkspace;
  session: ReadSession;
  read: Read;
  timepoints: readonly string[];
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);
  const choices = timepointChoices(timepoints, read.config.statusTimepoint);
  // A deep link (src/store/deepLink.ts) may name the timepoint and lesion to start on.
  const [start] = useState(() => startPlace(read, workspace.store.get().place, choices));
  const [timepoint, setTimepoint] = useState<TimepointId>(
    start.timepoint ??
      (choices.includes(read.config.statusTimepoint)
        ? read.config.statusTimepoint
        : (choices[0] ?? 'preop')),
  );
  const [active, setActive] = useState<CellPos>({ row: start.row, col: 0 });
  const [removing, setRemovingState] = useState<LesionId | undefined>();
  // After the removal dialog the matrix goes back to its first columns (Remove sits at the
  // row's far end, so reaching it may have scrolled a narrow dock's matrix sideways).
  const setRemoving = (id: LesionId | undefined) => {
    setRemovingState(id);
    const matrix = panel.current?.querySelector<HTMLElement>('[data-testid="call-matrix"]');
    if (id === undefined && matrix) matrix.scrollLeft = 0;
  };
  const shown = useRef<LesionId | undefined>(start.lesion?.id);
  /** The lesion the reader last went to, for the URL. */
  const [picked, setPicked] = useState<LesionId | undefined>(start.lesion?.id);
  const show = (lesion: Lesion) => {
    shown.current = lesion.id;
    setPicked(lesion.id);
    if (lesion.baselineLocation) workspace.focusLesion(lesion.id, lesion.baselineLocation);
  };
  useEffect(() => {
    const lesion = start.lesion;
    if (lesion?.baselineLocation) workspace.focusLesion(lesion.id, lesion.baselineLocation);
  }, [start, workspace]);
  const pickedLesion = read.lesions.some((l) => l.id === picked && l.removed === undefined)
    ? picked
    : undefined;
  useEffect(() => {
    workspace.setPlace({ timepoint, ...(pickedLesion && { lesionId: pickedLesion }) });
  }, [workspace, timepoint, pickedLesion]);
  const lesions = read.lesions.filter((lesion) => lesion.removed === undefined);
  const activeLesion = lesions[Math.min(active.row, lesions.length - 1)];
  const activeModality = MODALITY_GROUPS[active.col] ?? 'CT';
  const panel = useRef<HTMLElement>(null);
  const timepointSelect = useId();
  /** Set when the focus should follow the active cell after the next render. */
  const focusActive = useRef(false);

  const focusPanel = () => focusPanelOf(panel.current);
  useLayoutEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    focusPanelOf(panel.current);
  });
  // A read that opens with the focus nowhere (the patient list's button or the reader's prompt
  // just went away) gives it to the images, so the reader can start with the keyboard at once
  // and an Enter adds nothing; the panel has it while no image is on screen yet.
  useEffect(() => {
    const focused = document.activeElement;
    if (focused === null || focused === document.body) {
      if (!focusImages()) focusPanelOf(panel.current);
    }
  }, []);

  const inPanel = () => panel.current?.contains(document.activeElement) ?? false;
  /** Makes a cell active, moving the viewports to its lesion and the focus if it was here. */
  const goTo = (cell: CellPos, focus = inPanel()) => {
    const lesion = lesions[cell.row];
    if (lesion && lesion.id !== shown.current) show(lesion);
    focusActive.current = focus;
    setActive(cell);
  };
  const signed = read.state.kind === 'signed';
  const addLesion = () => {
    // A signed read changes only after Amend; the lock note in the read bar says so.
    if (signed) return;
    if (session.dispatch('addLesion', {})) goTo({ row: lesions.length, col: 0 }, true);
  };
  // A Record the reader just made that created a lesion takes them to it, focus on its first
  // call cell, so its segment and calls follow from the keyboard. Records restored with the
  // drawings after a reload, or of another kind, move nothing.
  const recorded = useWorkspace(workspace, (s) => s.recorded);
  const lastRecorded = useWorkspace(workspace, (s) => s.lastRecorded);
  // Every Record counts, the same measurement recorded again after an undo too (`seq`).
  const handledRecord = useRef(lastRecorded?.seq);
  useEffect(() => {
    if (lastRecorded === undefined || handledRecord.current === lastRecorded.seq) return;
    const record = recorded[lastRecorded.uid];
    if (record?.link.effect !== 'new-lesion') {
      handledRecord.current = lastRecorded.seq;
      return;
    }
    const at = lesions.findIndex((lesion) => lesion.id === record.lesionId);
    if (at < 0) return; // the read is a render behind
    handledRecord.current = lastRecorded.seq;
    if (!signed) goTo({ row: at, col: 0 }, true);
  });
  // A removed lesion that comes back (Undo of its removal) is chosen, the focus on its first
  // cell: the removal's dialog and the Undo button leave the focus nowhere useful.
  const removedIds = useRef(removedOf(read));
  useEffect(() => {
    const back = lesions.findIndex((lesion) => removedIds.current.has(lesion.id));
    removedIds.current = removedOf(read);
    if (back >= 0) goTo({ row: back, col: 0 }, true);
  });
  const row = Math.min(active.row, Math.max(0, lesions.length - 1));
  const stepTimepoint = (delta: number) => {
    const at = choices.indexOf(timepoint);
    const next = choices[(at + delta + choices.length) % choices.length];
    if (next) setTimepoint(next);
  };
  useGlobalShortcuts({
    addLesion,
    nextLesion: () =>
      lesions.length > 0 && goTo({ row: (row + 1) % lesions.length, col: active.col }),
    prevLesion: () =>
      lesions.length > 0 &&
      goTo({ row: (row - 1 + lesions.length) % lesions.length, col: active.col }),
    nextModality: () =>
      lesions.length > 0 && goTo({ row, col: (active.col + 1) % MODALITY_GROUPS.length }),
    nextTimepoint: () => stepTimepoint(1),
    prevTimepoint: () => stepTimepoint(-1),
    switchPane: () => (inPanel() ? focusImages() : focusPanel()),
  });

  return (
    <section
      ref={panel}
      className="lesion-panel"
      aria-labelledby="lesion-panel-heading"
      data-testid="lesion-panel"
      data-timepoint={timepoint}
    >
      <div className="lesion-panel-head">
        <h2 id="lesion-panel-heading">{t('read.heading')}</h2>
        <label htmlFor={timepointSelect}>{t('read.timepoint')}</label>
        <select
          id={timepointSelect}
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
        <button type="button" data-testid="add-lesion" disabled={signed} onClick={addLesion}>
          + {t('read.addLesion')}
        </button>
      </div>
      <ReadBar session={session} state={state} read={read} />
      <ExamQcNotice read={read} timepoint={timepoint} />
      <StatusBasis read={read} timepoint={timepoint} />
      {lesions.length === 0 ? (
        <p className="muted">{t('read.noLesions')}</p>
      ) : (
        <>
          <LesionMatrix
            read={read}
            lesions={lesions}
            timepoint={timepoint}
            active={active}
            // Moving to another lesion moves the viewports to it (once per arrival).
            onActive={(cell) => goTo(cell, false)}
            onShow={show}
            onCall={(lesionId, modality, call) =>
              session.dispatch('setCall', { lesionId, timepoint, modality, call })
            }
            onSegment={(lesionId, segment) => session.dispatch('setSegment', { lesionId, segment })}
            onRemove={setRemoving}
            readOnly={signed}
          />
          {!signed && (
            <p className="muted matrix-help">
              {t(asksWhereSeen(timepoint) ? 'read.matrixHelpBaseline' : 'read.matrixHelp')}
            </p>
          )}
          {activeLesion && <LesionDetails lesion={activeLesion} />}
          {activeLesion && (
            <CommentField
              key={`${activeLesion.id}/${timepoint}/${activeModality}`}
              label={t('read.comment', {
                id: activeLesion.id,
                modality: modalityText(t, activeModality),
                timepoint: timepointText(t, timepoint),
              })}
              value={activeLesion.assessments[timepoint]?.modalities[activeModality]?.comment ?? ''}
              readOnlyReason={signed ? t('read.commentLocked') : undefined}
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
              // The removed row's button is gone: the focus goes to the first cell.
              focusActive.current = true;
              setActive({ row: 0, col: 0 });
            } else setRemoving(undefined);
          }}
          onCancel={() => setRemoving(undefined)}
        />
      </Modal>
    </section>
  );
}

/**
 * Where a read starts when a deep link names a place in it: the linked timepoint (if it is one
 * of the patient's) and the linked live lesion with its matrix row; otherwise the first row.
 */
function startPlace(
  read: Read,
  place: ReadPlace,
  choices: readonly TimepointId[],
): { timepoint?: TimepointId; row: number; lesion?: Lesion } {
  const live = read.lesions.filter((lesion) => lesion.removed === undefined);
  const row = live.findIndex((lesion) => lesion.id === place.lesionId);
  const lesion = live[row];
  return {
    ...(place.timepoint && choices.includes(place.timepoint) && { timepoint: place.timepoint }),
    row: Math.max(0, row),
    ...(lesion && { lesion }),
  };
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

const removedOf = (read: Read): ReadonlySet<LesionId> =>
  new Set(read.lesions.filter((lesion) => lesion.removed !== undefined).map((l) => l.id));
