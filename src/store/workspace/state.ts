/**
 * The reading workspace's state and what it needs from outside (workspace.ts is the model that
 * holds them). Types only; the composition root (src/compose.ts) provides `WorkspaceDeps`.
 */
import type { ImagePoint, LesionId, Reader, TimepointId } from '../../domain';
import type { CatalogPatient } from '../../dicom/catalog';
import type { QcThresholds } from '../../dicom/qc';
import type { Measurement } from '../../viewer/measurements';
import type { Layout } from '../../viewer/protocol';
import type { CellChoices } from '../../viewer/readingLayout';
import type { ReadingStatus } from '../../viewer/readingSession';
import type { ReadingTool } from '../../viewer/readingTools';
import type { Store } from '../createStore';
import type { DrawingStore, ReadSession } from '../reads';
import type { ViewState } from '../viewState';
import type { ProtocolChoiceStore } from './hanging';
import type { RecordMap } from './records';
import type { RegisterPatient, RegistrationView } from './registration';
import type { ViewerFactory } from './viewer';

/** "Show me this lesion": every viewport in the place's frame of reference goes there. */
export interface LesionFocus {
  readonly lesionId: LesionId;
  readonly place: ImagePoint;
  /** Grows with every request, so asking for the same lesion again moves the viewports again. */
  readonly seq: number;
}

/**
 * The reader's last Record: the measurement and a number that grows with every Record, so a
 * measurement recorded again after an undo is a new Record (the lesion panel goes to each).
 */
export interface LastRecord {
  readonly uid: string;
  readonly seq: number;
}

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
  /** The reader's last Record in this page (not one restored after a reload). */
  readonly lastRecorded: LastRecord | undefined;
  /** The exams' registration (registration.ts); undefined without a registrar. */
  readonly registration: RegistrationView | undefined;
}

/** The part of the state that decides the grid's cells and which of them is active (grid.ts). */
export type GridState = Pick<
  WorkspaceState,
  'patient' | 'layout' | 'protocolId' | 'choices' | 'activeCell' | 'maximised'
>;

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
  /** The study's acquisition QC thresholds (absent: the defaults, src/dicom/qc.ts). */
  readonly qcThresholds?: () => QcThresholds;
  /** The time in ms (absent: performance.now, as input events' timeStamp); tests move theirs. */
  readonly now?: () => number;
}
