/**
 * A headless reading room for Node tests: a fake viewer that records what the workspace asks of
 * it and reports statuses and measurements when the test says so, an in-memory read repository,
 * in-memory view storage and a small two-timepoint patient.
 */
import type { Reader } from '../../../src/domain/index.ts';
import type { CatalogPatient, CatalogSeries } from '../../../src/dicom/catalog.ts';
import type { SeriesRole } from '../../../src/dicom/roles.ts';
import { createStore } from '../../../src/store/createStore.ts';
import { MemoryDrawingStore } from '../../../src/store/reads/drawings.ts';
import { MemoryReadRepository } from '../../../src/store/reads/repository.ts';
import { readPool } from '../../../src/store/reads/pool.ts';
import { openReadSession, type ReadSession } from '../../../src/store/reads/session.ts';
import { webSha256 } from '../../../src/store/reads/webSha256.ts';
import type { ViewState } from '../../../src/store/viewState.ts';
import {
  ReadingRoom,
  type RoomDeps,
  type ViewerFactory,
  type ViewerSession,
} from '../../../src/store/workspace/index.ts';
import type { MarkSpec, SavedDrawing } from '../../../src/viewer/markAnnotations.ts';
import type { Measurement } from '../../../src/viewer/measurements.ts';
import type { ReadingStatus, ReadingViewportSpec } from '../../../src/viewer/readingSession.ts';
import { makeInstance } from '../../dicom/fixtures.ts';
import { makeContext } from '../../domain/fixtures.ts';

export const CT_FRAME = '1.2.826.1.1';
export const MR_FRAME = '1.2.826.1.2';
export const PREOP_MR_FRAME = '1.2.826.1.3';

function series(key: string, role: SeriesRole, frame: string, slices = 10): CatalogSeries {
  const modality = role.kind === 'CT' ? 'CT' : 'MR';
  return {
    key,
    seriesInstanceUid: key,
    description: key,
    seriesNumber: undefined,
    modality,
    role,
    instances: Array.from({ length: slices }, (_, z) =>
      makeInstance(
        {
          modality,
          seriesInstanceUid: key,
          studyInstanceUid: `study-${key}`,
          frameOfReferenceUid: frame,
          imagePositionPatient: [0, 0, z * 5],
        },
        `${key}:${z}`,
      ),
    ),
  };
}

const exam = (list: CatalogSeries[]) => ({
  studyInstanceUid: list[0]?.key ?? '',
  studyDate: '',
  studyDescription: '',
  modalities: [],
  series: list,
});

/**
 * CT and MR (ADC, HBP) at baseline and pre-op: the CTs share a frame of reference, as
 * registered; each MR exam has its own.
 */
export const PATIENT: CatalogPatient = {
  patientId: 'DREAM-001',
  patientName: 'ANON',
  timepoints: [
    {
      id: 'baseline',
      source: 'trial-tag',
      exams: [
        exam([series('b-ct', { kind: 'CT', phase: 'portal-venous' }, CT_FRAME)]),
        exam([
          series('b-adc', { kind: 'ADC' }, MR_FRAME),
          series('b-hbp', { kind: 'EOB', phase: 'hbp' }, MR_FRAME),
        ]),
      ],
    },
    {
      id: 'preop',
      source: 'trial-tag',
      exams: [
        exam([series('p-ct', { kind: 'CT', phase: 'portal-venous' }, CT_FRAME)]),
        exam([
          series('p-adc', { kind: 'ADC' }, PREOP_MR_FRAME),
          series('p-hbp', { kind: 'EOB', phase: 'hbp' }, PREOP_MR_FRAME),
        ]),
      ],
    },
  ],
};

/** A viewer that does what it is told and keeps a log of it. */
export class FakeViewer implements ViewerSession {
  readonly shown: (readonly ReadingViewportSpec[])[] = [];
  readonly slicesAt: { viewportId: string; point: readonly number[] }[] = [];
  readonly scrolledTo: { viewportId: string; index: number }[] = [];
  readonly calls: string[] = [];
  disposed = false;
  /** The marks last asked for, the drawings added back and the drawings removed. */
  marks: readonly MarkSpec[] = [];
  readonly restored: SavedDrawing[][] = [];
  readonly removed: string[] = [];
  readonly annotations = {
    setMarks: (specs: readonly MarkSpec[]) => void (this.marks = specs),
    clearDrawings: () => this.page.clear(),
    restoreDrawings: (drawings: readonly SavedDrawing[]) => {
      this.restored.push([...drawings]);
      for (const d of drawings) if (!this.page.has(d.uid)) this.page.set(d.uid, d.imageId);
    },
    removeDrawing: (uid: string) => {
      this.removed.push(uid);
      this.page.delete(uid);
    },
  };

