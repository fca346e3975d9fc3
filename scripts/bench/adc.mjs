/**
 * ADC computation bench: src/domain/adc.ts fitAdc against a bare typed-array loop doing
 * the same arithmetic (rescale, noise floor, one Math.log per sample, least-squares weights),
 * written inline below, on synthetic DWI volumes of 128x128x30 with 3 b-values and 256x256x40
 * with 4. Measured in Node on the main thread (the issue asks for the time in the browser worker;
 * this is the same function, without the worker's message transfer).
 *
 *   node scripts/bench/adc.mjs            standalone: prints a table
 *   import { benchAdc } from './adc.mjs'  from run.mjs: returns the figures
 *
 * Env: BENCH_RUNS (runs per figure, default 5).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';
import { median } from './median.mjs';
import { mulberry32 } from '../sample/random.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** The two volumes of the issue, and the target for each (ms, and ratio to the bare loop). */
export const ADC_CASES = [
  { id: 'adc128', width: 128, height: 128, slices: 30, bValues: [50, 400, 800], targetMs: 200 },
  {
    id: 'adc256',
    width: 256,
    height: 256,
    slices: 40,
    bValues: [50, 300, 600, 900],
    targetMs: null,
  },
];
export const ADC_TARGET_RATIO = 1.5;
const NOISE_FLOOR = 20;
const SLOPE = 1;
const INTERCEPT = 0;

/**
 * A DWI-like volume: a body ellipse (S0 400, ADC 0.5-3 x 10^-3 mm²/s varying across it) in air
 * (0 plus noise), stored as Uint16 with gaussian-ish noise of SD about 4.
 * @param {{width: number, height: number, slices: number, bValues: number[]}} c
 */
function makeStacks(c) {
  const random = mulberry32(c.width * 1000 + c.slices);
  const noise = () => (random() + random() + random() - 1.5) * 8;
  const n = c.width * c.height * c.slices;
  const s0 = new Float64Array(n);
  const adc = new Float64Array(n);
  for (let z = 0; z < c.slices; z++) {
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        const u = (2 * x) / c.width - 1;
        const v = (2 * y) / c.height - 1;
        const i = (z * c.height + y) * c.width + x;
        const inside = u * u + (v * v) / 0.6 < 0.8;
        s0[i] = inside ? 400 : 0;
        adc[i] = (0.5 + (2.5 * ((x + y + z) % 97)) / 96) * 1e-3;
      }
    }
  }
  return c.bValues.map((bValue) => {
    const pixels = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      pixels[i] = Math.max(0, Math.round(s0[i] * Math.exp(-bValue * adc[i]) + noise()));
    }
    return { bValue, pixels, slope: SLOPE, intercept: INTERCEPT };
  });
}

/**
 * The baseline: one flat loop over voxels, the stacks in local variables (3 or 4), the same
 * weights, rescale, floor and Math.log per sample as fitAdc's least-squares path.
 * @param {{bValue: number, pixels: Uint16Array}[]} stacks
 * @param {Float32Array} out
 */
function bareLoop(stacks, out) {
  const bs = stacks.map((s) => s.bValue);
  const mean = bs.reduce((a, b) => a + b, 0) / bs.length;
  const sxx = bs.reduce((a, b) => a + (b - mean) ** 2, 0);
  const w = bs.map((b) => (-1000 * (b - mean)) / sxx);
  const floor = NOISE_FLOOR;
  const m = SLOPE;
  const c = INTERCEPT;
  const n = out.length;
  const p0 = stacks[0].pixels;
  const p1 = stacks[1].pixels;
  const p2 = stacks[2].pixels;
  const [w0, w1, w2] = w;
  let masked = 0;
  if (stacks.length === 3) {
    for (let i = 0; i < n; i++) {
      const s0 = p0[i] * m + c;
      const s1 = p1[i] * m + c;
      const s2 = p2[i] * m + c;
      if (s0 >= floor && s1 >= floor && s2 >= floor) {
        out[i] = w0 * Math.log(s0) + w1 * Math.log(s1) + w2 * Math.log(s2);
      } else {
        out[i] = 0;
        masked++;
      }
    }
    return masked;
  }
  const p3 = stacks[3].pixels;
  const w3 = w[3];
  for (let i = 0; i < n; i++) {
    const s0 = p0[i] * m + c;
    const s1 = p1[i] * m + c;
    const s2 = p2[i] * m + c;
    const s3 = p3[i] * m + c;
    if (s0 >= floor && s1 >= floor && s2 >= floor && s3 >= floor) {
      out[i] = w0 * Math.log(s0) + w1 * Math.log(s1) + w2 * Math.log(s2) + w3 * Math.log(s3);
    } else {
      out[i] = 0;
      masked++;
    }
  }
  return masked;
}

