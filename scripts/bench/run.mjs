/**
 * `npm run bench`: app figures against baselines measured in the same browser run. Generates (or
 * reuses) the large synthetic study, builds the bench page, serves both on 127.0.0.1, drives
 * Debian's Chromium with the e2e tests' launcher, prints a table and writes bench-out/bench.json.
 * Speed is never asserted: the exit code is non-zero only when the bench itself fails.
 *
 * Env: BENCH_RUNS (runs per figure, default 5), BENCH_STUDY_DIR (study folder).
 */
/* global window, document -- the page.evaluate callbacks run in the bench page */
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build, runnerImport } from 'vite';
import { ensureStudy } from './study.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const OUT = join(ROOT, 'bench-out', 'bench.json');

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

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
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
 * @param {import('playwright-core').Page} page
 * @param {{id: string, label: string, unit: string, app: string, baseline: string, higherIsBetter: boolean, warmUp: boolean, target: number | null, note: string}} f
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
  for (let i = 0; i < RUNS; i++) {
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
    target: f.target,
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
    label: 'time to first image',
    unit: 'ms',
    app: 'firstImageApp',
    baseline: 'firstImageBare',
    higherIsBetter: false,
    warmUp: true,
    target: null,
    note: 'StackGrid.show (new engine, tools, loadAndCacheImage, setStack, render) on the 300-slice CT as dicomfile: ids until IMAGE_RENDERED vs loadAndCacheImage of the same middle slice plus one frame; caches purged before each run, cornerstone initialised once before. Ratio = baseline ms / app ms.',
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
    label: 'scroll',
    unit: 'frames/s',
    app: 'scrollApp',
    baseline: 'rafBaseline',
    higherIsBetter: true,
    warmUp: false,
    target: null,
    note: 'StackGrid on the preloaded CT, setImageIdIndex(i) + render + one animation frame per slice vs the rAF rate of the same page with nothing to draw (headless Chromium, SwiftShader WebGL).',
  },
];

const MISSING = {
  adcComputation: 'ADC computation from DWI: added by a later issue.',
  centralReview: 'Central review (reads of several readers): added by a later issue.',
  heapAfter20Patients: 'JS heap after opening 20 patients: added by a later issue.',
};

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
  const session = await browser.openBrowser({ width: 800, height: 700 });
  const { page } = session;
  try {
    const cdp = await session.context.newCDPSession(page);
    const version = await cdp.send('Browser.getVersion');
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === 'bench ready');
    await page.locator('#folder').setInputFiles(study.dir);
    const setup = await page.evaluate(
      (paths) => window.bench.setup(paths),
      study.manifest.ct.files,
    );
    log(`page has ${setup.files} files, CT ${setup.ct} slices; ${RUNS} runs per figure`);

    const figures = {};
    for (const f of FIGURES) figures[f.id] = await measure(page, f);
    for (const [id, note] of Object.entries(MISSING)) figures[id] = { value: null, note };
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
        generatedSeconds: study.generated ? Number(study.seconds.toFixed(1)) : null,
      },
      buildSeconds: Number(buildSeconds.toFixed(1)),
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
    `medians of ${result.runs} runs; ratio = median of paired per-run ratios, 1 = as good as the baseline\n`,
  );
  const rows = [['figure', 'app', 'baseline', 'ratio', 'target']];
  for (const f of Object.values(result.figures)) {
    if (f.value === null) continue;
    rows.push([
      `${f.label} (${f.unit})`,
      fmt(f.app),
      fmt(f.baseline),
      fmt(f.ratio),
      f.target == null ? '-' : `>= ${f.target}`,
    ]);
  }
  for (const [id, f] of Object.entries(result.figures)) {
    if (f.value === null) rows.push([id, 'null', '-', '-', 'later issue']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | '));
  console.log('');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
