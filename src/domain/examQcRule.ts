/**
 * The rule of docs/domain.md §11: an exam marked not evaluable for acquisition QC makes the calls
 * of the modality groups it provides at its timepoint not evaluable for the status. Pure and
 * apart from the commands (examQc.ts), so status.ts can use it without an import cycle.
 */
import {
  MODALITY_GROUPS,
  type Call,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from './model.ts';

/**
 * The modality groups that are not evaluable at a timepoint because of the exams (§11): a group
 * is, when at least one recorded exam of that timepoint provides it and every such exam is marked
 * not evaluable. Another exam of the same timepoint that provides the group keeps it evaluable.
 */
export function notEvaluableGroups(read: Read, timepoint: TimepointId): ModalityGroup[] {
  const exams = Object.values(read.examQc ?? {}).filter((e) => e.timepoint === timepoint);
  return MODALITY_GROUPS.filter((group) => {
    const providing = exams.filter((e) => e.groups.includes(group));
    return providing.length > 0 && providing.every((e) => e.notEvaluable !== undefined);
  });
}

/**
 * The modality groups no exam of a timepoint provides, from the exams recorded in the read
 * (§11): the reader has no series to call them on there (e.g. a CT-only pre-op has no DWI, T1/T2
 * or EOB). Empty when the read records no exam at all (an older read: nothing is known).
 * Nothing is filled in: the calls stay the reader's, and an unset one leaves the status open.
 */
export function groupsWithoutSeries(read: Read, timepoint: TimepointId): ModalityGroup[] {
  const exams = Object.values(read.examQc ?? {});
  if (exams.length === 0) return [];
  const provided = new Set(exams.filter((e) => e.timepoint === timepoint).flatMap((e) => e.groups));
  return MODALITY_GROUPS.filter((group) => !provided.has(group));
}

/** Calls with every call on `groups` replaced by `not-evaluable` (set or unset before). */
export function withNotEvaluable<C extends Partial<Readonly<Record<ModalityGroup, Call>>>>(
  calls: C,
  groups: readonly ModalityGroup[],
): C {
  if (groups.length === 0) return calls;
  const out: Partial<Record<ModalityGroup, Call>> = { ...calls };
  for (const group of groups) out[group] = 'not-evaluable';
  return out as C;
}
