/**
 * The reading workspace's measurement records: which measurement was recorded on which lesion,
 * whether that record still holds in the read, its own undo, and the lesions a new one would
 * land near. The records live in the workspace's state (`recorded`, so the measurement rows
 * re-render); this object reads and writes them through `RecordsHost`.
 */
import type { LesionId, Read } from '../../domain';
import type { CatalogPatient } from '../../dicom/catalog';
import type { Measurement } from '../../viewer/measurements';
import type { ReadingCell } from '../../viewer/readingLayout';
import {
  lesionsNear,
  linkLesionId,
  linkTargets,
  recordHolds,
  recordLink,
  type MeasurementLink,
  type ReadSession,
  type RecordedLink,
} from '../reads';
import { placeOf } from './viewports';

/** A measurement's record, and the read's audit length right after it (its latest change then). */
export interface WorkspaceRecord extends RecordedLink {
  readonly auditAt: number;
  /** When the reader made it in this page (ms, the workspace's clock); absent when restored. */
  readonly madeAt?: number;
}

/**
 * A record's own undo is refused this long after the record (ms): the Undo that takes the
 * Record button's place would otherwise take the second click of a double-click on Record
 * and remove the lesion it just made (500 ms is the usual double-click interval).
 */
export const RECORD_UNDO_GUARD_MS = 500;

/** Measurement uid -> its record. */
export type RecordMap = Readonly<Record<string, WorkspaceRecord>>;

export const auditLength = (read: Read): number => read.audit.length + read.pendingAudit.length;

/** What the records need from the workspace. */
export interface RecordsHost {
  readonly session: () => ReadSession | undefined;
  readonly patient: () => CatalogPatient;
  readonly cells: () => readonly ReadingCell[];
  readonly recorded: () => RecordMap;
  readonly setRecorded: (recorded: RecordMap) => void;
  /** The lesion the reader chose last (its row, a call cell, a mark), if any. */
  readonly focusedLesion: () => LesionId | undefined;
  /** The reader's last Record in this page (the workspace's `lastRecorded`). */
  readonly lastRecorded: () => { readonly uid: string } | undefined;
  /** The measurements the viewer holds now. */
  readonly measurements: () => readonly Measurement[];
  /**
   * The time in ms (performance.now in the app, the clock of input events' timeStamp, which the
   * screen passes as `at` so a busy page's late handling does not stretch a double-click).
   */
  readonly now: () => number;
}

/**
 * The record as it holds in `read` now, or undefined (undone). An undone removal or a redone new
 * lesion is the same lesion under the same id (src/domain/undo.ts), so a record comes back with it.
 */
export function holdingRecord<R extends RecordedLink>(read: Read, record: R): R | undefined {
  return recordHolds(read, record) ? record : undefined;
}

export class MeasurementRecords {
  constructor(private readonly host: RecordsHost) {}

  private read(): Read | undefined {
    return this.host.session()?.store.get().read;
  }

  /**
   * The lesions (or a new one) a measurement can be recorded on, with its commands, the default
   * first: a new lesion where one can be made (baseline), else the lesion in focus (the reader
   * chose it and measures it at a later timepoint), else registry order.
   */
  recordTargets(m: Measurement): ReturnType<typeof linkTargets> {
    const read = this.read();
    const place = placeOf(this.host.patient(), this.host.cells(), m);
    if (!read || !place) return [];
    const targets = linkTargets(m, place, read);
    const focused = this.host.focusedLesion();
    if (focused === undefined || targets.some((t) => t.target === 'new')) return targets;
    const first = targets.filter((t) => t.target === focused);
    return [...first, ...targets.filter((t) => t.target !== focused)];
  }

  /**
   * What a measurement's recording made, while the read still holds it (undefined before it is
   * recorded and once undone; back after a redo): one record per measurement, so its Record
   * control goes away.
   */
  recordedOf(m: Measurement): WorkspaceRecord | undefined {
    const recorded = this.host.recorded()[m.uid];
    const read = this.read();
    return recorded && read ? holdingRecord(read, recorded) : undefined;
  }

  /**
   * Whether a measurement's record is still the read's latest change (so its own undo is), and
   * older than a double-click (`RECORD_UNDO_GUARD_MS`).
   */
  canUndoRecord(m: Measurement, at = this.host.now()): boolean {
    const recorded = this.recordedOf(m);
    const read = this.read();
    if (recorded === undefined || read === undefined) return false;
    return this.recordUndoWait(m, at) === 0 && auditLength(read) === recorded.auditAt;
  }

  /**
   * How long (ms) until a fresh record's own undo is allowed, 0 when it is (or there is no
   * record): the row's Undo shows disabled until then.
   */
  recordUndoWait(m: Measurement, at = this.host.now()): number {
    const madeAt = this.recordedOf(m)?.madeAt;
    if (madeAt === undefined) return 0;
    return Math.max(0, madeAt + RECORD_UNDO_GUARD_MS - at);
  }

  /**
   * Whether the reader's last Record is younger than a double-click: a press now is the second
   * half of a double-click on Record, and the measurement list keeps it from taking the focus
   * the lesion panel just gave the new lesion's first call cell.
   */
  justRecorded(at = this.host.now()): boolean {
    const last = this.host.lastRecorded();
    const m = last && this.host.measurements().find((x) => x.uid === last.uid);
    return m !== undefined && this.recordUndoWait(m, at) > 0;
  }

  /** Lesions whose baseline place is near where `link` would put a new lesion (ask first). */
  lesionsNear(link: MeasurementLink): LesionId[] {
    const read = this.read();
    return read ? lesionsNear(read, link) : [];
  }

  /**
   * Records a measurement once: false when it is already recorded (and still held) or the read
   * refused the command.
   */
  recordMeasurement(m: Measurement, link: MeasurementLink, at = this.host.now()): boolean {
    const session = this.host.session();
    const read = session?.store.get().read;
    if (!session || !read || this.recordedOf(m)) return false;
    const lesionId = linkLesionId(read, link);
    if (!recordLink(session, link)) return false;
    const after = session.store.get().read;
    const record = {
      link,
      lesionId,
      auditAt: after ? auditLength(after) : 0,
      madeAt: at,
    };
    this.host.setRecorded({ ...this.host.recorded(), [m.uid]: record });
    return true;
  }

  /**
   * Undoes a measurement's record; false unless it is still the read's latest change and older
   * than a double-click.
   */
  undoRecord(m: Measurement, at = this.host.now()): boolean {
    const session = this.host.session();
    return session !== undefined && this.canUndoRecord(m, at) && session.undo();
  }
}
