/**
 * Which exams of a patient are registered to which, and how the pair results chain into one
 * transform per exam from the patient's reference exam (docs/registration.md):
 * - the reference is the first timepoint's CT (its MR when it has no CT);
 * - a later exam goes to the first timepoint's exam of the same modality (CT to CT, MR to MR),
 *   else to the reference;
 * - the first timepoint's other exam (MR when the reference is CT) goes to the reference.
 * All series of one exam share its frame of reference, so one transform serves them all.
 */
import { compose, IDENTITY, type Mat4 } from './rigid.ts';

export type ExamKind = 'CT' | 'MR';

export interface PlanExam {
  /** Unique per patient, e.g. the study UID plus the modality. */
  readonly key: string;
  readonly kind: ExamKind;
  /** Position of the exam's timepoint in the patient's order (0 = baseline). */
  readonly order: number;
}

/** One registration: the result maps fixed-exam points to moving-exam points. */
export interface RegistrationPair {
  readonly fixed: string;
  readonly moving: string;
}

export interface RegistrationPlan {
  readonly reference: string | undefined;
  readonly pairs: readonly RegistrationPair[];
}

export function registrationPlan(exams: readonly PlanExam[]): RegistrationPlan {
  const first = Math.min(...exams.map((e) => e.order));
  const baseline = exams.filter((e) => e.order === first);
  const reference = baseline.find((e) => e.kind === 'CT') ?? baseline[0];
  if (!reference) return { reference: undefined, pairs: [] };
  const pairs = exams
    .filter((e) => e.key !== reference.key)
    .map((e) => {
      const sameKind = e.order === first ? undefined : baseline.find((b) => b.kind === e.kind);
      return { fixed: (sameKind ?? reference).key, moving: e.key };
    });
  return { reference: reference.key, pairs };
}

/**
 * Reference -> exam transforms from the pair results (fixed -> moving each), following each
 * exam's chain back to the reference. An exam whose chain misses a result is left out.
 */
export function chainTransforms(
  plan: RegistrationPlan,
  results: ReadonlyMap<string, Mat4>,
): Map<string, Mat4> {
  const out = new Map<string, Mat4>();
  if (!plan.reference) return out;
  out.set(plan.reference, IDENTITY);
  const fixedOf = new Map(plan.pairs.map((p) => [p.moving, p.fixed]));
  const resolve = (key: string, depth: number): Mat4 | undefined => {
    const known = out.get(key);
    if (known || depth > plan.pairs.length) return known;
    const fixed = fixedOf.get(key);
    const pair = results.get(key);
    const toFixed = fixed === undefined ? undefined : resolve(fixed, depth + 1);
    if (!pair || !toFixed) return undefined;
    const m = compose(pair, toFixed);
    out.set(key, m);
    return m;
  };
  for (const p of plan.pairs) resolve(p.moving, 0);
  return out;
}
