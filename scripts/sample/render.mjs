/**
 * Rendering of the phantom into pixel arrays: one label volume per exam (tissue or lesion per
 * voxel, evaluated at the pixel centre), then per series role a lookup of the mean signal plus
 * seeded gaussian noise. Labels are shared by all series of an exam, which keeps generation fast.
 */
import { DIFFUSION, SIGNAL, tissueAt } from './phantom.mjs';
import { sliceZs } from './plan.mjs';
import { gaussian, mulberry32, seedFromName } from './random.mjs';

export const TISSUES = [
  'air',
  'fat',
  'muscle',
  'bone',
  'aorta',
  'ivc',
  'portal',
  'hepatic',
  'liver',
  'spleen',
];
const TISSUE_INDEX = Object.fromEntries(TISSUES.map((t, i) => [t, i]));
const LIVER = TISSUE_INDEX.liver;
/** Labels at or above this value are lesions (label - LESION_BASE = index in the lesion list). */
const LESION_BASE = 32;

/** Scanner ADC maps store µm²/s (10^-6 mm²/s) times 2: real = stored * 0.5. */
export const ADC_SLOPE = 0.5;
/** CT stores HU + 1024 (RescaleIntercept -1024). */
export const CT_INTERCEPT = -1024;

/**
 * Centre of pixel (col, row) of a square grid centred on the scanner axis, exam coordinates.
 * @param {{size: number, spacing: number}} grid
 * @param {number} index
 */
export function pixelCentre(grid, index) {
  return (index - (grid.size - 1) / 2) * grid.spacing;
}

/**
 * Label volume of one exam: voxel k*size*size + row*size + col holds a tissue index or
 * LESION_BASE + lesion index when inside a lesion of that timepoint (diameter > 0).
 * @param {{grid: any, shift: number[]}} exam
 * @param {any[]} lesions
 * @param {string} tp timepoint key
 * @returns {Uint8Array}
 */
export function labelVolume(exam, lesions, tp) {
  const { grid, shift } = exam;
  const n = grid.size;
  const labels = new Uint8Array(n * n * grid.slices);
  sliceZs(grid).forEach((z, k) => {
    for (let row = 0; row < n; row++) {
      // Exam coordinates minus the table shift give the anatomy frame.
      const y = pixelCentre(grid, row) - shift[1];
      for (let col = 0; col < n; col++) {
        const x = pixelCentre(grid, col) - shift[0];
        labels[k * n * n + row * n + col] = labelAt([x, y, z], lesions, tp);
      }
    }
  });
  return labels;
}

/**
 * @param {number[]} p anatomy point
 * @param {any[]} lesions
 * @param {string} tp
 */
