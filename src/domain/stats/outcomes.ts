/**
 * The reference standard per lesion (docs/statistics.md): what happened to a cDLM (resected ->
 * pathology; left in situ -> follow-up for local recurrence) and whether intra-operative
 * (CE-)IOUS saw it; the classification of one outcome as non-viable / viable / not yet evaluable /
 * missing; and a zod schema for outcomes as JSON.
 *
 * Classification (`classifyOutcome`), with `minFollowUpMonths` from the study configuration
 * (default 24):
 * - no outcome, or management unset -> missing;
 * - resected: pathology non-viable -> non-viable (true negative); viable -> viable (false
 *   negative); unset -> missing. Pathology is the reference for a resected lesion, so follow-up
 *   fields of a resected lesion do not change its class;
 * - left in situ: local recurrence yes -> viable; no and follow-up >= minimum -> non-viable; no and
 *   follow-up < minimum -> not yet evaluable; no with follow-up months unset, or recurrence unset
 *   -> missing.
 *
 * The CSV reader is in outcomesCsv.ts.
 */
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { LesionId, SiteRecurrence, StudyConfig } from '../model.ts';

/** What was done with a cDLM at surgery. */
export type Management = 'resected' | 'left-in-situ';
/** Pathology of a resected lesion: viable tumour cells or not. */
export type Pathology = 'viable' | 'non-viable';
/** Intra-operative (contrast-enhanced) ultrasound finding at the lesion's site. */
export type IousFinding = 'seen' | 'not-seen';

/** All managements, for validation and pickers. */
export const MANAGEMENTS: readonly Management[] = ['resected', 'left-in-situ'];
/** All pathology results. */
export const PATHOLOGIES: readonly Pathology[] = ['viable', 'non-viable'];
/** All IOUS findings. */
export const IOUS_FINDINGS: readonly IousFinding[] = ['seen', 'not-seen'];
/** Local recurrence answers (same words as the read's site recurrence). */
export const RECURRENCE_ANSWERS: readonly SiteRecurrence[] = ['yes', 'no'];

/** The outcome of one lesion of one patient; an absent field is unset (not yet known). */
export interface LesionOutcome {
  /** Pseudonymous subject id, as in the read. */
  readonly patientId: string;
  /** The lesion id of the patient's registry (`L1`, ...). */
  readonly lesionId: LesionId;
  readonly management?: Management;
  /** For resected lesions. */
  readonly pathology?: Pathology;
  /** For left-in-situ lesions: recurrence at the site during follow-up. */
  readonly localRecurrence?: SiteRecurrence;
  /** Date of the local recurrence, ISO `YYYY-MM-DD`. */
  readonly recurrenceDate?: string;
  /** Months of imaging follow-up (without recurrence, or until it). */
  readonly followUpMonths?: number;
  /** Intra-operative (CE-)IOUS finding at the site. */
  readonly ceIous?: IousFinding;
}

/** The class of an outcome for the endpoint. */
export type OutcomeClass = 'non-viable' | 'viable' | 'not-yet-evaluable' | 'missing';

/** An outcome class with its reason in words. */
export interface OutcomeClassification {
  readonly kind: OutcomeClass;
  readonly reason: string;
}

/** `patientId` + `lesionId` as one map key (the id cannot contain a newline in practice). */
export function outcomeKey(patientId: string, lesionId: string): string {
  return `${patientId}\n${lesionId}`;
}

function assertFollowUpConfig(config: StudyConfig): void {
  if (!(Number.isFinite(config.minFollowUpMonths) && config.minFollowUpMonths >= 0)) {
    throw new DomainError('invalid-config', 'minimum follow-up must be a number of months >= 0');
  }
}

/**
 * Classifies one lesion's outcome (rules in the module comment).
 * @throws DomainError `invalid-config` when `config.minFollowUpMonths` is not a number >= 0
 */
export function classifyOutcome(
  outcome: LesionOutcome | undefined,
  config: StudyConfig,
): OutcomeClassification {
  assertFollowUpConfig(config);
  if (outcome === undefined) return { kind: 'missing', reason: 'no outcome recorded' };
  if (outcome.management === 'resected') return classifyResected(outcome);
  if (outcome.management === 'left-in-situ') {
    return classifyLeftInSitu(outcome, config.minFollowUpMonths);
  }
  return { kind: 'missing', reason: 'management not recorded' };
}

function classifyResected(outcome: LesionOutcome): OutcomeClassification {
  if (outcome.pathology === 'non-viable') {
    return { kind: 'non-viable', reason: 'resected; no viable tumour cells at pathology' };
  }
  if (outcome.pathology === 'viable') {
    return { kind: 'viable', reason: 'resected; viable tumour cells at pathology' };
  }
  return { kind: 'missing', reason: 'resected; pathology not recorded' };
}

