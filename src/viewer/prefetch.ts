/**
 * Fetches the rest of each series in view once its first image is shown, so the first pass
 * through a series steps through cached images. A few requests in flight in all (the server and
 * the one decode worker stay free for the reader's own steps, which cornerstone sends as
 * Interaction requests ahead of Prefetch ones), middle-out from the slice shown, re-ordered when
 * the reader steps and dropped when the series changes. Bounded by the image cache: a series
 * takes at most its share of the cache ceiling (src/viewer/prefetchOrder.ts).
 *
 * cornerstone's own `utilities.stackPrefetch` (tools) was the first choice, but it keeps one
 * timer for all elements (synced viewports re-order only one of them), clears every viewport's
 * prefetch requests when one is disabled, re-requests images the cache evicts (thrashing once a
 * series outgrows the cache) and reports no progress.
 */
import { cache, Enums, imageLoader, imageLoadPoolManager } from '@cornerstonejs/core';
import { prefetchBudgets, prefetchOrder } from './prefetchOrder';

export interface PrefetchProgress {
  /** Images of the series' window in the cache (the shown one included). */
  loaded: number;
  /** Images the window holds: the whole series, unless the cache share is smaller. */
  total: number;
}

interface Job {
  viewportId: string;
  imageIds: readonly string[];
  current: number;
  /** Bytes of one decoded image (of the first one shown). */
  bytes: number;
  /** Indices still to request, best first. */
  pending: number[];
  /** Indices requested and not yet settled. */
  inFlight: Set<number>;
  /** Every index of the window (the shown one included), to count progress. */
  window: Set<number>;
  /** When the reader last stepped in this viewport: the most recent goes first. */
  touched: number;
}

/** Requests in flight for all viewports together. */
const IN_FLIGHT = 4;

export class SeriesPrefetcher {
  private readonly jobs = new Map<string, Job>();
  private readonly progress = new Map<string, PrefetchProgress>();
  private readonly listeners = new Set<() => void>();
  private inFlight = 0;
  private held = true;
  private clock = 0;

  /** Starts (or restarts) prefetching `imageIds` around the shown slice `current`. */
  start(viewportId: string, imageIds: readonly string[], current: number): void {
    const job: Job = {
      viewportId,
      imageIds,
      current,
      bytes: cache.getImage(imageIds[current] ?? '')?.sizeInBytes ?? 0,
      pending: [],
      inFlight: new Set(),
      window: new Set(),
      touched: ++this.clock,
    };
    this.jobs.set(viewportId, job);
    // Every series' share of the cache changes with the series in view.
    for (const each of this.jobs.values()) this.plan(each, 0);
    this.pump();
  }

  /** The reader moved to slice `index`: the nearest slices in that direction come first. */
  moved(viewportId: string, index: number): void {
    const job = this.jobs.get(viewportId);
    if (!job || index === job.current) return;
    const direction = index > job.current ? 1 : -1;
    job.current = index;
    job.touched = ++this.clock;
    this.plan(job, direction);
    this.pump();
  }

  /** Stops prefetching for a viewport (series changed or viewport removed). */
  stop(viewportId: string): void {
    if (!this.jobs.delete(viewportId)) return;
    this.progress.delete(viewportId);
    this.notify();
  }

  /** While held (first images of the grid still loading), nothing new is requested. */
  hold(held: boolean): void {
    this.held = held;
    this.pump();
  }

  dispose(): void {
    this.jobs.clear();
    this.progress.clear();
    this.listeners.clear();
  }

  /** Progress of one viewport (a stable object until it changes, for useSyncExternalStore). */
  readonly get = (viewportId: string): PrefetchProgress | undefined =>
    this.progress.get(viewportId);

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** This job's share of the cache, in images (src/viewer/prefetchOrder.ts). */
  private budget(job: Job): number {
    const jobs = [...this.jobs.values()];
    const sizes = jobs.map((j) => ({ count: j.imageIds.length, bytesPerImage: j.bytes }));
    return prefetchBudgets(cache.getMaxCacheSize(), sizes)[jobs.indexOf(job)] ?? 1;
  }

  /** Re-plans the job's window around its current slice, skipping cached images. */
  private plan(job: Job, direction: -1 | 0 | 1): void {
    const { imageIds, current } = job;
    const budget = this.budget(job);
    const order = prefetchOrder(imageIds.length, current, direction, budget - 1);
    job.window = new Set([current, ...order]);
    job.pending = order.filter((i) => !job.inFlight.has(i) && !this.cached(imageIds[i]));
    this.report(job);
  }

  private cached(imageId: string | undefined): boolean {
    return imageId !== undefined && cache.isLoaded(imageId);
  }

  private report(job: Job): void {
    let loaded = 0;
    for (const index of job.window) if (this.cached(job.imageIds[index])) loaded++;
    const previous = this.progress.get(job.viewportId);
    if (previous?.loaded === loaded && previous.total === job.window.size) return;
    this.progress.set(job.viewportId, { loaded, total: job.window.size });
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** The job whose next request goes first: the viewport the reader touched last. */
  private nextJob(): Job | undefined {
    let best: Job | undefined;
    for (const job of this.jobs.values()) {
      if (job.pending.length > 0 && (!best || job.touched > best.touched)) best = job;
    }
    return best;
  }

  private pump(): void {
    while (!this.held && this.inFlight < IN_FLIGHT) {
      const job = this.nextJob();
      const index = job?.pending.shift();
      if (!job || index === undefined) return;
      const imageId = job.imageIds[index];
      if (imageId === undefined) continue;
      // Loaded meanwhile by someone else (the viewport, the exams' registration): count it.
      if (this.cached(imageId)) {
        this.report(job);
        continue;
      }
      // Already on its way (the reader stepped there, or another viewport shows the series).
      const loading = cache.getImageLoadObject(imageId);
      if (loading) {
        const refresh = () => this.jobs.get(job.viewportId) === job && this.report(job);
        loading.promise.then(refresh, refresh);
        continue;
      }
      this.request(job, index, imageId);
    }
  }

  private request(job: Job, index: number, imageId: string): void {
    this.inFlight++;
    job.inFlight.add(index);
    const settle = () => {
      this.inFlight--;
      job.inFlight.delete(index);
      if (this.jobs.get(job.viewportId) === job) this.report(job);
      this.pump();
    };
    const type = Enums.RequestType.Prefetch;
    imageLoadPoolManager.addRequest(
      () =>
        imageLoader
          .loadAndCacheImage(imageId, { priority: 0, requestType: type })
          // A failed prefetch is not the reader's error: the viewport reports it if shown.
          .then(settle, settle),
      type,
      { imageId },
    );
  }
}
