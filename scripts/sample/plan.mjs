/**
 * What the sample study contains: patients, lesions, timepoints, exams and series, with their
 * geometry and timing. Pure data plus small helpers; rendering and DICOM encoding live elsewhere.
 */

/** Series roles, grouped by the modality call they feed (docs/domain.md §5 default modalities). */
export const MODALITY_ROLES = {
  CT: ['CT_PORTAL', 'CT_ARTERIAL'],
  DWI: ['DWI', 'ADC'],
  'T1/T2': ['T1', 'T2'],
  EOB: ['EOB_PRE', 'EOB_ARTERIAL', 'EOB_PORTAL', 'EOB_TRANSITIONAL', 'EOB_HBP'],
};
const ALL_ROLES = Object.values(MODALITY_ROLES).flat();

export const B_VALUES = [50, 400, 800];

/**
 * Visibility per role from the set of roles that show the lesion.
 * @param {string[]} visibleRoles
 * @returns {Record<string, boolean>}
 */
function visibility(visibleRoles) {
  return Object.fromEntries(ALL_ROLES.map((role) => [role, visibleRoles.includes(role)]));
}
const EVERYWHERE = visibility(ALL_ROLES);
const NOWHERE = visibility([]);

/**
 * Lesions in the anatomy frame (phantom.mjs). Diameters in mm (0 = gone); tumour ADC in mm²/s
 * rises after chemotherapy; s0 is the b=0 signal (higher than liver, so bright at high b).
 */
const LESIONS_001 = [
  {
    id: 'L1',
    segment: 'VI',
    centre: [-100, 15, -20],
    diameter: { baseline: 16, preop: 0 },
    adc: { baseline: 0.9e-3, preop: 0.9e-3 },
    s0: 640,
    visibility: { baseline: EVERYWHERE, preop: NOWHERE },
  },
  {
    id: 'L2',
    segment: 'VIII',
    centre: [-97, -35, 38],
    diameter: { baseline: 22, preop: 12 },
    adc: { baseline: 0.88e-3, preop: 1.0e-3 },
    s0: 660,
    visibility: { baseline: EVERYWHERE, preop: visibility(['DWI', 'ADC', 'EOB_HBP']) },
  },
  {
    id: 'L3',
    segment: 'IVb',
    centre: [-22, -38, 4],
    diameter: { baseline: 28, preop: 14 },
    adc: { baseline: 0.92e-3, preop: 1.05e-3 },
    s0: 620,
    visibility: { baseline: EVERYWHERE, preop: EVERYWHERE },
  },
  {
    id: 'L4',
    segment: 'VII',
    centre: [-100, 30, 27],
    diameter: { baseline: 14, preop: 10 },
    adc: { baseline: 0.9e-3, preop: 0.95e-3 },
    s0: 650,
    visibility: { baseline: EVERYWHERE, preop: visibility(['DWI', 'ADC']) },
  },
];

const LESIONS_002 = [
  {
    id: 'L1',
    segment: 'III',
    centre: [45, -50, 16],
    diameter: { baseline: 12, preop: 0 },
    adc: { baseline: 0.95e-3, preop: 0.95e-3 },
    s0: 630,
    visibility: { baseline: EVERYWHERE, preop: NOWHERE },
  },
  {
    id: 'L2',
    segment: 'V',
    centre: [-80, -25, -30],
    diameter: { baseline: 24, preop: 18 },
    adc: { baseline: 0.85e-3, preop: 0.98e-3 },
    s0: 650,
    visibility: { baseline: EVERYWHERE, preop: EVERYWHERE },
  },
  {
    id: 'L3',
    segment: 'VII',
    centre: [-60, 30, 25],
    diameter: { baseline: 16, preop: 10 },
    adc: { baseline: 0.9e-3, preop: 1.02e-3 },
    s0: 640,
    visibility: { baseline: EVERYWHERE, preop: visibility(['DWI', 'ADC', 'EOB_HBP']) },
  },
  {
    // The small lesion abutting a vessel: a 6 mm metastasis against the segment VIII branch of
    // the right anterior portal vein. After chemotherapy it no longer shows on CT or T2 but is
    // still bright on DWI with a low ADC and dark in the hepatobiliary phase, where it reads
    // like the vessel's cross-section beside it. No enhancing rim: the 1.2 mm minimum rim of the
    // larger lesions would be most of its volume, and a metastasis this small looks homogeneous.
    id: 'L4',
    segment: 'VIII',
    centre: [-70, -40, 30.5],
    abuts: 'portal',
    rim: false,
    diameter: { baseline: 6, preop: 6 },
    adc: { baseline: 0.85e-3, preop: 0.9e-3 },
    s0: 660,
    visibility: { baseline: EVERYWHERE, preop: visibility(['DWI', 'ADC', 'EOB_HBP']) },
  },
];

/**
 * DREAM-003 has three timepoints: baseline (CT and MR), a CT-only pre-op and an MR-only follow-up
 * (EOB-MRI with DWI, the usual surveillance of a lesion left in situ). L2 disappears on the pre-op CT and stays gone; L3 shrinks, then grows back.
 */
