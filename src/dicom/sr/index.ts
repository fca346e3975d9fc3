/**
 * DICOM SR (TID 1500 Measurement Report) of a read and back (docs/sr.md). The only module of
 * src/dicom that the CLI may import (eslint.config.js).
 */
export {
  encodeReadSr,
  exportReadSr,
  readFileName,
  writePart10,
  type SrExportOptions,
} from './encode.ts';
export type { SopClassOf } from './groups.ts';
export { srUids, trackingUid, uidFromName, type SrUids } from './uids.ts';
export { importReadSr, type SrImportResult } from './importSr.ts';
