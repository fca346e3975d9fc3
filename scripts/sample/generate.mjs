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
import { SIGNAL } from './phantom.mjs';
import {
  addSeconds,
  B_VALUES,
  CT_AGENT,
  EOB_AGENT,
  PATIENTS,
  SERIES,
  sliceZs,
  VIBE_FS,
} from './plan.mjs';
import { uidFromName } from './random.mjs';
import { checkLesionLayout, labelVolume, renderSeries } from './render.mjs';

/** Seconds from study start to injection: CT scouts first; MR acquires T2/DWI/T1 before. */
const INJECTION_OFFSET = { CT: 120, MR: 900 };

/**
 * Display window per role (centre, width) on real values.
 * @param {string} role
 */
function windowFor(role) {
  if (role === 'DWI') return [200, 500];
  if (role === 'ADC') return [1400, 2800];
  const liver = SIGNAL[role]?.liver ?? 100;
  return [liver, liver * 2.5];
}

/**
 * Exam with UIDs, timing and its series list (without pixels).
 * @param {any} patient
 * @param {any} tp
 * @param {any} exam plan exam
 * @param {number} examIndex
 */
function prepareExam(patient, tp, exam, examIndex) {
  const injection = addSeconds(exam.start, INJECTION_OFFSET[exam.kind]);
  const studyFolder = `${patient.id}/${tp.date}-${exam.kind}`;
  const series = exam.roles.map((role, i) => {
    const def = SERIES[role];
    const number = i + 1;
    return {
      role,
      name: `${exam.name}/${role}`,
      uid: uidFromName(`${exam.name}/series/${role}`),
      number,
      description: def.description,
      time: addSeconds(injection, def.delay),
      contrast: def.contrast,
      mr: def.mr === 'VIBE_FS' ? VIBE_FS : def.mr,
      window: windowFor(role),
      bValues: role === 'DWI' ? B_VALUES : undefined,
      folder: `${studyFolder}/SE${String(number).padStart(2, '0')}-${role}`,
    };
  });
  return {
    ...exam,
    studyUid: uidFromName(`${exam.name}/study`),
    frameUid: uidFromName(`${exam.name}/frame`),
    accession: `${patient.id.replace('DREAM-', 'D')}${tp.key === 'baseline' ? 'B' : 'P'}${examIndex}`,
    studyId: `${exam.kind}${tp.key === 'baseline' ? 1 : 2}`,
    injection,
    ctAgent: CT_AGENT,
    eobAgent: EOB_AGENT,
    siemensPrivateB: patient.siemensPrivateB,
    series,
  };
}

/**
 * Render and write every instance of an exam; returns the relative file paths.
 * @param {string} outDir
 * @param {any} patient
 * @param {any} tp
 * @param {any} exam prepared exam
 */
function writeExam(outDir, patient, tp, exam) {
  const files = [];
  const labels = labelVolume(exam, patient.lesions, tp.key);
  const zs = sliceZs(exam.grid).map((z) => z + exam.shift[2]);
  for (const series of exam.series) {
    const rendered = renderSeries(series, labels, exam.grid, patient.lesions, tp.key);
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
      writeFileSync(join(outDir, file), encodeInstance(ctx, r.pixels));
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
    if (/^DREAM-\d+$/.test(name) || name === 'manifest.json' || name === 'ground-truth.json') {
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
  for (const patient of selected) {
    const problems = checkLesionLayout(patient.lesions);
    if (problems.length > 0) throw new Error(`lesion layout of ${patient.id}: ${problems}`);
    const timepoints = patient.timepoints.map((tp) => ({
      ...tp,
      exams: tp.exams.map((exam, i) => prepareExam(patient, tp, exam, i + 1)),
    }));
    for (const tp of timepoints) {
      for (const exam of tp.exams) files.push(...writeExam(outDir, patient, tp, exam));
    }
    patients.push(patientGroundTruth(patient, timepoints));
  }
  files.sort();
  const groundTruth = { schemaVersion: 1, units: { position: 'mm (LPS)', adc: 'mm2/s' }, patients };
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
