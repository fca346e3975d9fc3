/**
 * One reading workspace per open patient: the headless model of the reading room (as tldraw's
 * Editor is of its canvas). It owns the viewer session, the reader's read session, the grid's
 * view state, the lesion in focus and the reader's place in the read, and links measurements to
 * read commands. React components subscribe to `store` and call its methods; nothing else.
 * Everything from outside (viewer, reads, the reader, view storage) comes in through
 * `WorkspaceDeps`, so tests drive it in Node with a fake viewer.
 */
import type { ImagePoint, LesionId, Reader, TimepointId } from '../../domain';
import type { CatalogPatient } from '../../dicom/catalog';
import type { Measurement } from '../../viewer/measurements';
import { parseLayout, type Layout } from '../../viewer/protocol';
import type { KeyAction } from '../../viewer/readingKeys';
import { readingCells, type CellChoices } from '../../viewer/readingLayout';
import type { ReadingCell } from '../../viewer/readingLayout';
import type { ReadingStatus } from '../../viewer/readingSession';
import type { ReadingTool } from '../../viewer/readingTools';
import type { RowSyncKind } from '../../viewer/rowSync';
import { createStore, type Store } from '../createStore';
import { studyKeyOf } from '../protocolChoice';
import type { DrawingStore, MeasurementLink, ReadSession } from '../reads';
import type { ViewState } from '../viewState';
import { gridOf, hangingMemo, hangingOf, type Hanging, type ProtocolChoiceStore } from './hanging';
import { WorkspaceMarks } from './marks';
import { MeasurementRecords, type RecordMap } from './records';
import {
  focusTargets,
  startRegistration,
  type RegisterPatient,
  type RegistrationView,
} from './registration';
import type { ViewerFactory, ViewerSession } from './viewer';
import { rowSyncKey, shownCellIds, shownKeyOf, viewportIdOf, viewportSpecs } from './viewports';

/** "Show me this lesion": every viewport in the place's frame of reference goes there. */
export interface LesionFocus {
  readonly lesionId: LesionId;
  readonly place: ImagePoint;
  /** Grows with every request, so asking for the same lesion again moves the viewports again. */
  readonly seq: number;
}

export type { WorkspaceRecord } from './records';

/** Where the reader is in the read (for the URL and a reload): a timepoint and a lesion. */
export interface ReadPlace {
  readonly timepoint?: TimepointId;
  readonly lesionId?: LesionId;
}

export interface WorkspaceState {
  /** The patient as catalogued, with the reader's role and timepoint corrections applied. */
  readonly patient: CatalogPatient;
  readonly layout: Layout;
  /** The hanging protocol the reader chose for the study (undefined: the best match). */
  readonly protocolId: string | undefined;
  /** Cell id -> series key chosen by the reader. */
  readonly choices: CellChoices;
  /** Always a cell on screen: one of the layout's, and the maximised one while there is one. */
  readonly activeCell: string;
  /** The cell shown over the whole grid (double-click or the key), or undefined for the grid. */
  readonly maximised: string | undefined;
  readonly tool: ReadingTool;
  /** Viewport id -> what it reports. */
  readonly statuses: Readonly<Record<string, ReadingStatus>>;
  readonly measurements: readonly Measurement[];
  /** `rowSyncKey(row, kind)` -> on. */
  readonly rowSync: Readonly<Record<string, boolean>>;
  /** The viewport waiting for a second one to link its scrolling to. */
  readonly linkFrom: string | undefined;
  /** The current reader's read of the patient (undefined until a reader is set). */
  readonly read: ReadSession | undefined;
  readonly focus: LesionFocus | undefined;
  readonly place: ReadPlace;
  /** Measurement uid -> what recording it made (live while `recordHolds` on the read). */
  readonly recorded: RecordMap;
  /** The exams' registration (registration.ts); undefined without a registrar. */
  readonly registration: RegistrationView | undefined;
}

