/** Which two reads of a patient are compared, and their comparison (pure). */
import {
  adjudicatorReadCase,
  compareReadOrder,
  compareReads,
  type ReadComparison,
  type Reader,
} from '../../domain';
import { comparisonKey, defaultPair, type LoadedRead, type PatientReads } from './reads';

/** The comparison of a patient's two chosen (or default) reads. */
export interface PatientComparison {
  readonly patientId: string;
  readonly key: string;
  readonly first: LoadedRead;
  readonly second: LoadedRead;
  readonly comparison: ReadComparison;
}

/** Result of comparing a patient: the comparison, nothing to compare, or why it failed. */
export type PatientComparisonResult =
  | { readonly kind: 'compared'; readonly value: PatientComparison }
  | { readonly kind: 'none' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Compares the reads `chosen` (keys) of a patient, or by default the first two comparable reads
 * by different readers (see `defaultPair`). Whichever two, reader 1 is the one the domain's one
 * reader-order rule puts first (`compareReadOrder`: reader id, then read id, then version), so
 * the labels, the discordance ids (`R1:L3`), the marks, the consensus and the pooled agreement
 * all number the readers alike.
 */
export function comparePatient(
  patient: PatientReads,
  chosen?: readonly [string, string],
): PatientComparisonResult {
  const picked = chosen?.map((key) => patient.reads.find((r) => r.key === key));
  const pair =
    picked?.[0] && picked[1] && picked[0] !== picked[1]
      ? ([picked[0], picked[1]] as const)
      : defaultPair(patient.reads);
  if (!pair) return { kind: 'none' };
  const [first, second] =
    compareReadOrder(pair[0].read, pair[1].read) <= 0 ? pair : ([pair[1], pair[0]] as const);
  try {
    return {
      kind: 'compared',
      value: {
        patientId: patient.patientId,
        key: comparisonKey(first.read, second.read),
        first,
        second,
        comparison: compareReads(first.read, second.read),
      },
    };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The reader of the compared reads the adjudicator is, if any: the screen says so before any
 * consensus is asked for (the domain refuses such a consensus, docs/domain.md §7).
 */
export function adjudicatorConflict(
  adjudicator: Reader | undefined,
  compared: Pick<PatientComparison, 'first' | 'second'>,
): Reader | undefined {
  return (
    adjudicator && adjudicatorReadCase(adjudicator, [compared.first.read, compared.second.read])
  );
}
