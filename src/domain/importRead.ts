/**
 * Import of a read file (docs/domain.md §9): parse, migrate older versions, validate against the
 * schema, then check what a schema cannot: the audit hash chain, the derived statuses against
 * a recomputation, and the lesion registry's ids. Every problem is reported with its path, so
 * that a data manager can fix a file in one pass; a failed import returns only problems, never a
 * partial read. Nothing is mutated.
 *
 * Problem paths are JavaScript-like: `lesions[2].assessments.preop.modalities.CT.call`; a key
 * that is not an identifier is bracketed, `timepointAssignment["1.2.3"]`,
 * `assessments["followup-1"]`. The empty path is the whole document.
 */
import type { z } from 'zod';
import { verifyAuditChain, type AuditChainProblem, type Sha256 } from './audit.ts';
import { formatPath, parseJson } from './jsonSyntax.ts';

export { formatPath } from './jsonSyntax.ts';
import { isJsonObject, migrateDocument } from './migrations.ts';
import type { Read } from './model.ts';
import { CURRENT_SCHEMA_VERSION, readFileSchema, type ReadFile } from './schema.ts';
import { DomainError } from './errors.ts';
import { assertValidConfig, deriveReadStatuses } from './status.ts';
import { checkReadIntegrity, type IntegrityReport } from './integrity/checkRead.ts';
import type { VerifyBytes } from './integrity/signing.ts';

/** One thing wrong with an imported file. */
export interface ImportProblem {
  readonly path: string;
  readonly message: string;
}

/** Result of `importReadJson`. */
export type ImportResult =
  | {
      readonly ok: true;
      readonly read: Read;
      readonly exportedAt: string;
      /** What the integrity checks proved (docs/record-integrity.md). */
      readonly integrity: IntegrityReport;
    }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * Options of `importReadJson`: the injected sha256 (Web Crypto in the app) and the verifier of
 * key signatures (without it a key signature is reported `not-checked`).
 */
export interface ImportOptions {
  readonly sha256: Sha256;
  readonly verify?: VerifyBytes;
}

/** zod issues as problems; an unknown-keys issue becomes one problem per key, at the key. */
function schemaProblems(issues: readonly z.core.$ZodIssue[]): ImportProblem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: `unknown key "${key}"`,
        }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

const CHAIN_MESSAGES: Readonly<Record<AuditChainProblem, string>> = {
  seq: 'audit entry out of sequence (an entry was deleted or reordered)',
  'prev-hash': 'audit entry does not continue the hash chain (an earlier entry was changed)',
  hash: 'audit entry hash does not match its content (the entry was changed)',
};

/** The checks a schema cannot express; returns their problems (empty when all hold). */
async function semanticProblems(file: ReadFile, sha256: Sha256): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  file.lesions.forEach((lesion, index) => {
    const path = `lesions[${index}].id`;
    if (seen.has(lesion.id)) problems.push({ path, message: `duplicate lesion id ${lesion.id}` });
    seen.add(lesion.id);
    if (Number(lesion.id.slice(1)) >= file.nextLesionNumber) {
      problems.push({
        path,
        message: `lesion id ${lesion.id} is not below nextLesionNumber ${file.nextLesionNumber} (ids are never reused)`,
      });
    }
  });

  const chain = await verifyAuditChain(file.audit, sha256);
  if (!chain.ok) {
    problems.push({ path: `audit[${chain.index}]`, message: CHAIN_MESSAGES[chain.problem] });
  }

  try {
    assertValidConfig(file.config);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [...problems, { path: 'config', message: error.message }];
  }
  const expected = deriveReadStatuses({ ...file, pendingAudit: [] });
  if (expected.length !== file.statuses.length) {
    problems.push({
      path: 'statuses',
      message: `${file.statuses.length} statuses for ${expected.length} live lesions`,
    });
  }
  file.statuses.forEach((row, index) => {
    const want = expected[index];
    if (want === undefined) return;
    const actual = row;
    const recomputed = { lesionId: want.lesionId, ...want.derived };
    for (const key of ['lesionId', 'status', 'reason', 'ctDlm'] as const) {
      if (actual[key] !== recomputed[key]) {
        problems.push({
          path: `statuses[${index}].${key}`,
          message: `is ${JSON.stringify(actual[key])}, but the rule derives ${JSON.stringify(recomputed[key])}`,
        });
      }
    }
  });
  return problems;
}

/**
 * Imports a read file: JSON text -> a `Read` (with an empty `pendingAudit`), or every problem
 * found. Older schema versions are migrated (migrations.ts); a newer one is refused.
 *
 * @param text the file's content
 * @param options the injected sha256 that the audit chain is verified with
 */
export async function importReadJson(text: string, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, problems: [{ path: '', message: parsed.message }] };
  if (!isJsonObject(parsed.value)) {
    return { ok: false, problems: [{ path: '', message: 'a read file is a JSON object' }] };
  }
  const version = parsed.value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return {
      ok: false,
      problems: [{ path: 'schemaVersion', message: 'missing or not a version number' }],
    };
  }
  const migrated = migrateDocument(parsed.value, version, CURRENT_SCHEMA_VERSION);
  if (!migrated.ok) {
    return { ok: false, problems: [{ path: 'schemaVersion', message: migrated.message }] };
  }

  const result = readFileSchema.safeParse(migrated.document);
  if (!result.success) return { ok: false, problems: schemaProblems(result.error.issues) };

  const problems = await semanticProblems(result.data, options.sha256);
  if (problems.length > 0) return { ok: false, problems };

  // The statuses were just checked against the rule; a Read derives them, it does not store them.
  const { exportedAt, statuses, ...content } = result.data;
  void statuses;
  const read: Read = { ...content, schemaVersion: CURRENT_SCHEMA_VERSION, pendingAudit: [] };
  const integrity = await checkReadIntegrity(read, options);
  if (integrity.problems.length > 0) return { ok: false, problems: integrity.problems };
  return { ok: true, read, exportedAt, integrity: integrity.report };
}
