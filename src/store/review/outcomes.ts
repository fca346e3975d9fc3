/**
 * Outcomes entered by hand in the review screen (pure): one outcome per lesion of a consensus
 * read, edited field by field. An emptied field is unset; an outcome with nothing but its ids
 * is dropped, so that "not entered" and "entered as nothing" are the same.
 */
import { outcomeKey, type LesionId, type LesionOutcome } from '../../domain';

/** The editable fields of an outcome. */
export type OutcomeField = Exclude<keyof LesionOutcome, 'patientId' | 'lesionId'>;

/** The outcome of one lesion, if entered. */
export function outcomeOf(
  outcomes: readonly LesionOutcome[],
  patientId: string,
  lesionId: LesionId,
): LesionOutcome | undefined {
  const key = outcomeKey(patientId, lesionId);
  return outcomes.find((o) => outcomeKey(o.patientId, o.lesionId) === key);
}

/**
 * Sets (or, with `undefined`, unsets) one field of a lesion's outcome; returns new outcomes in
 * the same order (a new lesion's outcome goes last).
 */
export function setOutcomeField<F extends OutcomeField>(
  outcomes: readonly LesionOutcome[],
  patientId: string,
  lesionId: LesionId,
  field: F,
  value: LesionOutcome[F] | undefined,
): LesionOutcome[] {
  const key = outcomeKey(patientId, lesionId);
  const index = outcomes.findIndex((o) => outcomeKey(o.patientId, o.lesionId) === key);
  const previous: LesionOutcome = outcomes[index] ?? { patientId, lesionId };
  const next: Record<string, unknown> = { ...previous };
  if (value === undefined) delete next[field];
  else next[field] = value;
  const outcome = next as unknown as LesionOutcome;
  const empty = Object.keys(next).every((k) => k === 'patientId' || k === 'lesionId');
  const result = [...outcomes];
  if (index === -1) {
    if (!empty) result.push(outcome);
  } else if (empty) {
    result.splice(index, 1);
  } else {
    result[index] = outcome;
  }
  return result;
}
