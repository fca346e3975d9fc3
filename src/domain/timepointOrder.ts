/**
 * The order of timepoints in exports and tables: baseline, preop, then follow-ups by number
 * (numerically, so followup-10 comes after followup-9, which a string sort would get wrong).
 */
import type { TimepointId } from './model.ts';

/** Sort key of a timepoint: baseline 0, preop 1, followup-N 1 + N. */
export function timepointOrder(timepoint: TimepointId): number {
  if (timepoint === 'baseline') return 0;
  if (timepoint === 'preop') return 1;
  return 1 + Number(timepoint.slice('followup-'.length));
}

/** Entries of a timepoint-keyed record in timepoint order, skipping absent values. */
export function byTimepoint<V>(
  record: Partial<Readonly<Record<TimepointId, V>>>,
): [TimepointId, V][] {
  return (Object.entries(record) as [TimepointId, V | undefined][])
    .filter((entry): entry is [TimepointId, V] => entry[1] !== undefined)
    .sort(([a], [b]) => timepointOrder(a) - timepointOrder(b));
}
