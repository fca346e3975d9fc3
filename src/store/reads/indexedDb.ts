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
import { idbRequest, lazyIdb, openIdb } from '../indexedDb';

const DB_NAME = 'dream-reader-reads';
const STORE = 'reads';
const SIGNED = 'signed-versions';

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  // Version 1 had the reads only; version 2 adds the signed versions beside them.
  return openIdb(factory, DB_NAME, 2, (db, oldVersion) => {
    if (oldVersion < 1) {
      const store = db.createObjectStore(STORE, { keyPath: 'readId' });
      store.createIndex('patientId', 'patientId', { unique: false });
    }
    if (oldVersion < 2) {
      const signed = db.createObjectStore(SIGNED, { keyPath: 'versionId' });
      signed.createIndex('readId', 'readId', { unique: false });
    }
  });
}

/** The reads in IndexedDB. */
export class IndexedDbReadRepository implements ReadRepository {
  private readonly db: () => Promise<IDBDatabase>;

  constructor(factory: IDBFactory = indexedDB) {
    this.db = lazyIdb(() => openDatabase(factory));
  }

  async get(readId: string): Promise<Read | undefined> {
    const db = await this.db();
    return idbRequest(db.transaction(STORE).objectStore(STORE).get(readId) as IDBRequest<Read>);
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
    return idbRequest(req as IDBRequest<Read[]>);
  }

  async versions(readId: string): Promise<readonly Read[]> {
    const db = await this.db();
    const index = db.transaction(SIGNED).objectStore(SIGNED).index('readId');
    return byVersion(await idbRequest(index.getAll(readId) as IDBRequest<Read[]>));
  }
}
