/**
 * The bench page: the app's own modules (indexing pool, StackGrid, local files) against bare
 * baselines on the same File objects, driven from scripts/bench/run.mjs through `window.bench`.
 * Every function returns one run's timing; the runner repeats them and takes medians.
 */
import {
  cache,
  eventTarget,
  Enums,
  getEnabledElement,
  imageLoader,
  type Types,
} from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import * as dicomParser from 'dicom-parser';
import { HEAD_BYTES } from '../../../src/dicom/indexing/indexFile.ts';
import { indexFiles } from '../../../src/dicom/indexing/pool.ts';
import { initCornerstone } from '../../../src/viewer/init.ts';
import { registerLocalFile } from '../../../src/viewer/localFiles.ts';
import { StackGrid } from '../../../src/viewer/stackGrid.ts';

/** One measured run: elapsed milliseconds, the figure's value, and what it counted. */
export interface RunResult {
  ms: number;
  value: number;
  count: number;
  bytes?: number;
  problems?: number;
  rendered?: number;
  /** Milliseconds until StackGrid.show resolved (first image: the rest is waiting for the draw). */
  showMs?: number;
}

const input = document.getElementById('folder') as HTMLInputElement;
const element = document.getElementById('viewport') as HTMLDivElement;

let ctIds: string[] = [];
let ctFiles: File[] = [];

/** Every picked file except the generator's manifest. */
function allFiles(): File[] {
  return Array.from(input.files ?? []).filter((file) => file.name !== 'manifest.json');
}

/** Path below the picked folder (webkitRelativePath starts with the folder's own name). */
function relativePath(file: File): string {
  return file.webkitRelativePath.split('/').slice(1).join('/');
}

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Empties cornerstone's image cache and the loader's parsed data sets, and checks it did. */
function purgeImages(): void {
  cache.purgeCache();
  wadouri.dataSetCacheManager.purge();
  const probe = ctIds[Math.floor(ctIds.length / 2)];
  if (probe !== undefined && cache.getImageLoadObject(probe) !== undefined) {
    throw new Error('the image cache was not purged');
  }
}

function pixelElement(dataSet: dicomParser.DataSet): dicomParser.Element {
  const pixels = dataSet.elements['x7fe00010'];
  if (!pixels) throw new Error('no pixel data');
  return pixels;
}

async function timed(
  run: () => Promise<Omit<RunResult, 'ms' | 'value'>>,
  value: (ms: number, r: Omit<RunResult, 'ms' | 'value'>) => number,
): Promise<RunResult> {
  const start = performance.now();
  const r = await run();
  const ms = performance.now() - start;
  return { ...r, ms, value: value(ms, r) };
}

const perSecond = (ms: number, r: { count: number }): number => r.count / (ms / 1000);
const megabytesPerSecond = (ms: number, r: { bytes?: number }): number =>
  (r.bytes ?? 0) / 1e6 / (ms / 1000);

