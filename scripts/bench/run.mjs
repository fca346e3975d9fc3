/**
 * `npm run bench`: app figures against baselines measured in the same browser run. Generates (or
 * reuses) the large synthetic study, builds the bench page, serves both on 127.0.0.1, drives
 * Debian's Chromium with the e2e tests' launcher, prints a table and writes bench-out/bench.json.
 * Speed is never asserted: the exit code is non-zero only when the bench itself fails.
 *
 * Env: BENCH_RUNS (runs per figure, default 5), BENCH_STUDY_DIR (study folder), BENCH_JPEGLS=1
 * (the study stored JPEG-LS lossless, like the sample, in a folder of its own), BENCH_ONLY
 * (comma-separated figure ids to measure, e.g. `scroll,heapAfter20Patients,node`; `node` = the ADC
 * and central-review figures measured in Node, and the registration's, `registration` = only the
 * registration (scripts/bench/registration.mjs), `proxy` = the npm start proxy against a plain Node
 * proxy (scripts/bench/proxy.mjs); default all), BENCH_CACHE_MB (the image cache's ceiling in the
 * bench page, default the app's: lower it so the heap figure's opens fill the cache).
 */
/* global window, document -- the page.evaluate callbacks run in the bench page */
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build, runnerImport } from 'vite';
import { benchAdc } from './adc.mjs';
import { benchProxy } from './proxy.mjs';
import { benchRegistration } from './registration.mjs';
import { benchReview } from './review.mjs';
import { ensureStudy } from './study.mjs';
import { median } from './median.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
/** Patient opens of the heap figure, and the opens whose heap the table reports. */
const HEAP_OPENS = 20;
const HEAP_REPORTED = [1, 10, 20];
const MB = 1e6;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const OUT = join(ROOT, 'bench-out', 'bench.json');
const CACHE_MB = Number(process.env.BENCH_CACHE_MB) > 0 ? Number(process.env.BENCH_CACHE_MB) : null;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.dcm': 'application/dicom',
};

/** @param {string[]} args */
function log(...args) {
  console.log(`[bench ${(performance.now() / 1000).toFixed(1)}s]`, ...args);
}

/**
 * Static files from `page` at / and from `study` at /study/, on a free loopback port.
 * @param {string} page
 * @param {string} study
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
function serve(page, study) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [base, rest] = path.startsWith('/study/') ? [study, path.slice(7)] : [page, path];
    const file = normalize(join(base, rest === '/' || rest === '' ? 'index.html' : rest));
    if (!file.startsWith(base + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

/** @param {number} x */
function fmt(x) {
  if (x == null) return '-';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/**
 * Runs app and baseline alternately (app first on even runs), after one unmeasured warm-up of each
 * unless `f.warmUp` is false. The ratio is the median of the per-run ratios (each app run against
 * the baseline run next to it, so slow drift of a shared machine cancels out); `higherIsBetter`
 * orients it so that 1 means "as good as the baseline" and less is worse.
 * A target is on the ratio, or on the app's value itself when `absoluteTarget` is set; `maxRuns`
 * caps the runs of slow figures.
 * @param {import('playwright-core').Page} page
 * @param {{id: string, label: string, unit: string, app: string, baseline: string, higherIsBetter: boolean, warmUp: boolean, target: number | null, absoluteTarget?: boolean, maxRuns?: number, note: string}} f
 */
async function measure(page, f) {
  /** @param {string} name */
  const call = (name) => page.evaluate((fn) => window.bench[fn](), name);
  if (f.warmUp) {
    await call(f.app);
    await call(f.baseline);
  }
  const app = [];
  const baseline = [];
  const runs = Math.min(RUNS, f.maxRuns ?? RUNS);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
    for (const side of order) {
      const r = await call(f[side]);
      (side === 'app' ? app : baseline).push(r);
    }
  }
  /** @param {number} a @param {number} b */
  const ratioOf = (a, b) => (f.higherIsBetter ? a / b : b / a);
  const appValue = median(app.map((r) => r.value));
  const baseValue = median(baseline.map((r) => r.value));
  const ratio = median(app.map((r, i) => ratioOf(r.value, baseline[i].value)));
  log(`${f.label}: app ${fmt(appValue)} ${f.unit}, baseline ${fmt(baseValue)} ${f.unit}`);
  return {
    id: f.id,
    label: f.label,
    unit: f.unit,
    higherIsBetter: f.higherIsBetter,
    app: appValue,
    baseline: baseValue,
    ratio,
    ratioOfMedians: ratioOf(appValue, baseValue),
    runCount: runs,
    target: f.target,
    absoluteTarget: f.absoluteTarget ?? false,
    targetMet: f.target == null ? null : (f.absoluteTarget ? appValue : ratio) >= f.target,
    note: f.note,
    runs: { app, baseline },
  };
}

