/**
 * Generates the synthetic sample study into sample-dicom/ (or the folder given):
 *   node scripts/sample/generate.mjs [outDir] [--patient DREAM-002]
 * Output: DREAM-00N/<date>-<CT|MR>/SE<nn>-<role>/IM<nnnn>.dcm, manifest.json, ground-truth.json.
 * Deterministic: seeded noise, name-derived UIDs, fixed dates; two runs give identical bytes.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodeInstance } from './dicom.mjs';
import { patientGroundTruth } from './ground-truth.mjs';
import { montagePng, montageWindow, tile } from './montage.mjs';
import { SIGNAL } from './phantom.mjs';
import { addSeconds, CT_AGENT, EOB_AGENT, SERIES, VIBE_FS } from './acquisition.mjs';
import { MR_FULL, B_VALUES, DWI_GRID, DWI_ROLES, PATIENTS } from './plan.mjs';
import { uidFromName } from './random.mjs';
import {
  ADC_SLOPE,
  checkLesionLayout,
  CT_INTERCEPT,
  examSliceZs,
  focalObjects,
  labelVolume,
  renderSeries,
  toPatient,
} from './render.mjs';

/** Seconds from study start to injection: CT scouts first; MR acquires T2/DWI/T1 before. */
const INJECTION_OFFSET = { CT: 120, MR: 900 };

/** Display window per role (centre, width) on real values: liver mid-grey, fat not clipped on T2. */
const WINDOWS = {
  DWI: [200, 500],
  ADC: [1400, 2800],
  T2: [200, 480],
  T1: [230, 520],
};

/**
 * @param {string} role
 */
function windowFor(role) {
  const liver = SIGNAL[role]?.liver ?? 100;
  return WINDOWS[role] ?? [liver, liver * 2.2];
}

/** Accession letter per timepoint key. */
const TIMEPOINT_LETTER = { baseline: 'B', preop: 'P', 'followup-1': 'F' };

/**
 * Series of one role: one, or for a DWI sent one series per b-value (patient.dwiPerB), one per b
 * acquired a minute apart.
 * @param {any} patient
 * @param {any} exam plan exam
 * @param {string} role
 * @returns {{name: string, uid: string, folder: string, description: string, delay: number, bValues?: number[]}[]}
 */
function roleSeries(patient, exam, role) {
  const def = SERIES[role];
  const one = { name: `${exam.name}/${role}`, uid: uidFromName(`${exam.name}/series/${role}`) };
  if (role !== 'DWI')
    return [{ ...one, folder: role, description: def.description, delay: def.delay }];
  if (!patient.dwiPerB) {
    return [
      { ...one, folder: role, description: def.description, delay: def.delay, bValues: B_VALUES },
    ];
  }
  return B_VALUES.map((b, i) => ({
    name: `${exam.name}/${role}/b${b}`,
    uid: uidFromName(`${exam.name}/series/${role}/b${b}`),
    folder: `${role}_B${b}`,
    description: `DWI b${b}`,
    delay: def.delay + 60 * i,
    bValues: [b],
  }));
}

/**
 * Exam with UIDs, timing and its series list (without pixels).
 * @param {any} patient
 * @param {any} tp
 * @param {number} tpIndex
 * @param {any} exam plan exam
 * @param {number} examIndex
 */
function prepareExam(patient, tp, tpIndex, exam, examIndex) {
  const injection = addSeconds(exam.start, INJECTION_OFFSET[exam.kind]);
  const studyFolder = `${patient.id}/${tp.date}-${exam.kind}`;
  const series = exam.roles
    .flatMap((role) => roleSeries(patient, exam, role).map((s) => ({ ...s, role })))
    .map((s, i) => {
      const def = SERIES[s.role];
      const number = i + 1;
      return {
        ...s,
        number,
        time: addSeconds(injection, s.delay),
        contrast: def.contrast,
        mr: def.mr === 'VIBE_FS' ? VIBE_FS : def.mr,
        grid: DWI_ROLES.includes(s.role) ? DWI_GRID : exam.grid,
        window: windowFor(s.role),
        folder: `${studyFolder}/SE${String(number).padStart(2, '0')}-${s.folder}`,
      };
    });
  return {
    ...exam,
    studyUid: uidFromName(`${exam.name}/study`),
    frameUid: uidFromName(`${exam.name}/frame`),
    accession: `${patient.id.replace('DREAM-', 'D')}${TIMEPOINT_LETTER[tp.key]}${examIndex}`,
    studyId: `${exam.kind}${tpIndex + 1}`,
    injection,
    ctAgent: CT_AGENT,
    eobAgent: EOB_AGENT,
    bValueTag: patient.bValueTag,
    series,
  };
}

/**
 * The montage shows this patient at the level of this lesion, every role, each timepoint: two
 * rows per timepoint, CT arterial, CT portal, T2, DWI (highest b), ADC, T1, then the five EOB
 * phases (pre, arterial, portal, transitional, hepatobiliary).
 */
const MONTAGE = { patient: 'DREAM-001', lesion: 'L2', file: 'montage.png' };
const MONTAGE_ROLES = ['CT_ARTERIAL', 'CT_PORTAL', 'T2', 'DWI', 'ADC', 'T1', ...MR_FULL.slice(4)];

/** Montage label of a role: DWI is shown at its highest b-value. */
const montageLabel = (role) =>
  role === 'DWI' ? `DWI B${Math.max(...B_VALUES)}` : role.replaceAll('_', ' ');
/** Timepoint names written on the montage. */
const TIMEPOINT_NAME = { baseline: 'BASELINE', preop: 'PRE-OP', 'followup-1': 'FOLLOW-UP' };