function classifyLeftInSitu(outcome: LesionOutcome, minimum: number): OutcomeClassification {
  if (outcome.localRecurrence === 'yes') {
    const when = outcome.recurrenceDate === undefined ? '' : ` on ${outcome.recurrenceDate}`;
    return { kind: 'viable', reason: `left in situ; local recurrence${when}` };
  }
  if (outcome.localRecurrence !== 'no') {
    return { kind: 'missing', reason: 'left in situ; local recurrence not recorded' };
  }
  const months = outcome.followUpMonths;
  if (months === undefined) {
    return {
      kind: 'missing',
      reason: 'left in situ, no local recurrence; months of follow-up not recorded',
    };
  }
  return months >= minimum
    ? {
        kind: 'non-viable',
        reason: `left in situ; no local recurrence in ${months} months of follow-up`,
      }
    : {
        kind: 'not-yet-evaluable',
        reason:
          `left in situ; no local recurrence after ${months} months of follow-up ` +
          `(${minimum} needed)`,
      };
}

/** A field of an outcome that a problem is about. */
export type OutcomeColumn = keyof LesionOutcome;

/** The outcome columns, in the order of a CSV template. */
export const OUTCOME_COLUMNS: readonly OutcomeColumn[] = [
  'patientId',
  'lesionId',
  'management',
  'pathology',
  'localRecurrence',
  'recurrenceDate',
  'followUpMonths',
  'ceIous',
];

/** Columns every outcome must have. */
export const REQUIRED_OUTCOME_COLUMNS: readonly OutcomeColumn[] = ['patientId', 'lesionId'];

/** A lesion id of the registry: `L1`, `L2`, ... */
export const LESION_ID_PATTERN = /^L[1-9][0-9]*$/;
const ISO_DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Whether a string is a real calendar date `YYYY-MM-DD` (proleptic Gregorian). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** A field-level inconsistency of one outcome. */
export interface OutcomeInconsistency {
  readonly column: OutcomeColumn;
  readonly message: string;
}

/**
 * Contradictions between the fields of one outcome: pathology on a lesion left in situ (pathology
 * is for resected lesions), and a recurrence date without `localRecurrence` yes.
 */
export function outcomeInconsistencies(outcome: LesionOutcome): OutcomeInconsistency[] {
  const problems: OutcomeInconsistency[] = [];
  if (outcome.pathology !== undefined && outcome.management === 'left-in-situ') {
    problems.push({
      column: 'pathology',
      message: 'pathology is recorded for resected lesions only, this one was left in situ',
    });
  }
  if (outcome.recurrenceDate !== undefined && outcome.localRecurrence !== 'yes') {
    problems.push({
      column: 'recurrenceDate',
      message: 'a recurrence date needs localRecurrence "yes"',
    });
  }
  return problems;
}

/** zod schema of one outcome as JSON (unknown keys refused; cross-field checks included). */
export const lesionOutcomeSchema = z
  .strictObject({
    patientId: z.string().min(1),
    lesionId: z
      .string()
      .regex(LESION_ID_PATTERN, 'expected a lesion id like "L1"')
      .transform((id) => id as LesionId),
    management: z.enum(MANAGEMENTS).optional(),
    pathology: z.enum(PATHOLOGIES).optional(),
    localRecurrence: z.enum(RECURRENCE_ANSWERS).optional(),
    recurrenceDate: z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD').optional(),
    followUpMonths: z.number().finite().nonnegative().optional(),
    ceIous: z.enum(IOUS_FINDINGS).optional(),
  })
  .superRefine((outcome, ctx) => {
    for (const { column, message } of outcomeInconsistencies(outcome)) {
      ctx.addIssue({ code: 'custom', path: [column], message });
    }
  });

/** zod schema of a list of outcomes (a lesion of a patient at most once). */
export const lesionOutcomesSchema = z.array(lesionOutcomeSchema).superRefine((outcomes, ctx) => {
  const seen = new Set<string>();
  for (const [index, outcome] of outcomes.entries()) {
    const key = outcomeKey(outcome.patientId, outcome.lesionId);
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'lesionId'],
        message: `patient ${outcome.patientId} lesion ${outcome.lesionId} is given twice`,
      });
    }
    seen.add(key);
  }
});

// Compile-time check: the schema's output is a LesionOutcome.
const _schemaMatchesType: (value: z.output<typeof lesionOutcomeSchema>) => LesionOutcome = (v) => v;
void _schemaMatchesType;
