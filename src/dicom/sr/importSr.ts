/**
 * A DREAM SR file back into a read (docs/sr.md). The coded content gives the lesions (segments,
 * places, calls, measurements, comments, recurrence) and the stated statuses; the read record
 * gives the rest of the read file. The merged file then goes through the app's own JSON import
 * (schema, migrations, hash chain of the audit trail, statuses re-derived and compared), and the
 * SR's header is checked against the read: its SOP Instance UID and Verification Flag.
 */
import {
  importReadJson,
  type ImportOptions,
  type ImportProblem,
  type IntegrityReport,
  type Read,
  type Sha256,
} from '../../domain/index.ts';
import { CONCEPTS, SOP_CLASSES } from './codes.ts';
import type { Item } from './content.ts';
import { children, fullText, named, readPart10, sequence, text } from './dataset.ts';
import { decodeCodedContent } from './decode.ts';
import type { ExactNumbers } from './exact.ts';
import { srUids } from './uids.ts';

/** Result of `importReadSr`. */
export type SrImportResult =
  | {
      readonly ok: true;
      readonly read: Read;
      /** The JSON import's integrity report (the study roster checks its signer). */
      readonly integrity: IntegrityReport;
      readonly exportedAt: string;
      readonly sopInstanceUid: string;
    }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

const fail = (path: string, message: string): SrImportResult => ({
  ok: false,
  problems: [{ path, message }],
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseRecord(
  dataset: Item,
): { read: Record<string, unknown>; exact: ExactNumbers } | undefined {
  const item = named(children(dataset), CONCEPTS.readRecord)[0];
  const json = item === undefined ? undefined : fullText(item, 'TextValue');
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (!isObject(parsed) || !isObject(parsed.read) || !isObject(parsed.exact)) return undefined;
    return { read: parsed.read, exact: parsed.exact as ExactNumbers };
  } catch {
    return undefined;
  }
}

/** Checks of the SR header against the imported read. */
async function headerProblems(dataset: Item, read: Read, sha256: Sha256) {
  const problems: ImportProblem[] = [];
  const sop = text(dataset, 'SOPInstanceUID');
  const expected = (await srUids(read, sha256)).sopInstance;
  if (sop !== expected) {
    problems.push({
      path: 'SOPInstanceUID',
      message: `is ${sop ?? 'missing'}, but the read version's SR is ${expected}`,
    });
  }
  const flag = text(dataset, 'VerificationFlag');
  const verified = read.state.kind === 'signed' ? 'VERIFIED' : 'UNVERIFIED';
  if (flag !== verified) {
    problems.push({
      path: 'VerificationFlag',
      message: `is ${flag ?? 'missing'}, but the read is ${read.state.kind}`,
    });
  }
  return problems;
}

/** Imports one SR file (Part 10 bytes) as a read; every problem found, or the read. */
export async function importReadSr(
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<SrImportResult> {
  let dataset: Item;
  try {
    dataset = readPart10(bytes);
  } catch (error) {
    return fail('', `not a DICOM file: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text(dataset, 'SOPClassUID') !== SOP_CLASSES.comprehensive3dSr) {
    return fail('SOPClassUID', 'not a Comprehensive 3D SR');
  }
  const template = sequence(dataset, 'ContentTemplateSequence')[0];
  if (text(template, 'TemplateIdentifier') !== '1500') {
    return fail('ContentTemplateSequence', 'not a TID 1500 Measurement Report');
  }
  const record = parseRecord(dataset);
  if (record === undefined) {
    return fail(
      'DREAM read record',
      'missing or not JSON: this SR was not written by DREAM Reader',
    );
  }
  const coded = decodeCodedContent(dataset, record.exact);
  const bare = Array.isArray(record.read.lesions) ? record.read.lesions.filter(isObject) : [];
  const problems = [...coded.problems];
  const ids = new Set(bare.map((lesion) => lesion.id));
  for (const id of coded.lesions.keys()) {
    if (!ids.has(id)) problems.push({ path: 'SR', message: `lesion ${id} is not in the record` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const lesions = bare.map((lesion) => ({
    ...lesion,
    ...(coded.lesions.get(lesion.id as never) ?? { assessments: {} }),
  }));
  const statuses = bare.flatMap((lesion) => {
    const row = coded.statuses.get(lesion.id as never);
    return row === undefined ? [] : [row];
  });
  const file = { ...record.read, lesions, statuses };
  const result = await importReadJson(JSON.stringify(file), options);
  if (!result.ok) return result;
  const header = await headerProblems(dataset, result.read, options.sha256);
  if (header.length > 0) return { ok: false, problems: header };
  return {
    ok: true,
    read: result.read,
    integrity: result.integrity,
    exportedAt: result.exportedAt,
    sopInstanceUid: text(dataset, 'SOPInstanceUID') ?? '',
  };
}
