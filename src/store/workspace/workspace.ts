/**
 * One reading workspace per open patient: the headless model of the reading room (as tldraw's
 * Editor is of its canvas). It owns the viewer session, the reader's read session, the grid's
 * view state, the lesion in focus and the reader's place in the read, and links measurements to
 * read commands. React components subscribe to `store` and call its methods; nothing else.
 * Everything from outside (viewer, reads, the reader, view storage) comes in through
 * `WorkspaceDeps`, so tests drive it in Node with a fake viewer. Its parts: the grid (grid.ts),
 * the viewer on screen (mount.ts), restored slices and lesion focus (slices.ts), the reader's
 * read (currentRead.ts), measurement records (records.ts) and marks that last (marks.ts); this
 * class holds the state (types in state.ts) and tells each part what changed (`update`).
 */
import type { ImagePoint, LesionId } from '../../domain';
import type { CatalogPatient } from '../../dicom/catalog';
import type { Measurement } from '../../viewer/measurements';
import { parseLayout, type Layout } from '../../viewer/protocol';
import type { KeyAction } from '../readingKeys';
import type { ReadingCell } from '../../viewer/readingLayout';
import type { ReadingTool } from '../../viewer/readingTools';
import type { RowSyncKind } from '../../viewer/rowSync';
import { createStore, type Store } from '../createStore';
import { studyKeyOf } from '../protocolChoice';
import type { MeasurementLink } from '../reads';
import { DEFAULT_QC_THRESHOLDS, type QcThresholds } from '../../dicom/qc';
import { CurrentRead } from './currentRead';
import { followExamQc } from './examQc';
import { WorkspaceGrid } from './grid';
import { hangingOf, type Hanging } from './hanging';
import { WorkspaceMarks } from './marks';
import { ViewerMount } from './mount';
import { MeasurementRecords } from './records';
import { frameToFrame, startRegistration } from './registration';
import { ViewportSlices } from './slices';
import type { ReadPlace, WorkspaceDeps, WorkspaceState } from './state';
import type { ViewerSession } from './viewer';
import { rowSyncKey, sourceOf, viewportIdOf, type MeasurementSource } from './viewports';

export type { LesionFocus, ReadPlace, WorkspaceDeps, WorkspaceState } from './state';
export type { WorkspaceRecord } from './records';

export class ReadingWorkspace {
  private readonly state: Store<WorkspaceState>;
  readonly store: Pick<Store<WorkspaceState>, 'get' | 'subscribe'>;
  private readonly grid: WorkspaceGrid;
  private readonly mount = new ViewerMount();
  private readonly slices = new ViewportSlices();
  private readonly read: CurrentRead;
  private readonly stopReader: () => void;
  private examQc: ReturnType<typeof followExamQc> | undefined;
  private disposed = false;
  private readonly records = new MeasurementRecords({
    session: () => this.state.get().read,
    patient: () => this.state.get().patient,
    cells: () => this.cells(),
    recorded: () => this.state.get().recorded,
    setRecorded: (recorded) => this.update({ recorded }),
    focusedLesion: () => this.state.get().focus?.lesionId,
    lastRecorded: () => this.state.get().lastRecorded,
    measurements: () => this.state.get().measurements,
    now: () => (this.deps.now ? this.deps.now() : performance.now()),
  });
  private readonly marks = new WorkspaceMarks({
    viewer: () => this.viewer,
    session: () => this.state.get().read,
    patient: () => this.state.get().patient,
    recorded: () => this.state.get().recorded,
    setRecorded: (recorded) => this.update({ recorded }),
    anyReady: () => Object.values(this.state.get().statuses).some((s) => s.state === 'ready'),
    store: () => this.deps.drawings,
    listChanged: (measurements) => this.update({ measurements }),
  });

