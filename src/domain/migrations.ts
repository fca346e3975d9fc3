/**
 * Named migrations of read files from older schema versions (architecture.md habit 5, after
 * tldraw's tlschema): each step takes a parsed JSON document of version n to version n + 1.
 * The importer runs the steps in order and then validates the result against the current
 * schema, so a migration only reshapes what it recognises and leaves anything else in place for
 * the schema to report with its path. Migrations never mutate their input.
 *
 * Version 1 is the first released format. The v0 -> v1 step is for a hypothetical pre-release
 * format; it documents the pattern and is tested, and costs nothing to keep.
 *
 * Version 2 (docs/record-integrity.md) adds what a replay of the audit trail and a signature
 * bound to its content need: the create-read entry records the versionId, a signature may carry
 * `contentHash` and the signer's key `proof`, a read may carry a `consensus` block. All are
 * additions, so v1 -> v2 only renumbers; the v1 audit entries stay as they were sealed (their
 * hashes cover them), and the replay check reports such reads as replay-checked partially.
 *
 * Version 3 adds the acquisition QC of the exams (`examQc`, docs/domain.md §11) and its two audit
 * actions. A v2 read has none, so v2 -> v3 only renumbers: nothing the content hash or the audit
 * chain covers changes (`schemaVersion` is not signed), and signed v2 reads still verify.
 */

/** A JSON object as parsed, before validation. */
export type JsonObject = { readonly [key: string]: unknown };

/** One named step from `from` to `from + 1`. */
export interface Migration {
  readonly name: string;
  readonly from: number;
  readonly migrate: (document: JsonObject) => JsonObject;
  /**
   * What in the document version `from` cannot hold (a field or audit action a later version
   * added), as `[path, what]`; such a file declares a version older than its content, e.g. a
   * current read relabelled to pass a weaker check, and is refused.
   */
  readonly newerContent?: (document: JsonObject) => readonly [string, string] | undefined;
}

const objectAt = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;

/** The index of the document's first audit entry that passes `test`, or -1. */
function auditWith(document: JsonObject, test: (entry: JsonObject) => boolean): number {
  const audit = Array.isArray(document.audit) ? (document.audit as unknown[]) : [];
  return audit.findIndex((entry) => {
    const object = objectAt(entry);
    return object !== undefined && test(object);
  });
}

/** Version 2's additions, which a version 1 file cannot hold. */
function v2Content(document: JsonObject): readonly [string, string] | undefined {
  if (document.consensus !== undefined) return ['consensus', 'a consensus block'];
  const signature = objectAt(objectAt(document.state)?.signature);
  if (signature?.contentHash !== undefined)
    return ['state.signature.contentHash', 'a signature content hash'];
  if (signature?.proof !== undefined) return ['state.signature.proof', 'a key signature'];
  const at = auditWith(
    document,
    (entry) => entry.action === 'create-read' && objectAt(entry.after)?.versionId !== undefined,
  );
  return at < 0
    ? undefined
    : [`audit[${at}].after.versionId`, 'a create-read entry with versionId'];
}

/** Version 3's additions, which a version 2 file cannot hold. */
function v3Content(document: JsonObject): readonly [string, string] | undefined {
  if (document.examQc !== undefined) return ['examQc', 'exam QC'];
  const at = auditWith(
    document,
    (entry) => entry.action === 'record-exam-qc' || entry.action === 'set-exam-not-evaluable',
  );
  return at < 0 ? undefined : [`audit[${at}].action`, 'an exam QC audit action'];
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * v0 (pre-release) stored a lesion's calls flat, `calls: [{timepoint, modality, call}]`, beside
 * `assessments` that held only measurements and comments. v1 keeps the call inside the
 * assessment of its timepoint and modality, where the measurements are.
 */
function moveFlatCalls(lesion: unknown): unknown {
  if (!isJsonObject(lesion) || !Array.isArray(lesion.calls)) return lesion;
  const { calls, ...rest } = lesion;
  let assessments: JsonObject = isJsonObject(rest.assessments) ? rest.assessments : {};
  const leftOver: unknown[] = [];
  for (const entry of calls as unknown[]) {
    if (
      !isJsonObject(entry) ||
      typeof entry.timepoint !== 'string' ||
      typeof entry.modality !== 'string'
    ) {
      leftOver.push(entry);
      continue;
    }
    const atTimepoint = isJsonObject(assessments[entry.timepoint])
      ? (assessments[entry.timepoint] as JsonObject)
      : {};
    const modalities = isJsonObject(atTimepoint.modalities) ? atTimepoint.modalities : {};
    const cell = isJsonObject(modalities[entry.modality])
      ? (modalities[entry.modality] as JsonObject)
      : {};
    assessments = {
      ...assessments,
      [entry.timepoint]: {
        ...atTimepoint,
        modalities: { ...modalities, [entry.modality]: { ...cell, call: entry.call } },
      },
    };
  }
  // Entries that could not be placed stay under `calls`, which v1 does not know, so the schema
  // reports them at `lesions[i].calls` instead of them vanishing.
  return { ...rest, assessments, ...(leftOver.length > 0 && { calls: leftOver }) };
}

/** All migrations, in order; `MIGRATIONS[i].from === i`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'v0-flat-calls-into-assessments',
    from: 0,
    migrate: (document) => ({
      ...document,
      schemaVersion: 1,
      lesions: Array.isArray(document.lesions)
        ? (document.lesions as unknown[]).map(moveFlatCalls)
        : document.lesions,
    }),
  },
  {
    name: 'v1-integrity-fields-added',
    from: 1,
    migrate: (document) => ({ ...document, schemaVersion: 2 }),
    newerContent: v2Content,
  },
  {
    name: 'v2-exam-qc-added',
    from: 2,
    migrate: (document) => ({ ...document, schemaVersion: 3 }),
    newerContent: v3Content,
  },
];

/** The outcome of migrating a document to a target version. */
export type MigrationOutcome =
  | { readonly ok: true; readonly document: JsonObject; readonly applied: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * Migrates a document of version `from` to version `to` by applying each named step in order.
 * A version newer than `to` is refused (this app cannot know what a later format means).
 */
export function migrateDocument(
  document: JsonObject,
  from: number,
  to: number,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationOutcome {
  if (from > to) {
    return {
      ok: false,
      message: `schemaVersion ${from} is newer than this app reads (${to}); update the app`,
    };
  }
  let current = document;
  const applied: string[] = [];
  for (let version = from; version < to; version++) {
    const step = migrations.find((m) => m.from === version);
    if (step === undefined) {
      return { ok: false, message: `no migration from schemaVersion ${version}` };
    }
    const newer = step.newerContent?.(current);
    if (newer !== undefined) {
      return {
        ok: false,
        message: `schemaVersion ${from} is older than the file's content: ${newer[1]} (${newer[0]}) came after version ${version}`,
      };
    }
    current = step.migrate(current);
    applied.push(step.name);
  }
  return { ok: true, document: current, applied };
}
