/**
 * ADC maps computed from DWI b-value stacks off the main thread: a module worker
 * (adcWorker.ts) runs the pure fit of src/domain/adc.ts; this wrapper sends it the stacks, caches
 * the resulting maps per series and b-values, and never blocks the UI.
 */
import {
  selectBValues,
  type AdcMap,
  type BValueStack,
  type DwiStacks,
  type FitAdcOptions,
} from '../domain/adc.ts';

/** Message to the worker. The stacks' buffers are transferred, not copied. */
export interface AdcWorkerRequest {
  id: number;
  input: DwiStacks;
  options: FitAdcOptions;
}

/** Message from the worker; the map's Float32Array buffer is transferred back. */
export type AdcWorkerResponse =
  { id: number; ok: true; map: AdcMap; ms: number } | { id: number; ok: false; message: string };

export interface ComputeAdcInput extends DwiStacks {
  /** (0020,000E) of the DWI series: the cache key, with the b-values and the noise floor. */
  seriesInstanceUid: string;
  options?: FitAdcOptions;
  /**
   * Hand the stacks' buffers over to the worker instead of copying them: faster, but the caller's
   * arrays become detached (empty). Only for arrays made for this call; never for pixel data
   * that cornerstone's cache still holds. Default false.
   */
  transfer?: boolean;
}

/** A computed map and how long the fit took inside the worker. */
export interface ComputedAdc {
  map: AdcMap;
  /** Milliseconds of fitAdc in the worker (not counting transfers). */
  workerMs: number;
}

/** Creates the worker; replaceable for tests. */
export type AdcWorkerFactory = () => Worker;

const defaultFactory: AdcWorkerFactory = () =>
  new Worker(new URL('./adcWorker.ts', import.meta.url), { type: 'module' });

/** Maps kept: 256x256x40 is 10 MB of Float32, a handful covers one reading session. */
const CACHE_LIMIT = 8;

interface Pending {
  resolve: (value: ComputedAdc) => void;
  reject: (error: Error) => void;
}

/** One lazily started worker, its requests in flight and a small LRU cache of results. */
export class AdcComputer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Promise<ComputedAdc>>();

  constructor(
    private readonly createWorker: AdcWorkerFactory = defaultFactory,
    private readonly cacheLimit = CACHE_LIMIT,
  ) {}

  /** The cache key: series UID, the b-values the fit will use, and the noise floor. */
  static keyOf(input: ComputeAdcInput): string {
    const options = input.options ?? {};
    const bValues = selectBValues(
      input.stacks.map((s) => s.bValue),
      options,
    );
    return `${input.seriesInstanceUid}|b=${bValues.join(',')}|floor=${options.noiseFloor ?? 0}`;
  }

  /**
   * The ADC map of a DWI series, from the cache or computed in the worker. Rejects with the fit's
   * error (e.g. fewer than two b-values >= 50) or when the worker dies.
   */
  compute(input: ComputeAdcInput): Promise<ComputedAdc> {
    let key: string;
    try {
      key = AdcComputer.keyOf(input);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = this.post(input);
    this.cache.set(key, result);
    result.catch(() => {
      if (this.cache.get(key) === result) this.cache.delete(key);
    });
    while (this.cache.size > this.cacheLimit) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return result;
  }

  /** Forgets cached maps: all of them, or those of one series. */
  clear(seriesInstanceUid?: string): void {
    for (const key of [...this.cache.keys()]) {
      if (seriesInstanceUid === undefined || key.startsWith(`${seriesInstanceUid}|`)) {
        this.cache.delete(key);
      }
    }
  }

  /** Stops the worker; requests in flight reject. The next compute starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('ADC worker terminated'));
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event: MessageEvent<AdcWorkerResponse>) => {
      const response = event.data;
      const waiting = this.pending.get(response.id);
      if (waiting === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve({ map: response.map, workerMs: response.ms });
      else waiting.reject(new Error(response.message));
    });
    // A module worker whose import failed reports an error without a message (the browser hides why).
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      worker.terminate();
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(event.message || 'ADC worker failed'));
    });
    this.worker = worker;
    return worker;
  }

  private post(input: ComputeAdcInput): Promise<ComputedAdc> {
    const stacks: BValueStack[] = input.stacks.map((s) => ({
      ...s,
      pixels: input.transfer === true ? s.pixels : s.pixels.slice(),
    }));
    const request: AdcWorkerRequest = {
      id: this.nextId++,
      input: { width: input.width, height: input.height, slices: input.slices, stacks },
      options: input.options ?? {},
    };
    const buffers = [...new Set(stacks.map((s) => s.pixels.buffer))].filter(
      (b): b is ArrayBuffer => b instanceof ArrayBuffer,
    );
    return new Promise<ComputedAdc>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      try {
        this.ensureWorker().postMessage(request, buffers);
      } catch (error) {
        this.pending.delete(request.id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}

let shared: AdcComputer | undefined;

/** The app-wide computer (one worker, one cache). */
export function adcComputer(): AdcComputer {
  shared ??= new AdcComputer();
  return shared;
}

/** ADC map of a DWI series in 10^-3 mm²/s, computed in a worker and cached (see AdcComputer). */
export function computeAdcMap(input: ComputeAdcInput): Promise<ComputedAdc> {
  return adcComputer().compute(input);
}
