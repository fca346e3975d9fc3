/**
 * The reference standard per lesion (domain.md §6): what happened to a cDLM (resected ->
 * pathology; left in situ -> follow-up for local recurrence) and whether intra-operative
 * (CE-)IOUS saw it; the classification of one outcome as non-viable / viable / not yet evaluable /
 * missing; and the import of outcomes from CSV (and a zod schema for JSON).
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
 * CSV format: RFC 4180 (comma separated, records end in CRLF or LF, a field may be quoted with
 * `"` and a quote inside it doubled; quoted fields may hold commas and line breaks). A UTF-8 BOM
 * is ignored. The first record is the header; data rows are numbered as a spreadsheet shows them:
 * the header is row 1, the first data row row 2. Header names are matched ignoring case, `_`,
 * `-` and spaces (so `patient_id` is `patientId`); `patientId` and `lesionId` are required
 * columns, the others may be absent (= unset for every row). An unknown or repeated column is a
 * problem. Values are trimmed; an empty value is unset. Enumerated values ignore case and accept
 * spaces or `_` for `-` ("Left in situ", "non viable", "not seen"). Empty lines are skipped.
 * Every problem is reported at once, and then no outcome is returned.
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

const REQUIRED_COLUMNS: readonly OutcomeColumn[] = ['patientId', 'lesionId'];

const LESION_ID_PATTERN = /^L[1-9][0-9]*$/;
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

/** A problem found in an outcomes file; `column` absent for a problem of the whole row. */
export interface OutcomeProblem {
  /** 1-based record number; the header is row 1. */
  readonly row: number;
  readonly column?: string;
  readonly message: string;
}

/** The parsed outcomes, or every problem (never a partial result). */
export type OutcomeParseResult =
  | { readonly ok: true; readonly outcomes: readonly LesionOutcome[] }
  | { readonly ok: false; readonly problems: readonly OutcomeProblem[] };

/** `row 3, column followUpMonths: expected ...` (or `row 3: ...` without a column). */
export function formatOutcomeProblem(problem: OutcomeProblem): string {
  const where =
    problem.column === undefined
      ? `row ${problem.row}`
      : `row ${problem.row}, column ${problem.column}`;
  return `${where}: ${problem.message}`;
}

interface CsvRecord {
  readonly row: number;
  readonly fields: readonly string[];
}

/** Splits RFC 4180 text into records; syntax problems are added to `problems`. */
function splitCsv(text: string, problems: OutcomeProblem[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let row = 1;
  let i = 0;
  let atFieldStart = true;
  let quoted = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
    atFieldStart = true;
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ row, fields });
    fields = [];
    row++;
  };
  while (i < text.length) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      atFieldStart = false;
      quoted = true;
      i++;
      let closed = false;
      while (i < text.length) {
        const inner = text[i];
        if (inner === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        field += inner;
        i++;
      }
      if (!closed) {
        // The rest of the file is inside the quote: nothing more can be checked.
        problems.push({ row, message: 'a quoted field is not closed (missing ")' });
        return records;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        problems.push({
          row,
          message: `unexpected ${JSON.stringify(next)} after a closing quote`,
        });
        // Skip to the end of this field so that the rest of the file is still checked.
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
      }
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch === '"' && !quoted) {
      problems.push({ row, message: 'a quote inside an unquoted field (quote the whole field)' });
    }
    atFieldStart = false;
    field += ch;
    i++;
  }
  if (fields.length > 0 || field !== '' || !atFieldStart || quoted) endRecord();
  return records;
}

/** Header name -> column, ignoring case, `_`, `-` and spaces. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

const COLUMN_BY_NAME = new Map(OUTCOME_COLUMNS.map((c) => [normaliseName(c), c] as const));

/** An enumerated value: lower case, spaces and `_` as `-`. */
function normaliseWord(value: string): string {
  return value.toLowerCase().replace(/[\s_]+/g, '-');
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; message: string };

function parseEnum<T extends string>(value: string, allowed: readonly T[]): Parsed<T> {
  const word = normaliseWord(value);
  const found = allowed.find((a) => a === word);
  return found !== undefined
    ? { ok: true, value: found }
    : {
        ok: false,
        message: `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(value)}`,
      };
}

