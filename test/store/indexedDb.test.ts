import { describe, expect, it } from 'vitest';
import { idbCommitted, idbRequest, lazyIdb, openIdb } from '../../src/store/indexedDb.ts';

/** A request whose outcome the test fires by hand, as IndexedDB does later. */
function fakeRequest<T>() {
  const req = {
    result: undefined as T | undefined,
    error: null as DOMException | null,
    onsuccess: null as (() => void) | null,
    onerror: null as (() => void) | null,
  };
  return req;
}

describe('idbRequest', () => {
  it('resolves with the result on success', async () => {
    const req = fakeRequest<number>();
    const result = idbRequest(req as unknown as IDBRequest<number>);
    req.result = 42;
    req.onsuccess?.();
    await expect(result).resolves.toBe(42);
  });

  it('rejects with the request error, or a named one when there is none', async () => {
    const req = fakeRequest<number>();
    const failed = idbRequest(req as unknown as IDBRequest<number>);
    req.error = new DOMException('quota', 'QuotaExceededError');
    req.onerror?.();
    await expect(failed).rejects.toThrow('quota');
    const bare = fakeRequest<number>();
    const bareFailed = idbRequest(bare as unknown as IDBRequest<number>);
    bare.onerror?.();
    await expect(bareFailed).rejects.toThrow('IndexedDB request failed');
  });
});

describe('idbCommitted', () => {
  const tx = () => ({
    error: null as DOMException | null,
    oncomplete: null as (() => void) | null,
    onerror: null as (() => void) | null,
    onabort: null as (() => void) | null,
  });

  it.each([
    ['oncomplete', undefined],
    ['onerror', 'IndexedDB write failed'],
    ['onabort', 'IndexedDB write aborted'],
  ] as const)('%s settles the promise (%s)', async (event, message) => {
    const t = tx();
    const done = idbCommitted(t as unknown as IDBTransaction);
    t[event]?.();
    if (message === undefined) await expect(done).resolves.toBeUndefined();
    else await expect(done).rejects.toThrow(message);
  });
});

/** A factory whose open requests the test answers: upgrade from a version, succeed, block, fail. */
function fakeFactory() {
  const opens: { name: string; version: number; req: ReturnType<typeof openRequest> }[] = [];
  function openRequest() {
    return {
      result: { name: 'db' } as unknown as IDBDatabase,
      error: null as DOMException | null,
      onupgradeneeded: null as ((event: { oldVersion: number }) => void) | null,
      onsuccess: null as (() => void) | null,
      onerror: null as (() => void) | null,
      onblocked: null as (() => void) | null,
    };
  }
  const factory = {
    open(name: string, version: number) {
      const req = openRequest();
      opens.push({ name, version, req });
      return req;
    },
  };
  return { factory: factory as unknown as IDBFactory, opens };
}

describe('openIdb', () => {
  it('opens the named version and hands the old version to the upgrade', async () => {
    const { factory, opens } = fakeFactory();
    const upgrades: number[] = [];
    const opened = openIdb(factory, 'dream-test', 2, (_db, old) => upgrades.push(old));
    expect(opens.map((o) => [o.name, o.version])).toEqual([['dream-test', 2]]);
    opens[0]!.req.onupgradeneeded?.({ oldVersion: 1 });
    opens[0]!.req.onsuccess?.();
    await expect(opened).resolves.toBe(opens[0]!.req.result);
    expect(upgrades).toEqual([1]);
  });

  it.each([
    ['onblocked', 'blocked by another tab'],
    ['onerror', 'could not be opened'],
  ] as const)('%s rejects (%s)', async (event, message) => {
    const { factory, opens } = fakeFactory();
    const opened = openIdb(factory, 'dream-test', 1, () => undefined);
    opens[0]!.req[event]?.();
    await expect(opened).rejects.toThrow(message);
  });
});

describe('lazyIdb', () => {
  it('opens once and shares the database between uses', async () => {
    let calls = 0;
    const db = {} as IDBDatabase;
    const get = lazyIdb(() => {
      calls++;
      return Promise.resolve(db);
    });
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(db);
    expect(b).toBe(db);
    expect(calls).toBe(1);
  });

  it('tries again after a failed open instead of keeping the failure', async () => {
    let calls = 0;
    const db = {} as IDBDatabase;
    const get = lazyIdb(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('busy')) : Promise.resolve(db);
    });
    await expect(get()).rejects.toThrow('busy');
    await expect(get()).resolves.toBe(db);
    await expect(get()).resolves.toBe(db);
    expect(calls).toBe(2);
  });
});
