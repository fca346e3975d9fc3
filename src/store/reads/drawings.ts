/**
 * The reader's drawings on the images, kept in the browser per read: database
 * `dream-reader-drawings`, object store `drawings` (key `readId`). A drawing not recorded on a
 * lesion is not part of the read, yet the reader expects it back after a reload; a recorded
 * one keeps what it recorded, so its row says so again. Marks recorded in the read itself are
 * drawn from the read (src/domain/marks.ts), not from here.
 */
import type { SavedDrawing } from '../../viewer/markAnnotations';
import { idbCommitted, idbRequest, lazyIdb, openIdb } from '../indexedDb';
import type { RecordedLink } from './measurementLink';

/** A drawing's record on the read, with the read's audit length right after it. */
export interface SavedRecord extends RecordedLink {
  readonly auditAt: number;
}

/** What the browser keeps of one read's drawings. */
export interface SavedDrawings {
  readonly readId: string;
  readonly drawings: readonly SavedDrawing[];
  /** Drawing uid -> its record. */
  readonly records: Readonly<Record<string, SavedRecord>>;
}

export interface DrawingStore {
  load(readId: string): Promise<SavedDrawings | undefined>;
  save(entry: SavedDrawings): Promise<void>;
}

/** In memory (tests; a reload is a second workspace over the same store). */
export class MemoryDrawingStore implements DrawingStore {
  private readonly entries = new Map<string, string>();

  load(readId: string): Promise<SavedDrawings | undefined> {
    const text = this.entries.get(readId);
    return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as SavedDrawings));
  }

  save(entry: SavedDrawings): Promise<void> {
    this.entries.set(entry.readId, JSON.stringify(entry));
    return Promise.resolve();
  }
}

const DB_NAME = 'dream-reader-drawings';
const STORE = 'drawings';

/** In the browser's IndexedDB, opened on first use. */
export class IndexedDbDrawingStore implements DrawingStore {
  private readonly db: () => Promise<IDBDatabase>;

  constructor(factory: IDBFactory = indexedDB) {
    this.db = lazyIdb(() =>
      openIdb(factory, DB_NAME, 1, (db) => db.createObjectStore(STORE, { keyPath: 'readId' })),
    );
  }

  async load(readId: string): Promise<SavedDrawings | undefined> {
    const db = await this.db();
    const req = db.transaction(STORE).objectStore(STORE).get(readId);
    return idbRequest(req as IDBRequest<SavedDrawings | undefined>);
  }

  async save(entry: SavedDrawings): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(entry);
    await idbCommitted(tx);
  }
}
