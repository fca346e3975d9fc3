/**
 * Rendering of the phantom into pixel arrays. Each voxel is sampled at 2x2 in-plane by 3
 * through-plane points (partial volume: anti-aliased edges and slice-thickness blur); the sample
 * labels of an exam are shared by its series. Per role a label lookup is averaged over the
 * samples, then noise is added: gaussian on CT, Rician (magnitude of a noisy complex signal) on
 * MR after a mild coil bias field. The anatomy is placed in each exam by its rigid pose.
 */
import { nearestVessel, segmentAt, tissueAt } from './anatomy.mjs';
import { biasField, DIFFUSION, SIGNAL, TARGET_CORE, TISSUES } from './phantom.mjs';
import { sliceZs } from './plan.mjs';
import { gaussian, mulberry32, seedFromName } from './random.mjs';

const TISSUE_INDEX = Object.fromEntries(TISSUES.map((t, i) => [t, i]));
const LIVER = TISSUE_INDEX.liver;
/** Labels at or above this value are focal lesions: core OBJECT_BASE + 2i, rim + 1. */
const OBJECT_BASE = 32;
/**
 * In-plane (fraction of a pixel) and through-plane (fraction of the thickness) sample offsets.
 * Sub-millimetre pixels (CT) take one in-plane sample: their edges are already fine, and the
 * slice thickness still blurs through-plane.
 */
const THROUGH = [-1 / 3, 0, 1 / 3];
/** @param {{spacing: number}} grid */
const inPlane = (grid) => (grid.spacing < 1 ? [0] : [-0.25, 0.25]);
/** @param {{spacing: number}} grid samples per voxel */
export const samplesOf = (grid) => inPlane(grid).length ** 2 * THROUGH.length;

/** Scanner ADC maps store µm²/s (10^-6 mm²/s) times 2: real = stored * 0.5. */
export const ADC_SLOPE = 0.5;
/** CT stores HU + 1024 (RescaleIntercept -1024). */
export const CT_INTERCEPT = -1024;
/** CT voxels below AIR_HU (air outside the body, bowel gas) get AIR_NOISE times the role's SD. */
const AIR_HU = -900;
const AIR_NOISE = 0.35;
/** The scanner's ADC map uses the lowest and highest b-value. */
const ADC_B = [50, 800];

/**
 * Centre of pixel (col, row) of a square grid centred on the scanner axis, exam coordinates.
 * @param {{size: number, spacing: number}} grid
 * @param {number} index
 */
export function pixelCentre(grid, index) {
  return (index - (grid.size - 1) / 2) * grid.spacing;
}

/**
 * Anatomy -> exam patient coordinates: rotation about z by pose.rotZ degrees, then translation.
 * @param {{rotZ: number, t: number[]}} pose
 * @param {number[]} a
 */
export function toPatient(pose, a) {
  const th = (pose.rotZ * Math.PI) / 180;
  const [c, s] = [Math.cos(th), Math.sin(th)];
  return [c * a[0] - s * a[1] + pose.t[0], s * a[0] + c * a[1] + pose.t[1], a[2] + pose.t[2]];
}

/**
 * Patient z of each slice of an exam. The table is planned on the liver but not exactly: the
 * slices sample anatomy levels shifted by half of the exam's z motion.
 * @param {{grid: any, pose: any}} exam
 */
export function examSliceZs(exam) {
  const { pose } = exam;
  return sliceZs(exam.grid).map((z) => z + pose.t[2] - 0.5 * (pose.motion?.t[2] ?? 0));
}

/**
 * Focal objects of a patient at a timepoint: metastases (diameter per timepoint) and distractors.
 * @param {any} patient
 * @param {string} tp
 */
export function focalObjects(patient, tp) {
  const lesions = patient.lesions.map((l) => ({ ...l, kind: 'metastasis', d: l.diameter[tp] }));
  const others = (patient.distractors ?? []).map((d) => ({ ...d, d: d.diameter }));
  return [...lesions, ...others].map((o) => {
    const r = o.d / 2;
    // A metastasis marked rim: false (too small to resolve one) is homogeneous.
    const tumourRim = o.rim === false ? 0 : Math.max(1.2, 0.2 * r);
    const rim = o.kind === 'metastasis' ? tumourRim : o.kind === 'cyst' ? 0 : 0.3 * r;
    return { ...o, r, inner: r - rim };
  });
}

