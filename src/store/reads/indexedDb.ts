/**
 * The reads in the browser's IndexedDB: database `dream-reader-reads`, object store `reads`
 * (key `readId`, index `patientId`: the latest version of each read) and `signed-versions` (key
 * `versionId`, index `readId`: every version as it was signed, written in the same transaction). The compare-and-swap of `put` runs inside one readwrite
 * transaction, which IndexedDB serialises across tabs, so two tabs cannot both win.
 */
import type { Read } from '../../domain';
import {
  assertSealed,
  byVersion,
  checkExpected,
  type PutResult,
  type ReadFingerprint,
  type ReadRepository,
} from './repository';

const DB_NAME = 'dream-reader-reads';
const STORE = 'reads';
const SIGNED = 'signed-versions';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(DB_NAME, 2);
    // Version 1 had the reads only; version 2 adds the signed versions beside them.
    open.onupgradeneeded = (event) => {
      const db = open.result;
      if (event.oldVersion < 1) {
        const store = db.createObjectStore(STORE, { keyPath: 'readId' });
        store.createIndex('patientId', 'patientId', { unique: false });
      }
      if (event.oldVersion < 2) {
        const signed = db.createObjectStore(SIGNED, { keyPath: 'versionId' });
        signed.createIndex('readId', 'readId', { unique: false });
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** The reads in IndexedDB. */
export class IndexedDbReadRepository implements ReadRepository {
  private database: Promise<IDBDatabase> | undefined;

  constructor(private readonly factory: IDBFactory = indexedDB) {}

  private db(): Promise<IDBDatabase> {
    this.database ??= openDatabase(this.factory).catch((error: unknown) => {
      this.database = undefined;
      throw error;
    });
    return this.database;
  }

  async get(readId: string): Promise<Read | undefined> {
    const db = await this.db();
    return request(db.transaction(STORE).objectStore(STORE).get(readId) as IDBRequest<Read>);
  }

  async put(read: Read, expected: ReadFingerprint | null): Promise<PutResult> {
    assertSealed(read);
    const db = await this.db();
    return new Promise((resolve, reject) => {
      const tx = db.transaction([STORE, SIGNED], 'readwrite');
      const store = tx.objectStore(STORE);
      let result: PutResult = { ok: true };
      const get = store.get(read.readId) as IDBRequest<Read | undefined>;
      get.onsuccess = () => {
        result = checkExpected(get.result, expected);
        if (!result.ok) return;
        store.put(read);
        if (read.state.kind === 'signed') tx.objectStore(SIGNED).put(read);
      };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  }

  async list(patientId?: string): Promise<readonly Read[]> {
    const db = await this.db();
    const store = db.transaction(STORE).objectStore(STORE);
    const req =
      patientId === undefined ? store.getAll() : store.index('patientId').getAll(patientId);
    return request(req as IDBRequest<Read[]>);
  }

  async versions(readId: string): Promise<readonly Read[]> {
    const db = await this.db();
    const index = db.transaction(SIGNED).objectStore(SIGNED).index('readId');
    return byVersion(await request(index.getAll(readId) as IDBRequest<Read[]>));
  }
}
