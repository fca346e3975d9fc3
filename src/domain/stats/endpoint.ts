/**
 * The endpoint table (docs/statistics.md): NPV of "disappeared" = non-viable / evaluable, for
 *   1. cDLM (CT+MRI): status `cDLM` at the status timepoint;
 *   2. CT-DLM (CT alone): disappeared on CT, whatever MRI says;
 *   3. cDLM with CE-IOUS not seen: row 1 restricted to lesions whose outcome says the
 *      intra-operative (CE-)IOUS did not see them,
 * each with Clopper-Pearson (primary) and Wilson intervals (both assume independent lesions),
 * with the patient count beside the lesion count and, because cDLMs cluster within patients, a
 * cluster bootstrap and a ratio-estimator interval, the per-patient NPV and a sensitivity
 * analysis of the not-yet-evaluable lesions (endpointFigures.ts, docs/statistics.md).
 *
 * Input: one read per patient (e.g. the consensus reads of the central review) and the outcomes
 * keyed by patient id + lesion id. Removed lesions are skipped. Statuses are derived with
 * `deriveLesionStatus` at `config.statusTimepoint` under ONE study configuration for every
 * patient, so that all lesions are judged by the same rule: the `config` argument, or else the
 * configuration all reads share (reads with different configurations are refused).
 *
 * Per row, each member lesion is evaluable (non-viable or viable), not yet evaluable, or missing
 * its outcome (see `classifyOutcome`). For row 3 a cDLM whose CE-IOUS finding is not recorded
 * cannot be placed, so it counts as missing there; a cDLM seen on CE-IOUS is not in row 3.
 */
import { DomainError } from '../errors.ts';
import type { LesionId, Read, StudyConfig } from '../model.ts';
import { DEFAULT_STUDY_CONFIG } from '../model.ts';
import { deriveLesionStatusAtStatusTimepoint, type DerivedStatus } from '../status.ts';
import { DEFAULT_BOOTSTRAP, type BootstrapSettings } from './cluster.ts';
import {
  namedProportion,
  rowFigures,
  type BinomialInterval,
  type EndpointOptions,
  type RowFigures,
} from './endpointFigures.ts';
import {
  classifyOutcome,
  outcomeKey,
  type LesionOutcome,
  type OutcomeClass,
  type OutcomeClassification,
} from './outcomes.ts';

/** The rows of the endpoint table, in table order. */
export type EndpointRowKey = 'cdlm' | 'ct-dlm' | 'cdlm-ceious-not-seen';

/** Row keys in the order of the table. */
export const ENDPOINT_ROW_KEYS: readonly EndpointRowKey[] = [
  'cdlm',
  'ct-dlm',
  'cdlm-ceious-not-seen',
];

/** The words of each row (the published DREAM wording). */
export const ENDPOINT_ROW_LABELS: Readonly<Record<EndpointRowKey, string>> = {
  cdlm: 'cDLM (CT+MRI)',
  'ct-dlm': 'CT-DLM (CT alone)',
  'cdlm-ceious-not-seen': 'cDLM, CE-IOUS not seen (CT+MRI+CE-IOUS)',
};

/** One row of the endpoint table (the figures beyond the per-lesion NPV in endpointFigures.ts). */
export interface EndpointRow extends RowFigures {
  readonly key: EndpointRowKey;
  readonly label: string;
  /** Numerator: evaluable lesions that are non-viable (true negatives). */
  readonly nonViable: number;
  /** Evaluable lesions that are viable (false negatives). */
  readonly viable: number;
  /** Denominator: evaluable lesions (non-viable + viable). */
  readonly evaluable: number;
  /** Distinct patients with at least one evaluable lesion in this row. */
  readonly evaluablePatients: number;
  /** nonViable / evaluable; null when nothing is evaluable. */
  readonly npv: number | null;
  /** Clopper-Pearson exact interval (primary; assumes independent lesions); null when nothing
   * is evaluable. */
  readonly clopperPearson: BinomialInterval | null;
  /** Wilson score interval (assumes independent lesions); null when nothing is evaluable. */
  readonly wilson: BinomialInterval | null;
  /** Lesions left in situ without recurrence and with too short a follow-up so far. */
  readonly notYetEvaluable: number;
  /** Lesions whose outcome (or, for row 3, CE-IOUS finding) is missing. */
  readonly missingOutcome: number;
  /** All lesions of the row: evaluable + not yet evaluable + missing. */
  readonly lesions: number;
  /** Distinct patients among all lesions of the row. */
  readonly patients: number;
}

/** A lesion that belongs to at least one row, with its status and outcome class. */
export interface EndpointLesion {
  readonly patientId: string;
  readonly lesionId: LesionId;
  readonly derived: DerivedStatus;
  readonly outcome?: LesionOutcome;
  readonly classification: OutcomeClassification;
  /** The rows the lesion is counted in (row 3 only when CE-IOUS not seen, or unknown = missing). */
  readonly rows: readonly EndpointRowKey[];
}

/** The endpoint table and what it was computed from. */
export interface EndpointTable {
  readonly config: StudyConfig;
  /** Confidence level of every interval. */
  readonly level: number;
  /** Seed and resamples of the cluster bootstrap intervals. */
  readonly bootstrap: BootstrapSettings;
  readonly rows: readonly EndpointRow[];
  /** Every live lesion that is a cDLM or a CT-DLM, by patient in read order, then registry order. */
  readonly lesions: readonly EndpointLesion[];
  /** Outcomes that match no live lesion of the reads (unknown patient or lesion, or removed). */
  readonly unmatchedOutcomes: readonly LesionOutcome[];
}