const NUMBER_PATTERN = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

function parseField(column: OutcomeColumn, value: string): Parsed<string | number> {
  switch (column) {
    case 'patientId':
      return { ok: true, value };
    case 'lesionId':
      return LESION_ID_PATTERN.test(value)
        ? { ok: true, value }
        : { ok: false, message: `expected a lesion id like "L1", got ${JSON.stringify(value)}` };
    case 'management':
      return parseEnum(value, MANAGEMENTS);
    case 'pathology':
      return parseEnum(value, PATHOLOGIES);
    case 'localRecurrence':
      return parseEnum(value, RECURRENCE_ANSWERS);
    case 'ceIous':
      return parseEnum(value, IOUS_FINDINGS);
    case 'recurrenceDate':
      return isIsoDate(value)
        ? { ok: true, value }
        : { ok: false, message: `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}` };
    case 'followUpMonths': {
      const months = Number(value);
      return NUMBER_PATTERN.test(value) && Number.isFinite(months)
        ? { ok: true, value: months }
        : { ok: false, message: `expected a number >= 0, got ${JSON.stringify(value)}` };
    }
  }
}

/**
 * Parses an outcomes CSV (format in the module comment). Also reports a lesion given twice for
 * the same patient and the contradictions of `outcomeInconsistencies`.
 */
export function parseOutcomesCsv(text: string): OutcomeParseResult {
  const problems: OutcomeProblem[] = [];
  const records = splitCsv(text.startsWith('\uFEFF') ? text.slice(1) : text, problems);
  const isBlank = (r: CsvRecord): boolean => r.fields.length === 1 && r.fields[0]?.trim() === '';
  const header = records[0];
  if (header === undefined || isBlank(header)) {
    return { ok: false, problems: [...problems, { row: 1, message: 'the header row is missing' }] };
  }
  const columns: (OutcomeColumn | undefined)[] = [];
  for (const name of header.fields) {
    const column = COLUMN_BY_NAME.get(normaliseName(name.trim()));
    if (column === undefined) {
      problems.push({
        row: 1,
        column: name,
        message: `unknown column; expected ${OUTCOME_COLUMNS.join(', ')}`,
      });
    } else if (columns.includes(column)) {
      problems.push({ row: 1, column: name, message: 'column given twice' });
    }
    columns.push(column);
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) {
      problems.push({ row: 1, column: required, message: 'required column is missing' });
    }
  }

  const outcomes: LesionOutcome[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (isBlank(record)) continue;
    if (record.fields.length !== header.fields.length) {
      problems.push({
        row: record.row,
        message: `expected ${header.fields.length} fields, got ${record.fields.length}`,
      });
      continue;
    }
    const outcome: Record<string, string | number> = {};
    let rowOk = true;
    for (const [index, raw] of record.fields.entries()) {
      const column = columns[index];
      const value = raw.trim();
      if (column === undefined || value === '') continue;
      const parsed = parseField(column, value);
      if (parsed.ok) outcome[column] = parsed.value;
      else {
        rowOk = false;
        problems.push({ row: record.row, column, message: parsed.message });
      }
    }
    for (const required of REQUIRED_COLUMNS) {
      if (columns.includes(required) && outcome[required] === undefined) {
        const wasInvalid = problems.some((p) => p.row === record.row && p.column === required);
        if (!wasInvalid) {
          problems.push({ row: record.row, column: required, message: 'a value is required' });
        }
        rowOk = false;
      }
    }
    if (!rowOk) continue;
    const typed = outcome as unknown as LesionOutcome;
    for (const inconsistency of outcomeInconsistencies(typed)) {
      problems.push({ row: record.row, ...inconsistency });
    }
    const key = outcomeKey(typed.patientId, typed.lesionId);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        row: record.row,
        column: 'lesionId',
        message: `patient ${typed.patientId} lesion ${typed.lesionId} is already on row ${earlier}`,
      });
    } else seen.set(key, record.row);
    outcomes.push(typed);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, outcomes };
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
