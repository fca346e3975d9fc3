/**
 * ground-truth.json: what the sample contains and what a correct read of it must conclude.
 * Calls and statuses follow docs/domain.md §5 with the default required modalities.
 */
import { DIFFUSION } from './phantom.mjs';
import { MODALITY_ROLES } from './plan.mjs';
import { abuttingVessel, toPatient } from './render.mjs';

/** Where each patient's DWI carries its b-value. */
const B_VALUE_TAG = {
  standard: '(0018,9087)',
  siemens: '(0019,100C) SIEMENS MR HEADER',
  ge: '(0043,1039) GEMS_PARM_01',
};

export const REQUIRED_MODALITIES = ['CT', 'DWI', 'T1/T2', 'EOB'];

/**
 * Rounded millimetres for JSON (avoids 0.1 + 0.2 noise in the file).
 * @param {number[]} v
 */
const mm = (v) => v.map((x) => Math.round(x * 100) / 100);

/**
 * Per-modality call implied by visibility: present if any acquired series of the modality shows
 * the lesion, disappeared if every acquired one does not.
 * @param {Record<string, boolean>} visibility only the roles acquired at that timepoint
 * @returns {Record<string, 'present' | 'disappeared'>}
 */
export function callsFromVisibility(visibility) {
  const calls = {};
  for (const [modality, roles] of Object.entries(MODALITY_ROLES)) {
    const acquired = roles.filter((r) => r in visibility);
    if (acquired.length === 0) continue;
    calls[modality] = acquired.some((r) => visibility[r]) ? 'present' : 'disappeared';
  }
  return calls;
}

/**
 * Derived status (docs/domain.md §5); imaging never yields unset calls, so "incomplete" cannot occur.
 * @param {Record<string, string>} calls
 */
export function deriveStatus(calls) {
  const required = REQUIRED_MODALITIES.map((m) => calls[m]);
  const gone = REQUIRED_MODALITIES.filter((m) => calls[m] === 'disappeared');
  const seen = REQUIRED_MODALITIES.filter((m) => calls[m] === 'present');
  let status = 'incomplete';
  if (gone.length === required.length) status = 'cDLM';
  else if (gone.length > 0 && seen.length > 0) status = 'partial DLM';
  else if (gone.length === 0 && seen.length > 0) status = 'visible';
  const reason = seen.length > 0 ? `visible on ${seen.join(', ')}` : 'disappeared on all';
  return { status, ctDlm: calls.CT === 'disappeared', reason };
}

/**
 * @param {any} patient plan entry
 * @param {any[]} timepoints the generated timepoints with exams carrying UIDs and series
 */
export function patientGroundTruth(patient, timepoints) {
  return {
    patientId: patient.id,
    patientName: patient.name,
    clinicalTrialTags: patient.trial,
    bValueTag: B_VALUE_TAG[patient.bValueTag],
    // One DWI series per b-value (each lists its b); the app groups them into one DWI exam.
    dwiSeriesPerBValue: Boolean(patient.dwiPerB),
    liverAdc: DIFFUSION.liver.adc,
    timepoints: timepoints.map((tp) => ({
      timepoint: tp.key,
      studyDate: tp.date,
      exams: tp.exams.map((exam) => ({
        kind: exam.kind,
        studyInstanceUid: exam.studyUid,
        frameOfReferenceUid: exam.frameUid,
        // Anatomy frame -> this exam's patient coordinates, and the rigid motion from the
        // patient's baseline CT: p_exam = matrix * p_baselineCT (4x4, row-major, mm).
        pose: { rotationZDeg: exam.pose.rotZ, translationMm: mm(exam.pose.t) },
        fromBaselineCt: motionGroundTruth(exam.pose.motion),
        series: exam.series.map((s) => ({
          role: s.role,
          seriesInstanceUid: s.uid,
          seriesNumber: s.number,
          seriesDescription: s.description,
          folder: s.folder,
          instances: s.instances,
          ...(s.bValues ? { bValues: s.bValues } : {}),
        })),
      })),
    })),
    lesions: patient.lesions.map((l) => lesionGroundTruth(l, timepoints)),
    // Focal liver lesions that are not metastases: never to be registered as one.
    distractors: (patient.distractors ?? []).map((d) => ({
      id: d.id,
      kind: d.kind,
      segment: d.segment,
      diameterMm: d.diameter,
      centre: centres(d.centre, timepoints),
    })),
  };
}

/**
 * @param {{rotZ: number, t: number[]}} motion
 */
function motionGroundTruth(motion) {
  const th = (motion.rotZ * Math.PI) / 180;
  const [c, s] = [Math.cos(th), Math.sin(th)];
  const r6 = (x) => Math.round(x * 1e6) / 1e6;
  return {
    rotationZDeg: motion.rotZ,
    translationMm: motion.t,
    matrix: [
      [r6(c), r6(-s), 0, motion.t[0]],
      [r6(s), r6(c), 0, motion.t[1]],
      [0, 0, 1, motion.t[2]],
      [0, 0, 0, 1],
    ],
  };
}

/**
 * Patient coordinates (LPS, mm) of an anatomy point in each exam's frame of reference.
 * @param {number[]} point
 * @param {any[]} timepoints
 */
function centres(point, timepoints) {
  return Object.fromEntries(
    timepoints.map((tp) => [
      tp.key,
      Object.fromEntries(tp.exams.map((e) => [e.kind, mm(toPatient(e.pose, point))])),
    ]),
  );
}

/**
 * @param {any} lesion
 * @param {any[]} timepoints
 */
function lesionGroundTruth(lesion, timepoints) {
  const byTp = (fn) => Object.fromEntries(timepoints.map((tp) => [tp.key, fn(tp)]));
  const visibility = byTp((tp) => {
    const roles = tp.exams.flatMap((e) => e.series.map((s) => s.role));
    return Object.fromEntries(roles.map((r) => [r, lesion.visibility[tp.key][r]]));
  });
  const calls = byTp((tp) => callsFromVisibility(visibility[tp.key]));
  return {
    id: lesion.id,
    segment: lesion.segment,
    diameterMm: byTp((tp) => lesion.diameter[tp.key]),
    // Patient coordinates (LPS, mm) of the centre in each exam's frame of reference.
    centre: centres(lesion.centre, timepoints),
    // The ADC at the lesion site: the tumour's own ADC where DWI shows it, else the liver's.
    trueAdc: byTp((tp) =>
      lesion.visibility[tp.key].DWI ? lesion.adc[tp.key] : DIFFUSION.liver.adc,
    ),
    visibility,
    calls,
    expected: deriveStatus(calls.preop),
    ...(lesion.abuts ? { adjacentVessel: vesselGroundTruth(lesion, timepoints) } : {}),
  };
}

/**
 * The vessel a lesion abuts: the straight tube it touches, as its axis (from, to: patient
 * coordinates in each exam) with the radius at each end, and the gap between the lesion's
 * baseline surface and the tube's wall (0: touching). Tests leave this tube out of the liver ring.
 * @param {any} lesion
 * @param {any[]} timepoints
 */
function vesselGroundTruth(lesion, timepoints) {
  const v = abuttingVessel(lesion);
  return {
    kind: v.kind,
    radiusMm: [v.a[3], v.b[3]],
    gapMm: Math.round(v.gap * 100) / 100,
    axis: { from: centres(v.a.slice(0, 3), timepoints), to: centres(v.b.slice(0, 3), timepoints) },
  };
}