function labelAt(p, lesions, tp) {
  for (let i = 0; i < lesions.length; i++) {
    const { centre, diameter } = lesions[i];
    const r = diameter[tp] / 2;
    const d2 = (p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2 + (p[2] - centre[2]) ** 2;
    if (r > 0 && d2 <= r * r) return LESION_BASE + i;
  }
  return TISSUE_INDEX[tissueAt(/** @type {[number, number, number]} */ (p))];
}

/**
 * Per-label mean signal of a role; invisible lesions take the liver value, which is what "the
 * lesion has disappeared on this sequence" means for the pixels.
 * @param {string} role CT/MR role (not DWI/ADC)
 * @param {any[]} lesions
 * @param {string} tp
 */
function signalTable(role, lesions, tp) {
  const s = SIGNAL[role];
  const table = new Float64Array(LESION_BASE + lesions.length);
  TISSUES.forEach((t, i) => (table[i] = s[t]));
  lesions.forEach((l, i) => (table[LESION_BASE + i] = l.visibility[tp][role] ? s.lesion : s.liver));
  return table;
}

/**
 * Per-label diffusion parameters (s0, adc in mm²/s) at a timepoint.
 * @param {any[]} lesions
 * @param {string} tp
 */
function diffusionTable(lesions, tp) {
  const s0 = new Float64Array(LESION_BASE + lesions.length);
  const adc = new Float64Array(LESION_BASE + lesions.length);
  TISSUES.forEach((t, i) => {
    s0[i] = DIFFUSION[t].s0;
    adc[i] = DIFFUSION[t].adc;
  });
  lesions.forEach((l, i) => {
    const visible = l.visibility[tp].DWI;
    s0[LESION_BASE + i] = visible ? l.s0 : DIFFUSION.liver.s0;
    adc[LESION_BASE + i] = visible ? l.adc[tp] : DIFFUSION.liver.adc;
  });
  return { s0, adc };
}

/**
 * Render one series into a list of per-instance stored-value arrays, in instance order.
 * DWI instances go slice by slice with the b-values interleaved (one instance per b per slice).
 * @param {{role: string, name: string, bValues?: number[]}} series
 * @param {Uint8Array} labels
 * @param {{size: number, slices: number}} grid
 * @param {any[]} lesions
 * @param {string} tp
 * @returns {{pixels: Int16Array | Uint16Array, slice: number, b?: number}[]}
 */
export function renderSeries(series, labels, grid, lesions, tp) {
  const noise = gaussian(mulberry32(seedFromName(series.name)));
  const n2 = grid.size * grid.size;
  const out = [];
  for (let k = 0; k < grid.slices; k++) {
    const slice = labels.subarray(k * n2, (k + 1) * n2);
    if (series.role === 'DWI') {
      for (const b of series.bValues ?? []) {
        out.push({ slice: k, b, pixels: renderDwi(slice, lesions, tp, b, noise) });
      }
    } else if (series.role === 'ADC') {
      out.push({ slice: k, pixels: renderAdc(slice, lesions, tp, noise) });
    } else if (series.role.startsWith('CT')) {
      out.push({
        slice: k,
        pixels: renderCt(
          slice,
          signalTable(series.role, lesions, tp),
          SIGNAL[series.role].noise,
          noise,
        ),
      });
    } else {
      out.push({
        slice: k,
        pixels: renderMr(
          slice,
          signalTable(series.role, lesions, tp),
          SIGNAL[series.role].noise,
          noise,
        ),
      });
    }
  }
  return out;
}

/**
 * @param {Uint8Array} slice
 * @param {Float64Array} table
 * @param {number} sd noise standard deviation
 * @param {() => number} noise
 */
function renderCt(slice, table, sd, noise) {
  const px = new Int16Array(slice.length);
  for (let i = 0; i < slice.length; i++) {
    px[i] = Math.round(table[slice[i]] + sd * noise()) - CT_INTERCEPT;
  }
  return px;
}

/**
 * Magnitude MR: gaussian noise, clipped at 0 (stored values are unsigned).
 * @param {Uint8Array} slice
 * @param {Float64Array} table
 * @param {number} sd noise standard deviation
 * @param {() => number} noise
 */
function renderMr(slice, table, sd, noise) {
  const px = new Uint16Array(slice.length);
  for (let i = 0; i < slice.length; i++) {
    px[i] = Math.max(0, Math.round(table[slice[i]] + sd * noise()));
  }
  return px;
}

/**
 * S = S0 exp(-b ADC) exactly per tissue plus small noise, so ADC fitted from the DWI matches the
 * scanner map.
 * @param {Uint8Array} slice
 * @param {any[]} lesions
 * @param {string} tp
 * @param {number} b s/mm²
 * @param {() => number} noise
 */
function renderDwi(slice, lesions, tp, b, noise) {
  const { s0, adc } = diffusionTable(lesions, tp);
  const px = new Uint16Array(slice.length);
  for (let i = 0; i < slice.length; i++) {
    const s = s0[slice[i]] * Math.exp(-b * adc[slice[i]]);
    px[i] = Math.max(0, Math.round(s + DIFFUSION.noise * noise()));
  }
  return px;
}

/**
 * ADC map in µm²/s stored with slope 0.5 (stored = real / 0.5); air has no signal and maps to 0.
 * @param {Uint8Array} slice
 * @param {any[]} lesions
 * @param {string} tp
 * @param {() => number} noise
 */
function renderAdc(slice, lesions, tp, noise) {
  const { s0, adc } = diffusionTable(lesions, tp);
  const px = new Uint16Array(slice.length);
  for (let i = 0; i < slice.length; i++) {
    const real = s0[slice[i]] > 0 ? (adc[slice[i]] + DIFFUSION.adcNoise * noise()) * 1e6 : 0;
    px[i] = Math.max(0, Math.round(real / ADC_SLOPE));
  }
  return px;
}

/**
 * Self-check used by the generator: a lesion plus the liver ring the tests sample around it
 * (up to its baseline radius + 12 mm) must lie in liver only, away from vessels and other lesions.
 * @param {any[]} lesions
 * @returns {string[]} problems found (empty when the layout is sound)
 */
export function checkLesionLayout(lesions) {
  const problems = [];
  lesions.forEach((l, i) => {
    const reach = l.diameter.baseline / 2 + 12;
    for (let dz = -reach; dz <= reach; dz += 2) {
      for (let dy = -reach; dy <= reach; dy += 2) {
        for (let dx = -reach; dx <= reach; dx += 2) {
          if (dx * dx + dy * dy + dz * dz > reach * reach) continue;
          const p = [l.centre[0] + dx, l.centre[1] + dy, l.centre[2] + dz];
          const label = labelAt(p, lesions, 'baseline');
          if (label !== LIVER && label !== LESION_BASE + i) {
            problems.push(`${l.id}: ${label >= LESION_BASE ? 'lesion' : TISSUES[label]} at ${p}`);
            return;
          }
        }
      }
    }
  });
  return problems;
}
