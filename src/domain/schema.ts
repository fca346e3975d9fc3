/**
 * The exported read file, schema version 3: the single source of truth for the JSON format
 * (architecture.md habit 5). The TypeScript type of a parsed file is `z.infer` of this schema,
 * the published JSON Schema (public/schema/read-v3.schema.json) is generated from it
 * (jsonSchema.ts), and the importer validates with it.
 *
 * The file is the `Read` itself at the top level (so problem paths read like the model:
 * `lesions[2].assessments.preop.modalities.CT.call`), plus `exportedAt` and the derived
 * `statuses` for statisticians, minus `pendingAudit` (an export carries a sealed trail only).
 * Every object is strict: an unknown key is a problem, because a field this version does not
 * know would otherwise be silently dropped from a trial record.
 *
 * Validation matches what the commands accept (not stricter), so that every read the app can
 * build can also be exported and imported again.
 */
import { z } from 'zod';
import {
  CALLS,
  COUINAUD_SEGMENTS,
  MODALITY_GROUPS,
  worldPoint,
  type AuditAction,
  type JsonValue,
  type LesionId,
  type TimepointId,
} from './model.ts';
import type { LesionStatus } from './status.ts';

/** The schema version this app writes; older versions are migrated on import (migrations.ts). */
export const CURRENT_SCHEMA_VERSION = 3;

/** All audit actions, listed at runtime for validation; `Exhaustive` below keeps it complete. */
export const AUDIT_ACTIONS = [
  'create-read',
  'add-lesion',
  'remove-lesion',
  'restore-lesion',
  'set-segment',
  'set-baseline',
  'set-call',
  'set-measurement',
  'set-site-point',
  'set-comment',
  'set-recurrence',
  'assign-timepoint',
  'record-exam-qc',
  'set-exam-not-evaluable',
  'sign',
  'amend',
] as const satisfies readonly AuditAction[];

/** All derived lesion statuses (docs/domain.md §5). */
export const LESION_STATUSES = [
  'cDLM',
  'partial DLM',
  'visible',
  'incomplete',
] as const satisfies readonly LesionStatus[];

/** Compiles only if the runtime list names every member of the union (no silent gaps). */
type Exhaustive<Union, Listed extends Union> = [Exclude<Union, Listed>] extends [never]
  ? true
  : never;
const auditActionsComplete: Exhaustive<AuditAction, (typeof AUDIT_ACTIONS)[number]> = true;
const statusesComplete: Exhaustive<LesionStatus, (typeof LESION_STATUSES)[number]> = true;
void auditActionsComplete;
void statusesComplete;

/**
 * A string checked by a regular expression and typed as the template literal type it proves.
 * The one narrowing in this file: zod's template literals accept `followup-0` or `L1.5`, so
 * the precise regex does the checking and the transform only names the type it established.
 */
function patterned<T extends string>(regex: RegExp, description: string) {
  return z
    .string()
    .regex(regex, { error: `must be ${description}` })
    .transform((value) => value as T)
    .describe(description);
}

const nonEmpty = z.string().min(1, { error: 'must not be empty' });
/** UTC ISO 8601 with `Z` (the clock refuses offsets, see clock.ts). */
const utcTimestamp = z.iso
  .datetime()
  .meta({ id: 'UtcTimestamp', description: 'UTC ISO 8601, e.g. 2026-01-02T03:04:05.678Z' });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' });

export const timepointIdSchema = patterned<TimepointId>(
  /^(baseline|preop|followup-[1-9][0-9]*)$/,
  'a timepoint: baseline, preop or followup-N (N >= 1)',
);
export const lesionIdSchema = patterned<LesionId>(/^L[1-9][0-9]*$/, 'a lesion id L1, L2, ...');
export const modalityGroupSchema = z.enum(MODALITY_GROUPS);
export const callSchema = z.enum(CALLS);
export const couinaudSegmentSchema = z.enum(COUINAUD_SEGMENTS);

/** Patient coordinates (LPS, mm); parsing brands them as `WorldPoint`. */
export const worldPointSchema = z
  .strictObject({ x: z.number(), y: z.number(), z: z.number() })
  .transform((p) => worldPoint(p.x, p.y, p.z))
  .describe('patient coordinates, DICOM LPS, millimetres');

export const imagePointSchema = z
  .strictObject({
    point: worldPointSchema,
    studyInstanceUid: nonEmpty,
    seriesInstanceUid: nonEmpty,
    sopInstanceUid: nonEmpty,
    frameNumber: z.int().min(1).describe('1-based frame number'),
    frameOfReferenceUid: nonEmpty,
  })
  .meta({ id: 'ImagePoint' });

