/**
 * The CSV table of a read, for statisticians and data managers: one row per lesion x timepoint x
 * modality that has a value, so every modality's call is kept, not only the final status.
 *
 * - Lesions: the live ones in registry order (a removed lesion is not a lesion of the patient;
 *   it stays in the JSON export and the audit trail).
 * - Timepoints: baseline, the status timepoint, every assigned timepoint and every timepoint
 *   any lesion has an assessment at, in order baseline, preop, followup-1, 2, ...
 * - Rows: a lesion x timepoint has one row per modality group (CT, DWI, T1T2, EOB order) with a
 *   call, diameter, ADC value or comment. Where it has none, it still has one row with an empty
 *   `modality` at the status timepoint (so every live lesion's derived status is in the table) and
 *   at a timepoint with a site recurrence recorded; otherwise no row.
 * - `derived_status` and `ct_dlm` are filled on rows of the status timepoint only: the status
 *   is defined at that timepoint, and repeating it on baseline rows would suggest otherwise.
 * - `call` is worded for its timepoint (baselineCalls.ts): at baseline `seen`, `not-seen` or
 *   `not-evaluable` (where the lesion is seen), later `present`, `disappeared`, `not-evaluable`.
 * - `recurrence` is the site recurrence of that lesion x timepoint.
 * - `baseline_diameter_mm` is the lesion's baseline longest diameter (the registry's, not a
 *   modality's), repeated on every row of the lesion like `segment`.
 * - Diameters are written rounded to 0.01 mm, ADC mean and SD to 0.001 x 10^-3 mm²/s, as the
 *   JSON holds them (src/domain/precision.ts): a read recorded before values were rounded at
 *   record time still gives `17.38`, not `17.384826660156257`.
 * - `read_state` is draft / signed / amended; `signer_id` and `signed_at` (UTC ISO 8601) are
 *   filled when the read is signed; `study_id` is the campaign's id when the caller knows it
 *   (the read itself does not hold one).
 * - Pseudonymous ids only: the read holds no patient name or birth date, so none can leak here.
 *
 * Format: RFC 4180 (comma, CRLF after every record, header first; a field containing a comma,
 * quote, CR or LF is quoted and its quotes doubled). CSV-injection defence (OWASP): a spreadsheet
 * treats a cell starting with `=`, `+`, `-`, `@`, tab or CR as a formula, so such a cell gets a
 * leading single quote (`'=1+2`). Numbers here are never negative, so no number is altered; a
 * text such as a comment "-2 mm smaller" is, and a reader of the CSV must strip that quote.
 */
import { callTerm } from './baselineCalls.ts';
import {
  MODALITY_GROUPS,
  type ModalityAssessment,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from './model.ts';
import { ADC_DECIMALS, DIAMETER_DECIMALS, roundTo } from './precision.ts';
import { deriveReadStatuses } from './status.ts';
import { timepointOrder } from './timepointOrder.ts';

/** The CSV header, in column order. */
export const CSV_COLUMNS = [
  'patient_id',
  'read_id',
  'version',
  'reader_id',
  'lesion_id',
  'segment',
  'timepoint',
  'modality',
  'call',
  'diameter_mm',
  'adc_mean',
  'adc_sd',
  'adc_pixels',
  'derived_status',
  'ct_dlm',
  'comment',
  'recurrence',
  'baseline_diameter_mm',
  'read_state',
  'signer_id',
  'signed_at',
  'study_id',
] as const;

/** What the caller knows beyond the read. */
export interface CsvOptions {
  /** The study (campaign) id, written in `study_id`; empty when absent. */
  readonly studyId?: string;
}

type Cell = string | number | boolean | undefined;

/** A number rounded to `decimals` places (`17.38`, `6.4`, `12`), or empty. */
const fixed = (value: number | undefined, decimals: number): number | undefined =>
  value === undefined ? undefined : roundTo(value, decimals);

/** The timepoints the table has a row for, per lesion and modality (see the module comment). */
export function csvTimepoints(read: Read): TimepointId[] {
  const set = new Set<TimepointId>(['baseline', read.config.statusTimepoint]);
  for (const tp of Object.values(read.timepointAssignment)) set.add(tp);
  for (const lesion of read.lesions) {
    if (lesion.removed !== undefined) continue;
    for (const tp of Object.keys(lesion.assessments) as TimepointId[]) set.add(tp);
  }
  return [...set].sort((a, b) => timepointOrder(a) - timepointOrder(b));
}

/** Whether a modality assessment records anything (a site point alone is not a value). */
export function hasValue(a: ModalityAssessment | undefined): boolean {
  if (a === undefined) return false;
  return [a.call, a.diameterMm, a.adcMean, a.adcSd, a.adcPixels, a.comment].some(
    (v) => v !== undefined,
  );
}

/** The header and data rows of a read's CSV, as unescaped cells. */
export function csvRows(read: Read, options: CsvOptions = {}): Cell[][] {
  const statuses = new Map(deriveReadStatuses(read).map((row) => [row.lesionId, row.derived]));
  const timepoints = csvTimepoints(read);
  const signature = read.state.kind === 'signed' ? read.state.signature : undefined;
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  for (const lesion of read.lesions) {
    const derived = statuses.get(lesion.id);
    if (lesion.removed !== undefined || derived === undefined) continue;
    for (const timepoint of timepoints) {
      const assessment = lesion.assessments[timepoint];
      const atStatus = timepoint === read.config.statusTimepoint;
      const withValues = MODALITY_GROUPS.filter((m) => hasValue(assessment?.modalities[m]));
      const modalities: (ModalityGroup | undefined)[] =
        withValues.length > 0 || !(atStatus || assessment?.recurrence !== undefined)
          ? withValues
          : [undefined];
      for (const modality of modalities) {
        const a = modality === undefined ? undefined : assessment?.modalities[modality];
        rows.push([
          read.patientId,
          read.readId,
          read.version,
          read.reader.id,
          lesion.id,
          lesion.segment,
          timepoint,
          modality,
          a?.call === undefined ? undefined : callTerm(timepoint, a.call),
          fixed(a?.diameterMm, DIAMETER_DECIMALS),
          fixed(a?.adcMean, ADC_DECIMALS),
          fixed(a?.adcSd, ADC_DECIMALS),
          a?.adcPixels,
          atStatus ? derived.status : undefined,
          atStatus ? derived.ctDlm : undefined,
          a?.comment,
          assessment?.recurrence,
          fixed(lesion.baselineDiameterMm, DIAMETER_DECIMALS),
          read.state.kind,
          signature?.signerId,
          signature?.at,
          options.studyId,
        ]);
      }
    }
  }
  return rows;
}

/** Characters that make a spreadsheet evaluate a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: injection-defended, then RFC 4180-quoted where needed. */
export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record with its CRLF terminator. */
export function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