/**
 * @param {number[]} p anatomy point
 * @param {any[]} objects
 * @param {any} body
 */
function labelAt(p, objects, body) {
  for (let i = 0; i < objects.length; i++) {
    const { centre, r, inner } = objects[i];
    if (r <= 0) continue;
    const d2 = (p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2 + (p[2] - centre[2]) ** 2;
    if (d2 <= r * r) return OBJECT_BASE + 2 * i + (d2 > inner * inner ? 1 : 0);
  }
  return TISSUE_INDEX[tissueAt(p, body)];
}

/**
 * Sample labels of one exam: samplesOf(grid) labels per voxel, voxels in k,row,col order.
 * @param {{grid: any, pose: any}} exam
 * @param {any[]} objects
 * @param {any} body
 * @returns {Uint8Array}
 */
export function labelVolume(exam, objects, body) {
  const { grid, pose } = exam;
  const n = grid.size;
  const th = (pose.rotZ * Math.PI) / 180;
  const [c, s] = [Math.cos(th), Math.sin(th)];
  const offsets = inPlane(grid);
  const labels = new Uint8Array(n * n * grid.slices * samplesOf(grid));
  let i = 0;
  const a = [0, 0, 0];
  for (const z of examSliceZs(exam).map((v) => v - pose.t[2])) {
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        for (const dz of THROUGH) {
          a[2] = z + dz * grid.thickness;
          for (const dy of offsets) {
            // Exam coordinates minus the pose translation, rotated back, give the anatomy frame.
            const y = pixelCentre(grid, row) + dy * grid.spacing - pose.t[1];
            for (const dx of offsets) {
              const x = pixelCentre(grid, col) + dx * grid.spacing - pose.t[0];
              a[0] = c * x + s * y;
              a[1] = -s * x + c * y;
              labels[i++] = labelAt(a, objects, body);
            }
          }
        }
      }
    }
  }
  return labels;
}

/**
 * Per-label mean signal of a role; invisible metastases take the liver value, which is what "the
 * lesion has disappeared on this sequence" means for the pixels.
 * @param {string} role
 * @param {any[]} objects
 * @param {string} tp
 */
function signalTable(role, objects, tp) {
  const s = SIGNAL[role];
  const table = new Float64Array(OBJECT_BASE + 2 * objects.length);
  TISSUES.forEach((t, i) => (table[i] = s[t]));
  objects.forEach((o, i) => {
    const shown = o.kind !== 'metastasis' || o.visibility[tp][role];
    table[OBJECT_BASE + 2 * i] = shown ? s[o.kind] : s.liver;
    table[OBJECT_BASE + 2 * i + 1] = shown ? s[`${o.kind}Rim`] : s.liver;
  });
  return table;
}

/**
 * Per-label diffusion signal S0 exp(-b ADC) at a timepoint.
 * @param {any[]} objects
 * @param {string} tp
 * @param {number} b
 */
function diffusionTable(objects, tp, b) {
  const table = new Float64Array(OBJECT_BASE + 2 * objects.length);
  TISSUES.forEach((t, i) => (table[i] = DIFFUSION[t].s0 * Math.exp(-b * DIFFUSION[t].adc)));
  objects.forEach((o, i) => {
    let [s0, adc, core] = [DIFFUSION.liver.s0, DIFFUSION.liver.adc, 1];
    if (o.kind !== 'metastasis') [s0, adc] = [DIFFUSION[o.kind].s0, DIFFUSION[o.kind].adc];
    else if (o.visibility[tp].DWI) {
      // The target look needs a rim; a rimless lesion is uniformly bright.
      [s0, adc, core] = [o.s0, o.adc[tp], o.inner < o.r ? TARGET_CORE : 1];
    }
    table[OBJECT_BASE + 2 * i] = core * s0 * Math.exp(-b * adc);
    table[OBJECT_BASE + 2 * i + 1] = s0 * Math.exp(-b * adc);
  });
  return table;
}

