/**
 * The reading room: which patient is open, and its one ReadingWorkspace. Made once at the
 * composition root (src/compose.ts); opening another patient disposes the previous workspace.
 * The patient may be asked for before the library holds it (a deep link): the workspace is made
 * as soon as it appears. A change of reader reopens the open patient afresh (protocol layout,
 * middle slices, no lesion in focus): the next reader sees nothing of where the last one looked.
 */
import type { CatalogPatient } from '../../dicom/catalog';
import { createStore, type Store } from '../createStore';
import type { PatientRegistration } from './registration';
import { ReadingWorkspace, type ReadPlace, type WorkspaceDeps } from './workspace';

export interface RoomState {
  readonly patientId: string | undefined;
  readonly workspace: ReadingWorkspace | undefined;
  /** Where the read was asked to open (the workspace then keeps the reader's place). */
  readonly place: ReadPlace;
  /** The patient opened last (the patient list gives it the focus again on coming back). */
  readonly lastPatientId: string | undefined;
}

export interface RoomDeps extends WorkspaceDeps {
  /** The catalogued patient with the reader's corrections (the same object until they change). */
  readonly patientOf: (patientId: string) => CatalogPatient | undefined;
  /** Calls back when the library or the corrections change. */
  readonly onPatientsChange: (listener: () => void) => () => void;
}

export class ReadingRoom {
  private readonly state = createStore<RoomState>({
    patientId: undefined,
    workspace: undefined,
    place: {},
    lastPatientId: undefined,
  });
  readonly store: Pick<Store<RoomState>, 'get' | 'subscribe'> = this.state;
  private readonly stop: () => void;
  private readonly stopReader: () => void;
  private readerId: string | undefined;

  constructor(private readonly deps: RoomDeps) {
    this.stop = deps.onPatientsChange(() => this.follow());
    this.readerId = deps.reader.get()?.id;
    this.stopReader = deps.reader.subscribe(() => this.readerChanged());
  }

  /** Opens a patient (at a place in the read, from a deep link). */
  open(patientId: string, place: ReadPlace = {}): void {
    const { patientId: current } = this.state.get();
    if (current === patientId) return;
    this.close();
    this.state.set({ patientId, workspace: undefined, place, lastPatientId: patientId });
    this.follow();
  }

  /** Closes the open patient, if any. */
  close(): void {
    this.state.get().workspace?.dispose();
    this.state.set((s) => ({ ...s, patientId: undefined, workspace: undefined, place: {} }));
  }

  /**
   * Registers a patient's exams with the tab's registrar (cached per pair of series), for the
   * central review's viewer; undefined when there is no registrar or the patient is not loaded.
   */
  readonly registerPatient = (patientId: string): Promise<PatientRegistration> | undefined => {
    const patient = this.deps.patientOf(patientId);
    return patient && this.deps.register?.(patient);
  };

  dispose(): void {
    this.close();
    this.stop();
    this.stopReader();
  }

  /** Another reader: the open patient's workspace is made again, at no place in the read. */
  private readerChanged(): void {
    const readerId = this.deps.reader.get()?.id;
    const previous = this.readerId;
    if (readerId === previous) return;
    this.readerId = readerId;
    const { patientId, workspace } = this.state.get();
    // A reader set for the first time (a link opened before the reader was chosen) is no switch:
    // the workspace opens that reader's read itself, at the place the link asked for.
    if (patientId === undefined || !workspace || previous === undefined) return;
    workspace.dispose();
    this.state.set((s) => ({ ...s, workspace: undefined, place: {} }));
    this.follow();
  }

  private follow(): void {
    const { patientId, workspace, place } = this.state.get();
    if (patientId === undefined) return;
    const patient = this.deps.patientOf(patientId);
    if (!patient) return;
    if (workspace) return workspace.setPatient(patient);
    // The view (layout, slices) is kept per reader, like the read: bound to the reader now set.
    const readerId = this.readerId;
    const key = (id: string): string => {
      const reader = readerId ?? this.deps.reader.get()?.id;
      return reader === undefined ? id : `${reader}/${id}`;
    };
    const views: RoomDeps['views'] = {
      load: (id) => this.deps.views.load(key(id)),
      save: (id, view) => this.deps.views.save(key(id), view),
    };
    const opened = new ReadingWorkspace(patient, { ...this.deps, views }, place);
    this.state.set((s) => ({ ...s, workspace: opened }));
  }
}