export const modalityAssessmentSchema = z
  .strictObject({
    call: callSchema
      .optional()
      .describe(
        "the reader's call; at baseline it says where the lesion is seen: present = seen, disappeared = not seen",
      ),
    diameterMm: z
      .number()
      .positive()
      .optional()
      .describe(
        'longest diameter, mm, recorded to 0.01 mm (reads made before 2026-12-07 may hold more digits)',
      ),
    adcMean: z
      .number()
      .min(0)
      .optional()
      .describe('mean ADC in the ROI, 10^-3 mm²/s, recorded to 0.001 (older reads: more digits)'),
    adcSd: z
      .number()
      .min(0)
      .optional()
      .describe('SD of ADC in the ROI, 10^-3 mm²/s, recorded to 0.001 (older reads: more digits)'),
    adcPixels: z.int().min(1).optional().describe('pixels in the ADC ROI'),
    sitePoint: imagePointSchema.optional().describe('where a disappeared lesion was'),
    comment: z.string().optional(),
  })
  .meta({ id: 'ModalityAssessment' });

export const timepointAssessmentSchema = z
  .strictObject({
    modalities: z.partialRecord(modalityGroupSchema, modalityAssessmentSchema),
    recurrence: z.enum(['yes', 'no']).optional().describe('recurrence at the site (follow-up)'),
  })
  .meta({ id: 'TimepointAssessment' });

export const lesionSchema = z
  .strictObject({
    id: lesionIdSchema,
    segment: couinaudSegmentSchema.optional(),
    baselineLocation: imagePointSchema.optional(),
    baselineDiameterMm: z
      .number()
      .positive()
      .optional()
      .describe(
        'baseline longest diameter, mm, recorded to 0.01 mm (reads made before 2026-12-07 may hold more digits)',
      ),
    createdAt: utcTimestamp,
    removed: z.strictObject({ at: utcTimestamp, reason: z.string().optional() }).optional(),
    assessments: z.partialRecord(timepointIdSchema, timepointAssessmentSchema),
  })
  .meta({ id: 'Lesion' });

export const studyConfigSchema = z.strictObject({
  requiredModalities: z.array(modalityGroupSchema).min(1),
  matchDistanceMm: z.number().positive(),
  statusTimepoint: timepointIdSchema,
  minFollowUpMonths: z.number().min(0),
});

export const readerSchema = z.strictObject({ id: nonEmpty, name: z.string() });

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'must be base64url' });

export const ecPublicKeySchema = z
  .strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: base64url.length(43),
    y: base64url.length(43),
  })
  .meta({ id: 'EcPublicKeyJwk', description: 'P-256 public key, JWK (RFC 7518)' });

export const signatureProofSchema = z
  .discriminatedUnion('algorithm', [
    z.strictObject({
      algorithm: z.literal('ECDSA-P256-SHA256'),
      publicKey: ecPublicKeySchema,
      value: base64url.length(86).describe('IEEE P1363 r||s, base64url'),
    }),
    z.strictObject({
      algorithm: z.literal('WebAuthn-ES256'),
      publicKey: ecPublicKeySchema,
      credentialId: base64url.max(1366),
      authenticatorData: base64url.min(50).max(1366),
      clientDataJSON: base64url.max(5462),
      value: base64url.min(11).max(96).describe('ASN.1 DER ECDSA signature, base64url'),
    }),
  ])
  .meta({ id: 'SignatureProof' });

export const signatureSchema = z
  .strictObject({
    signerName: nonEmpty,
    signerId: nonEmpty,
    at: utcTimestamp,
    meaning: nonEmpty.describe('meaning of the signature (21 CFR 11.50), e.g. Author'),
    contentHash: sha256Hex
      .optional()
      .describe('sha256 of the signed content and audit head, see docs/record-integrity.md'),
    proof: signatureProofSchema.optional(),
  })
  .meta({ id: 'Signature' });

export const consensusSchema = z
  .strictObject({
    sources: z
      .array(
        z.strictObject({
          readId: nonEmpty,
          version: z.int().min(1),
          versionId: nonEmpty,
          readerId: nonEmpty,
          signatureHash: sha256Hex.optional(),
        }),
      )
      .min(1),
  })
  .meta({ id: 'Consensus', description: 'the signed source reads of a consensus read' });

