/**
 * Export of a read: the JSON file (schema.ts) and the CSV table for statisticians
 * (docs/domain.md §9). Both are pure functions of the read (and the injected clock for `exportedAt`).
 *
 * The JSON is canonical so that export -> import -> export is byte-identical: 2-space JSON,
 * object keys in the fixed order written out below (not the order the read happens to hold
 * them in), record keys sorted (timepoints baseline, preop, followup-1, 2, ...; modalities
 * CT, DWI, T1/T2, EOB; study UIDs by code unit), audit values with keys sorted, absent optional
 * fields left out, a final newline. Numbers are as `JSON.stringify` writes them (so -0 becomes 0).
 */
import { DomainError } from './errors.ts';
import { isUtcIso } from './clock.ts';
import {
  MODALITY_GROUPS,
  type AuditEntry,
  type ExamQc,
  type ImagePoint,
  type JsonValue,
  type Lesion,
  type ModalityAssessment,
  type Read,
  type ReadState,
  type Signature,
  type SignatureProof,
  type TimepointAssessment,
} from './model.ts';
import { CURRENT_SCHEMA_VERSION, readFileSchema, type ReadFile } from './schema.ts';
import { deriveReadStatuses } from './status.ts';
import { csvRecord, csvRows, type CsvOptions } from './exportCsv.ts';
import { byTimepoint } from './timepointOrder.ts';

const point = (p: ImagePoint): ImagePoint => ({
  point: p.point,
  studyInstanceUid: p.studyInstanceUid,
  seriesInstanceUid: p.seriesInstanceUid,
  sopInstanceUid: p.sopInstanceUid,
  frameNumber: p.frameNumber,
  frameOfReferenceUid: p.frameOfReferenceUid,
});

const cell = (a: ModalityAssessment): ModalityAssessment => ({
  call: a.call,
  diameterMm: a.diameterMm,
  adcMean: a.adcMean,
  adcSd: a.adcSd,
  adcPixels: a.adcPixels,
  sitePoint: a.sitePoint && point(a.sitePoint),
  comment: a.comment,
});

function timepointAssessment(a: TimepointAssessment): TimepointAssessment {
  const modalities: Partial<Record<(typeof MODALITY_GROUPS)[number], ModalityAssessment>> = {};
  for (const modality of MODALITY_GROUPS) {
    const value = a.modalities[modality];
    if (value !== undefined) modalities[modality] = cell(value);
  }
  return { modalities, recurrence: a.recurrence };
}

const lesion = (l: Lesion): ReadFile['lesions'][number] => ({
  id: l.id,
  segment: l.segment,
  baselineLocation: l.baselineLocation && point(l.baselineLocation),
  baselineDiameterMm: l.baselineDiameterMm,
  createdAt: l.createdAt,
  removed: l.removed && { at: l.removed.at, reason: l.removed.reason },
  assessments: Object.fromEntries(
    byTimepoint(l.assessments).map(([tp, a]) => [tp, timepointAssessment(a)]),
  ),
});

function proof(p: SignatureProof): SignatureProof {
  const { kty, crv, x, y } = p.publicKey;
  const publicKey = { kty, crv, x, y };
  if (p.algorithm === 'ECDSA-P256-SHA256') {
    return { algorithm: p.algorithm, publicKey, value: p.value };
  }
  return {
    algorithm: p.algorithm,
    publicKey,
    credentialId: p.credentialId,
    authenticatorData: p.authenticatorData,
    clientDataJSON: p.clientDataJSON,
    value: p.value,
  };
}

const signature = (s: Signature): Signature => ({
  signerName: s.signerName,
  signerId: s.signerId,
  at: s.at,
  meaning: s.meaning,
  contentHash: s.contentHash,
  proof: s.proof && proof(s.proof),
});

/** One exam's QC as written to the file (fields in a fixed order). */
function examQc(exam: ExamQc): NonNullable<ReadFile['examQc']>[string] {
  return {
    timepoint: exam.timepoint,
    groups: [...exam.groups],
    thresholds: Object.fromEntries(
      Object.entries(exam.thresholds).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    findings: exam.findings.map((f) => ({
      check: f.check,
      level: f.level,
      ...(f.series !== undefined && { series: f.series }),
      ...(f.value !== undefined && { value: f.value }),
      message: f.message,
    })),
    recordedAt: exam.recordedAt,
    ...(exam.notEvaluable && {
      notEvaluable: { reason: exam.notEvaluable.reason, at: exam.notEvaluable.at },
    }),
  };
}

function state(s: ReadState): ReadFile['state'] {
  switch (s.kind) {
    case 'draft':
      return { kind: 'draft' };
    case 'signed':
      return { kind: 'signed', signature: signature(s.signature) };
    case 'amended':
      return { kind: 'amended', reason: s.reason, at: s.at };
  }
}

/** A JSON value with object keys sorted at every depth (the canonicalJson order). */
function sortedJson(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as readonly JsonValue[]).map(sortedJson);
  const record = value as { readonly [key: string]: JsonValue | undefined };
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .flatMap((key) => {
        const member = record[key];
        return member === undefined ? [] : [[key, sortedJson(member)]];
      }),
  );
}