const FIGURES = [
  {
    id: 'indexing',
    label: 'header indexing',
    unit: 'files/s',
    app: 'indexApp',
    baseline: 'indexBare',
    higherIsBetter: true,
    warmUp: true,
    target: 0.8,
    note: 'src/dicom/indexing/pool.ts indexFiles (module workers) vs dicom-parser parseDicom untilTag x7fe00010 on the main thread, same File objects, first 64 KB slices.',
  },
  {
    id: 'firstImage',
    label: 'time to first image, 2x4 DLM',
    unit: 'ms',
    app: 'firstImageApp',
    baseline: 'firstImageBare',
    higherIsBetter: false,
    warmUp: true,
    target: 1 / 1.5,
    note: 'BENCH-001 opened into the 2x4 DLM protocol (baseline/pre-op x CT portal venous, DWI highest b, ADC, EOB HBP; readingCells + the ReadingScreen spec mapping) on 8 div cells of 264x264 px: new ReadingSession, show(specs), until every viewport has reported ready to the status listener and fired IMAGE_RENDERED with its middle slice drawn, vs imageLoader.loadAndCacheImage of the same 8 middle slices in parallel (read, parse, worker decode; nothing drawn). Image and data-set caches purged before each run; cornerstone initialised and files catalogued once before. Ratio = baseline ms / app ms; the target (app at most 1.5x the baseline) is ratio >= 0.67.',
  },
  {
    id: 'seriesDecode',
    label: 'whole-series decode',
    unit: 'MB/s',
    app: 'decodeApp',
    baseline: 'decodeBare',
    higherIsBetter: true,
    warmUp: true,
    target: null,
    note: 'All 300 CT slices (512x512 Int16, pixel MB) through imageLoader.loadAndCacheImage (worker decode) vs reading each file, dicom-parser and an Int16Array copy on the main thread.',
  },
  {
    id: 'scroll',
    label: 'scroll, synced 2x2, cached',
    unit: 'frames/s',
    app: 'scrollApp',
    baseline: 'rafBaseline',
    higherIsBetter: true,
    warmUp: false,
    target: 30,
    absoluteTarget: true,
    maxRuns: 3,
    note: 'At most 3 runs (a run is a whole pass). The 300-slice 512x512 CT of BENCH-001 chosen into all 4 cells (536x372 px) of a 2x2 layout, one frame of reference, so the ReadingSession sync moves the 3 others by patient position; ReadingSession.scroll(top-left, +1) per step as an arrow key does, next step once all 4 viewports fired IMAGE_RENDERED with the new slice; 299 steps. The whole CT is decoded into the cache first. Baseline: the rAF rate of the same page with nothing to draw (headless Chromium, SwiftShader WebGL). Target: app >= 30 frames/s (absolute).',
  },
  {
    id: 'scrollCold',
    label: 'scroll, synced 2x2, cold',
    unit: 'frames/s',
    app: 'scrollColdApp',
    baseline: 'rafBaseline',
    higherIsBetter: true,
    warmUp: false,
    target: 30,
    absoluteTarget: true,
    maxRuns: 3,
    note: 'At most 3 runs. As "scroll, synced 2x2, cached" but with the caches purged and no preload: each step includes the read and worker decode of its slice unless the session prefetch (src/viewer/prefetch.ts) got there first, i.e. the first pass through a series. All 4 viewports show the same series, so each slice is decoded once.',
  },
];