/** What a workspace needs from outside; the composition root (src/compose.ts) provides it. */
export interface WorkspaceDeps {
  readonly createViewer: ViewerFactory;
  /** Opens the reader's read of a patient. */
  readonly openRead: (patientId: string, reader: Reader) => ReadSession;
  /** Lets go of a read (the root closes it once its saves are done). */
  readonly closeRead: (patientId: string, session: ReadSession, reader: Reader) => void;
  /** The reader set in this browser. */
  readonly reader: Pick<Store<Reader | undefined>, 'get' | 'subscribe'>;
  /** The grid's arrangement kept for a reload (per tab). */
  readonly views: {
    load(patientId: string): ViewState | undefined;
    save(patientId: string, view: ViewState): void;
  };
  /** Where the reader's drawings are kept per read (none: they last as long as the page). */
  readonly drawings?: DrawingStore;
  /** The reader's hanging protocol per study (kept in this browser). */
  readonly protocols: ProtocolChoiceStore;
  /** Registers the patient's exams when it opens (absent: frame-of-reference sync only). */
  readonly register?: RegisterPatient;
}

export class ReadingWorkspace {
  private readonly state: Store<WorkspaceState>;
  readonly store: Pick<Store<WorkspaceState>, 'get' | 'subscribe'>;
  private viewer: ViewerSession | undefined;
  private readonly elements = new Map<string, HTMLDivElement>();
  /** Cell id -> slice index to restore once its viewport is first ready. */
  private pendingSlices = new Map<string, number>();
  /** Viewport id -> the focus request it has moved for. */
  private readonly focusedSeq = new Map<string, number>();
  private shown: string | undefined;
  private cellsMemo: { key: unknown[]; cells: ReadingCell[] } | undefined;
  private readonly hangingOfPatient = hangingMemo();
  /** Whether the layout is the reader's (set or restored) rather than the protocol's grid. */
  private ownLayout: boolean;
  private reader: Reader | undefined;
  private readonly stopReader: () => void;
  private disposed = false;
  private readonly records = new MeasurementRecords({
    session: () => this.state.get().read,
    cells: () => this.cells(),
    recorded: () => this.state.get().recorded,
    setRecorded: (recorded) => this.update({ recorded }),
  });
  private readonly marks = new WorkspaceMarks({
    viewer: () => this.viewer,
    session: () => this.state.get().read,
    patient: () => this.state.get().patient,
    recorded: () => this.state.get().recorded,
    setRecorded: (recorded) => this.update({ recorded }),
    anyReady: () => Object.values(this.state.get().statuses).some((s) => s.state === 'ready'),
    store: () => this.deps.drawings,
  });