/**
 * Voxel means of a label table over the samples of one slice.
 * @param {Uint8Array} labels
 * @param {Float64Array} table
 * @param {number} samples per voxel
 */
function voxelMeans(labels, table, samples) {
  const out = new Float64Array(labels.length / samples);
  for (let v = 0, i = 0; v < out.length; v++) {
    let sum = 0;
    for (let k = 0; k < samples; k++) sum += table[labels[i++]];
    out[v] = sum / samples;
  }
  return out;
}

/**
 * Magnitude of a complex signal with gaussian noise in both channels, after the coil bias.
 * @param {Float64Array} mean
 * @param {{size: number, spacing: number}} grid
 * @param {number} sd
 * @param {() => number} noise
 */
function rician(mean, grid, sd, noise) {
  const px = new Uint16Array(mean.length);
  const n = grid.size;
  for (let i = 0; i < mean.length; i++) {
    const bias = biasField(pixelCentre(grid, i % n), pixelCentre(grid, Math.floor(i / n)));
    const re = mean[i] * bias + sd * noise();
    const im = sd * noise();
    px[i] = Math.min(65535, Math.round(Math.hypot(re, im)));
  }
  return px;
}

/**
 * Render one series into a list of per-instance stored-value arrays, in instance order.
 * DWI instances go slice by slice with the b-values interleaved (one instance per b per slice).
 * @param {{role: string, name: string, bValues?: number[]}} series
 * @param {Uint8Array} labels
 * @param {{size: number, slices: number, spacing: number}} grid
 * @param {any[]} objects
 * @param {string} tp
 * @returns {{pixels: Int16Array | Uint16Array, slice: number, b?: number}[]}
 */
export function renderSeries(series, labels, grid, objects, tp) {
  const noise = gaussian(mulberry32(seedFromName(series.name)));
  const samples = samplesOf(grid);
  const per = grid.size * grid.size * samples;
  const role = series.role;
  const bValues = series.bValues ?? [];
  const dwiTables = new Map([...bValues, ...ADC_B].map((b) => [b, diffusionTable(objects, tp, b)]));
  const table = role in SIGNAL ? signalTable(role, objects, tp) : undefined;
  const out = [];
  for (let k = 0; k < grid.slices; k++) {
    const slice = labels.subarray(k * per, (k + 1) * per);
    if (role === 'DWI') {
      for (const b of bValues) {
        const mean = voxelMeans(slice, /** @type {Float64Array} */ (dwiTables.get(b)), samples);
        out.push({ slice: k, b, pixels: rician(mean, grid, DIFFUSION.noise, noise) });
      }
    } else if (role === 'ADC') {
      const s = ADC_B.map((b) => voxelMeans(slice, /** @type {any} */ (dwiTables.get(b)), samples));
      out.push({ slice: k, pixels: renderAdc(s[0], s[1], noise) });
    } else if (role.startsWith('CT')) {
      const mean = voxelMeans(slice, /** @type {Float64Array} */ (table), samples);
      const px = new Int16Array(mean.length);
      const sd = SIGNAL[role].noise;
      const n = grid.size;
      const fov = ((n * grid.spacing) / 2) ** 2;
      for (let i = 0; i < px.length; i++) {
        // Rays that only graze the body leave air quieter than tissue (a third of the SD); scanners
        // clip at -1024 HU (stored 0), and outside the reconstruction circle there is no data,
        // stored as -1024 HU too.
        const spread = mean[i] < AIR_HU ? AIR_NOISE * sd : sd;
        const value = Math.max(0, Math.round(mean[i] + spread * noise()) - CT_INTERCEPT);
        const r2 = pixelCentre(grid, i % n) ** 2 + pixelCentre(grid, Math.floor(i / n)) ** 2;
        px[i] = r2 <= fov ? value : 0;
      }
      out.push({ slice: k, pixels: px });
    } else {
      const mean = voxelMeans(slice, /** @type {Float64Array} */ (table), samples);
      out.push({ slice: k, pixels: rician(mean, grid, SIGNAL[role].noise, noise) });
    }
  }
  return out;
}

