/**
 * Marks that last, for a reading workspace: the read's lesion marks drawn on their images (from
 * the read alone, src/domain/marks.ts), the reader's drawings kept in the browser per read
 * (src/store/reads/drawings.ts) and added back after a reload with what they recorded, and the
 * undo of a new drawing when it is the last thing the reader did.
 */
import { readMarks, type Read, type ReadMark } from '../../domain';
import type { CatalogPatient } from '../../dicom/catalog';
import type { MarkSpec, SavedDrawing } from '../../viewer/markAnnotations';
import type { Measurement } from '../../viewer/measurements';
import { sliceNormal } from '../../viewer/sliceSync';
import type { DrawingStore, ReadSession, SavedDrawings } from '../reads';
import { auditLength, type RecordMap } from './records';
import type { ViewerSession } from './viewer';

/** The annotation uid of a lesion mark (one per recorded place of a lesion). */
export const markUid = (mark: ReadMark): string => `dream-mark:${mark.key}`;

/**
 * The marks to draw for a read's marks on a patient's images: each on the image it was recorded
 * on (by SOP Instance UID and frame), labelled with its lesion id; a mark whose image is not in
 * the patient's catalog is left out.
 */
export function markSpecs(patient: CatalogPatient, marks: readonly ReadMark[]): MarkSpec[] {
  const instances = patient.timepoints.flatMap((t) =>
    t.exams.flatMap((e) => e.series.flatMap((s) => s.instances)),
  );
  return marks.flatMap((mark) => {
    const { place } = mark;
    const instance = instances.find(
      (i) =>
        i.header.sopInstanceUid === place.sopInstanceUid && (i.frame ?? 1) === place.frameNumber,
    );
    if (!instance) return [];
    const iop = instance.header.imageOrientationPatient;
    return [
      {
        uid: markUid(mark),
        label: mark.lesionId,
        imageId: instance.source,
        point: [place.point.x, place.point.y, place.point.z],
        frameOfReferenceUid: place.frameOfReferenceUid,
        ...(iop && { viewPlaneNormal: sliceNormal(iop) }),
        ...(mark.diameterMm !== undefined && { radiusMm: mark.diameterMm / 2 }),
      },
    ];
  });
}

/**
 * A measurement as a saved drawing; undefined without its frame of reference. Without values
 * (cornerstone has not computed them on this image yet) it keeps those `kept` had.
 */
export function drawingOf(m: Measurement, kept?: SavedDrawing): SavedDrawing | undefined {
  if (!m.plane) return undefined;
  const measured = m.values.length > 0;
  const values = measured ? m.values : kept?.values;
  const pixelCount = measured ? m.pixelCount : kept?.pixelCount;
  return {
    uid: m.uid,
    tool: m.tool,
    imageId: m.imageId,
    points: m.points,
    frameOfReferenceUid: m.plane.frameOfReferenceUid,
    ...(m.plane.viewPlaneNormal && { viewPlaneNormal: m.plane.viewPlaneNormal }),
    ...(m.plane.viewUp && { viewUp: m.plane.viewUp }),
    ...(values && values.length > 0 && { values }),
    ...(pixelCount !== undefined && { pixelCount }),
  };
}

/** A kept drawing as the measurement list shows it while the viewer does not list it. */
function measurementOf(drawing: SavedDrawing): Measurement {
  return {
    uid: drawing.uid,
    tool: drawing.tool,
    viewportId: '',
    imageId: drawing.imageId,
    points: drawing.points,
    values: [...(drawing.values ?? [])],
    ...(drawing.pixelCount !== undefined && { pixelCount: drawing.pixelCount }),
    plane: {
      frameOfReferenceUid: drawing.frameOfReferenceUid,
      ...(drawing.viewPlaneNormal && { viewPlaneNormal: drawing.viewPlaneNormal }),
      ...(drawing.viewUp && { viewUp: drawing.viewUp }),
    },
  };
}