const LESIONS_003 = [
  {
    id: 'L1',
    segment: 'VII',
    centre: [-60, 30, 25],
    diameter: { baseline: 20, preop: 11, 'followup-1': 11 },
    adc: { baseline: 0.87e-3, preop: 0.98e-3, 'followup-1': 1.0e-3 },
    s0: 650,
    visibility: { baseline: EVERYWHERE, preop: EVERYWHERE, 'followup-1': EVERYWHERE },
  },
  {
    id: 'L2',
    segment: 'IVb',
    centre: [-22, -38, 4],
    diameter: { baseline: 15, preop: 0, 'followup-1': 0 },
    adc: { baseline: 0.92e-3, preop: 0.92e-3, 'followup-1': 0.92e-3 },
    s0: 630,
    visibility: { baseline: EVERYWHERE, preop: NOWHERE, 'followup-1': NOWHERE },
  },
  {
    id: 'L3',
    segment: 'III',
    centre: [45, -50, 16],
    diameter: { baseline: 12, preop: 8, 'followup-1': 14 },
    adc: { baseline: 0.9e-3, preop: 1.0e-3, 'followup-1': 0.9e-3 },
    s0: 650,
    visibility: { baseline: EVERYWHERE, preop: EVERYWHERE, 'followup-1': EVERYWHERE },
  },
];

/**
 * Acquisition grids, all on a 384 mm field of view: CT 512² Int16 at 0.75 mm with 5 mm slices
 * over the liver; MR T1/T2/EOB 256² Uint16 at 1.5 mm with 6 mm slices; DWI (and its ADC) on the
 * same slices at the coarse 128² matrix of single-shot EPI.
 */
export const CT_GRID = { size: 512, spacing: 0.75, slices: 18, thickness: 5, centreZ: 8 };
export const MR_GRID = { size: 256, spacing: 1.5, slices: 16, thickness: 6, centreZ: 0 };
export const DWI_GRID = { ...MR_GRID, size: 128, spacing: 3 };
/** Roles acquired on the DWI grid. */
export const DWI_ROLES = ['DWI', 'ADC'];

/** Baseline CT poses (anatomy -> patient): the table position of each patient's first exam. */
const BASE_001 = { rotZ: 0, t: [3.5, 21, -612] };
const BASE_002 = { rotZ: 0, t: [1.5, 24, -640] };
const BASE_003 = { rotZ: 0, t: [-2, 18, -598] };

/**
 * MR series of a full EOB liver protocol, in acquisition order. `delay` is seconds after the
 * injection (ContrastBolusStartTime); pre-contrast series use negative minutes before it.
 */
export const MR_FULL = [
  'T2',
  'DWI',
  'ADC',
  'T1',
  'EOB_PRE',
  'EOB_ARTERIAL',
  'EOB_PORTAL',
  'EOB_TRANSITIONAL',
  'EOB_HBP',
];
/** DREAM-001's pre-op MR keeps the size budget (no arterial/portal/transitional phases). */
const MR_SMALL = ['T2', 'DWI', 'ADC', 'T1', 'EOB_HBP'];
/** DREAM-002 and DREAM-003: no T1 either (T2 answers the T1/T2 call). */
const MR_LEAN = ['T2', 'DWI', 'ADC', 'EOB_HBP'];

/**
 * Pose (anatomy -> exam patient coordinates) of an exam moved by a rigid motion relative to the
 * baseline CT: p_exam = R(rotZ) p_baselineCT + t. Rotations are about the z axis so that every
 * stack keeps an axial slice normal.
 * @param {{rotZ: number, t: number[]}} base pose of the baseline CT
 * @param {{rotZ: number, t: number[]}} motion
 */
function moved(base, motion) {
  const th = (motion.rotZ * Math.PI) / 180;
  const [c, s] = [Math.cos(th), Math.sin(th)];
  const [x, y, z] = base.t;
  return {
    rotZ: base.rotZ + motion.rotZ,
    t: [c * x - s * y + motion.t[0], s * x + c * y + motion.t[1], z + motion.t[2]],
    motion,
  };
}

/**
 * A timepoint's exams: a CT when it has CT roles, an MR when it has MR roles.
 * @param {string} patientId
 * @param {string} tp timepoint key
 * @param {{rotZ: number, t: number[]}} base pose of the patient's baseline CT
 * @param {{CT?: any, MR?: any}} motion per exam kind, relative to the baseline CT
 * @param {{ctRoles: string[], mrRoles: string[], date: string}} o
 */
