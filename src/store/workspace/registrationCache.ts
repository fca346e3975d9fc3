/**
 * The registration results the browser keeps (src/viewer/registration/pairCache.ts says what a
 * key holds): database `dream-reader-registration`, object store `pairs`, one row per pair. A
 * database that fails keeps nothing: the registrar then runs elastix as without a cache.
 */
import type { PairCache } from '../../viewer/registration/pairCache';
import type { PairResult } from '../../viewer/registration/rigidElastix';
import { idbCommitted, idbRequest, lazyIdb, openIdb } from '../indexedDb';

const DB_NAME = 'dream-reader-registration';
const STORE = 'pairs';

interface Row {
  readonly key: string;
  readonly result: PairResult;
}

/** In the browser's IndexedDB, opened on first use. */
export class IndexedDbPairCache implements PairCache {
  private readonly db: () => Promise<IDBDatabase>;

  constructor(factory: IDBFactory = indexedDB) {
    this.db = lazyIdb(() =>
      openIdb(factory, DB_NAME, 1, (db) => db.createObjectStore(STORE, { keyPath: 'key' })),
    );
  }

  async get(key: string): Promise<PairResult | undefined> {
    const db = await this.db();
    const req = db.transaction(STORE).objectStore(STORE).get(key) as IDBRequest<Row | undefined>;
    return (await idbRequest(req))?.result;
  }

  async put(key: string, result: PairResult): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(STORE, 'readwrite');
    const row: Row = { key, result };
    tx.objectStore(STORE).put(row);
    await idbCommitted(tx);
  }
}