/**
 * Figures measured in Node on the app's pure code, in the same run: the ADC fit (src/domain/adc.ts)
 * against a bare loop, and the central review's computation (src/cli/analysis.ts) for 400
 * patients x 2 reads against its 200 ms target.
 */
async function nodeFigures() {
  const figures = {};
  if (ONLY && !ONLY.has('node')) return registrationFigures();
  const adc = await benchAdc({ runs: RUNS, log: (...args) => log('[adc]', ...args) });
  for (const f of adc.figures) {
    figures[`adc-${f.id}`] = {
      ...f,
      higherIsBetter: false,
      ratio: 1 / f.ratio,
      target: 1 / f.targetRatio,
      absoluteTarget: false,
      targetMet: f.ratio <= f.targetRatio && (f.targetMs == null || f.app < f.targetMs),
    };
  }
  const review = await benchReview({ runs: RUNS, log: (...args) => log('[review]', ...args) });
  for (const f of review.figures) {
    figures[f.id] = {
      ...f,
      higherIsBetter: false,
      baseline: f.targetMs,
      ratio: f.targetMs / f.app,
      target: 1,
      absoluteTarget: false,
      targetMet: f.targetMet,
    };
  }
  Object.assign(figures, await registrationFigures());
  return figures;
}

/**
 * Rigid registration of the sample study's exams (scripts/bench/registration.mjs): TRE per
 * patient against the 3 mm goal and time per pair against 3 s; ratio = goal / app.
 */
