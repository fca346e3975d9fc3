/** Which two reads of a patient are compared, and their comparison (pure). */
import { compareReads, type ReadComparison } from '../../domain';
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
 * by different readers (see `defaultPair`).
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
  const [first, second] = pair;
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
