/**
 * Blinding (docs/blinding.md): what a blinded reader may not see of an image's header, and how a
 * header field list or a free-text value is redacted. Pure: the UI decides where to apply it.
 *
 * A field is named either by its DICOM keyword (`StudyDate`) or by the app's header field name,
 * which is the keyword with a lower-case first letter (`studyDate`, src/dicom/header.ts).
 */

/** One attribute hidden from a blinded reader. */
export interface BlindedAttribute {
  readonly keyword: string;
  /** (gggg,eeee) as 8 upper-case hex digits. */
  readonly tag: string;
  readonly why: 'date-time' | 'site' | 'person' | 'accession';
}

/** Every attribute hidden under blinding. Dates and times of the image, where, who, which order. */
export const BLINDED_ATTRIBUTES: readonly BlindedAttribute[] = [
  { keyword: 'StudyDate', tag: '00080020', why: 'date-time' },
  { keyword: 'SeriesDate', tag: '00080021', why: 'date-time' },
  { keyword: 'AcquisitionDate', tag: '00080022', why: 'date-time' },
  { keyword: 'ContentDate', tag: '00080023', why: 'date-time' },
  { keyword: 'AcquisitionDateTime', tag: '0008002A', why: 'date-time' },
  { keyword: 'InstanceCreationDate', tag: '00080012', why: 'date-time' },
  { keyword: 'InstanceCreationTime', tag: '00080013', why: 'date-time' },
  { keyword: 'StudyTime', tag: '00080030', why: 'date-time' },
  { keyword: 'SeriesTime', tag: '00080031', why: 'date-time' },
  { keyword: 'AcquisitionTime', tag: '00080032', why: 'date-time' },
  { keyword: 'ContentTime', tag: '00080033', why: 'date-time' },
  { keyword: 'ContrastBolusStartTime', tag: '00181042', why: 'date-time' },
  { keyword: 'ContrastBolusStopTime', tag: '00181043', why: 'date-time' },
  { keyword: 'PerformedProcedureStepStartDate', tag: '00400244', why: 'date-time' },
  { keyword: 'PerformedProcedureStepStartTime', tag: '00400245', why: 'date-time' },
  { keyword: 'InstitutionName', tag: '00080080', why: 'site' },
  { keyword: 'InstitutionAddress', tag: '00080081', why: 'site' },
  { keyword: 'InstitutionalDepartmentName', tag: '00081040', why: 'site' },
  { keyword: 'StationName', tag: '00081010', why: 'site' },
  { keyword: 'DeviceSerialNumber', tag: '00181000', why: 'site' },
  { keyword: 'ClinicalTrialSiteID', tag: '00120030', why: 'site' },
  { keyword: 'ClinicalTrialSiteName', tag: '00120031', why: 'site' },
  { keyword: 'ReferringPhysicianName', tag: '00080090', why: 'person' },
  { keyword: 'PerformingPhysicianName', tag: '00081050', why: 'person' },
  { keyword: 'NameOfPhysiciansReadingStudy', tag: '00081060', why: 'person' },
  { keyword: 'OperatorsName', tag: '00081070', why: 'person' },
  { keyword: 'AccessionNumber', tag: '00080050', why: 'accession' },
];

const lowerFirst = (keyword: string) => keyword.charAt(0).toLowerCase() + keyword.slice(1);

const BLINDED_NAMES: ReadonlySet<string> = new Set(
  BLINDED_ATTRIBUTES.flatMap((a) => [a.keyword, lowerFirst(a.keyword), a.tag]),
);

/**
 * Whether a header field is hidden under blinding: by keyword, by the app's field name or by its
 * tag (8 hex digits, with or without the comma and parentheses, any case).
 */
export function isBlindedField(name: string): boolean {
  if (BLINDED_NAMES.has(name)) return true;
  const tag = name.replace(/[(),\s]/g, '').toUpperCase();
  return /^[0-9A-F]{8}$/.test(tag) && BLINDED_NAMES.has(tag);
}

/** A header field as shown to the reader: `value` is undefined when it is hidden. */
export interface ShownField {
  readonly name: string;
  readonly value: string | undefined;
  readonly blinded: boolean;
}

/**
 * A header field list as a blinded reader sees it: every blinded field keeps its row with no
 * value (the UI says "hidden (blinded)"), and dates and times inside any other value (a file
 * path, a description) are masked. Unchanged when blinding is off.
 */
export function redactFields(
  fields: readonly (readonly [string, string])[],
  enabled: boolean,
): ShownField[] {
  return fields.map(([name, value]) => {
    if (!enabled) return { name, value, blinded: false };
    if (isBlindedField(name)) return { name, value: undefined, blinded: true };
    const masked = maskDates(value);
    return { name, value: masked, blinded: masked !== value };
  });
}

/** What stands in for a date or time masked inside a longer text. */
export const DATE_MASK = '••••';

// Calendar dates (YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, DD.MM.YYYY, DD/MM/YYYY) in
// 1900-2099, and clock times with a colon (HH:MM, HH:MM:SS). A run of digits longer than a date
// (a UID part) is left alone.
const DATE_PATTERNS: readonly RegExp[] = [
  /(?<!\d)(?:19|20)\d{2}[-/.]?(?:0[1-9]|1[0-2])[-/.]?(?:0[1-9]|[12]\d|3[01])(?!\d)/g,
  /(?<!\d)(?:0[1-9]|[12]\d|3[01])[./](?:0[1-9]|1[0-2])[./](?:19|20)\d{2}(?!\d)/g,
  /(?<!\d)(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)/g,
];

/** A text with every calendar date and clock time in it replaced by {@link DATE_MASK}. */
export function maskDates(text: string): string {
  return DATE_PATTERNS.reduce((out, pattern) => out.replace(pattern, DATE_MASK), text);
}

/** A value shown to a blinded reader: free text with its dates masked; unchanged when off. */
export function blindText(text: string, enabled: boolean): string {
  return enabled ? maskDates(text) : text;
}

/**
 * The timepoint a blinded reader may see: the clinical ids (baseline, pre-op, follow-up n) as
 * they are; any other id (a site's own visit label, which may carry a date) as 'other'.
 */
export function blindTimepointId(id: string, enabled: boolean): string {
  if (!enabled || id === 'baseline' || id === 'preop' || /^followup-\d+$/.test(id)) return id;
  return 'other';
}