async function registrationFigures() {
  const figures = {};
  const result = await benchRegistration({
    runs: RUNS,
    log: (...args) => log('[registration]', ...args),
  });
  for (const f of result.figures) {
    const goal = f.unit === 'mm' ? f.targetMm : f.targetMs;
    figures[f.id] = {
      ...f,
      higherIsBetter: false,
      baseline: goal,
      ratio: goal / f.app,
      target: 1,
      absoluteTarget: false,
    };
  }
  return figures;
}

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
async function measureHeap(page, cdp) {
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
async function measureSeries(page, cdp) {
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

async function main() {
  const started = new Date();
  const study = ensureStudy();
  log(
    `study ${study.dir}: ${study.manifest.files} files`,
    study.generated ? `(generated in ${study.seconds.toFixed(1)} s)` : '(reused)',
  );

  const config = join(ROOT, 'scripts/bench/vite.bench.config.ts');
  const buildStart = performance.now();
  const { module: benchConfig } = await runnerImport(config, { configFile: false });
  await build({ configFile: config, logLevel: 'warn' });
  const buildSeconds = (performance.now() - buildStart) / 1000;
  log(`bench page built in ${buildSeconds.toFixed(1)} s`);

  const server = await serve(benchConfig.BENCH_OUT_DIR, study.dir);
  const { module: browser } = await runnerImport(join(ROOT, 'test/e2e/browser.ts'), {
    configFile: false,
  });
  const session = await browser.openBrowser({ width: 1400, height: 1000 });
  const { page } = session;
  try {
    const cdp = await session.context.newCDPSession(page);
    const version = await cdp.send('Browser.getVersion');
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === 'bench ready');
    await page.locator('#folder').setInputFiles(study.dir);
    const setup = await page.evaluate(
      ([paths, cacheMb]) => window.bench.setup(paths, cacheMb ?? undefined),
      [study.manifest.ct.files, CACHE_MB],
    );
    log(`page has ${setup.files} files, CT ${setup.ct} slices; ${RUNS} runs per figure`);
    for (const p of setup.protocol) log(`2x4 DLM for ${p.patientId}:\n  ${p.cells.join('\n  ')}`);

    const figures = {};
    // The heap figure first, so its baseline is the freshly catalogued page (listed last).
    const heap =
      !ONLY || ONLY.has('heapAfter20Patients') ? await measureHeap(page, cdp) : undefined;
    if (!ONLY || ONLY.has('seriesMemory')) figures.seriesMemory = await measureSeries(page, cdp);
    for (const f of FIGURES) {
      if (!ONLY || ONLY.has(f.id)) figures[f.id] = await measure(page, f);
    }
    Object.assign(figures, heap);
    if (!ONLY || ONLY.has('node') || ONLY.has('registration')) {
      Object.assign(figures, await nodeFigures());
    }
    if (!ONLY || ONLY.has('proxy')) {
      figures.proxy = await benchProxy({
        root: ROOT,
        studyDir: study.dir,
        files: study.manifest.ct.files,
        runs: RUNS,
        log: (...args) => log('[proxy]', ...args),
      });
    }
    if (session.errors.length > 0) log('browser errors:', session.errors.slice(0, 10));

    const cpu = cpus();
    const result = {
      date: started.toISOString(),
      seconds: Number((performance.now() / 1000).toFixed(1)),
      runs: RUNS,
      machine: {
        cpu: cpu[0]?.model ?? 'unknown',
        cores: cpu.length,
        memoryGB: Number((totalmem() / 2 ** 30).toFixed(1)),
        node: process.version,
        chromium: version.product,
        userAgent: setup.userAgent,
      },
      study: {
        dir: study.dir,
        files: setup.files,
        ctSlices: setup.ct,
        patients: setup.patients,
        protocol: setup.protocol,
        generatedSeconds: study.generated ? Number(study.seconds.toFixed(1)) : null,
      },
      buildSeconds: Number(buildSeconds.toFixed(1)),
      cacheCeilingMB: CACHE_MB,
      figures,
      browserErrors: session.errors,
    };
    mkdirSync(join(ROOT, 'bench-out'), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    printTable(result);
    log(`wrote ${OUT}`);
  } finally {
    await session.close();
    await server.close();
  }
}

/** @param {any} result */
function printTable(result) {
  const m = result.machine;
  console.log(
    `\n${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}, ${m.chromium}, ${result.date}`,
  );
  console.log(
    `medians of ${result.runs} runs (scroll: at most 3; heap: one sequence); ratio = median of paired per-run ratios, 1 = as good as the baseline\n`,
  );
  const rows = [['figure', 'app', 'baseline', 'ratio', 'target']];
  for (const f of Object.values(result.figures)) {
    rows.push([
      `${f.label} (${f.unit})`,
      fmt(f.app),
      fmt(f.baseline),
      fmt(f.ratio),
      f.target == null
        ? '-'
        : `${f.absoluteTarget ? 'app' : 'ratio'} >= ${fmt(f.target)} (${f.targetMet ? 'met' : 'missed'})`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | '));
  const heap = result.figures.heapAfter20Patients;
  if (heap) {
    const buffers = result.figures.arrayBuffersAfter20Patients;
    const series = (f) =>
      Object.entries(f.afterOpen)
        .map(([n, mb]) => `#${n} ${fmt(mb)}`)
        .join(', ');
    /** @param {any} f */
    const line = (f) =>
      `before ${fmt(f.baseline)}, after open ${series(f)}; caches purged ${fmt(f.afterPurge)}; same loads without a session ${fmt(f.bareAfter20)}`;
    console.log(`\nJS heap (MB) ${line(heap)}`);
    if (buffers) console.log(`ArrayBuffers (MB) ${line(buffers)}`);
    console.log(
      `cornerstone cache ${fmt(heap.cache.bytes / MB)} MB of max ${fmt(heap.cache.maxBytes / MB)} MB; loader data sets ${fmt(heap.cache.dataSetBytes / MB)} MB`,
    );
  }
  console.log('');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