/** Whether two study configurations judge lesions by the same rule. */
export function sameStudyConfig(a: StudyConfig, b: StudyConfig): boolean {
  const modalities = (c: StudyConfig): string => [...c.requiredModalities].sort().join(',');
  return (
    modalities(a) === modalities(b) &&
    a.matchDistanceMm === b.matchDistanceMm &&
    a.statusTimepoint === b.statusTimepoint &&
    a.minFollowUpMonths === b.minFollowUpMonths
  );
}

function studyConfig(reads: readonly Read[], config: StudyConfig | undefined): StudyConfig {
  if (config !== undefined) return config;
  const first = reads[0];
  if (first === undefined) return DEFAULT_STUDY_CONFIG;
  const other = reads.find((read) => !sameStudyConfig(read.config, first.config));
  if (other !== undefined) {
    throw new DomainError(
      'invalid-config',
      `reads of patients ${first.patientId} and ${other.patientId} have different study ` +
        'configurations; pass the study configuration explicitly',
    );
  }
  return first.config;
}

/** The class a lesion has in one row: in row 3 an unknown CE-IOUS finding is missing data. */
function classIn(key: EndpointRowKey, lesion: EndpointLesion): OutcomeClass {
  if (key === 'cdlm-ceious-not-seen' && lesion.outcome?.ceIous === undefined) return 'missing';
  return lesion.classification.kind;
}

function makeRow(
  key: EndpointRowKey,
  members: readonly EndpointLesion[],
  options: EndpointOptions,
): EndpointRow {
  const count = (kind: OutcomeClass): readonly EndpointLesion[] =>
    members.filter((l) => classIn(key, l) === kind);
  const patients = (list: readonly EndpointLesion[]): number =>
    new Set(list.map((l) => l.patientId)).size;
  const nonViable = count('non-viable');
  const viable = count('viable');
  const evaluable = nonViable.length + viable.length;
  const lesion = namedProportion(nonViable.length, evaluable, options.level ?? 0.95);
  return {
    key,
    label: ENDPOINT_ROW_LABELS[key],
    nonViable: nonViable.length,
    viable: viable.length,
    evaluable,
    evaluablePatients: patients([...nonViable, ...viable]),
    npv: evaluable === 0 ? null : nonViable.length / evaluable,
    clopperPearson: lesion.clopperPearson,
    wilson: lesion.wilson,
    notYetEvaluable: count('not-yet-evaluable').length,
    missingOutcome: count('missing').length,
    lesions: members.length,
    patients: patients(members),
    ...rowFigures(
      members.map((l) => ({ patientId: l.patientId, kind: classIn(key, l) })),
      options,
    ),
  };
}

/**
 * Computes the endpoint table from one read per patient and the lesion outcomes.
 *
 * @param reads one read per patient (e.g. consensus reads); a patient twice is refused
 * @param outcomes outcomes keyed by patient id + lesion id; a lesion twice is refused
 * @param config the study configuration; default: the one all reads share
 * @param options confidence level (default 0.95) and bootstrap settings of the intervals
 * @throws DomainError `invalid-input` for a patient or outcome given twice; `invalid-config` for
 *   reads with different configurations (when `config` is not given) or an invalid configuration
 */
export function computeEndpointTable(
  reads: readonly Read[],
  outcomes: readonly LesionOutcome[],
  config?: StudyConfig,
  options: EndpointOptions = {},
): EndpointTable {
  const study = studyConfig(reads, config);
  const patientsSeen = new Set<string>();
  for (const read of reads) {
    if (patientsSeen.has(read.patientId)) {
      throw new DomainError('invalid-input', `patient ${read.patientId} has more than one read`);
    }
    patientsSeen.add(read.patientId);
  }
  const outcomeByKey = new Map<string, LesionOutcome>();
  for (const outcome of outcomes) {
    const key = outcomeKey(outcome.patientId, outcome.lesionId);
    if (outcomeByKey.has(key)) {
      throw new DomainError(
        'invalid-input',
        `patient ${outcome.patientId} lesion ${outcome.lesionId} has more than one outcome`,
      );
    }
    outcomeByKey.set(key, outcome);
  }

  const liveKeys = new Set<string>();
  const lesions: EndpointLesion[] = [];
  for (const read of reads) {
    for (const lesion of read.lesions) {
      if (lesion.removed !== undefined) continue;
      const key = outcomeKey(read.patientId, lesion.id);
      liveKeys.add(key);
      const derived = deriveLesionStatusAtStatusTimepoint(lesion, study);
      const cdlm = derived.status === 'cDLM';
      if (!cdlm && !derived.ctDlm) continue;
      const outcome = outcomeByKey.get(key);
      const rows: EndpointRowKey[] = [];
      if (cdlm) rows.push('cdlm');
      if (derived.ctDlm) rows.push('ct-dlm');
      if (cdlm && outcome?.ceIous !== 'seen') rows.push('cdlm-ceious-not-seen');
      lesions.push({
        patientId: read.patientId,
        lesionId: lesion.id,
        derived,
        ...(outcome === undefined ? {} : { outcome }),
        classification: classifyOutcome(outcome, study),
        rows,
      });
    }
  }

  return {
    config: study,
    level: options.level ?? 0.95,
    bootstrap: options.bootstrap ?? DEFAULT_BOOTSTRAP,
    rows: ENDPOINT_ROW_KEYS.map((key) =>
      makeRow(
        key,
        lesions.filter((l) => l.rows.includes(key)),
        options,
      ),
    ),
    lesions,
    unmatchedOutcomes: outcomes.filter((o) => !liveKeys.has(outcomeKey(o.patientId, o.lesionId))),
  };
}