const bench = {
  /** Picks the CT series out of the chosen folder and registers it with the image loader. */
  async setup(ctPaths: string[]): Promise<{ files: number; ct: number; userAgent: string }> {
    await initCornerstone();
    const byPath = new Map(allFiles().map((file) => [relativePath(file), file]));
    ctFiles = ctPaths.map((path) => {
      const file = byPath.get(path);
      if (!file) throw new Error(`not in the picked folder: ${path}`);
      return file;
    });
    ctIds = ctFiles.map((file) => registerLocalFile(file));
    return { files: byPath.size, ct: ctIds.length, userAgent: navigator.userAgent };
  },

  /** Figure 1, app: the app's worker pool (src/dicom/indexing/pool.ts) over every file. */
  indexApp(): Promise<RunResult> {
    const files = allFiles();
    return timed(async () => {
      const results = await indexFiles(files.map((file) => ({ file, name: relativePath(file) })));
      const problems = results.filter((r) => r.kind !== 'header').length;
      return { count: files.length, problems };
    }, perSecond);
  },

  /** Figure 1, baseline: dicom-parser on the main thread over the same first 64 KB slices. */
  indexBare(): Promise<RunResult> {
    const files = allFiles();
    return timed(async () => {
      let problems = 0;
      for (const file of files) {
        const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
        try {
          dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
        } catch {
          problems++;
        }
      }
      return { count: files.length, problems };
    }, perSecond);
  },

  /** Figure 2, app: StackGrid.show on the CT series until the middle slice is rendered. */
  async firstImageApp(): Promise<RunResult> {
    purgeImages();
    const grid = new StackGrid(() => undefined);
    let rendered = 0;
    const onRendered = (): void => void rendered++;
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    try {
      return await timed(
        async () => {
          const start = performance.now();
          await grid.show([{ viewportId: 'bench-first', element, imageIds: ctIds }]);
          const showMs = performance.now() - start;
          while (rendered === 0) await nextFrame();
          return { count: 1, rendered, showMs };
        },
        (ms) => ms,
      );
    } finally {
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      grid.dispose();
    }
  },

  /** Figure 2, baseline: loadAndCacheImage (read, parse, worker decode) of the same slice. */
  async firstImageBare(): Promise<RunResult> {
    purgeImages();
    const id = ctIds[Math.floor(ctIds.length / 2)] ?? '';
    return timed(
      async () => {
        await imageLoader.loadAndCacheImage(id);
        await nextFrame();
        return { count: 1 };
      },
      (ms) => ms,
    );
  },

  /** Figure 3, app: every CT slice through cornerstone's loader and decode worker. */
  async decodeApp(): Promise<RunResult> {
    purgeImages();
    return timed(async () => {
      const images = await Promise.all(ctIds.map((id) => imageLoader.loadAndCacheImage(id)));
      const bytes = images.reduce((sum, image) => sum + image.getPixelData().byteLength, 0);
      purgeImages();
      return { count: images.length, bytes };
    }, megabytesPerSecond);
  },

  /** Figure 3, baseline: read each file, parse with dicom-parser, copy the pixels out. */
  async decodeBare(): Promise<RunResult> {
    purgeImages();
    return timed(async () => {
      let bytes = 0;
      for (const file of ctFiles) {
        const data = new Uint8Array(await file.arrayBuffer());
        const pixels = pixelElement(dicomParser.parseDicom(data));
        const copy = new Int16Array(
          data.buffer.slice(pixels.dataOffset, pixels.dataOffset + pixels.length),
        );
        bytes += copy.byteLength;
      }
      return { count: ctFiles.length, bytes };
    }, megabytesPerSecond);
  },

  /** Figure 4, app: a StackGrid on the preloaded CT, one slice per animation frame. */
  async scrollApp(): Promise<RunResult> {
    await Promise.all(ctIds.map((id) => imageLoader.loadAndCacheImage(id)));
    const grid = new StackGrid(() => undefined);
    let rendered = 0;
    const onRendered = (): void => void rendered++;
    try {
      await grid.show([{ viewportId: 'bench-scroll', element, imageIds: ctIds }]);
      const viewport = getEnabledElement(element)?.viewport as Types.IStackViewport | undefined;
      if (!viewport) throw new Error('no stack viewport');
      await viewport.setImageIdIndex(0);
      viewport.render();
      await nextFrame();
      element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      return await timed(async () => {
        for (let i = 1; i < ctIds.length; i++) {
          await viewport.setImageIdIndex(i);
          viewport.render();
          await nextFrame();
        }
        return { count: ctIds.length - 1, rendered };
      }, perSecond);
    } finally {
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      grid.dispose();
    }
  },

  /** Figure 4, baseline: the animation frame rate of this page with nothing to draw. */
  async rafBaseline(frames = 120): Promise<RunResult> {
    await nextFrame();
    return timed(async () => {
      for (let i = 0; i < frames; i++) await nextFrame();
      return { count: frames };
    }, perSecond);
  },

  /** JS heap in use, where Chromium exposes it. */
  heapBytes(): number | null {
    const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
    return memory ? memory.usedJSHeapSize : null;
  },
};

export type BenchApi = typeof bench;
(window as unknown as { bench: BenchApi }).bench = bench;
// Image load failures must not pass silently: surface them to the runner's console listener.
eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, () =>
  console.error('bench: image load failed'),
);
document.title = 'bench ready';
