/**
 * `npm run reads -- sdtm [--study ID] --out DIR FILES...`: the SDTM TU, TR and RS domains
 * (docs/sdtm.md) of consensus read files, as DIR/tu.csv, tr.csv and rs.csv. Pure like reads.ts:
 * the files to write are returned in `outputs` and the entry script writes them.
 *
 * Every file must import cleanly and the patients must be distinct (one consensus read each);
 * otherwise nothing is written and the problems are printed (exit 1). Usage errors exit 2.
 */
import { sdtmCsv, sdtmTables, type SdtmDomain } from '../domain/export/sdtm.ts';
import type { ImportOptions } from '../domain/index.ts';
import { loadReads, type ReadText } from './load.ts';
import { atPath, formatProblem, type CliProblem } from './problems.ts';

/** A file the entry script writes (path relative to the working directory). */
export interface CliOutput {
  readonly path: string;
  readonly text: string;
}

export interface SdtmResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: readonly CliOutput[];
}

/** STUDYID when `--study` is not given. */
export const DEFAULT_STUDY_ID = 'DREAM';

const DOMAINS: readonly SdtmDomain[] = ['TU', 'TR', 'RS'];

function usageError(message: string): SdtmResult {
  const stderr = `reads: sdtm: ${message}\nRun "npm run reads -- --help" for usage.\n`;
  return { exitCode: 2, stdout: '', stderr, outputs: [] };
}

/** Runs `sdtm` with the arguments after the command name. */
export async function runSdtm(
  argv: readonly string[],
  readFile: ReadText,
  checks: ImportOptions,
): Promise<SdtmResult> {
  const files: string[] = [];
  let out: string | undefined;
  let study: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--out' || arg === '--study') {
      const value = argv[++i];
      if (value === undefined || value === '') return usageError(`${arg} needs a value`);
      if (arg === '--out') out = value;
      else study = value;
    } else if (arg.startsWith('-') && arg !== '-') return usageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (out === undefined) return usageError('--out DIR is required');
  if (files.length === 0) return usageError('no files given');

  const loads = await loadReads(files, readFile, checks);
  const problems: CliProblem[] = loads.flatMap((load) => (load.ok ? [] : load.problems));
  const reads = loads.flatMap((load) => (load.ok ? [load.loaded] : []));
  const firstFile = new Map<string, string>();
  for (const { file, read } of reads) {
    const first = firstFile.get(read.patientId);
    if (first !== undefined) {
      const message = `patient ${read.patientId} already has a consensus read (${first})`;
      problems.push(atPath(file, '$.patientId', message));
    } else firstFile.set(read.patientId, file);
  }
  if (problems.length > 0) {
    const stderr = `${problems.map(formatProblem).join('\n')}\nNo SDTM files written.\n`;
    return { exitCode: 1, stdout: '', stderr, outputs: [] };
  }
  const tables = sdtmTables(
    reads.map((r) => r.read),
    { studyId: study ?? DEFAULT_STUDY_ID },
  );
  const dir = out.replace(/\/+$/, '') || '/';
  const outputs = DOMAINS.map((domain) => ({
    path: `${dir}/${domain.toLowerCase()}.csv`,
    text: sdtmCsv(tables[domain]),
  }));
  const stdout = DOMAINS.map(
    (domain, i) => `${outputs[i]?.path ?? ''}: ${tables[domain].length - 1} rows\n`,
  ).join('');
  return { exitCode: 0, stdout, stderr: '', outputs };
}
