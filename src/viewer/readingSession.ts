/**
 * The reading grid, owned outside React: one rendering engine and tool group per session,
 * viewports added, swapped and removed as the layout changes. Each viewport load (stackLoad.ts)
 * carries a token, so a newer series or a dispose cancels it (StrictMode mounts twice; readers
 * swap quickly). Who follows a scroll is scrollSync.ts's; display actions are viewportActions.ts'.
 */
import { RenderingEngine, Enums, type Types } from '@cornerstonejs/core';
import {
  ToolGroupManager,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { initCornerstone } from './init';
import { errorMessage, type ReadingStatusListener } from './readingStatus';
import { MeasurementWatcher, type MeasurementListener } from './measurementWatcher';
import { ReadingAnnotations } from './readingAnnotations';
import { SeriesPrefetcher } from './prefetch';
import { showStack } from './stackLoad';
import { firstImages, isDerivedSeries } from './firstImages';
import { untilSettled } from './sliceSettle';
import { renderNow } from './renderNow';
import { panIntoView } from './panIntoView';
import { keepDrawnWindow } from './drawnWindow';
import { viewportStepper } from './sliceStepper';
import type { PresetId } from './presets';
import { activateReadingTool, createReadingToolGroup, type ReadingTool } from './readingTools';
import { ScrollSync, type FrameMap, type SyncViewport } from './scrollSync';
import { RowSynchronizers, type RowSyncKind } from './rowSync';
import type { ReadingViewportSpec } from './readingSpecs';
import { kindOfImage, type Entry } from './sessionEntry';

export type { ReadingStatus, ReadingStatusListener } from './readingStatus';
export type { PrefetchProgress } from './prefetch';
export type { ReadingViewportSpec } from './readingSpecs';
import {
  applyPreset,
  cancelDrawingOn,
  invertViewport,
  resetViewport,
  sliceNearest,
  viewportReadout,
  watchElement,
  worldToPage,
} from './viewportActions';

let sessionCounter = 0;

export class ReadingSession {
  readonly engineId = `dream-reading-${++sessionCounter}`;
  private engine: RenderingEngine | undefined;
  private toolGroup: ToolTypes.IToolGroup | undefined;
  private readonly entries = new Map<string, Entry>();
  /** Who follows a scroll (frame, Link, registration): src/viewer/scrollSync.ts. */
  private readonly sync = new ScrollSync();
  private readonly rows = new RowSynchronizers(this.engineId);
  private readonly measurements: MeasurementWatcher;
  private readonly prefetcher = new SeriesPrefetcher();
  /** Prefetch progress per viewport, for a progress bar (`subscribe` + `get`). */
  readonly prefetchProgress: Pick<SeriesPrefetcher, 'subscribe' | 'get'> = this.prefetcher;
  readonly annotations = new ReadingAnnotations(() => [...this.entries.keys()]);
  private tool: ReadingTool = 'WindowLevel';
  private generation = 0;
  private tokens = 0;
  private disposed = false;

  constructor(
    private readonly onStatus: ReadingStatusListener,
    onMeasurements: MeasurementListener,
  ) {
    this.measurements = new MeasurementWatcher(onMeasurements, (imageId) =>
      kindOfImage(this.entries.values(), imageId),
    );
  }

  /** Shows these viewports: new ones are added, changed series reloaded, missing ones removed. */
  async show(specs: readonly ReadingViewportSpec[]): Promise<void> {
    const generation = ++this.generation;
    performance.mark('dream:viewer-show');
    if (this.disposed) return;
    firstImages.set(this, true); // thumbnails wait from now on (src/viewer/firstImages.ts)
    await initCornerstone();
    if (this.disposed || generation !== this.generation) return;
    if (!this.engine) {
      this.engine = new RenderingEngine(this.engineId);
      this.toolGroup = createReadingToolGroup(`${this.engineId}-tools`);
      this.measurements.start();
    }
    for (const [id, entry] of this.entries) {
      const next = specs.find((s) => s.viewportId === id);
      if (!next || next.element !== entry.spec.element) this.remove(id);
    }
    for (const spec of specs) {
      const entry = this.entries.get(spec.viewportId);
      if (entry && entry.spec.seriesKey === spec.seriesKey) {
        entry.spec = spec;
        continue;
      }
      if (entry) {
        entry.spec = spec;
        this.sync.forget(spec.viewportId);
        void this.load(entry);
      } else {
        void this.load(this.add(spec));
      }
    }
    this.engine.resize(true, true);
    this.rows.rebuild([...this.entries.values()].map((e) => e.spec));
    this.loadsChanged();
  }

  private add(spec: ReadingViewportSpec): Entry {
    const engine = this.engine as RenderingEngine;
    engine.enableElement({
      viewportId: spec.viewportId,
      type: Enums.ViewportType.STACK,
      element: spec.element,
      defaultOptions: { background: [0, 0, 0] as Types.Point3 },
    });
    this.toolGroup?.addViewport(spec.viewportId, this.engineId);
    const detach = watchElement(spec.element, {
      onNewImage: (index) => this.onNewImage(spec.viewportId, index),
      onVoi: () => this.report(spec.viewportId),
      // Layout changes resize the cell; the canvas must follow or drawings land off the image.
      onResize: () => this.engine?.resize(true, true),
    });
    const entry: Entry = {
      spec,
      token: 0,
      ready: false,
      loading: false,
      cine: false,
      adcFactor: undefined,
      stepper: viewportStepper(
        () => this.viewport(spec.viewportId),
        () => renderNow(this.engine),
      ),
      detach,
    };
    this.entries.set(spec.viewportId, entry);
    return entry;
  }

  private remove(viewportId: string): void {
    const entry = this.entries.get(viewportId);
    if (!entry) return;
    entry.detach();
    this.prefetcher.stop(viewportId);
    if (entry.cine) toolUtilities.cine.stopClip(entry.spec.element);
    this.sync.forget(viewportId);
    this.toolGroup?.removeViewports(this.engineId, viewportId);
    this.engine?.disableElement(viewportId);
    this.entries.delete(viewportId);
    this.loadsChanged();
  }

  /** Prefetch waits for every viewport's first image (or failure); derived series for acquired. */
  private loadsChanged(): void {
    const loading = [...this.entries.values()].filter((e) => e.loading);
    this.prefetcher.hold(loading.length > 0);
    const acquired = loading.filter((e) => !isDerivedSeries(e.spec.imageIds));
    firstImages.set(this, acquired.length > 0);
  }

  private async load(entry: Entry): Promise<void> {
    const token = ++this.tokens;
    entry.token = token;
    entry.ready = false;
    entry.loading = true;
    const { viewportId, imageIds } = entry.spec;
    this.prefetcher.stop(viewportId);
    this.loadsChanged();
    const stale = () => this.disposed || entry.token !== token || !this.entries.has(viewportId);
    this.onStatus(viewportId, { state: 'loading' });
    try {
      const shown = await showStack(entry.spec, () => this.viewport(viewportId), stale);
      if (!shown) return;
      entry.adcFactor = shown.adcFactor;
      entry.ready = true;
      this.prefetcher.start(viewportId, imageIds, shown.index);
      this.report(viewportId);
    } catch (error) {
      if (!stale()) this.onStatus(viewportId, { state: 'error', message: errorMessage(error) });
    } finally {
      if (entry.token === token) {
        entry.loading = false;
        this.loadsChanged();
      }
    }
  }

  /** The cornerstone viewport of a cell (the test hook reads zoom and window from it). */
  viewport(viewportId: string): Types.IStackViewport | undefined {
    return this.engine?.getViewport(viewportId);
  }

  private onNewImage(viewportId: string, index: number): void {
    const entry = this.entries.get(viewportId);
    if (!entry?.ready) return;
    // The new slice is drawn once this event's handlers are done (wheel, keys and synced
    // followers alike), not at the engine's next animation frame (src/viewer/renderNow.ts).
    queueMicrotask(() => {
      // cornerstone's CPU path has just replaced the window in the properties by the new
      // image's own while drawing with the reader's (src/viewer/drawnWindow.ts).
      const viewport = this.viewport(viewportId);
      if (viewport && keepDrawnWindow(viewport)) this.report(viewportId);
      renderNow(this.engine);
    });
    this.prefetcher.moved(viewportId, index);
    this.report(viewportId);
    const ready = new Map<string, SyncViewport>();
    for (const [id, e] of this.entries) {
      const viewport = this.viewport(id);
      if (!e.ready || !viewport) continue;
      ready.set(id, {
        stack: e.spec.stack,
        current: () => viewport.getCurrentImageIdIndex(),
        go: (target) => void viewport.setImageIdIndex(target),
      });
    }
    this.sync.moved(viewportId, index, ready);
  }

  /** Where other frames of reference lie, for scroll sync through the exams' registration. */
  setFrameMap(frames: FrameMap | undefined): void {
    this.sync.setFrameMap(frames);
  }

  /** Sends the viewport's current status (slice, position, window) to the listener. */
  private report(viewportId: string): void {
    const entry = this.entries.get(viewportId);
    const viewport = this.viewport(viewportId);
    if (!entry?.ready || !viewport) return;
    this.onStatus(viewportId, {
      state: 'ready',
      ...viewportReadout(viewport, entry.spec.stack),
      count: entry.spec.imageIds.length,
      linked: this.sync.isLinked(viewportId),
      cine: entry.cine,
    });
  }

  /** Gives the left mouse button to a tool in every viewport. */
  setTool(tool: ReadingTool): void {
    this.tool = tool;
    if (this.toolGroup) activateReadingTool(this.toolGroup, tool);
  }

  get activeTool(): ReadingTool {
    return this.tool;
  }

  /**
   * Moves by `delta` slices (clamped) from the slice last asked for; `Infinity`/`-Infinity` go to
   * the last/first slice. Steps faster than frames coalesce (src/viewer/sliceStepper.ts).
   */
  scroll(viewportId: string, delta: number): void {
    const viewport = this.viewport(viewportId);
    const entry = this.entries.get(viewportId);
    if (!viewport || !entry?.ready) return;
    const last = entry.spec.imageIds.length - 1;
    const from = entry.stepper.wanted;
    const next = Math.min(last, Math.max(0, from + delta));
    if (next !== from) entry.stepper.go(next);
  }

  /** Shows slice `index` (clamped), e.g. to restore where the reader was before a reload. */
  scrollTo(viewportId: string, index: number): void {
    const entry = this.entries.get(viewportId);
    if (entry) this.scroll(viewportId, index - entry.stepper.wanted);
  }

  /** Links two viewports at the slices they show now (re-linking replaces the old offset). */
  link(a: string, b: string): void {
    const va = this.viewport(a);
    const vb = this.viewport(b);
    if (!va || !vb) return;
    this.sync.link(a, va.getCurrentImageIdIndex(), b, vb.getCurrentImageIdIndex());
    this.report(a);
    this.report(b);
  }

  unlink(viewportId: string): void {
    this.sync.unlink(viewportId);
    for (const id of this.entries.keys()) this.report(id);
  }

  setRowSync(row: number, kind: RowSyncKind, on: boolean): void {
    this.rows.set(
      row,
      kind,
      on,
      [...this.entries.values()].map((e) => e.spec),
    );
  }

  applyPreset(viewportId: string, preset: PresetId): void {
    this.act(viewportId, (viewport) => applyPreset(viewport, preset));
  }

  reset(viewportId: string): void {
    this.act(viewportId, resetViewport);
  }

  /** Runs a display action on a viewport, then refreshes its overlays. */
  private act(viewportId: string, action: (viewport: Types.IStackViewport) => void): void {
    const viewport = this.viewport(viewportId);
    if (!viewport) return;
    action(viewport);
    this.report(viewportId);
  }

  invert(viewportId: string): void {
    this.act(viewportId, invertViewport);
  }

  toggleCine(viewportId: string): void {
    const entry = this.entries.get(viewportId);
    if (!entry?.ready) return;
    entry.cine = !entry.cine;
    if (entry.cine) toolUtilities.cine.playClip(entry.spec.element, { framesPerSecond: 8 });
    else toolUtilities.cine.stopClip(entry.spec.element);
    this.report(viewportId);
  }

  /**
   * Esc during a drawing (a length begun with one click, a drag not yet let go): cancels it on
   * every viewport, and says whether one was in progress.
   */
  cancelDrawing(): boolean {
    return cancelDrawingOn([...this.entries.keys()].map((id) => this.viewport(id)?.element));
  }

  /** The cornerstone image id shown in a viewport (for the tag browser). */
  currentImageId(viewportId: string): string | undefined {
    return this.viewport(viewportId)?.getCurrentImageId();
  }

  /** Page coordinates (CSS px) of a patient-space point in a viewport; for tests and overlays. */
  worldToPage(viewportId: string, point: Types.Point3): [number, number] | undefined {
    const viewport = this.viewport(viewportId);
    return viewport && worldToPage(viewport, point);
  }

  /** A viewport's series image ids (the test hook counts how many are decoded). */
  imageIdsOf(viewportId: string): readonly string[] | undefined {
    return this.entries.get(viewportId)?.spec.imageIds;
  }

  /**
   * Scrolls to the slice nearest a patient-space point; resolves once it is shown. The others do
   * not follow: a lesion focus moves each viewport to the place itself.
   */
  async showSliceAt(viewportId: string, point: Types.Point3): Promise<number | undefined> {
    const entry = this.entries.get(viewportId);
    const viewport = this.viewport(viewportId);
    if (!entry || !viewport) return undefined;
    const best = sliceNearest(entry.spec.stack, point);
    if (best !== viewport.getCurrentImageIdIndex()) this.sync.drive(viewportId, best);
    await untilSettled(
      viewport.setImageIdIndex(best),
      viewport.element,
      entry.spec.imageIds[best] ?? '',
    );
    panIntoView(viewport, point);
    return best;
  }

  /** Cancels pending loads and releases engine, tools and synchronizers. Safe to call twice. */
  dispose(): void {
    this.disposed = true;
    this.generation++;
    for (const id of [...this.entries.keys()]) this.remove(id);
    this.rows.dispose();
    this.measurements.stop();
    this.annotations.clearMarks();
    this.prefetcher.dispose();
    firstImages.set(this, false);
    ToolGroupManager.destroyToolGroup(`${this.engineId}-tools`);
    this.toolGroup = undefined;
    this.engine?.destroy();
    this.engine = undefined;
  }
}
