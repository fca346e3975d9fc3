/**
 * A header index: the parsed header of every file of a static study, in one JSON document
 * (`sample-dicom/headers.json` for the bundled sample), so that a static server's study can be
 * catalogued with one request instead of one ranged request per file, much as a DICOMDIR or a
 * PACS's metadata does. Pixels still come from the files. Made by test/sample/header-index.test.ts
 * (which also proves it equals parsing every file) and read back with a light structural check.
 */
import type { InstanceHeader } from './header.ts';

export const HEADER_INDEX_FORMAT = 'dream-header-index 1';

export interface HeaderIndex {
  readonly format: typeof HEADER_INDEX_FORMAT;
  /** File path (relative to the study's base URL) -> its header. */
  readonly headers: Readonly<Record<string, InstanceHeader>>;
}

const STRING_FIELDS = [
  'sopInstanceUid',
  'seriesInstanceUid',
  'studyInstanceUid',
  'patientId',
  'modality',
  'frameOfReferenceUid',
  'transferSyntaxUid',
] as const;

/** Whether a parsed value looks like an index of this format (every header's key fields). */
export function isHeaderIndex(value: unknown): value is HeaderIndex {
  if (typeof value !== 'object' || value === null) return false;
  const { format, headers } = value as { format?: unknown; headers?: unknown };
  if (format !== HEADER_INDEX_FORMAT || typeof headers !== 'object' || headers === null) {
    return false;
  }
  return Object.values(headers).every(
    (h: unknown) =>
      typeof h === 'object' &&
      h !== null &&
      STRING_FIELDS.every((f) => typeof (h as Record<string, unknown>)[f] === 'string') &&
      typeof (h as { rows?: unknown }).rows === 'number' &&
      typeof (h as { columns?: unknown }).columns === 'number' &&
      Array.isArray((h as { imageType?: unknown }).imageType),
  );
}

/** The index of `headers` by path, as written to disk (keys sorted, so diffs stay small). */
export function makeHeaderIndex(headers: ReadonlyMap<string, InstanceHeader>): HeaderIndex {
  const sorted = [...headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { format: HEADER_INDEX_FORMAT, headers: Object.fromEntries(sorted) };
}