  constructor(
    patient: CatalogPatient,
    private readonly deps: WorkspaceDeps,
    place: ReadPlace = {},
  ) {
    const restored = deps.views.load(patient.patientId);
    const protocolId = deps.protocols.load(studyKeyOf(patient));
    const restoredLayout = parseLayout(restored?.layout);
    this.state = createStore<WorkspaceState>({
      patient,
      layout: restoredLayout ?? hangingOf(patient, protocolId).layout,
      protocolId,
      choices: { ...restored?.choices },
      activeCell: restored?.activeCell ?? 'r0c0',
      maximised: undefined,
      tool: 'WindowLevel',
      statuses: {},
      measurements: [],
      rowSync: {},
      linkFrom: undefined,
      read: undefined,
      focus: undefined,
      place,
      recorded: {},
      lastRecorded: undefined,
      registration: undefined,
    });
    this.store = { get: this.state.get, subscribe: this.state.subscribe };
    this.grid = new WorkspaceGrid(deps.protocols, this.state.get, restoredLayout !== undefined);
    this.keepActiveShown();
    startRegistration(deps.register, patient, (registration) => {
      if (!this.disposed) this.update({ registration });
    });
    this.read = new CurrentRead(
      deps,
      () => this.patientId,
      () => this.state.get().read,
      (read, fresh) => this.update(fresh ? { read, recorded: {} } : { read }),
    );
    this.stopReader = deps.reader.subscribe(() => this.read.follow());
    this.read.follow();
  }

  get patientId(): string {
    return this.state.get().patient.patientId;
  }

  /** The protocols that fit the patient and the one shown (the same object until they change). */
  hanging(): Hanging {
    return this.grid.hanging();
  }

  /** The grid's cells under the current layout and choices (the same array until they change). */
  cells(): readonly ReadingCell[] {
    return this.grid.cells();
  }

  // --- Viewer lifecycle (the reading screen mounts and unmounts it) ---------------------------

  /** The viewer's prefetch progress per viewport, for the progress bars (none before mount). */
  get prefetchProgress(): ViewerSession['prefetchProgress'] {
    return this.viewer?.prefetchProgress;
  }

  private get viewer(): ViewerSession | undefined {
    return this.mount.viewer;
  }

  /** Starts a viewer session for the grid on screen (again after `unmountViewer`). */
  mountViewer(): void {
    if (this.viewer || this.disposed) return;
    this.slices.reset(this.deps.views.load(this.patientId)?.slices);
    this.mount.mount(() =>
      this.deps.createViewer(
        (viewportId, status) =>
          this.update({ statuses: { ...this.state.get().statuses, [viewportId]: status } }),
        (measurements) => this.marks.measurementsChanged(measurements),
      ),
    );
    // Scrolling follows across exams while the registration trusts their transform.
    this.mount.viewer?.setFrameMap?.((from, to) =>
      frameToFrame(this.state.get().registration, from, to),
    );
    // A new viewer starts with the default tool and no links.
    this.update({
      tool: 'WindowLevel',
      statuses: {},
      rowSync: {},
      linkFrom: undefined,
    });
    this.marks.viewerChanged();
  }

  /** Disposes the viewer session (the screen went away); the read stays open. */
  unmountViewer(): void {
    this.marks.viewerGoing();
    this.mount.unmount();
  }

  /** The element of a viewport on screen (null when it goes away). */
  attach(viewportId: string, element: HTMLDivElement | null): void {
    this.mount.attach(viewportId, element);
  }

  /** Has the viewer show the grid's series, when what is shown changed since the last call. */
  showViewports(): void {
    this.mount.show(this.cells());
  }

  // --- The grid ------------------------------------------------------------------------------

  /**
   * A new catalogue of the patient (more studies, corrections): the protocol kept for its studies
   * if any, and a layout the reader left as the protocol's follows the new grid.
   */
  setPatient(patient: CatalogPatient): void {
    this.apply(this.grid.patientChanged(patient));
    this.examQc?.refresh();
  }

  /** Hangs another protocol (remembered for the study): its grid from the top-left, no picks. */
  chooseProtocol(protocolId: string): void {
    this.update(this.grid.protocolChosen(protocolId));
  }

  setLayout(layout: Layout): void {
    this.update(this.grid.layoutSet(layout));
  }

  chooseSeries(cellId: string, seriesKey: string): void {
    this.update({ choices: { ...this.state.get().choices, [cellId]: seriesKey } });
  }

