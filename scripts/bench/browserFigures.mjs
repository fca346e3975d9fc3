/**
 * Figures measured in the bench page (scripts/bench/page/main.ts): each app function against a
 * baseline function of the same page, alternating, in the same run.
 */
/* global window -- the page.evaluate callbacks run in the bench page */
import { median } from './median.mjs';
import { fmt, log } from './util.mjs';

/**
 * Runs app and baseline alternately (app first on even runs), after one unmeasured warm-up of each
 * unless `f.warmUp` is false. The ratio is the median of the per-run ratios (each app run against
 * the baseline run next to it, so slow drift of a shared machine cancels out); `higherIsBetter`
 * orients it so that 1 means "as good as the baseline" and less is worse.
 * A target is on the ratio, or on the app's value itself when `absoluteTarget` is set; `maxRuns`
 * caps the runs of slow figures.
 * @param {import('playwright-core').Page} page
 * @param {{id: string, label: string, unit: string, app: string, baseline: string, higherIsBetter: boolean, warmUp: boolean, target: number | null, absoluteTarget?: boolean, maxRuns?: number, note: string}} f
 * @param {number} runsPerFigure BENCH_RUNS
 */
export async function measure(page, f, runsPerFigure) {
  /** @param {string} name */
  const call = (name) => page.evaluate((fn) => window.bench[fn](), name);
  if (f.warmUp) {
    await call(f.app);
    await call(f.baseline);
  }
  const app = [];
  const baseline = [];
  const runs = Math.min(runsPerFigure, f.maxRuns ?? runsPerFigure);
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

export const FIGURES = [
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