/**
 * ADC map from the noise-free low- and high-b signals plus the noise a two-point fit of the
 * acquired images would have there (larger where signal is low); background below 4 noise SDs
 * maps to 0, as scanners mask it. Stored in µm²/s with slope 0.5.
 * @param {Float64Array} low
 * @param {Float64Array} high
 * @param {() => number} noise
 */
function renderAdc(low, high, noise) {
  const px = new Uint16Array(low.length);
  const db = ADC_B[1] - ADC_B[0];
  const sd = DIFFUSION.noise;
  for (let i = 0; i < px.length; i++) {
    if (low[i] < 4 * sd) continue;
    const h = Math.max(high[i], sd);
    const adc = Math.log(low[i] / h) / db;
    const adcSd = (sd / db) * Math.sqrt(1 / low[i] ** 2 + 1 / h ** 2);
    const real = Math.min(4e-3, Math.max(0, adc + adcSd * noise())) * 1e6;
    px[i] = Math.round(real / ADC_SLOPE);
  }
  return px;
}

/** Largest gap (mm) between a lesion's surface and the wall of the vessel it abuts. */
const ABUT_GAP = 0.5;

/**
 * The vessel a lesion abuts (`abuts` in plan.mjs): the tube nearest its centre, and the gap between
 * the lesion's baseline surface and the tube's wall (negative: the lesion indents it).
 * @param {any} lesion
 */
export function abuttingVessel(lesion) {
  const tube = nearestVessel(lesion.centre, lesion.abuts);
  const radius = lesion.diameter.baseline / 2;
  return { ...tube, kind: lesion.abuts, gap: tube.distance - tube.radius - radius };
}

/**
 * True when p lies inside the abutted tube itself (not another branch of its tree).
 * @param {number[]} p
 * @param {{kind: 'portal' | 'hepatic', a: number[], b: number[]}} vessel
 */
function inTube(p, vessel) {
  const t = nearestVessel(p, vessel.kind);
  return t.a === vessel.a && t.b === vessel.b && t.distance <= t.radius;
}

/**
 * Self-check used by the generator: every focal object sits in the segment it is labelled with,
 * and it plus the liver ring the tests sample around it (its baseline radius + 13 mm) lies in
 * liver only, away from vessels, the liver surface and other objects. A lesion that abuts a vessel
 * (`abuts`) must touch that vessel's wall (gap within ABUT_GAP), and its ring may hold that one
 * tube and nothing else: the tests leave the tube's voxels out of the ring (ground-truth.json's
 * `adjacentVessel`).
 * @param {any} patient
 * @returns {string[]} problems found (empty when the layout is sound)
 */
export function checkLesionLayout(patient) {
  const problems = [];
  const objects = focalObjects(patient, 'baseline');
  objects.forEach((o, i) => {
    const segment = segmentAt(o.centre);
    if (segment !== o.segment) problems.push(`${o.id}: in segment ${segment}, not ${o.segment}`);
    const vessel = o.abuts ? abuttingVessel(o) : undefined;
    if (vessel && Math.abs(vessel.gap) > ABUT_GAP) {
      problems.push(`${o.id}: ${vessel.gap.toFixed(2)} mm from the ${o.abuts} vein's wall`);
    }
    const reach = o.r + 13;
    for (let dz = -reach; dz <= reach; dz += 2) {
      for (let dy = -reach; dy <= reach; dy += 2) {
        for (let dx = -reach; dx <= reach; dx += 2) {
          if (dx * dx + dy * dy + dz * dz > reach * reach) continue;
          const p = [o.centre[0] + dx, o.centre[1] + dy, o.centre[2] + dz];
          const label = labelAt(p, objects, patient.body);
          const adjacent = vessel && TISSUES[label] === vessel.kind && inTube(p, vessel);
          if (label !== LIVER && label >> 1 !== (OBJECT_BASE >> 1) + i && !adjacent) {
            const what =
              label >= OBJECT_BASE ? objects[(label - OBJECT_BASE) >> 1].id : TISSUES[label];
            problems.push(`${o.id}: ${what} at ${p.map((v) => v.toFixed(0))}`);
            return;
          }
        }
      }
    }
  });
  return problems;
}
