/**
 * The reader's drawings on the images, kept in the browser per read: database
 * `dream-reader-drawings`, object store `drawings` (key `readId`). A drawing not recorded on a
 * lesion is not part of the read, yet the reader expects it back after a reload; a recorded
 * one keeps what it recorded, so its row says so again. Marks recorded in the read itself are
 * drawn from the read (src/domain/marks.ts), not from here.
 */
import type { SavedDrawing } from '../../viewer/markAnnotations';
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

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** In the browser's IndexedDB, opened on first use. */
export class IndexedDbDrawingStore implements DrawingStore {
  private database: Promise<IDBDatabase> | undefined;

  constructor(private readonly factory: IDBFactory = indexedDB) {}

  private db(): Promise<IDBDatabase> {
    this.database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = this.factory.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'readId' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    }).catch((error: unknown) => {
      this.database = undefined;
      throw error;
    });
    return this.database;
  }

  async load(readId: string): Promise<SavedDrawings | undefined> {
    const db = await this.db();
    const req = db.transaction(STORE).objectStore(STORE).get(readId);
    return request(req as IDBRequest<SavedDrawings | undefined>);
  }

  async save(entry: SavedDrawings): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(entry);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  }
}