  /** Makes a cell on screen the active one (a hidden cell cannot be). */
  activate(cellId: string): void {
    this.apply(this.grid.activated(cellId));
  }

  /** Shows a cell (the active one by default) over the whole grid, or the grid again. */
  toggleMaximise(cellId: string = this.state.get().activeCell): void {
    this.apply(this.grid.maximiseToggled(cellId));
  }

  get activeViewport(): string {
    return viewportIdOf(this.state.get().activeCell);
  }

  setTool(tool: ReadingTool): void {
    this.update({ tool });
    this.viewer?.setTool(tool);
  }

  setRowSync(row: number, kind: RowSyncKind, on: boolean): void {
    this.update({ rowSync: { ...this.state.get().rowSync, [rowSyncKey(row, kind)]: on } });
    this.viewer?.setRowSync(row, kind, on);
  }

  /** First call marks a viewport; the second links the two (or cancels on the same one). */
  link(cellId: string): void {
    const viewportId = viewportIdOf(cellId);
    const from = this.state.get().linkFrom;
    if (from === undefined) return this.update({ linkFrom: viewportId });
    if (from !== viewportId) this.viewer?.link(from, viewportId);
    this.update({ linkFrom: undefined });
  }

  /** Shows slice `index` of a cell's viewport (its slice bar). */
  scrollTo(cellId: string, index: number): void {
    this.viewer?.scrollTo(viewportIdOf(cellId), index);
  }

  unlink(cellId: string): void {
    this.viewer?.unlink(viewportIdOf(cellId));
  }

  /** Runs a viewer key action (a W/L preset on every cell of the active one's modality). */
  runAction(action: KeyAction): void {
    if (action.kind === 'tool') return this.setTool(action.tool);
    if (action.kind === 'maximise') return this.toggleMaximise();
    this.mount.runOn(this.cells(), this.state.get().activeCell, action);
  }

  /**
   * Esc in the reading room ends the innermost mode, one per press: a drawing in progress, a
   * pending link, a maximised viewport. 'none' when none was on (the screen then goes back).
   */
  escape(): 'drawing' | 'link' | 'maximised' | 'none' {
    const { linkFrom, maximised } = this.state.get();
    if (this.viewer?.cancelDrawing?.()) return 'drawing';
    if (linkFrom !== undefined) this.update({ linkFrom: undefined });
    else if (maximised !== undefined) this.toggleMaximise(maximised);
    else return 'none';
    return linkFrom !== undefined ? 'link' : 'maximised';
  }

  /** The image the active viewport shows. */
  shownImageId(): string | undefined {
    return this.viewer?.currentImageId(this.activeViewport);
  }

  // --- Lesions and the read ------------------------------------------------------------------

  /** Moves every viewport in the place's frame of reference to the lesion (now or when ready). */
  focusLesion(lesionId: LesionId, place: ImagePoint): void {
    const seq = (this.state.get().focus?.seq ?? 0) + 1;
    this.update({ focus: { lesionId, place, seq } });
  }

  setPlace(place: ReadPlace): void {
    const current = this.state.get().place;
    if (current.timepoint === place.timepoint && current.lesionId === place.lesionId) return;
    this.update({ place });
  }

  // The measurement-to-command link lives in ./records.ts; the rows call it through here.
  readonly recordTargets = (m: Measurement) => this.records.recordTargets(m);
  readonly recordedOf = (m: Measurement) => this.records.recordedOf(m);
  readonly canUndoRecord = (m: Measurement, at?: number) => this.records.canUndoRecord(m, at);
  readonly recordUndoWait = (m: Measurement, at?: number) => this.records.recordUndoWait(m, at);
  readonly lesionsNear = (link: MeasurementLink) => this.records.lesionsNear(link);
  /** `at`: when the reader asked (an input event's timeStamp; absent: now). */
  readonly recordMeasurement = (m: Measurement, link: MeasurementLink, at?: number): boolean => {
    const done = this.records.recordMeasurement(m, link, at);
    if (done) {
      const seq = (this.state.get().lastRecorded?.seq ?? 0) + 1;
      this.update({ lastRecorded: { uid: m.uid, seq } });
    }
    return done;
  };
  readonly undoRecord = (m: Measurement, at?: number) => this.records.undoRecord(m, at);
  /** Whether the last Record is younger than a double-click (./records.ts). */
  readonly justRecorded = (at?: number) => this.records.justRecorded(at);

