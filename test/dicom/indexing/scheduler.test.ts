import { describe, expect, it } from 'vitest';
import { poolSize, runQueue } from '../../../src/dicom/indexing/scheduler.ts';

/** A task whose completion the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runQueue', () => {
  it('keeps at most `concurrency` tasks in flight, one per slot, results in input order', async () => {
    const started: Array<{ item: number; slot: number }> = [];
    const pending = new Map<number, ReturnType<typeof deferred<number>>>();
    const busy = new Set<number>();
    let maxInFlight = 0;
    const done = runQueue([1, 2, 3, 4, 5], {
      concurrency: 2,
      runTask: (item, slot) => {
        expect(busy.has(slot)).toBe(false);
        busy.add(slot);
        started.push({ item, slot });
        maxInFlight = Math.max(maxInFlight, busy.size);
        const d = deferred<number>();
        pending.set(item, d);
        return d.promise.finally(() => busy.delete(slot));
      },
    });
    await tick();
    expect(started.map((s) => s.item)).toEqual([1, 2]);
    // Finish out of order: the queue fills the freed slot, results keep input order.
    pending.get(2)?.resolve(20);
    await tick();
    expect(started.map((s) => s.item)).toEqual([1, 2, 3]);
    for (const item of [1, 3, 4, 5]) {
      await tick();
      pending.get(item)?.resolve(item * 10);
    }
    await expect(done).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(maxInFlight).toBe(2);
  });

  it('reports each result as it completes', async () => {
    const seen: number[] = [];
    await runQueue([3, 1, 2], {
      concurrency: 3,
      runTask: (item) => Promise.resolve(item),
      onResult: (result) => seen.push(result),
    });
    expect(seen.sort()).toEqual([1, 2, 3]);
  });

  it('resolves at once for no items', async () => {
    await expect(
      runQueue([], { concurrency: 4, runTask: () => Promise.resolve(0) }),
    ).resolves.toEqual([]);
  });

  it('on abort: rejects with AbortError at once and starts nothing more', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const done = runQueue([1, 2, 3, 4], {
      concurrency: 1,
      signal: controller.signal,
      runTask: (item) => {
        started.push(item);
        return new Promise<number>(() => {}); // never settles, like a busy worker
      },
    });
    await tick();
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect(started).toEqual([1]);
  });

  it('rejects when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    const done = runQueue([1], {
      concurrency: 1,
      signal: controller.signal,
      runTask: () => {
        ran = true;
        return Promise.resolve(1);
      },
    });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(ran).toBe(false);
  });

  it('rejects with the first task error', async () => {
    const done = runQueue([1, 2], {
      concurrency: 2,
      runTask: (item) => (item === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(item)),
    });
    await expect(done).rejects.toThrow('boom');
  });
});

describe('poolSize', () => {
  it.each([
    [undefined, 1],
    [0, 1],
    [1, 1],
    [2, 2],
    [4, 4],
    [16, 4],
    [Number.NaN, 1],
  ])('hardwareConcurrency %s -> %i workers', (cores, expected) => {
    expect(poolSize(cores)).toBe(expected);
  });
});
