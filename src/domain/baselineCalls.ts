/**
 * The baseline question (docs/domain.md §10). A per-modality call records whether the lesion is
 * detectable on that modality at that timepoint; at baseline the question is "where is the lesion
 * seen?", after chemotherapy "is it still there?". The stored value is the same three-valued
 * observation (`Call`), so schema version 2 holds both; what changes with the timepoint is the
 * word the reader sees and the exports write:
 *
 * | stored          | at baseline     | later           |
 * | --------------- | --------------- | --------------- |
 * | `present`       | `seen`          | `present`       |
 * | `disappeared`   | `not-seen`      | `disappeared`   |
 * | `not-evaluable` | `not-evaluable` | `not-evaluable` |
 *
 * Baseline calls never enter the derived status (docs/domain.md §5 derives it at the status
 * timepoint, which cannot be baseline); checks.ts reports a disappearance on a modality where
 * the lesion was not seen at baseline.
 */
import type { Call, TimepointId } from './model.ts';

/** What a reader says at baseline about one modality. */
export type BaselineCall = 'seen' | 'not-seen' | 'not-evaluable';

/** A call as worded at its timepoint (`CallTerm` of `callTerm`). */
export type CallTerm = Call | BaselineCall;

/** All baseline words, in the order the lesion table offers them. */
export const BASELINE_CALLS: readonly BaselineCall[] = ['seen', 'not-seen', 'not-evaluable'];

const AT_BASELINE: Readonly<Record<Call, BaselineCall>> = {
  present: 'seen',
  disappeared: 'not-seen',
  'not-evaluable': 'not-evaluable',
};

/** Whether the calls at this timepoint answer "where is the lesion seen?" (baseline only). */
export function asksWhereSeen(timepoint: TimepointId): boolean {
  return timepoint === 'baseline';
}

/** The baseline word of a stored call. */
export function baselineCallOf(call: Call): BaselineCall {
  return AT_BASELINE[call];
}

/** The word for a stored call at its timepoint: `seen`/`not-seen` at baseline, else the call. */
export function callTerm(timepoint: TimepointId, call: Call): CallTerm {
  return asksWhereSeen(timepoint) ? AT_BASELINE[call] : call;
}

/** The stored call of a baseline word (the inverse of `callTerm` at baseline). */
export function callOfBaselineTerm(term: BaselineCall): Call {
  const found = (Object.keys(AT_BASELINE) as Call[]).find((call) => AT_BASELINE[call] === term);
  if (found === undefined) throw new RangeError(`unknown baseline call "${String(term)}"`);
  return found;
}
