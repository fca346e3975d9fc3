/** Memory figures of the bench page, read over CDP after garbage collection. */
/* global window -- the page.evaluate callbacks run in the bench page */
import { fmt, log, MB } from './util.mjs';

/** Patient opens of the heap figure, and the opens whose heap the table reports. */
const HEAP_OPENS = 20;
const HEAP_REPORTED = [1, 10, 20];

/**
 * JS heap after opening HEAP_OPENS patients one after another (bench.openPatient: a new
 * ReadingSession into the 2x4 protocol, all first images drawn, dispose). Heap read through CDP
 * after HeapProfiler.collectGarbage: Runtime.getHeapUsage's usedSize (V8 heap) and, where
 * Chromium reports it, backingStorageSize (ArrayBuffer stores, where decoded pixels live). Then,
 * as controls: the caches purged, and the same image loads again with no session at all
 * (bench.openBare), so what the sessions add beyond the loaded images shows.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').CDPSession} cdp
 */
export async function measureHeap(page, cdp) {
  const usage = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    /** @type {{usedSize: number, backingStorageSize?: number}} */
    const u = await cdp.send('Runtime.getHeapUsage');
    return { heap: u.usedSize, arrayBuffers: u.backingStorageSize ?? null };
  };
  /** @param {'openPatient' | 'openBare'} fn */
  const openAll = async (fn) => {
    const opens = [];
    for (let n = 0; n < HEAP_OPENS; n++) {
      const open = await page.evaluate(([i, name]) => window.bench[name](i), [n, fn]);
      opens.push({ n: n + 1, ...open, ...(await usage()) });
    }
    return opens;
  };
  await page.evaluate(() => window.bench.resetCaches());
  const before = await usage();
  const opens = await openAll('openPatient');
  await page.evaluate(() => window.bench.resetCaches());
  const afterPurge = await usage();
  const bare = await openAll('openBare');
  const at = (n) => opens[n - 1];
  const last = opens[opens.length - 1];
  const bareLast = bare[bare.length - 1];
  const cache = {
    bytes: last.cacheBytes,
    maxBytes: last.cacheMaxBytes,
    dataSetBytes: last.dataSetBytes,
  };
  log(
    `heap before ${fmt(before.heap / MB)} MB (ArrayBuffers ${fmt((before.arrayBuffers ?? 0) / MB)} MB);`,
    HEAP_REPORTED.map((n) => `after #${n} ${fmt(at(n).heap / MB)} MB`).join(', '),
    `; cache ${fmt(cache.bytes / MB)} of ${fmt(cache.maxBytes / MB)} MB`,
  );
  const common = `${HEAP_OPENS} patient opens one after another (the bench patients taking turns), each a new ReadingSession showing the 2x4 DLM protocol until all 8 first images are drawn, then dispose; each open registers the shown series' files again under fresh dicomfile: ids, so to cornerstone's caches every open is a new patient (8 new images). Measured first, on the freshly catalogued page. Read over CDP after HeapProfiler.collectGarbage (twice). Baseline: the same reading before the first open, caches purged. App: after open #${HEAP_OPENS}; afterOpen has #${HEAP_REPORTED.join(', #')}. cache = cornerstone cache.getCacheSize() vs cache.getMaxCacheSize() after the last open (dataSetBytes: the wadouri loader's parsed-file cache). Controls: afterPurge = the reading after the caches are purged following open #${HEAP_OPENS}; bareAfter20 = the same ${HEAP_OPENS} x 8 image loads with no session (imageLoader.loadAndCacheImage only), from afterPurge. Ratio = baseline / app.`;
  /**
   * @param {string} id
   * @param {string} label
   * @param {'heap' | 'arrayBuffers'} key
   * @param {string} note
   */
  const figure = (id, label, key, note) => ({
    id,
    label,
    unit: 'MB',
    higherIsBetter: false,
    app: last[key] / MB,
    baseline: before[key] / MB,
    ratio: before[key] / last[key],
    ratioOfMedians: before[key] / last[key],
    target: null,
    absoluteTarget: false,
    targetMet: null,
    note,
    afterOpen: Object.fromEntries(HEAP_REPORTED.map((n) => [n, at(n)[key] / MB])),
    afterPurge: afterPurge[key] / MB,
    bareAfter20: bareLast[key] / MB,
    cache,
    runs: { before, opens, afterPurge, bare },
  });
  const figures = {
    heapAfter20Patients: figure(
      'heapAfter20Patients',
      `JS heap after ${HEAP_OPENS} opens`,
      'heap',
      `Runtime.getHeapUsage usedSize (V8 heap; ArrayBuffer contents such as decoded pixels are not in it). ${common}`,
    ),
  };
  if (before.arrayBuffers != null) {
    figures.arrayBuffersAfter20Patients = figure(
      'arrayBuffersAfter20Patients',
      `ArrayBuffers after ${HEAP_OPENS} opens`,
      'arrayBuffers',
      `Runtime.getHeapUsage backingStorageSize (ArrayBuffer stores: cached pixels and parsed files). ${common}`,
    );
  }
  return figures;
}

/**
 * Memory of one decoded series: the JS heap and ArrayBuffer stores (CDP, after garbage collection)
 * grown by decoding every slice of the 300-slice 512x512 CT into the image cache (bench.loadSeries),
 * against the series' raw pixel bytes. Ratio = raw / grown; the target (at most 1.2x raw) is
 * ratio >= 0.83.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').CDPSession} cdp
 */
export async function measureSeries(page, cdp) {
  const usage = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    /** @type {{usedSize: number, backingStorageSize?: number}} */
    const u = await cdp.send('Runtime.getHeapUsage');
    return { heap: u.usedSize, arrayBuffers: u.backingStorageSize ?? 0 };
  };
  await page.evaluate(() => window.bench.resetCaches());
  const before = await usage();
  const series = await page.evaluate(() => window.bench.loadSeries());
  const after = await usage();
  await page.evaluate(() => window.bench.resetCaches());
  const grown = after.heap + after.arrayBuffers - before.heap - before.arrayBuffers;
  log(
    `series: ${series.images} images, raw ${fmt(series.rawBytes / MB)} MB, heap + ArrayBuffers grew ${fmt(grown / MB)} MB (heap ${fmt((after.heap - before.heap) / MB)}, ArrayBuffers ${fmt((after.arrayBuffers - before.arrayBuffers) / MB)}); cache ${fmt(series.cacheBytes / MB)} MB`,
  );
  return {
    id: 'seriesMemory',
    label: 'memory of one 300-slice 512x512 CT decoded',
    unit: 'MB',
    higherIsBetter: false,
    app: grown / MB,
    baseline: series.rawBytes / MB,
    ratio: series.rawBytes / grown,
    ratioOfMedians: series.rawBytes / grown,
    runCount: 1,
    target: 1 / 1.2,
    absoluteTarget: false,
    targetMet: grown <= 1.2 * series.rawBytes,
    note: 'JS heap (usedSize) + ArrayBuffer stores (backingStorageSize), read over CDP after HeapProfiler.collectGarbage, grown by loading every slice of the bench CT into the image cache with loadAndCacheImage (as the prefetch of a series in view does), from emptied caches. Baseline: the raw pixel bytes (rows x columns x bits allocated / 8). Ratio = raw / grown; target: grown <= 1.2x raw.',
    runs: { before, after, series },
  };
}