function timepoint(patientId, tp, base, motion, o) {
  const exam = (kind) => ({
    kind,
    name: `${patientId}/${tp}/${kind}`,
    pose: moved(base, motion[kind] ?? { rotZ: 0, t: [0, 0, 0] }),
    grid: kind === 'CT' ? CT_GRID : MR_GRID,
    start: kind === 'CT' ? '091500' : '103000',
    description: kind === 'CT' ? 'CT ABDOMEN LIVER' : 'MR LIVER EOB',
    roles: kind === 'CT' ? o.ctRoles : o.mrRoles,
  });
  const kinds = [o.ctRoles.length > 0 ? 'CT' : '', o.mrRoles.length > 0 ? 'MR' : ''];
  return { key: tp, date: o.date, exams: kinds.filter((k) => k !== '').map(exam) };
}

/** Focal liver lesions that are not metastases: a simple cyst and a haemangioma. */
const distractors = (cyst, haemangioma) => [
  { id: 'C1', kind: 'cyst', ...cyst },
  { id: 'H1', kind: 'haemangioma', ...haemangioma },
];

/**
 * The whole sample: three pseudonymous patients. DREAM-001 and DREAM-002: baseline and pre-op;
 * DREAM-003: baseline, CT-only pre-op and follow-up, DWI as one series per b-value.
 */
export const PATIENTS = [
  {
    id: 'DREAM-001',
    name: 'DREAM^001',
    sex: 'M',
    trial: true,
    bValueTag: 'standard',
    body: { rx: 172, ry: 128, power: 2.4, fat: 16 },
    lesions: LESIONS_001,
    distractors: distractors(
      { segment: 'II', centre: [10, -50, 40], diameter: 12 },
      { segment: 'V', centre: [-95, -25, -25], diameter: 18 },
    ),
    timepoints: [
      timepoint(
        'DREAM-001',
        'baseline',
        BASE_001,
        { MR: { rotZ: 3, t: [-8, -12, 12] } },
        {
          date: '20250310',
          ctRoles: ['CT_ARTERIAL', 'CT_PORTAL'],
          mrRoles: MR_FULL,
        },
      ),
      timepoint(
        'DREAM-001',
        'preop',
        BASE_001,
        { CT: { rotZ: -2, t: [-6, -4, 14] }, MR: { rotZ: 4.5, t: [12, -9, -6] } },
        { date: '20250624', ctRoles: ['CT_PORTAL'], mrRoles: MR_SMALL },
      ),
    ],
  },
  {
    id: 'DREAM-002',
    name: 'DREAM^002',
    sex: 'F',
    trial: false,
    bValueTag: 'siemens',
    body: { rx: 158, ry: 116, power: 2.1, fat: 27 },
    lesions: LESIONS_002,
    distractors: distractors(
      { segment: 'VI', centre: [-95, 10, -30], diameter: 10 },
      { segment: 'IVa', centre: [-15, -50, 30], diameter: 14 },
    ),
    timepoints: [
      timepoint(
        'DREAM-002',
        'baseline',
        BASE_002,
        { MR: { rotZ: -3.5, t: [12.5, -12, 4] } },
        {
          date: '20250402',
          ctRoles: ['CT_PORTAL'],
          mrRoles: MR_LEAN,
        },
      ),
      timepoint(
        'DREAM-002',
        'preop',
        BASE_002,
        { CT: { rotZ: 2.5, t: [-7, 5, 11] }, MR: { rotZ: -5, t: [-15, -10, -7] } },
        { date: '20250729', ctRoles: ['CT_PORTAL'], mrRoles: MR_LEAN },
      ),
    ],
  },
  {
    id: 'DREAM-003',
    name: 'DREAM^003',
    sex: 'M',
    trial: true,
    // A vendor that sends one DWI series per b-value, its b-value in GE's private tag only.
    bValueTag: 'ge',
    dwiPerB: true,
    body: { rx: 165, ry: 122, power: 2.3, fat: 21 },
    lesions: LESIONS_003,
    distractors: distractors(
      { segment: 'VI', centre: [-100, 15, -20], diameter: 10 },
      { segment: 'VIII', centre: [-100, -30, 40], diameter: 13 },
    ),
    timepoints: [
      timepoint(
        'DREAM-003',
        'baseline',
        BASE_003,
        { MR: { rotZ: 2, t: [9, -14, 8] } },
        { date: '20250508', ctRoles: ['CT_PORTAL'], mrRoles: MR_LEAN },
      ),
      timepoint(
        'DREAM-003',
        'preop',
        BASE_003,
        { CT: { rotZ: -3, t: [5, 7, -10] } },
        { date: '20250818', ctRoles: ['CT_PORTAL'], mrRoles: [] },
      ),
      timepoint(
        'DREAM-003',
        'followup-1',
        BASE_003,
        { MR: { rotZ: -4, t: [13, -8, -11] } },
        { date: '20251124', ctRoles: [], mrRoles: MR_LEAN },
      ),
    ],
  },
];

/**
 * z positions (anatomy frame) of a grid's slices, superior first as scanners usually number them.
 * @param {{slices: number, thickness: number, centreZ: number}} grid
 */
export function sliceZs(grid) {
  const half = ((grid.slices - 1) * grid.thickness) / 2;
  return Array.from({ length: grid.slices }, (_, k) => grid.centreZ + half - k * grid.thickness);
}
