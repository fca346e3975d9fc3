/**
 * The figures of one endpoint row beyond the per-lesion NPV (docs/statistics.md): intervals that
 * name their method and level, the cluster-aware intervals of the per-lesion NPV, the per-patient
 * NPV and the sensitivity analysis of not-yet-evaluable lesions.
 *
 * Per-patient NPV. A patient with at least one lesion in the row is
 * - a true negative when every one of its lesions in the row is non-viable;
 * - a false negative when at least one is viable (whatever the others are);
 * - not evaluable otherwise (no viable lesion, but one not yet evaluable or missing its outcome).
 * NPV per patient = true negatives / (true negatives + false negatives). Patients are independent,
 * so Clopper-Pearson and Wilson are the right intervals here.
 *
 * Sensitivity. The per-lesion NPV with the not-yet-evaluable lesions counted as non-viable (best
 * case) and as viable (worst case), each with its Clopper-Pearson interval; lesions missing an
 * outcome stay out and are counted in the row.
 */
import {
  DEFAULT_BOOTSTRAP,
  clusterBootstrapProportion,
  ratioEstimatorInterval,
  type BootstrapInterval,
  type BootstrapSettings,
  type ClusterCount,
  type RatioInterval,
} from './cluster.ts';
import { clopperPearson, wilson, type Interval } from './intervals.ts';
import type { OutcomeClass } from './outcomes.ts';

/** How an interval was computed. */
export type IntervalMethod =
  | 'clopper-pearson'
  | 'wilson'
  | 'cluster-bootstrap-percentile'
  | 'ratio-estimator'
  | 'fleiss-cohen-everitt-wald';

/** The name of each interval method, with what it assumes. */
export const INTERVAL_METHOD_LABELS: Readonly<Record<IntervalMethod, string>> = {
  'clopper-pearson': 'Clopper-Pearson exact (assumes independent lesions)',
  wilson: 'Wilson score (assumes independent lesions)',
  'cluster-bootstrap-percentile': 'cluster bootstrap over patients, percentile',
  'ratio-estimator': 'ratio estimator with patients as clusters (Wald, design effect)',
  'fleiss-cohen-everitt-wald': 'Wald, Fleiss-Cohen-Everitt SE, clipped to [-1, 1]',
};

/** A binomial interval with its method and level. */
export interface BinomialInterval extends Interval {
  readonly method: 'clopper-pearson' | 'wilson';
  readonly level: number;
}

/** x/n with its Clopper-Pearson and Wilson intervals, both named. */
export interface NamedProportion {
  readonly x: number;
  readonly n: number;
  /** x/n; null when n = 0. */
  readonly estimate: number | null;
  readonly clopperPearson: BinomialInterval | null;
  readonly wilson: BinomialInterval | null;
}

/** x/n with named intervals at `level` (all null when n = 0). */
export function namedProportion(x: number, n: number, level: number): NamedProportion {
  if (n === 0) return { x, n, estimate: null, clopperPearson: null, wilson: null };
  return {
    x,
    n,
    estimate: x / n,
    clopperPearson: { ...clopperPearson(x, n, level), method: 'clopper-pearson', level },
    wilson: { ...wilson(x, n, level), method: 'wilson', level },
  };
}

/** A lesion of a row: its patient and its class in the row. */
export interface RowMember {
  readonly patientId: string;
  readonly kind: OutcomeClass;
}

/** The per-patient NPV of a row (rules in the module comment). */
export interface PatientNpv extends NamedProportion {
  /** Patients whose lesions in the row are all non-viable (x). */
  readonly trueNegatives: number;
  /** Patients with a viable lesion in the row. */
  readonly falseNegatives: number;
  /** Patients neither (a lesion not yet evaluable or missing, none viable). */
  readonly notEvaluable: number;
}

/** The NPV of one sensitivity case. */
export interface SensitivityCase {
  readonly nonViable: number;
  readonly evaluable: number;
  readonly npv: number | null;
  readonly clopperPearson: BinomialInterval | null;
}

/** Best and worst case for the not-yet-evaluable lesions. */
export interface Sensitivity {
  readonly notYetEvaluable: number;
  /** Not yet evaluable counted as non-viable. */
  readonly bestCase: SensitivityCase;
  /** Not yet evaluable counted as viable. */
  readonly worstCase: SensitivityCase;
  /** Lesions missing an outcome (out of every case). */
  readonly missingOutcome: number;
}

/** The extra figures of a row. */
export interface RowFigures {
  readonly clusterBootstrap: BootstrapInterval | null;
  readonly ratioEstimator: RatioInterval | null;
  readonly perPatient: PatientNpv;
  readonly sensitivity: Sensitivity;
}

/** Options of the endpoint figures. */
export interface EndpointOptions {
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** The cluster bootstrap's seed and resamples (default `DEFAULT_BOOTSTRAP`). */
  readonly bootstrap?: BootstrapSettings;
}

function groupByPatient(members: readonly RowMember[]): Map<string, OutcomeClass[]> {
  const byPatient = new Map<string, OutcomeClass[]>();
  for (const m of members) {
    const list = byPatient.get(m.patientId) ?? [];
    list.push(m.kind);
    byPatient.set(m.patientId, list);
  }
  return byPatient;
}

function sensitivityCase(nonViable: number, evaluable: number, level: number): SensitivityCase {
  const p = namedProportion(nonViable, evaluable, level);
  return { nonViable, evaluable, npv: p.estimate, clopperPearson: p.clopperPearson };
}

/** Cluster intervals, per-patient NPV and sensitivity of one row's lesions. */
export function rowFigures(members: readonly RowMember[], options: EndpointOptions): RowFigures {
  const level = options.level ?? 0.95;
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const byPatient = [...groupByPatient(members).values()];
  const counts: ClusterCount[] = byPatient.map((kinds) => ({
    successes: kinds.filter((k) => k === 'non-viable').length,
    trials: kinds.filter((k) => k === 'non-viable' || k === 'viable').length,
  }));
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (const kinds of byPatient) {
    if (kinds.includes('viable')) falseNegatives++;
    else if (kinds.every((k) => k === 'non-viable')) trueNegatives++;
  }
  const count = (kind: OutcomeClass): number => members.filter((m) => m.kind === kind).length;
  const nonViable = count('non-viable');
  const viable = count('viable');
  const notYet = count('not-yet-evaluable');
  return {
    clusterBootstrap: clusterBootstrapProportion(counts, bootstrap, level),
    ratioEstimator: ratioEstimatorInterval(counts, level),
    perPatient: {
      ...namedProportion(trueNegatives, trueNegatives + falseNegatives, level),
      trueNegatives,
      falseNegatives,
      notEvaluable: byPatient.length - trueNegatives - falseNegatives,
    },
    sensitivity: {
      notYetEvaluable: notYet,
      bestCase: sensitivityCase(nonViable + notYet, nonViable + viable + notYet, level),
      worstCase: sensitivityCase(nonViable, nonViable + viable + notYet, level),
      missingOutcome: count('missing'),
    },
  };
}
