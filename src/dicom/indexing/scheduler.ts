/**
 * A work queue with a fixed number of slots (one per worker). Pure: it knows nothing of workers or
 * files, so it is unit-tested in node with fake tasks.
 */

/** Options for {@link runQueue}. */
export interface QueueOptions<T, R> {
  /** How many tasks run at once; each slot index is in [0, concurrency). */
  concurrency: number;
  /** Runs one item on one slot. A slot never runs two tasks at once. */
  runTask: (item: T, slot: number) => Promise<R>;
  /** Called as each task finishes, in completion order. */
  onResult?: (result: R, item: T, index: number) => void;
  /** Aborting stops starting queued items and rejects the queue at once. */
  signal?: AbortSignal;
}

/** The error a cancelled queue rejects with (a DOMException named AbortError, like fetch). */
export function abortError(): Error {
  return new DOMException('The load was cancelled.', 'AbortError');
}

/**
 * Runs `items` through `runTask` with at most `concurrency` in flight and resolves with the results
 * in input order. Rejects with the first task error, or with an AbortError once `signal` aborts
 * (tasks still in flight are left to the caller to stop, e.g. by terminating workers).
 */
export function runQueue<T, R>(items: readonly T[], options: QueueOptions<T, R>): Promise<R[]> {
  const { runTask, onResult, signal } = options;
  const slots = Math.max(1, Math.min(Math.floor(options.concurrency), items.length));
  const results = new Array<R>(items.length);
  let next = 0;
  return new Promise<R[]>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    let stopped = false;
    const stop = (error: unknown): void => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = (): void => stop(abortError());
    signal?.addEventListener('abort', onAbort);

    const loop = async (slot: number): Promise<void> => {
      while (!stopped && next < items.length) {
        const index = next++;
        const item = items[index] as T;
        const result = await runTask(item, slot);
        if (stopped) return;
        results[index] = result;
        onResult?.(result, item, index);
      }
    };
    const loops = Array.from({ length: items.length === 0 ? 0 : slots }, (_, slot) => loop(slot));
    Promise.all(loops).then(
      () => {
        if (stopped) return;
        stopped = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(results);
      },
      (error: unknown) => stop(error),
    );
  });
}

/** Worker count for this machine: navigator.hardwareConcurrency clamped to [1, 4]. */
export function poolSize(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency ?? 1) : 1;
  return Math.min(4, Math.max(1, cores));
}