const auditEntry = (e: AuditEntry): AuditEntry => ({
  seq: e.seq,
  at: e.at,
  readerId: e.readerId,
  action: e.action,
  target: e.target,
  before: sortedJson(e.before),
  after: sortedJson(e.after),
  reason: e.reason,
  prevHash: e.prevHash,
  hash: e.hash,
});

/**
 * The export file of a read, keys in the file's fixed order. Typed against the schema's own
 * type with no casts: this function is the compile-time proof that the model and the schema
 * agree (a model field the schema lacks, or a type mismatch, fails to compile).
 *
 * @throws DomainError `invalid-input` if the read has unsealed audit entries: an export is a
 *   record, and an entry without its hash cannot be verified by whoever imports it
 */
export function toReadFile(read: Read, exportedAt: string): ReadFile {
  if (read.pendingAudit.length > 0) {
    throw new DomainError('invalid-input', 'seal the audit trail (sealAudit) before exporting');
  }
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    exportedAt,
    readId: read.readId,
    version: read.version,
    versionId: read.versionId,
    previousVersion: read.previousVersion && {
      versionId: read.previousVersion.versionId,
      version: read.previousVersion.version,
      signature: signature(read.previousVersion.signature),
    },
    state: state(read.state),
    patientId: read.patientId,
    reader: { id: read.reader.id, name: read.reader.name },
    consensus: read.consensus && {
      sources: read.consensus.sources.map((source) => ({
        readId: source.readId,
        version: source.version,
        versionId: source.versionId,
        readerId: source.readerId,
        signatureHash: source.signatureHash,
      })),
    },
    createdAt: read.createdAt,
    updatedAt: read.updatedAt,
    config: {
      requiredModalities: [...read.config.requiredModalities],
      matchDistanceMm: read.config.matchDistanceMm,
      statusTimepoint: read.config.statusTimepoint,
      minFollowUpMonths: read.config.minFollowUpMonths,
    },
    timepointAssignment: Object.fromEntries(
      Object.entries(read.timepointAssignment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    seriesUsed:
      read.seriesUsed &&
      Object.fromEntries(
        byTimepoint(read.seriesUsed).map(([tp, list]) => [
          tp,
          list.map((s) => ({
            studyInstanceUid: s.studyInstanceUid,
            seriesInstanceUid: s.seriesInstanceUid,
            role: s.role,
          })),
        ]),
      ),
    examQc:
      read.examQc &&
      Object.fromEntries(
        Object.entries(read.examQc)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([uid, exam]) => [uid, examQc(exam)]),
      ),
    nextLesionNumber: read.nextLesionNumber,
    lesions: read.lesions.map(lesion),
    statuses: deriveReadStatuses(read).map(({ lesionId, derived }) => ({
      lesionId,
      status: derived.status,
      reason: derived.reason,
      ctDlm: derived.ctDlm,
    })),
    audit: read.audit.map(auditEntry),
  };
}

/** Options of `exportReadJson`: the injected clock (UTC ISO 8601), as in `CommandContext`. */
export interface ExportOptions {
  readonly now: () => string;
}

/**
 * Writes a read as its canonical JSON export file (schema.ts), with `exportedAt` from the
 * injected clock. The file is validated against the schema before it is returned, so the app
 * never writes a file that its own importer would refuse.
 *
 * @throws DomainError `invalid-input` on unsealed audit entries or a non-UTC clock;
 *   `Error` if the read does not satisfy the schema (a bug upstream, not a user error)
 */
export function exportReadJson(read: Read, options: ExportOptions): string {
  const exportedAt = options.now();
  if (!isUtcIso(exportedAt)) {
    throw new DomainError('invalid-input', `clock must give UTC ISO 8601, got "${exportedAt}"`);
  }
  const file = toReadFile(read, exportedAt);
  const check = readFileSchema.safeParse(file);
  if (!check.success) {
    const where = check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`read ${read.readId} does not satisfy the export schema: ${where}`);
  }
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Writes a read as CSV for statisticians (see exportCsv.ts for rows, columns, quoting and the
 * CSV-injection defence).
 */
export function exportReadCsv(read: Read, options: CsvOptions = {}): string {
  return csvRows(read, options).map(csvRecord).join('');
}
