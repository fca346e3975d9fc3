/**
 * Registers the sample study's exams as the app does (registrationPlan, downsampled volumes,
 * registerRigid) with elastix in Node, and measures the target registration error at every lesion
 * and distractor centre against ground-truth.json's known motion. Shared by the unit test
 * (test/registration/sample.test.ts) and the bench (scripts/bench/registration.mjs).
 */
import { elastixNode } from '@itk-wasm/elastix';
import {
  applyMat,
  chainTransforms,
  distance,
  registrationPlan,
  volumeFromSlices,
  type Mat4,
  type RegistrationVolume,
} from '../../src/domain/registration';
import {
  registerRigid,
  type ElastixRun,
  type PairResult,
  type ParameterMap,
} from '../../src/viewer/registration/rigidElastix';
import {
  readJson,
  readSeries,
  type GroundTruth,
  type GtExam,
  type GtSeries,
  type Slice,
} from '../sample/sample-reader';

/** The series each exam is registered on (the app picks the same roles first). */
export const REGISTRATION_ROLE = { CT: 'CT_PORTAL', MR: 'T2' } as const;

export const runElastixNode: ElastixRun = async (parameterObject, fixed, moving) => {
  const result = await elastixNode(parameterObject, { fixed, moving } as never);
  return result.transformParameterObject as unknown as ParameterMap[];
};

export interface PatientTre {
  patientId: string;
  pairs: (PairResult & { fixed: string; moving: string })[];
  /** Per exam and object: error (mm) of the registered centre against the known one. */
  errors: { exam: string; object: string; mm: number }[];
}

/** Reads a series' slices (the bench passes its own: dicom-parser's UMD needs a plain require). */
export type SeriesReader = (series: GtSeries) => Slice[];

function volumeOf(exam: GtExam, read: SeriesReader): RegistrationVolume {
  const series = exam.series.find((s) => s.role === REGISTRATION_ROLE[exam.kind]);
  if (!series) throw new Error(`no ${REGISTRATION_ROLE[exam.kind]} series`);
  return volumeFromSlices(
    read(series).map((s) => ({
      ipp: s.ipp,
      pixelSpacing: s.spacing,
      rows: s.rows,
      columns: s.cols,
      values: s.values,
    })),
  );
}

export async function sampleTre(
  run: ElastixRun = runElastixNode,
  patients?: readonly string[],
  read: SeriesReader = readSeries,
): Promise<PatientTre[]> {
  const truth = readJson<GroundTruth>('ground-truth.json');
  const out: PatientTre[] = [];
  for (const p of truth.patients) {
    if (patients && !patients.includes(p.patientId)) continue;
    const exams = p.timepoints.flatMap((tp, order) =>
      tp.exams.map((e) => ({ key: `${tp.timepoint} ${e.kind}`, kind: e.kind, order, exam: e })),
    );
    const plan = registrationPlan(exams);
    const volumes = new Map(exams.map((e) => [e.key, volumeOf(e.exam, read)]));
    const results = new Map<string, Mat4>();
    const pairs: PatientTre['pairs'] = [];
    for (const pair of plan.pairs) {
      const r = await registerRigid(volumes.get(pair.fixed)!, volumes.get(pair.moving)!, run);
      results.set(pair.moving, r.matrix);
      pairs.push({ ...r, ...pair });
    }
    const transforms = chainTransforms(plan, results);
    const reference = exams.find((e) => e.key === plan.reference)!;
    const objects = [...p.lesions, ...p.distractors];
    const errors: PatientTre['errors'] = [];
    for (const e of exams) {
      if (e.key === plan.reference) continue;
      const m = transforms.get(e.key);
      const tp = p.timepoints[e.order]!.timepoint;
      for (const o of objects) {
        const from = o.centre[p.timepoints[reference.order]!.timepoint]?.[reference.kind];
        const to = o.centre[tp]?.[e.kind];
        if (!from || !to || !m) continue;
        errors.push({
          exam: e.key,
          object: o.id,
          mm: distance(applyMat(m, from), to),
        });
      }
    }
    out.push({ patientId: p.patientId, pairs, errors });
  }
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
