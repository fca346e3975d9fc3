/**
 * A pool of index workers (navigator.hardwareConcurrency, 1 to 4) fed by the pure queue of
 * scheduler.ts. Cancelling stops queued files and terminates the workers mid-file.
 */
import type { IndexResult } from './indexFile.ts';
import type { IndexRequest, IndexResponse } from './protocol.ts';
import { abortError, poolSize, runQueue } from './scheduler.ts';

/** One file to index: its bytes and the name it is reported by (a relative path). */
export interface IndexInput {
  file: Blob;
  name: string;
}

/** Counts for the progress bar. */
export interface IndexProgress {
  read: number;
  total: number;
  problems: number;
}

/** Options for {@link indexFiles}. */
export interface IndexFilesOptions {
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
  /** Worker count; defaults to {@link poolSize} of navigator.hardwareConcurrency. */
  workers?: number;
}

function startWorker(): Worker {
  return new Worker(new URL('./indexWorker.ts', import.meta.url), { type: 'module' });
}

/** One worker slot: a single request in flight, and a fresh worker if the old one died. */
class Slot {
  private worker = startWorker();
  private nextId = 0;

  run(input: IndexInput): Promise<IndexResult> {
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise<IndexResult>((resolve) => {
      const done = (result: IndexResult): void => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(result);
      };
      const onMessage = (event: MessageEvent<IndexResponse>): void => {
        if (event.data.id === id) done(event.data.result);
      };
      // A worker that dies (e.g. out of memory on a huge file) fails only this file.
      const onError = (event: ErrorEvent): void => {
        event.preventDefault();
        this.worker.terminate();
        this.worker = startWorker();
        done({ kind: 'problem', reason: 'unreadable', message: event.message || 'worker failed' });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      const request: IndexRequest = { id, file: input.file, name: input.name };
      worker.postMessage(request);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/**
 * Indexes every file in worker threads and resolves with one result per input, in input order.
 * Rejects with an AbortError when `signal` aborts; the workers are always terminated at the end.
 */
export async function indexFiles(
  inputs: readonly IndexInput[],
  options: IndexFilesOptions = {},
): Promise<IndexResult[]> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw abortError();
  const count = Math.min(
    inputs.length,
    options.workers ?? poolSize(globalThis.navigator?.hardwareConcurrency),
  );
  const slots = Array.from({ length: Math.max(1, count) }, () => new Slot());
  let read = 0;
  let problems = 0;
  try {
    return await runQueue(inputs, {
      concurrency: slots.length,
      signal,
      runTask: (input, slot) => (slots[slot] as Slot).run(input),
      onResult: (result) => {
        read++;
        if (result.kind === 'problem') problems++;
        onProgress?.({ read, total: inputs.length, problems });
      },
    });
  } finally {
    for (const slot of slots) slot.terminate();
  }
}
