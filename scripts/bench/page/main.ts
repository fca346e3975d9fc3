/**
 * The bench page: the app's own modules (indexing pool, catalogue, hanging protocol, ReadingSession,
 * local files) against bare baselines on the same File objects, driven from scripts/bench/run.mjs
 * through `window.bench`. Every timing function returns one run; the runner repeats them and takes
 * medians. The reading figures build their viewport specs the way src/ui/ReadingScreen.tsx does
 * (readingCells -> stackOf/valueKindOf), on real div cells of the app's size, and drive the app's
 * ReadingSession (show, scroll, dispose).
 */
import { cache, eventTarget, Enums, imageLoader, metaData } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import * as dicomParser from 'dicom-parser';
import {
  buildCatalog,
  type CatalogInstance,
  type CatalogPatient,
} from '../../../src/dicom/catalog.ts';
import { HEAD_BYTES } from '../../../src/dicom/indexing/indexFile.ts';
import { indexFiles } from '../../../src/dicom/indexing/pool.ts';
import { initCornerstone } from '../../../src/viewer/init.ts';
import { registerLocalFile } from '../../../src/viewer/localFiles.ts';
import { hangOn } from '../../../src/viewer/protocol.ts';
import { DLM_PROTOCOL } from '../../../src/viewer/protocols/index.ts';
import { readingCells } from '../../../src/viewer/readingLayout.ts';
import { ReadingSession, type ReadingViewportSpec } from '../../../src/viewer/readingSession.ts';
import { megabytesPerSecond, nextFrame, perSecond, timed, type RunResult } from './timing.ts';
import { makeCells, middleImage, openIntoProtocol, RenderWatch, specsFor } from './cells.ts';

export type { RunResult } from './timing.ts';

/** One patient open of the heap figure. */
export interface OpenResult {
  patientId: string;
  viewports: number;
  ms: number;
  cacheBytes: number;
  cacheMaxBytes: number;
  /** Bytes of parsed DICOM files the wadouri loader keeps (dataSetCacheManager). */
  dataSetBytes: number;
}

const input = document.getElementById('folder') as HTMLInputElement;
const grid = document.getElementById('grid') as HTMLDivElement;

let ctIds: string[] = [];
let ctFiles: File[] = [];
let patients: CatalogPatient[] = [];
/** `dicomfile:` id -> its File, to register a patient's files again under fresh ids. */
const fileOfId = new Map<string, File>();

/** Every picked file except the generator's manifest. */
function allFiles(): File[] {
  return Array.from(input.files ?? []).filter((file) => file.name !== 'manifest.json');
}