  /** The image a measurement was drawn on (timepoint, series) and whether the grid shows it. */
  measurementSource(m: Pick<Measurement, 'imageId'>): MeasurementSource | undefined {
    return sourceOf(this.state.get().patient, this.cells(), m);
  }

  /** Undoes the reader's last action: a new drawing (./marks.ts), else the read's last change. */
  undo(): boolean {
    if (this.marks.undoDrawing()) return true;
    return this.state.get().read?.undo() ?? false;
  }

  /** The study's acquisition QC thresholds (docs/domain.md §11; the defaults of src/dicom/qc.ts). */
  qcThresholds(): QcThresholds {
    return this.deps.qcThresholds?.() ?? DEFAULT_QC_THRESHOLDS;
  }

  /** Marks an exam not evaluable with a reason, or clears the mark (undefined); undoable. */
  setExamNotEvaluable(studyInstanceUid: string, reason: string | undefined): boolean {
    return (
      this.state.get().read?.dispatch('setExamNotEvaluable', { studyInstanceUid, reason }) ?? false
    );
  }

  /** Resolves once the reader's drawings are loaded and saved (tests wait on it). */
  drawingsSaved(): Promise<void> {
    return this.marks.flushed();
  }

  redo(): boolean {
    return this.state.get().read?.redo() ?? false;
  }

  /** Closes the viewer and lets go of the read. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopReader();
    this.examQc?.stop();
    this.marks.dispose();
    this.unmountViewer();
    this.read.close();
  }

  // --- Internals -----------------------------------------------------------------------------

  private update(change: Partial<WorkspaceState>): void {
    this.state.set((previous) => ({ ...previous, ...change }));
    const grid =
      'layout' in change || 'choices' in change || 'patient' in change || 'protocolId' in change;
    if (grid) this.keepActiveShown();
    if (grid || 'focus' in change || 'statuses' in change || 'registration' in change) {
      this.applyFocus();
    }
    if (grid || 'statuses' in change || 'activeCell' in change) this.restoreAndSaveView();
    if ('read' in change) {
      this.marks.followSession(this.state.get().read);
      this.followExamQc();
    }
    if ('statuses' in change) this.marks.viewerChanged();
    if ('recorded' in change) this.marks.recordedChanged();
  }

  /** Records the exams' QC in the reader's read (./examQc.ts), following the session open now. */
  private followExamQc(): void {
    this.examQc?.stop();
    const session = this.state.get().read;
    this.examQc =
      session &&
      followExamQc(
        session,
        () => this.state.get().patient,
        () => this.qcThresholds(),
      );
  }

  private apply(change: Partial<WorkspaceState> | undefined): void {
    if (change) this.update(change);
  }

  /**
   * Ready viewports go to the focus's place, once per request: those in its frame of reference
   * directly, the others through the exams' registration when it is trusted (registration.ts),
   * with a marker there; a viewport still loading goes once ready, beating a restored slice.
   */
  private applyFocus(): void {
    const { focus, statuses, registration } = this.state.get();
    if (!focus || !this.viewer) return;
    this.slices.applyFocus(this.viewer, this.cells(), focus, statuses, registration);
  }

  /** Restores each viewport's slice once it is first ready; then saves the view for a reload. */
  private restoreAndSaveView(): void {
    const { statuses, layout, activeCell, choices } = this.state.get();
    if (!this.viewer) return;
    const slices = this.slices.restore(this.viewer, this.cells(), statuses);
    this.deps.views.save(this.patientId, { layout, activeCell, choices, slices });
  }

  /** A layout that drops the active (or maximised) cell makes its first cell the active one. */
  private keepActiveShown(): void {
    const kept = this.grid.keptShown();
    if (kept) this.state.set((previous) => ({ ...previous, ...kept }));
  }
}
