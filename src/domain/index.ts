/**
 * Public API of the pure domain core. Outer layers import from here; the files behind it may be
 * reorganised freely.
 */
export * from './model.ts';
export * from './errors.ts';
export * from './status.ts';
export * from './commands.ts';
export * from './lifecycle.ts';
export * from './checks.ts';
export * from './baselineCalls.ts';
export * from './canonicalJson.ts';
export {
  GENESIS_HASH,
  applySealed,
  hashAuditEntry,
  sealAudit,
  sealPending,
  verifyAuditChain,
  type AuditChainCheck,
  type AuditChainProblem,
  type Sha256,
} from './audit.ts';
export { isUtcIso } from './clock.ts';
export { formatDate, formatDateTime } from './time.ts';
export {
  CURRENT_SCHEMA_VERSION,
  LESION_STATUSES,
  readFileSchema,
  type ReadFile,
  type ReadFileJson,
  type StatusRow,
} from './schema.ts';
export { exportReadCsv, exportReadJson, toReadFile, type ExportOptions } from './exportRead.ts';
export { CSV_COLUMNS } from './exportCsv.ts';
export {
  ADC_DECIMALS,
  DIAMETER_DECIMALS,
  roundAdc,
  roundDiameterMm,
  roundTo,
} from './precision.ts';
export {
  importReadJson,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
} from './importRead.ts';
export * from './integrity/index.ts';
export { READ_JSON_SCHEMA_PATH, readJsonSchema } from './jsonSchema.ts';
export { MIGRATIONS, migrateDocument, type Migration } from './migrations.ts';
export { byTimepoint, timepointOrder } from './timepointOrder.ts';
export * from './stats/index.ts';
export * from './review/index.ts';
export * from './adc.ts';
export { readMarks, type ReadMark } from './marks.ts';
export {
  BLINDED_ATTRIBUTES,
  DATE_MASK,
  blindText,
  blindTimepointId,
  isBlindedField,
  maskDates,
  redactFields,
  type BlindedAttribute,
  type ShownField,
} from './blinding.ts';
export * from './study/index.ts';
export { DEFAULT_QC_THRESHOLDS, type QcThresholds } from './qcThresholds.ts';
export {
  applyBatch,
  inverseOf,
  type BatchResult,
  type CommandInputs,
  type CommandKind,
  type ReadCommand,
  type Step,
} from './undo.ts';
