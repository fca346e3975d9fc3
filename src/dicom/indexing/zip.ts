/**
 * ZIP archives among the dropped files: detected by name or by the local file header signature
 * "PK\x03\x04" (APPNOTE.TXT §4.3.7), expanded with fflate, entries named "archive.zip/inner/path".
 */
import { unzipSync } from 'fflate';

/** Bytes needed by {@link hasZipSignature}. */
export const ZIP_SIGNATURE_BYTES = 4;

/** Whether the bytes start with a ZIP local file header. */
export function hasZipSignature(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Whether the name says ZIP (case-insensitive); the signature check catches unnamed ones. */
export function hasZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

/** One file inside an archive. */
export interface ZipEntry {
  name: string;
  /** fflate allocates plain ArrayBuffers (never shared), so this is a valid BlobPart. */
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Expands one archive. Folder entries (names ending "/") and macOS resource forks ("__MACOSX/")
 * carry no images and are dropped. Throws when the archive is corrupt.
 */
export function expandZip(archiveName: string, bytes: Uint8Array): ZipEntry[] {
  const entries = unzipSync(bytes, {
    filter: (file) => !file.name.endsWith('/') && !file.name.startsWith('__MACOSX/'),
  });
  return Object.entries(entries)
    .map(([path, data]) => ({
      name: `${archiveName}/${path}`,
      bytes: data,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
