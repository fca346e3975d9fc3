/**
 * The CLI's DICOM SR commands (docs/sr.md): `sr` writes one SR file per read file, named after
 * the read id and version; `from-sr` writes the read JSON back from SR files (same naming). Both
 * check what they read with the app's own import. File IO is injected (scripts/reads.mjs).
 */
import { readFileName, exportReadSr, importReadSr } from '../dicom/sr/index.ts';
import { exportReadJson, type Sha256, type VerifyBytes } from '../domain/index.ts';
import { loadRead, type ReadText } from './load.ts';
import type { CliProblem } from './problems.ts';

/** Reads a file's bytes. */
export type ReadBytes = (path: string) => Promise<Uint8Array>;
/** Writes a file (text as UTF-8), creating its folder. */
export type WriteFile = (path: string, data: Uint8Array | string) => Promise<void>;

/** The file IO of the SR commands. */
export interface SrIo {
  readonly readText: ReadText;
  readonly readBytes: ReadBytes;
  readonly writeFile: WriteFile;
  readonly sha256: Sha256;
  /** Key-signature verification for the import's checks (src/cli/integrity.ts). */
  readonly verify: VerifyBytes;
}

/** One file written. */
export interface Written {
  readonly from: string;
  readonly to: string;
  readonly readId: string;
  readonly version: number;
  readonly state: string;
  readonly sopInstanceUid: string;
}

/** What an SR command did. */
export interface SrReport {
  readonly written: readonly Written[];
  readonly problems: readonly CliProblem[];
}

const outPath = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function toSr(file: string, out: string, io: SrIo): Promise<Written | CliProblem[]> {
  const load = await loadRead(file, io.readText, { sha256: io.sha256, verify: io.verify });
  if (!load.ok) return [...load.problems];
  const { read } = load.loaded;
  const { bytes, uids, fileName } = await exportReadSr(read, { sha256: io.sha256 });
  const to = outPath(out, fileName);
  try {
    await io.writeFile(to, bytes);
  } catch (error) {
    return [{ file: to, path: '$', message: `cannot write the file: ${message(error)}` }];
  }
  const { readId, version } = read;
  return {
    from: file,
    to,
    readId,
    version,
    state: read.state.kind,
    sopInstanceUid: uids.sopInstance,
  };
}

async function fromSr(file: string, out: string, io: SrIo): Promise<Written | CliProblem[]> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readBytes(file);
  } catch (error) {
    return [{ file, path: '$', message: `cannot read the file: ${message(error)}` }];
  }
  const result = await importReadSr(bytes, { sha256: io.sha256, verify: io.verify });
  if (!result.ok) {
    return result.problems.map((p) => ({
      file,
      path: p.path === '' ? '$' : p.path,
      message: p.message,
    }));
  }
  const { read, exportedAt } = result;
  const to = outPath(out, readFileName(read.readId, read.version, 'json'));
  try {
    await io.writeFile(to, exportReadJson(read, { now: () => exportedAt }));
  } catch (error) {
    return [{ file: to, path: '$', message: `cannot write the file: ${message(error)}` }];
  }
  return {
    from: file,
    to,
    readId: read.readId,
    version: read.version,
    state: read.state.kind,
    sopInstanceUid: result.sopInstanceUid,
  };
}

/** Runs `sr` or `from-sr` over the files, one after the other (files may be large). */
export async function runSrCommand(
  command: 'sr' | 'from-sr',
  files: readonly string[],
  out: string,
  io: SrIo,
): Promise<SrReport> {
  const written: Written[] = [];
  const problems: CliProblem[] = [];
  for (const file of files) {
    const result = await (command === 'sr' ? toSr : fromSr)(file, out, io);
    if (Array.isArray(result)) problems.push(...result);
    else written.push(result);
  }
  return { written, problems };
}

/** The text report: one line per file written. */
export function renderSrReport(report: SrReport): string[] {
  return [
    ...report.written.map(
      (w) =>
        `${w.from} -> ${w.to} (read ${w.readId} v${w.version} ${w.state}, SOP Instance UID ${w.sopInstanceUid})`,
    ),
    `${report.written.length} written, ${report.problems.length === 0 ? 'no problems' : `${report.problems.length} problems`}`,
  ];
}