export const readStateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('draft') }),
  z.strictObject({ kind: z.literal('signed'), signature: signatureSchema }),
  z.strictObject({ kind: z.literal('amended'), reason: nonEmpty, at: utcTimestamp }),
]);

export const versionRefSchema = z.strictObject({
  versionId: nonEmpty,
  version: z.int().min(1),
  signature: signatureSchema,
});

export const seriesUseSchema = z.strictObject({
  studyInstanceUid: nonEmpty,
  seriesInstanceUid: nonEmpty,
  role: nonEmpty,
});

export const qcFindingSchema = z
  .strictObject({
    check: nonEmpty.describe('the QC check, e.g. hbp-delay, dwi-b-values, slice-thickness'),
    level: z.enum(['pass', 'warn', 'fail', 'unknown']),
    series: z.string().optional().describe("the series concerned (the viewer's series key)"),
    value: z.number().optional().describe('minutes, b-value count, mm or slice count'),
    message: z.string().describe('the finding in English words'),
  })
  .meta({ id: 'QcFinding' });

export const examQcSchema = z
  .strictObject({
    timepoint: timepointIdSchema,
    groups: z.array(modalityGroupSchema).describe('the modality groups this exam provides'),
    thresholds: z.record(nonEmpty, z.number()).describe('QC thresholds used, by name'),
    findings: z.array(qcFindingSchema),
    recordedAt: utcTimestamp,
    notEvaluable: z
      .strictObject({ reason: nonEmpty, at: utcTimestamp })
      .optional()
      .describe(
        "the reader's mark: this exam cannot be used; its groups' calls count as not evaluable",
      ),
  })
  .meta({ id: 'ExamQc', description: 'acquisition QC of one exam, docs/domain.md §11' });

/** Any JSON value (audit before/after values). */
export const jsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.null(),
      z.boolean(),
      z.number(),
      z.string(),
      z.array(jsonValueSchema),
      z.record(z.string(), jsonValueSchema),
    ]),
  )
  .meta({ id: 'JsonValue' });

export const auditEntrySchema = z
  .strictObject({
    seq: z.int().min(1),
    at: utcTimestamp,
    readerId: nonEmpty,
    action: z.enum(AUDIT_ACTIONS),
    target: z.string().optional(),
    before: jsonValueSchema,
    after: jsonValueSchema,
    reason: z.string().optional(),
    prevHash: sha256Hex,
    hash: sha256Hex.describe('sha256 of the canonical JSON of this entry without hash'),
  })
  .meta({ id: 'AuditEntry' });

/** One derived status, as exported for statisticians and re-derived on import. */
export const statusRowSchema = z
  .strictObject({
    lesionId: lesionIdSchema,
    status: z.enum(LESION_STATUSES),
    reason: z.string(),
    ctDlm: z.boolean().describe('disappeared on CT, whatever MRI says (CT-alone analysis)'),
  })
  .meta({ id: 'StatusRow' });

/** The exported read file, schema version 3. */
export const readFileSchema = z
  .strictObject({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    exportedAt: utcTimestamp,
    readId: nonEmpty,
    version: z.int().min(1),
    versionId: nonEmpty,
    previousVersion: versionRefSchema.optional(),
    state: readStateSchema,
    patientId: nonEmpty.describe('pseudonymous subject id; never the patient name'),
    reader: readerSchema,
    consensus: consensusSchema.optional(),
    createdAt: utcTimestamp,
    updatedAt: utcTimestamp,
    config: studyConfigSchema,
    timepointAssignment: z
      .record(nonEmpty, timepointIdSchema)
      .describe('StudyInstanceUID -> timepoint'),
    seriesUsed: z.partialRecord(timepointIdSchema, z.array(seriesUseSchema)).optional(),
    examQc: z
      .record(nonEmpty, examQcSchema)
      .optional()
      .describe('StudyInstanceUID -> acquisition QC of that exam, as recorded at read time'),
    nextLesionNumber: z.int().min(1),
    lesions: z.array(lesionSchema),
    statuses: z.array(statusRowSchema).describe('derived; recomputed and compared on import'),
    audit: z.array(auditEntrySchema),
  })
  .describe('DREAM Reader read export, schema version 3');

/** A parsed read file (domain types: branded points, template-literal ids). */
export type ReadFile = z.infer<typeof readFileSchema>;
/** The JSON shape of a read file as written to disk. */
export type ReadFileJson = z.input<typeof readFileSchema>;
/** One exported status row. */
export type StatusRow = z.infer<typeof statusRowSchema>;
