/**
 * The few IndexedDB steps every database of the app repeats, as promises: a request's result, a
 * transaction's end, opening a database (creating its stores on upgrade) and keeping one open
 * database per owner that a failed open does not poison. The databases themselves and what they
 * hold are described where they are used (src/store/reads/indexedDb.ts, drawings.ts,
 * signingKey.ts, src/store/workspace/registrationCache.ts).
 */

/** The result of one request. */
export function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction commits, rejects when it fails or is aborted. */
export function idbCommitted(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/**
 * Opens `name` at `version`; `upgrade` creates what a database older than `version` lacks
 * (`oldVersion` 0 for a new one). An open blocked by another tab holding an older version is an
 * error, not a wait.
 */
export function openIdb(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, oldVersion: number) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(name, version);
    open.onupgradeneeded = (event) => upgrade(open.result, event.oldVersion);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** One database opened on first use and kept; after a failed open the next use tries again. */
export function lazyIdb(open: () => Promise<IDBDatabase>): () => Promise<IDBDatabase> {
  let database: Promise<IDBDatabase> | undefined;
  return () => {
    database ??= open().catch((error: unknown) => {
      database = undefined;
      throw error;
    });
    return database;
  };
}