/** What the marks need from the workspace. */
export interface MarksHost {
  readonly viewer: () => ViewerSession | undefined;
  readonly session: () => ReadSession | undefined;
  readonly patient: () => CatalogPatient;
  readonly recorded: () => RecordMap;
  readonly setRecorded: (recorded: RecordMap) => void;
  /** Whether a viewport of the viewer shows its series (drawings are added back then). */
  readonly anyReady: () => boolean;
  /** Where drawings are kept (none: they last as long as the page). */
  readonly store: () => DrawingStore | undefined;
  /** The measurement list changed (every drawing of the read, shown or not). */
  readonly listChanged: (measurements: readonly Measurement[]) => void;
}

export class WorkspaceMarks {
  private session: ReadSession | undefined;
  private stopSession: (() => void) | undefined;
  private shownRead: Read | undefined;
  private shownViewer: ViewerSession | undefined;
  /** The read whose drawings are loaded (saving waits for it, so nothing is overwritten). */
  private readId: string | undefined;
  private loadedFor: string | undefined;
  /** Drawing uid -> the drawing as kept. */
  private drawings = new Map<string, SavedDrawing>();
  /** New drawings in the order made, with the read's audit length then (for undo). */
  private drawn: { uid: string; auditAt: number }[] = [];
  private restoredInto: ViewerSession | undefined;
  /** The viewer cleared of drawings not of this read (cornerstone's state is page-wide). */
  private clearedIn: ViewerSession | undefined;
  private loading: Promise<void> | undefined;
  private saving: Promise<void> | undefined;
  private dirty = false;
  /** What the viewer listed last: the annotations on the images it shows. */
  private viewerList: readonly Measurement[] = [];

  constructor(private readonly host: MarksHost) {}

  /** Follows the workspace's read session (the reader's read, or none). */
  followSession(session: ReadSession | undefined): void {
    if (session === this.session) return;
    this.stopSession?.();
    // Another read (another reader's, or none): the previous read's drawings go at once, before
    // the next read is even loaded.
    this.forget();
    this.session = session;
    this.stopSession = session?.store.subscribe(() => this.readChanged());
    this.readChanged();
  }

  /**
   * A viewer was mounted or a viewport became ready: draw marks; a new viewer is first cleared
   * of every drawing (another read's may still be in cornerstone's page-wide state), then gets
   * the read's own back once they are loaded and a viewport is ready.
   */
  viewerChanged(): void {
    this.drawMarks();
    const viewer = this.host.viewer();
    if (!viewer) return;
    if (this.clearedIn !== viewer) {
      this.clearedIn = viewer;
      viewer.annotations.clearDrawings();
    }
    if (!this.host.anyReady() || this.restoredInto === viewer) return;
    if (this.loadedFor === undefined || this.loadedFor !== this.readId) return;
    this.restoredInto = viewer;
    viewer.annotations.restoreDrawings([...this.drawings.values()]);
  }

  /**
   * The viewer's measurement list changed: keep new and moved drawings. A drawing missing from
   * the list is not deleted (its series may just not be on screen); only its undo deletes it.
   */
  measurementsChanged(measurements: readonly Measurement[]): void {
    const read = this.host.session()?.store.get().read;
    this.viewerList = measurements;
    for (const m of measurements) {
      const kept = this.drawings.get(m.uid);
      const drawing = drawingOf(m, kept);
      if (!drawing) continue;
      if (!kept) this.drawn.push({ uid: m.uid, auditAt: read ? auditLength(read) : 0 });
      this.drawings.set(m.uid, drawing);
    }
    this.listChanged();
    this.save();
  }

  /**
   * The measurement list: every drawing of the read in the order made, as the viewer lists it
   * when it shows its image (with the kept values while it has none), else as kept; then any the
   * viewer lists that cannot be kept (no frame of reference). A measurement belongs to the image
   * it was drawn on, so what the grid shows never hides one.
   */
  listed(): Measurement[] {
    const live = new Map(this.viewerList.map((m) => [m.uid, m]));
    const out: Measurement[] = [];
    for (const drawing of this.drawings.values()) {
      const m = live.get(drawing.uid);
      live.delete(drawing.uid);
      if (!m) out.push(measurementOf(drawing));
      else if (m.values.length > 0 || !drawing.values) out.push(m);
      else out.push({ ...m, values: [...drawing.values] });
    }
    return [...out, ...live.values()];
  }

  private listChanged(): void {
    this.host.listChanged(this.listed());
  }

  /** A record was made: keep it with the drawings. */
  recordedChanged(): void {
    this.save();
  }

