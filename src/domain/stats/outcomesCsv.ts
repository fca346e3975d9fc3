/**
 * The import of lesion outcomes from CSV (the outcome fields and their classification are in
 * outcomes.ts).
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
import {
  IOUS_FINDINGS,
  LESION_ID_PATTERN,
  MANAGEMENTS,
  OUTCOME_COLUMNS,
  PATHOLOGIES,
  RECURRENCE_ANSWERS,
  REQUIRED_OUTCOME_COLUMNS,
  isIsoDate,
  outcomeInconsistencies,
  outcomeKey,
  type LesionOutcome,
  type OutcomeColumn,
} from './outcomes.ts';

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

const COLUMN_BY_NAME: ReadonlyMap<string, (typeof OUTCOME_COLUMNS)[number]> = new Map(
  OUTCOME_COLUMNS.map((c) => [normaliseName(c), c] as const),
);

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
  for (const required of REQUIRED_OUTCOME_COLUMNS) {
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
    for (const required of REQUIRED_OUTCOME_COLUMNS) {
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