/**
 * Runs both sides alternately after one warm-up each; ratio = median of the paired per-run
 * ratios app ms / bare ms (1 = as fast as the bare loop, above 1 = slower).
 * @param {{runs?: number, log?: (...args: any[]) => void}} [options]
 */
export async function benchAdc(options = {}) {
  const runs = Math.max(1, options.runs ?? (Number(process.env.BENCH_RUNS ?? 5) || 5));
  const log = options.log ?? (() => {});
  const { module: adc } = await runnerImport(resolve(ROOT, 'src/domain/adc.ts'), {
    configFile: false,
  });
  const figures = [];
  for (const c of ADC_CASES) {
    const stacks = makeStacks(c);
    const input = { width: c.width, height: c.height, slices: c.slices, stacks };
    const out = new Float32Array(c.width * c.height * c.slices);
    const sides = {
      app: () => adc.fitAdc(input, { noiseFloor: NOISE_FLOOR }).masked,
      bare: () => bareLoop(stacks, out),
    };
    // Same result, or the comparison is meaningless.
    const check = adc.fitAdc(input, { noiseFloor: NOISE_FLOOR });
    const bareMasked = bareLoop(stacks, out);
    let maxDiff = 0;
    for (let i = 0; i < out.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(out[i] - check.adc[i]));
    }
    if (check.masked !== bareMasked || maxDiff > 1e-5) {
      throw new Error(`${c.id}: fitAdc and the bare loop disagree (max diff ${maxDiff})`);
    }
    sides.app();
    sides.bare();
    const times = { app: [], bare: [] };
    for (let r = 0; r < runs; r++) {
      for (const side of r % 2 === 0 ? ['app', 'bare'] : ['bare', 'app']) {
        const start = performance.now();
        sides[side]();
        times[side].push(performance.now() - start);
      }
    }
    const figure = {
      id: c.id,
      label: `ADC ${c.width}x${c.height}x${c.slices}, ${c.bValues.length} b-values`,
      unit: 'ms',
      app: median(times.app),
      baseline: median(times.bare),
      ratio: median(times.app.map((t, i) => t / times.bare[i])),
      targetMs: c.targetMs,
      targetRatio: ADC_TARGET_RATIO,
      maskedFraction: check.masked / out.length,
      note: 'Node main thread (not the browser worker): src/domain/adc.ts fitAdc vs an inline flat typed-array loop with the same arithmetic; ratio = app ms / bare ms, median of paired runs.',
      runs: times,
    };
    log(
      `${figure.label}: fitAdc ${figure.app.toFixed(1)} ms, bare loop ${figure.baseline.toFixed(1)} ms, ratio ${figure.ratio.toFixed(2)}`,
    );
    figures.push(figure);
  }
  return { runs, node: process.version, figures };
}

async function main() {
  const result = await benchAdc({ log: (...args) => console.log('[adc bench]', ...args) });
  console.log(`\nnode ${result.node}, median of ${result.runs} runs, Node main thread\n`);
  const rows = [['figure', 'fitAdc ms', 'bare ms', 'ratio', 'target']];
  for (const f of result.figures) {
    const target = [f.targetMs == null ? null : `< ${f.targetMs} ms`, `ratio <= ${f.targetRatio}`]
      .filter(Boolean)
      .join(', ');
    rows.push([f.label, f.app.toFixed(1), f.baseline.toFixed(1), f.ratio.toFixed(2), target]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | '));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