  constructor(
    patient: CatalogPatient,
    private readonly deps: WorkspaceDeps,
    place: ReadPlace = {},
  ) {
    const restored = deps.views.load(patient.patientId);
    const protocolId = deps.protocols.load(studyKeyOf(patient));
    const restoredLayout = parseLayout(restored?.layout);
    this.ownLayout = restoredLayout !== undefined;
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
      registration: undefined,
    });
    this.store = { get: this.state.get, subscribe: this.state.subscribe };
    this.keepActiveShown();
    startRegistration(deps.register, patient, (registration) => {
      if (!this.disposed) this.update({ registration });
    });
    this.stopReader = deps.reader.subscribe(() => this.followReader());
    this.followReader();
  }

  get patientId(): string {
    return this.state.get().patient.patientId;
  }

  /** The protocols that fit the patient and the one shown (the same object until they change). */
  hanging(): Hanging {
    const { patient, protocolId } = this.state.get();
    return this.hangingOfPatient(patient, protocolId);
  }

  /** The grid's cells under the current layout and choices (the same array until they change). */
  cells(): readonly ReadingCell[] {
    const { layout, choices, patient } = this.state.get();
    const grid = gridOf(this.hanging());
    const key = [grid, layout, choices];
    if (!this.cellsMemo || this.cellsMemo.key.some((k, i) => k !== key[i])) {
      this.cellsMemo = { key, cells: readingCells(patient, grid, layout, choices) };
    }
    return this.cellsMemo.cells;
  }

  // --- Viewer lifecycle (the reading screen mounts and unmounts it) ---------------------------

  /** The viewer's prefetch progress per viewport, for the progress bars (none before mount). */
  get prefetchProgress(): ViewerSession['prefetchProgress'] {
    return this.viewer?.prefetchProgress;
  }

  /** Starts a viewer session for the grid on screen (again after `unmountViewer`). */
  mountViewer(): void {
    if (this.viewer || this.disposed) return;
    const restored = this.deps.views.load(this.patientId);
    this.pendingSlices = new Map(Object.entries(restored?.slices ?? {}));
    this.focusedSeq.clear();
    this.shown = undefined;
    this.viewer = this.deps.createViewer(
      (viewportId, status) =>
        this.update({ statuses: { ...this.state.get().statuses, [viewportId]: status } }),
      (measurements) => {
        this.update({ measurements });
        this.marks.measurementsChanged(measurements);
      },
    );
    // A new viewer starts with the default tool and no links.
    this.update({
      tool: 'WindowLevel',
      statuses: {},
      measurements: [],
      rowSync: {},
      linkFrom: undefined,
    });
    this.marks.viewerChanged();
  }

  /** Disposes the viewer session (the screen went away); the read stays open. */
  unmountViewer(): void {
    this.viewer?.dispose();
    this.viewer = undefined;
  }

  /** The element of a viewport on screen (null when it goes away). */
  attach(viewportId: string, element: HTMLDivElement | null): void {
    if (element) this.elements.set(viewportId, element);
    else this.elements.delete(viewportId);
  }

  /** Has the viewer show the grid's series, when what is shown changed since the last call. */
  showViewports(): void {
    const cells = this.cells();
    const key = shownKeyOf(cells);
    if (!this.viewer || key === this.shown) return;
    this.shown = key;
    void this.viewer.show(viewportSpecs(cells, this.elements));
  }

  // --- The grid ------------------------------------------------------------------------------

  /**
   * A new catalogue of the patient (more studies, corrections): the protocol kept for its studies
   * if any, and a layout the reader left as the protocol's follows the new grid.
   */
  setPatient(patient: CatalogPatient): void {
    const { patient: current, protocolId: chosen } = this.state.get();
    if (patient === current) return;
    const protocolId = this.deps.protocols.load(studyKeyOf(patient)) ?? chosen;
    const next = this.ownLayout ? {} : { layout: hangingOf(patient, protocolId).layout };
    this.update({ patient, protocolId, ...next });
  }

  /** Hangs another protocol (remembered for the study): its grid from the top-left, no picks. */
  chooseProtocol(protocolId: string): void {
    const { patient } = this.state.get();
    this.deps.protocols.save(studyKeyOf(patient), protocolId);
    const layout = hangingOf(patient, protocolId).layout;
    this.ownLayout = false;
    this.update({ protocolId, layout, choices: {}, activeCell: 'r0c0' });
  }

  setLayout(layout: Layout): void {
    this.ownLayout = true;
    this.update({ layout, maximised: undefined });
  }

  chooseSeries(cellId: string, seriesKey: string): void {
    this.update({ choices: { ...this.state.get().choices, [cellId]: seriesKey } });
  }

  /** Makes a cell on screen the active one (a hidden cell cannot be). */
  activate(cellId: string): void {
    const { maximised } = this.state.get();
    if (!shownCellIds(this.cells(), maximised).includes(cellId)) return;
    this.update({ activeCell: cellId });
  }

  /** Shows a cell (the active one by default) over the whole grid, or the grid again. */
  toggleMaximise(cellId: string = this.state.get().activeCell): void {
    if (this.state.get().maximised !== undefined) return this.update({ maximised: undefined });
    if (!this.cells().some((c) => c.cellId === cellId)) return;
    this.update({ maximised: cellId, activeCell: cellId });
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

  /** Runs a viewer key action on the active viewport; tags and help belong to the screen. */
  runAction(action: KeyAction): void {
    const v = this.viewer;
    const id = this.activeViewport;
    switch (action.kind) {
      case 'scroll':
        return v?.scroll(id, action.delta);
      case 'preset':
        return v?.applyPreset(id, action.preset);
      case 'tool':
        return this.setTool(action.tool);
      case 'reset':
        return v?.reset(id);
      case 'invert':
        return v?.invert(id);
      case 'cine':
        return v?.toggleCine(id);
      case 'maximise':
        return this.toggleMaximise();
      case 'tags':
      case 'help':
        return;
    }
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
  readonly canUndoRecord = (m: Measurement) => this.records.canUndoRecord(m);
  readonly lesionsNear = (link: MeasurementLink) => this.records.lesionsNear(link);
  readonly recordMeasurement = (m: Measurement, link: MeasurementLink) =>
    this.records.recordMeasurement(m, link);
  readonly undoRecord = (m: Measurement) => this.records.undoRecord(m);

  /** Undoes the reader's last action: a new drawing (./marks.ts), else the read's last change. */
  undo(): boolean {
    if (this.marks.undoDrawing()) return true;
    return this.state.get().read?.undo() ?? false;
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
    this.marks.dispose();
    this.unmountViewer();
    this.closeRead();
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
    if ('read' in change) this.marks.followSession(this.state.get().read);
    if ('statuses' in change) this.marks.viewerChanged();
    if ('recorded' in change) this.marks.recordedChanged();
  }

  /**
   * Ready viewports go to the focus's place, once per request: those in its frame of reference
   * directly, the others through the exams' registration when it is trusted (registration.ts),
   * with a marker there; a viewport still loading goes once ready, beating a restored slice.
   */
  private applyFocus(): void {
    const { focus, statuses, registration } = this.state.get();
    if (!focus || !this.viewer) return;
    for (const target of focusTargets(this.cells(), focus.place, registration)) {
      const { viewportId, cellId, point } = target;
      if (statuses[viewportId]?.state !== 'ready') continue;
      if (this.focusedSeq.get(viewportId) === focus.seq) continue;
      this.focusedSeq.set(viewportId, focus.seq);
      this.pendingSlices.delete(cellId);
      void this.viewer.showSliceAt(viewportId, [...point]);
      this.viewer.markAt?.(viewportId, [...point]);
    }
  }

  /** Restores each viewport's slice once it is first ready; then saves the view for a reload. */
  private restoreAndSaveView(): void {
    const { statuses, layout, activeCell, choices } = this.state.get();
    if (!this.viewer) return;
    const slices: Record<string, number> = {};
    for (const cell of this.cells()) {
      const status = statuses[viewportIdOf(cell.cellId)];
      if (status?.state !== 'ready') continue;
      const wanted = this.pendingSlices.get(cell.cellId);
      if (wanted !== undefined) {
        this.pendingSlices.delete(cell.cellId);
        if (wanted !== status.index) this.viewer.scrollTo(viewportIdOf(cell.cellId), wanted);
      }
      slices[cell.cellId] = this.pendingSlices.get(cell.cellId) ?? status.index;
    }
    for (const [cellId, index] of this.pendingSlices) slices[cellId] ??= index;
    this.deps.views.save(this.patientId, { layout, activeCell, choices, slices });
  }

  /** A layout that drops the active (or maximised) cell makes its first cell the active one. */
  private keepActiveShown(): void {
    const { activeCell, maximised } = this.state.get();
    const ids = this.cells().map((c) => c.cellId);
    const kept = maximised !== undefined && ids.includes(maximised) ? maximised : undefined;
    const active = ids.includes(activeCell) && (kept ?? activeCell) === activeCell;
    if (kept === maximised && active) return;
    this.state.set((previous) => ({
      ...previous,
      maximised: kept,
      activeCell: active ? activeCell : (kept ?? ids[0] ?? activeCell),
    }));
  }

  /** Opens the read of the reader now set (closing the previous reader's). */
  private followReader(): void {
    const reader = this.deps.reader.get();
    // One read per reader id (a renamed reader keeps editing the same read).
    if (reader?.id === this.reader?.id) return;
    this.closeRead();
    this.reader = reader;
    const read = reader ? this.deps.openRead(this.patientId, reader) : undefined;
    this.update({ read, recorded: {} });
  }

  private closeRead(): void {
    const { read } = this.state.get();
    if (read && this.reader) this.deps.closeRead(this.patientId, read, this.reader);
    this.update({ read: undefined });
  }
}