/**
 * Montage tile of a rendered series at the slice nearest to z (DWI: its highest b).
 * @param {any} series
 * @param {{pixels: Int16Array | Uint16Array, slice: number, b?: number}[]} rendered
 * @param {number[]} zs
 * @param {number} z
 * @param {number} n
 */
function montageTile(series, rendered, zs, z, n) {
  const bMax = Math.max(...(series.bValues ?? [0]));
  const candidates = rendered.filter((r) => r.b === undefined || r.b === bMax);
  const best = candidates.reduce((a, r) =>
    Math.abs(zs[r.slice] - z) < Math.abs(zs[a.slice] - z) ? r : a,
  );
  const scale = series.role === 'ADC' ? ADC_SLOPE : 1;
  const offset = series.role.startsWith('CT') ? CT_INTERCEPT : 0;
  const values = Float64Array.from(best.pixels, (v) => v * scale + offset);
  return tile(values, n, montageWindow(series.role, series.window));
}

/**
 * Render and write every instance of an exam; returns the relative file paths. Montage tiles
 * go into `tiles` (role -> tile) when given.
 * @param {string} outDir
 * @param {any} patient
 * @param {any} tp
 * @param {any} exam prepared exam
 * @param {Map<string, Uint8Array>} [tiles]
 */
function writeExam(outDir, patient, tp, exam, tiles) {
  const files = [];
  const objects = focalObjects(patient, tp.key);
  const zs = examSliceZs(exam);
  /** Sample labels per grid of the exam (the DWI grid is coarser than the rest of the MR). */
  const labelsByGrid = new Map();
  for (const series of exam.series) {
    if (!labelsByGrid.has(series.grid)) {
      const grid = series.grid;
      labelsByGrid.set(grid, labelVolume({ grid, pose: exam.pose }, objects, patient.body));
    }
    const labels = labelsByGrid.get(series.grid);
    const rendered = renderSeries(series, labels, series.grid, objects, tp.key);
    if (tiles) {
      const lesion = patient.lesions.find((l) => l.id === MONTAGE.lesion);
      const z = toPatient(exam.pose, lesion.centre)[2];
      tiles.set(series.role, montageTile(series, rendered, zs, z, series.grid.size));
    }
    mkdirSync(join(outDir, series.folder), { recursive: true });
    series.instances = rendered.length;
    rendered.forEach((r, i) => {
      const instance = {
        number: i + 1,
        z: zs[r.slice],
        b: r.b,
        uid: uidFromName(`${series.name}/${i + 1}`),
      };
      const ctx = { patient, tp: tp.key, date: tp.date, exam, series, instance };
      const file = `${series.folder}/IM${String(i + 1).padStart(4, '0')}.dcm`;
      writeFileSync(join(outDir, file), encodeInstance(ctx, r.pixels, { jpegLs: true }));
      files.push(file);
    });
  }
  return files;
}

/**
 * Remove earlier output (patient folders and the two JSON files) so no stale file survives.
 * @param {string} outDir
 */
function clean(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (
      /^DREAM-\d+$/.test(name) ||
      ['manifest.json', 'ground-truth.json', MONTAGE.file].includes(name)
    ) {
      rmSync(join(outDir, name), { recursive: true, force: true });
    }
  }
}

/**
 * @param {{outDir?: string, patients?: string[]}} [options] patients: ids to generate (default all)
 * @returns {{files: string[], groundTruth: any}}
 */
export function generate(options = {}) {
  const outDir = options.outDir ?? 'sample-dicom';
  const selected = PATIENTS.filter((p) => !options.patients || options.patients.includes(p.id));
  clean(outDir);
  const files = [];
  const patients = [];
  /** @type {import('./montage.mjs').Cell[][]} */
  const montageRows = [];
  for (const patient of selected) {
    const problems = checkLesionLayout(patient);
    if (problems.length > 0) throw new Error(`lesion layout of ${patient.id}: ${problems}`);
    const timepoints = patient.timepoints.map((tp, k) => ({
      ...tp,
      exams: tp.exams.map((exam, i) => prepareExam(patient, tp, k, exam, i + 1)),
    }));
    for (const tp of timepoints) {
      const tiles = patient.id === MONTAGE.patient ? new Map() : undefined;
      for (const exam of tp.exams) files.push(...writeExam(outDir, patient, tp, exam, tiles));
      if (tiles) {
        const row = MONTAGE_ROLES.map((role) => ({
          label: montageLabel(role),
          pixels: tiles.get(role),
        }));
        row[0] = { ...row[0], note: TIMEPOINT_NAME[tp.key] };
        montageRows.push(row.slice(0, 6), row.slice(6));
      }
    }
    patients.push(patientGroundTruth(patient, timepoints));
  }
  files.sort();
  const groundTruth = { schemaVersion: 1, units: { position: 'mm (LPS)', adc: 'mm2/s' }, patients };
  if (montageRows.length > 0) writeFileSync(join(outDir, MONTAGE.file), montagePng(montageRows));
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ files }, null, 2)}\n`);
  writeFileSync(join(outDir, 'ground-truth.json'), `${JSON.stringify(groundTruth, null, 2)}\n`);
  return { files, groundTruth };
}

/** Command line: [outDir] [--patient ID]... */
function main() {
  const args = process.argv.slice(2);
  const patients = [];
  let outDir;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--patient') patients.push(args[++i]);
    else outDir = args[i];
  }
  const started = Date.now();
  const { files } = generate({ outDir, patients: patients.length > 0 ? patients : undefined });
  console.log(
    `wrote ${files.length} files to ${outDir ?? 'sample-dicom'} in ${Date.now() - started} ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