  /**
   * Undoes the newest drawing when nothing changed in the read since it was made and it is not
   * recorded; false otherwise (then Ctrl+Z undoes the read's last change).
   */
  undoDrawing(): boolean {
    const last = this.drawn.at(-1);
    const viewer = this.host.viewer();
    if (!last || !viewer) return false;
    const read = this.host.session()?.store.get().read;
    if ((read ? auditLength(read) : 0) !== last.auditAt) return false;
    if (this.host.recorded()[last.uid]) return false;
    this.drawn.pop();
    this.drawings.delete(last.uid);
    viewer.annotations.removeDrawing(last.uid);
    this.viewerList = this.viewerList.filter((m) => m.uid !== last.uid);
    this.listChanged();
    this.save();
    return true;
  }

  /** The viewer is about to go: its drawings leave the page's annotations with it. */
  viewerGoing(): void {
    this.host.viewer()?.annotations.clearDrawings();
  }

  /** Stops following the read (a write under way still finishes). */
  dispose(): void {
    this.stopSession?.();
    this.stopSession = undefined;
  }

  private readChanged(): void {
    const read = this.session?.store.get().read;
    if (read && read.readId !== this.readId) this.load(read.readId);
    this.drawMarks();
  }

  private drawMarks(): void {
    const viewer = this.host.viewer();
    const read = this.session?.store.get().read;
    if (!viewer || (read === this.shownRead && viewer === this.shownViewer)) return;
    this.shownRead = read;
    this.shownViewer = viewer;
    viewer.annotations.setMarks(read ? markSpecs(this.host.patient(), readMarks(read)) : []);
  }

  /**
   * Lets go of the read's drawings and takes them off the images: a reader never sees another
   * reader's drawings (nor can click them), whatever the page showed before.
   */
  private forget(): void {
    if (this.readId === undefined) return;
    this.drawings = new Map();
    this.drawn = [];
    this.restoredInto = undefined;
    this.readId = undefined;
    this.loadedFor = undefined;
    this.host.viewer()?.annotations.clearDrawings();
  }

  private load(readId: string): void {
    // Another reader's read: its drawings are its own and leave the images and the list.
    // Drawings made while no read was open (no reader yet) join this one.
    const hadRead = this.readId !== undefined;
    this.forget();
    if (hadRead) this.listChanged();
    this.readId = readId;
    this.loadedFor = undefined;
    const store = this.host.store();
    const loaded = store ? store.load(readId) : Promise.resolve(undefined);
    this.loading = loaded
      .catch(() => undefined)
      .then((entry) => {
        if (this.readId !== readId) return;
        this.merge(entry);
        this.loadedFor = readId;
        this.listChanged();
        this.viewerChanged();
        this.save();
      });
  }

  /** Takes the kept drawings and records in, beside any made meanwhile. */
  private merge(entry: SavedDrawings | undefined): void {
    if (!entry) return;
    for (const drawing of entry.drawings) {
      if (!this.drawings.has(drawing.uid)) this.drawings.set(drawing.uid, drawing);
    }
    const recorded = this.host.recorded();
    const missing = Object.entries(entry.records).filter(([uid]) => !(uid in recorded));
    if (missing.length > 0) this.host.setRecorded({ ...Object.fromEntries(missing), ...recorded });
  }

  /** Writes the drawings of the loaded read, one write at a time, the latest state last. */
  private save(): void {
    const store = this.host.store();
    if (!store || this.loadedFor === undefined || this.loadedFor !== this.readId) return;
    this.dirty = true;
    if (this.saving) return;
    this.saving = (async () => {
      while (this.dirty) {
        this.dirty = false;
        const readId = this.loadedFor;
        if (readId === undefined) break;
        const recorded = this.host.recorded();
        const records = Object.fromEntries(
          Object.entries(recorded).filter(([uid]) => this.drawings.has(uid)),
        );
        // A failed write leaves the previous drawings; the next change writes again.
        await store
          .save({ readId, drawings: [...this.drawings.values()], records })
          .catch(() => undefined);
      }
      this.saving = undefined;
    })();
  }

  /** Resolves once the read's drawings are loaded and every write asked for is done. */
  async flushed(): Promise<void> {
    await this.loading;
    while (this.saving) await this.saving;
  }
}
