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
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { build, runnerImport } from 'vite';
import { FIGURES, measure } from './browserFigures.mjs';
import { measureHeap, measureSeries } from './memory.mjs';
import { nodeFigures } from './nodeFigures.mjs';
import { benchProxy } from './proxy.mjs';
import { serve } from './serve.mjs';
import { ensureStudy } from './study.mjs';
import { printTable } from './table.mjs';
import { log } from './util.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const OUT = join(ROOT, 'bench-out', 'bench.json');
const CACHE_MB = Number(process.env.BENCH_CACHE_MB) > 0 ? Number(process.env.BENCH_CACHE_MB) : null;

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
      if (!ONLY || ONLY.has(f.id)) figures[f.id] = await measure(page, f, RUNS);
    }
    Object.assign(figures, heap);
    if (!ONLY || ONLY.has('node') || ONLY.has('registration')) {
      Object.assign(figures, await nodeFigures(ONLY, RUNS));
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
