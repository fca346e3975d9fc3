/**
 * The figures the review screen shows: the domain's pooled agreement (kappa on matched lesions,
 * detection agreement; src/domain/stats/pooledAgreement.ts) and adjudication rates
 * (src/domain/stats/adjudicationRates.ts), computed by the same functions as the batch CLI so
 * that both give identical figures on the same reads.
 */
import {
  poolAgreement,
  reviewRates,
  type AdjudicatedPatient,
  type PoolOptions,
  type PooledAgreement,
  type ReviewRates,
} from '../../domain';

/** One compared patient: the two reads, their comparison, and the decisions taken so far. */
export type ComparedPatient = AdjudicatedPatient;

/** Everything the agreement panel shows. */
export interface ReviewStatistics {
  readonly agreement: PooledAgreement;
  readonly rates: ReviewRates;
}

/** Pooled agreement and adjudication rates of the compared patients. */
export function reviewStatistics(
  patients: readonly ComparedPatient[],
  options: PoolOptions = {},
): ReviewStatistics {
  return { agreement: poolAgreement(patients, options), rates: reviewRates(patients) };
}