/** Path below the picked folder (webkitRelativePath starts with the folder's own name). */
function relativePath(file: File): string {
  return file.webkitRelativePath.split('/').slice(1).join('/');
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

const bench = {
  /**
   * Indexes the picked folder with the app's pool, registers the files with the image loader
   * and catalogues them (what src/store/localSource.ts does); picks the CT series for the decode
   * figure out of the catalogue.
   */
  async setup(
    ctPaths: string[],
    cacheMegabytes?: number,
  ): Promise<{
    files: number;
    ct: number;
    patients: string[];
    protocol: { patientId: string; cells: string[] }[];
    userAgent: string;
  }> {
    await initCornerstone();
    // A lower image cache ceiling (BENCH_CACHE_MB) lets the heap figure's opens fill the cache.
    if (cacheMegabytes) cache.setMaxCacheSize(cacheMegabytes * 1e6);
    const files = allFiles();
    const results = await indexFiles(files.map((file) => ({ file, name: relativePath(file) })));
    const instances: CatalogInstance[] = [];
    const idOfPath = new Map<string, string>();
    results.forEach((result, index) => {
      const file = files[index] as File;
      if (result.kind !== 'header') return;
      const source = registerLocalFile(file);
      fileOfId.set(source, file);
      idOfPath.set(relativePath(file), source);
      instances.push({ source, name: relativePath(file), header: result.header });
    });
    const catalog = buildCatalog(instances);
    if (catalog.problems.length > 0) {
      throw new Error(`catalogue problems: ${JSON.stringify(catalog.problems.slice(0, 3))}`);
    }
    patients = catalog.patients;
    ctIds = ctPaths.map((path) => {
      const id = idOfPath.get(path);
      if (!id) throw new Error(`not in the picked folder: ${path}`);
      return id;
    });
    ctFiles = ctIds.map((id) => fileOfId.get(id) as File);
    const protocol = patients.map((patient) => ({
      patientId: patient.patientId,
      cells: readingCells(patient, hangOn(patient, DLM_PROTOCOL), '2x4', {}).map(
        (cell) =>
          `${cell.cellId} ${cell.timepoint} ${cell.label}: ${cell.series?.description ?? '(none)'}` +
          ` [${cell.series?.instances.length ?? 0}]`,
      ),
    }));
    return {
      files: files.length,
      ct: ctIds.length,
      patients: patients.map((p) => p.patientId),
      protocol,
      userAgent: navigator.userAgent,
    };
  },

  /** Header indexing, app: the app's worker pool (src/dicom/indexing/pool.ts) over every file. */
  indexApp(): Promise<RunResult> {
    const files = allFiles();
    return timed(async () => {
      const results = await indexFiles(files.map((file) => ({ file, name: relativePath(file) })));
      const problems = results.filter((r) => r.kind !== 'header').length;
      return { count: files.length, problems };
    }, perSecond);
  },

  /** Header indexing, baseline: dicom-parser on the main thread over the same 64 KB slices. */
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

  /**
   * First image, app: the first bench patient opened into the 2x4 DLM protocol through a new
   * ReadingSession, until every viewport reported ready and drew its middle slice.
   */
  async firstImageApp(): Promise<RunResult> {
    purgeImages();
    const patient = patients[0];
    if (!patient) throw new Error('no patients');
    const r = await openIntoProtocol(grid, patient);
    const { ms, viewports, ...parts } = r;
    return { ms, value: ms, count: viewports, ...parts };
  },

  /** First image, baseline: loadAndCacheImage (read, parse, decode) of the same images at once. */
  async firstImageBare(): Promise<RunResult> {
    purgeImages();
    const patient = patients[0];
    if (!patient) throw new Error('no patients');
    const ids = specsFor(patient, '2x4', {}, makeCells(grid, '2x4')).map(
      (s) => middleImage(s) ?? '',
    );
    grid.replaceChildren();
    return timed(
      async () => {
        await Promise.all(ids.map((id) => imageLoader.loadAndCacheImage(id)));
        return { count: ids.length };
      },
      (ms) => ms,
    );
  },

  /** Whole-series decode, app: every CT slice through cornerstone's loader and decode worker. */
  async decodeApp(): Promise<RunResult> {
    purgeImages();
    return timed(async () => {
      const images = await Promise.all(ctIds.map((id) => imageLoader.loadAndCacheImage(id)));
      const bytes = images.reduce((sum, image) => sum + image.getPixelData().byteLength, 0);
      purgeImages();
      return { count: images.length, bytes };
    }, megabytesPerSecond);
  },

  /** Whole-series decode, baseline: read each file, parse with dicom-parser, copy the pixels. */
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

  /**
   * Scroll, app: the first patient's baseline CT chosen into all four cells of a 2x2 layout (one
   * frame of reference, so the session's sync moves the other three), opened at the middle slice,
   * sent to the first slice, then stepped through every slice with ReadingSession.scroll(+1) on
   * the top-left viewport, as an arrow key does; each step waits until all four viewports drew
   * the new slice. `preload` decodes the whole CT into the cache first; without it the cache is
   * purged and each step includes the decode of its slice (the session does not prefetch).
   */
  async scrollApp(preload = true): Promise<RunResult> {
    const patient = patients[0];
    const ct = patient?.timepoints[0]?.exams
      .flatMap((e) => e.series)
      .find((s) => s.modality === 'CT');
    if (!patient || !ct) throw new Error('no CT for the scroll figure');
    purgeImages();
    if (preload) {
      await Promise.all(
        ct.instances.map((instance) => imageLoader.loadAndCacheImage(instance.source)),
      );
    }
    const elements = makeCells(grid, '2x2');
    const choices = { r0c0: ct.key, r0c1: ct.key, r1c0: ct.key, r1c1: ct.key };
    const specs = specsFor(patient, '2x2', choices, elements);
    if (specs.length !== 4) throw new Error(`the 2x2 layout has ${specs.length} viewports`);
    const driver = specs[0] as ReadingViewportSpec;
    let target = Math.floor(driver.imageIds.length / 2);
    const watch = new RenderWatch(specs, (spec) => spec.imageIds[target]);
    const session = new ReadingSession(watch.onStatus, () => undefined);
    try {
      const opened = watch.wait('scroll: open');
      await session.show(specs);
      await opened;
      target = 0;
      const atFirst = watch.wait('scroll: to the first slice');
      session.scroll(driver.viewportId, -Infinity);
      await atFirst;
      await nextFrame();
      const steps = driver.imageIds.length - 1;
      return await timed(async () => {
        for (let i = 1; i <= steps; i++) {
          target = i;
          const drawn = watch.wait(`scroll: slice ${i}`);
          session.scroll(driver.viewportId, 1);
          await drawn;
        }
        return { count: steps };
      }, perSecond);
    } finally {
      watch.detach();
      session.dispose();
      grid.replaceChildren();
    }
  },

  /** Scroll without the preload: each step decodes its slice (see scrollApp). */
  scrollColdApp(): Promise<RunResult> {
    return bench.scrollApp(false);
  },

  /** Scroll, baseline: the animation frame rate of this page with nothing to draw. */
  async rafBaseline(frames = 120): Promise<RunResult> {
    await nextFrame();
    return timed(async () => {
      for (let i = 0; i < frames; i++) await nextFrame();
      return { count: frames };
    }, perSecond);
  },

  /** Heap figure: empties the image caches before the first open. */
  resetCaches(): { cacheBytes: number; cacheMaxBytes: number } {
    purgeImages();
    return { cacheBytes: cache.getCacheSize(), cacheMaxBytes: cache.getMaxCacheSize() };
  },

  /**
   * Heap figure: open number `n` (0-based) of a run of patient opens. The bench patients take
   * turns; each open registers the shown series' files again under fresh `dicomfile:` ids, so
   * every open is a new patient to cornerstone's caches (as 20 different patients would be),
   * then opens it into the 2x4 protocol with a new ReadingSession, waits for all first images
   * and disposes the session (what leaving the patient does).
   */
  async openPatient(n: number): Promise<OpenResult> {
    const patient = patients[n % patients.length];
    if (!patient) throw new Error('no patients');
    const fresh = new Map<string, string>();
    const ids = (source: string): string => {
      let id = fresh.get(source);
      if (id === undefined) {
        const file = fileOfId.get(source);
        if (!file) throw new Error(`no file for ${source}`);
        id = registerLocalFile(file);
        fresh.set(source, id);
      }
      return id;
    };
    const r = await openIntoProtocol(grid, patient, ids);
    await nextFrame();
    return {
      patientId: patient.patientId,
      viewports: r.viewports,
      ms: r.ms,
      cacheBytes: cache.getCacheSize(),
      cacheMaxBytes: cache.getMaxCacheSize(),
      dataSetBytes: wadouri.dataSetCacheManager.getInfo().cacheSizeInBytes,
    };
  },

  /**
   * Heap figure control: the image loads of openPatient(n) (the 8 middle slices, under fresh
   * ids) with no session, no viewport and nothing drawn.
   */
  async openBare(n: number): Promise<OpenResult> {
    const patient = patients[n % patients.length];
    if (!patient) throw new Error('no patients');
    const specs = specsFor(patient, '2x4', {}, makeCells(grid, '2x4'));
    grid.replaceChildren();
    const ids = specs.map((s) => registerLocalFile(fileOfId.get(middleImage(s) ?? '') as File));
    await Promise.all(ids.map((id) => imageLoader.loadAndCacheImage(id)));
    return {
      patientId: patient.patientId,
      viewports: 0,
      ms: 0,
      cacheBytes: cache.getCacheSize(),
      cacheMaxBytes: cache.getMaxCacheSize(),
      dataSetBytes: wadouri.dataSetCacheManager.getInfo().cacheSizeInBytes,
    };
  },

  /**
   * Series memory figure: every slice of the bench CT decoded into the image cache (what the
   * prefetch of a series in view does), after the caches were emptied. Returns the raw pixel
   * bytes of the series (rows x columns x bits allocated) and what the image cache counts.
   */
  async loadSeries(): Promise<{ rawBytes: number; cacheBytes: number; images: number }> {
    purgeImages();
    const images = await Promise.all(ctIds.map((id) => imageLoader.loadAndCacheImage(id)));
    const rawBytes = images.reduce((sum, image) => {
      const pixel = metaData.get('imagePixelModule', image.imageId) as
        { bitsAllocated?: number } | undefined;
      return sum + (image.rows * image.columns * (pixel?.bitsAllocated ?? 16)) / 8;
    }, 0);
    return { rawBytes, cacheBytes: cache.getCacheSize(), images: images.length };
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