  constructor(
    readonly report: (viewportId: string, status: ReadingStatus) => void,
    readonly measure: (measurements: Measurement[]) => void,
    /**
     * The page's measurement drawings, uid -> image id: cornerstone's annotation state is
     * page-wide, so every viewer of one room (one page) shares it.
     */
    readonly page = new Map<string, string>(),
  ) {}

  /** The reader draws `m`: it joins the page's drawings, and the viewer lists it. */
  draw(m: Measurement, listed: readonly Measurement[] = [m]) {
    this.page.set(m.uid, m.imageId);
    this.measure([...listed]);
  }

  /** The uids of the drawings on the page's images now. */
  drawingsShown(): string[] {
    return [...this.page.keys()];
  }

  show(specs: readonly ReadingViewportSpec[]) {
    this.shown.push(specs);
    return Promise.resolve();
  }
  showSliceAt(viewportId: string, point: readonly number[]) {
    this.slicesAt.push({ viewportId, point });
    return Promise.resolve(undefined);
  }
  scrollTo(viewportId: string, index: number) {
    this.scrolledTo.push({ viewportId, index });
  }
  setTool(tool: string) {
    this.calls.push(`tool ${tool}`);
  }
  scroll(viewportId: string, delta: number) {
    this.calls.push(`scroll ${viewportId} ${delta}`);
  }
  link(a: string, b: string) {
    this.calls.push(`link ${a} ${b}`);
  }
  unlink(viewportId: string) {
    this.calls.push(`unlink ${viewportId}`);
  }
  setRowSync(row: number, kind: string, on: boolean) {
    this.calls.push(`rowSync ${row} ${kind} ${on}`);
  }
  applyPreset(viewportId: string, preset: string) {
    this.calls.push(`preset ${viewportId} ${preset}`);
  }
  reset(viewportId: string) {
    this.calls.push(`reset ${viewportId}`);
  }
  invert(viewportId: string) {
    this.calls.push(`invert ${viewportId}`);
  }
  toggleCine(viewportId: string) {
    this.calls.push(`cine ${viewportId}`);
  }
  currentImageId() {
    return undefined;
  }
  /** A drawing the reader has begun and not finished (Esc cancels it). */
  drawing = false;
  cancelDrawing() {
    const was = this.drawing;
    this.drawing = false;
    return was;
  }
  dispose() {
    this.disposed = true;
  }

  /** Reports a viewport ready at `index`. */
  ready(viewportId: string, index = 0) {
    this.report(viewportId, {
      state: 'ready',
      index,
      count: 10,
      positionMm: index * 5,
      windowWidth: 400,
      windowCenter: 40,
      invert: false,
      linked: false,
      cine: false,
    });
  }
}

export const READER: Reader = { id: 'r1', name: 'Dr One' };

/** A tab's composition root over shared storage (a second call with the same storage = reload). */
export function makeRoom(
  storage = {
    repository: new MemoryReadRepository(),
    views: new Map<string, ViewState>(),
    drawings: new MemoryDrawingStore(),
    protocols: new Map<string, string>(),
  },
  patients: readonly CatalogPatient[] = [PATIENT],
  /** More of what the root gives (a registrar, QC thresholds). */
  extra: Partial<RoomDeps> = {},
) {
  const viewers: FakeViewer[] = [];
  const page = new Map<string, string>();
  const createViewer: ViewerFactory = (onStatus, onMeasurements) => {
    const viewer = new FakeViewer(onStatus, onMeasurements, page);
    viewers.push(viewer);
    return viewer;
  };
  const reader = createStore<Reader | undefined>(READER);
  const library = createStore<readonly CatalogPatient[]>(patients);
  const closed: string[] = [];
  const reads = readPool(
    (patientId, who) =>
      openReadSession(patientId, {
        repository: storage.repository,
        sha256: webSha256,
        context: { now: makeContext().now, newId: () => crypto.randomUUID() },
        reader: who,
      }),
    (who) => closed.push(who.id),
  );
  const room = new ReadingRoom({
    createViewer,
    openRead: reads.open,
    closeRead: reads.close,
    reader,
    views: {
      load: (id) => storage.views.get(id),
      save: (id, view) => void storage.views.set(id, view),
    },
    drawings: storage.drawings,
    protocols: {
      load: (key) => storage.protocols.get(key),
      save: (key, id) => void storage.protocols.set(key, id),
    },
    patientOf: (id) => library.get().find((p) => p.patientId === id),
    onPatientsChange: library.subscribe,
    ...extra,
  });
  return { room, storage, viewers, reader, library, closed };
}

/** Resolves once the session's state passes `ok` (waits on the store's signal, not on time). */
export function whenRead(
  session: ReadSession,
  ok: (state: ReturnType<ReadSession['store']['get']>) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (ok(session.store.get())) return resolve();
    const stop = session.store.subscribe(() => {
      if (!ok(session.store.get())) return;
      stop();
      resolve();
    });
  });
}

/** A fake element per viewport id (the fake viewer never touches it). */
export const element = (id: string) => ({ id }) as unknown as HTMLDivElement;
