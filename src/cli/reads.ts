/**
 * The batch CLI for data managers: `npm run reads -- <command> [--json] FILES...`
 * over the app's own domain code. scripts/reads.mjs is the node entry; this module is pure apart
 * from the injected file reader and sha256, so tests call `runReads` directly.
 *
 * Output: text (aligned tables) by default; `--json` prints one JSON document on stdout, problems
 * included, and nothing on stderr. In text mode `validate` writes its whole report (OK lines and
 * problem lines) on stdout; the other commands write their tables on stdout and the problems on
 * stderr. Every problem names its file and JSON path: `file: $.json.path: message` (outcomes CSV:
 * `file: row R, column C: message`).
 *
 * Exit status: 0 = no problem; 1 = a problem in a file (unreadable, not JSON, schema, hash chain,
 * pairing, outcomes), though every table that could be computed from the rest is still printed;
 * 2 = usage error (unknown command or option, no files).
 */
import { INTERVAL_METHOD_LABELS, type Sha256, type VerifyBytes } from '../domain/index.ts';
import {
  endpointReadsJson,
  loadRoster,
  renderEndpointReads,
  selectEndpointReads,
  signatureWords,
  webCryptoVerify,
  withSigners,
  type EndpointReads,
} from './integrity.ts';
import {
  compareStudy,
  endpointStudy,
  readRef,
  statusTable,
  type CompareReport,
} from './analysis.ts';
import { loadOutcomes, loadReads, type LoadedRead, type ReadLoad, type ReadText } from './load.ts';
import { formatProblem, type CliProblem } from './problems.ts';
import { renderCompare, renderStatus } from './render.ts';
import { renderEndpoint } from './renderEndpoint.ts';
import { runSdtm, type CliOutput } from './sdtm.ts';
import { renderSrReport, runSrCommand, type ReadBytes, type WriteFile } from './sr.ts';
import { plural } from './table.ts';

export type { ReadText } from './load.ts';

/** What a run prints and its exit status. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the sdtm command wrote through `RunOptions.writeFile`. */
  readonly outputs?: readonly CliOutput[];
}

/** Services the entry injects. */
export interface RunOptions {
  /** sha256 hex of UTF-8 text; default Web Crypto (`crypto.subtle`, also in node >= 20). */
  readonly sha256?: Sha256;
  /** File bytes and file writing, for the commands that write files (`sr`, `from-sr`, `sdtm`). */
  readonly readBytes?: ReadBytes;
  readonly writeFile?: WriteFile;
  /** ECDSA P-256 verification of key signatures; default Web Crypto. */
  readonly verify?: VerifyBytes;
}

/** The commands. */
export const COMMANDS = ['validate', 'status', 'compare', 'endpoint', 'sr', 'from-sr'] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE = `Usage: npm run reads -- <command> [--json] FILES...

Batch checks and analyses of DREAM read files (the app's JSON exports).

Commands:
  validate FILES...         each file through the app's import: JSON syntax, schema (older
                            schema versions migrated), lesion ids, derived statuses, the
                            audit trail's hash chain, and the replay of the audit trail against
                            the content (docs/record-integrity.md)
  status FILES...           the lesion table: patient, reader, read id/version/state, lesion,
                            segment, calls at the status timepoint, derived status, CT-DLM, reason
  compare FILES...          the two reads of each patient (different readers): matched lesions,
                            discordances, then percent agreement and Cohen's kappa (Landis & Koch)
                            per modality and for the derived status, over matched lesion pairs
                            (lesions in one read only are excluded from kappa and counted)
  endpoint [--outcomes FILE] [--allow-drafts | --any-read] FILES...
                            NPV of "disappeared" for cDLM (CT+MRI), CT-DLM (CT alone) and cDLM
                            with CE-IOUS not seen, with Clopper-Pearson and Wilson 95% intervals
                            and lesion and patient counts; one read per patient: signed
                            consensus reads only (--allow-drafts: consensus reads in any
                            state; --any-read: every read), listed with their state; outcomes
                            as CSV (header row) or a JSON array
  sr --out DIR FILES...     each read file (checked as by validate) as a DICOM SR, TID 1500
                            (docs/sr.md), written to DIR as <read id>-v<version>.dcm
  from-sr --out DIR FILES...
                            each DREAM SR file back to its read file, checked by the app's
                            import, written to DIR as <read id>-v<version>.json

  sdtm [--study ID] --out DIR FILES...
                            CDISC SDTM TU, TR, RS of consensus reads (one per patient) as
                            DIR/tu.csv, tr.csv, rs.csv (mapping: docs/sdtm.md; STUDYID DREAM)

Options:
  --json                    one JSON document on stdout, problems included
  --roster FILE             validate: each signed read must carry a key signature by a key the
                            roster (public/schema/roster-v1.schema.json) registers for its
                            signer: "signed by <roster name>, registered key", or refused
  --outcomes FILE           the outcomes of endpoint
  --out DIR                 where sr and from-sr write their files
  -h, --help                this text

Every problem is printed as "file: $.json.path: message" (outcomes CSV: "file: row R, column C:
message"). Exit status: 0 no problem, 1 a problem in a file, 2 usage error.
`;

interface Invocation {
  readonly command: Command;
  readonly json: boolean;
  readonly outcomes?: string;
  readonly out?: string;
  readonly roster?: string;
  readonly endpointReads: EndpointReads;
  readonly files: readonly string[];
}

type Parsed =
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string }
  | ({ readonly kind: 'run' } & Invocation);

function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

/** Parses argv (without node and the script): options anywhere, `--` ends the options. */
export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  let json = false;
  let outcomes: string | undefined;
  let out: string | undefined;
  let roster: string | undefined;
  let endpointReads: EndpointReads | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--json') json = true;
    else if (arg === '--allow-drafts' || arg === '--any-read') {
      const mode = arg === '--any-read' ? 'any-read' : 'allow-drafts';
      if (endpointReads !== undefined && endpointReads !== mode) {
        return { kind: 'error', message: '--allow-drafts and --any-read exclude each other' };
      }
      endpointReads = mode;
    } else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--outcomes' || arg.startsWith('--outcomes=')) {
      const value = arg === '--outcomes' ? argv[++i] : arg.slice('--outcomes='.length);
      if (value === undefined || value === '') {
        return { kind: 'error', message: '--outcomes needs a file' };
      }
      if (outcomes !== undefined) return { kind: 'error', message: '--outcomes given twice' };
      outcomes = value;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (value === undefined || value === '')
        return { kind: 'error', message: '--out needs a folder' };
      if (out !== undefined) return { kind: 'error', message: '--out given twice' };
      out = value;
    } else if (arg === '--roster' || arg.startsWith('--roster=')) {
      const value = arg === '--roster' ? argv[++i] : arg.slice('--roster='.length);
      if (value === undefined || value === '')
        return { kind: 'error', message: '--roster needs a file' };
      if (roster !== undefined) return { kind: 'error', message: '--roster given twice' };
      roster = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { kind: 'error', message: `unknown option ${arg}` };
    } else positional.push(arg);
  }
  const [command, ...files] = positional;
  if (help || command === 'help') return { kind: 'help' };
  if (command === undefined) {
    return { kind: 'error', message: `no command; expected one of ${COMMANDS.join(', ')}` };
  }
  if (!isCommand(command)) {
    return {
      kind: 'error',
      message: `unknown command "${command}"; expected one of ${COMMANDS.join(', ')}`,
    };
  }
  if (outcomes !== undefined && command !== 'endpoint') {
    return { kind: 'error', message: '--outcomes belongs to the endpoint command' };
  }
  const writes = command === 'sr' || command === 'from-sr';
  if (writes && out === undefined) return { kind: 'error', message: `${command} needs --out DIR` };
  if (!writes && out !== undefined) {
    return { kind: 'error', message: '--out belongs to the sr and from-sr commands' };
  }
  if (endpointReads !== undefined && command !== 'endpoint') {
    return {
      kind: 'error',
      message: '--allow-drafts and --any-read belong to the endpoint command',
    };
  }
  if (roster !== undefined && command !== 'validate') {
    return { kind: 'error', message: '--roster belongs to the validate command' };
  }
  if (files.length === 0) return { kind: 'error', message: `${command}: no files given` };
  return {
    kind: 'run',
    command,
    json,
    files,
    endpointReads: endpointReads ?? 'signed-consensus',
    ...(outcomes === undefined ? {} : { outcomes }),
    ...(out === undefined ? {} : { out }),
    ...(roster === undefined ? {} : { roster }),
  };
}

/** sha256 by Web Crypto (browsers, node >= 20). */
export const webCryptoSha256: Sha256 = async (text) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
};

function lines(list: readonly string[]): string {
  return list.length === 0 ? '' : `${list.join('\n')}\n`;
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Text-mode result of a command that prints a report and problems. */
function textResult(report: readonly string[], problems: readonly CliProblem[]): CliResult {
  return {
    exitCode: problems.length > 0 ? 1 : 0,
    stdout: lines(report),
    stderr: lines(problems.map(formatProblem)),
  };
}

function jsonResult(
  command: Command,
  problems: readonly CliProblem[],
  body: Record<string, unknown>,
): CliResult {
  const ok = problems.length === 0;
  return { exitCode: ok ? 0 : 1, stdout: jsonText({ command, ok, ...body, problems }), stderr: '' };
}

function loadedOf(loads: readonly ReadLoad[]): {
  loaded: LoadedRead[];
  problems: CliProblem[];
} {
  const loaded: LoadedRead[] = [];
  const problems: CliProblem[] = [];
  for (const load of loads) {
    if (load.ok) loaded.push(load.loaded);
    else problems.push(...load.problems);
  }
  return { loaded, problems };
}

function validate(loads: readonly ReadLoad[], json: boolean): CliResult {
  const { problems } = loadedOf(loads);
  if (json) {
    return jsonResult('validate', problems, {
      files: loads.map((load) =>
        load.ok
          ? {
              file: load.loaded.file,
              ok: true,
              read: {
                ...readRef(load.loaded),
                lesions: load.loaded.read.lesions.length,
                auditEntries: load.loaded.read.audit.length,
                exportedAt: load.loaded.exportedAt,
                integrity: load.loaded.integrity,
                ...(load.loaded.signer !== undefined && { signer: load.loaded.signer }),
              },
            }
          : { file: load.file, ok: false, problems: load.problems },
      ),
    });
  }
  const report: string[] = [];
  for (const load of loads) {
    if (!load.ok) {
      report.push(...load.problems.map(formatProblem));
      continue;
    }
    const { file, read, integrity } = load.loaded;
    report.push(
      `${file}: OK (patient ${read.patientId}, reader ${read.reader.id}, read ${read.readId} ` +
        `v${read.version} ${read.state.kind}, ${plural(read.lesions.length, 'lesion')}, ` +
        `${read.audit.length} audit ${read.audit.length === 1 ? 'entry' : 'entries'}, hash chain intact, ` +
        `${integrity.replay === 'full' ? 'replay-checked' : 'replay-checked partially'}` +
        `${signatureWords(load.loaded)})`,
      ...integrity.notes.map((note) => `${file}:   note: ${note}`),
    );
  }
  const failed = loads.filter((l) => !l.ok).length;
  report.push(
    `${plural(loads.length, 'file')}: ${loads.length - failed} OK, ${failed} with problems` +
      (failed > 0 ? ` (${plural(problems.length, 'problem')})` : ''),
  );
  return { exitCode: failed > 0 ? 1 : 0, stdout: lines(report), stderr: '' };
}

function compareJson(report: CompareReport): Record<string, unknown> {
  return {
    patients: report.patients.map((p) => ({
      patientId: p.patientId,
      read1: p.read1,
      read2: p.read2,
      timepoint: p.comparison.config.statusTimepoint,
      matchDistanceMm: p.comparison.config.matchDistanceMm,
      pairs: p.comparison.pairs.map((pair) => ({
        lesion1: pair.lesion1,
        lesion2: pair.lesion2,
        distanceMm: pair.distanceMm,
        status1: pair.status1.status,
        status2: pair.status2.status,
      })),
      unpaired: p.comparison.unpaired.map((u) => ({
        side: u.side,
        lesionId: u.lesionId,
        status: u.status.status,
      })),
      discordances: p.comparison.discordances,
    })),
    summary: {
      patients: report.patients.length,
      readerPairs: report.agreement.readerPairs,
      matchedPairs: report.agreement.detection.matchedPairs,
      inOneReadOnly: {
        reader1: report.agreement.detection.onlyReader1,
        reader2: report.agreement.detection.onlyReader2,
      },
      discordances: report.discordances,
      patientsWithDiscordances: report.patientsWithDiscordances,
    },
    methods: {
      level: report.agreement.level,
      includeUnset: report.agreement.includeUnset,
      kappaInterval: INTERVAL_METHOD_LABELS['fleiss-cohen-everitt-wald'],
      bootstrap: report.agreement.bootstrap,
    },
    agreement: report.agreement.rows,
    detection: report.agreement.detection,
  };
}

/**
 * Runs one CLI invocation.
 *
 * @param argv the arguments after the script name
 * @param readFile reads a file's text (errors become "cannot read the file" problems)
 * @param options the sha256 the audit chains are verified with (default Web Crypto)
 */
export async function runReads(
  argv: readonly string[],
  readFile: ReadText,
  options: RunOptions = {},
): Promise<CliResult> {
  if (argv[0] === 'sdtm') {
    const result = await runSdtm(argv.slice(1), readFile, {
      sha256: options.sha256 ?? webCryptoSha256,
      verify: options.verify ?? webCryptoVerify,
    });
    for (const output of result.outputs) await options.writeFile?.(output.path, output.text);
    return result;
  }
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') return { exitCode: 0, stdout: USAGE, stderr: '' };
  if (parsed.kind === 'error') {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `reads: ${parsed.message}\nRun "npm run reads -- --help" for usage.\n`,
    };
  }
  const sha256 = options.sha256 ?? webCryptoSha256;
  if (parsed.command === 'sr' || parsed.command === 'from-sr') {
    const { readBytes, writeFile } = options;
    if (readBytes === undefined || writeFile === undefined || parsed.out === undefined) {
      throw new Error('reads: the SR commands need --out, readBytes and writeFile');
    }
    const verify = options.verify ?? webCryptoVerify;
    const io = { readText: readFile, readBytes, writeFile, sha256, verify };
    const report = await runSrCommand(parsed.command, parsed.files, parsed.out, io);
    return parsed.json
      ? jsonResult(parsed.command, report.problems, { written: report.written })
      : textResult(renderSrReport(report), report.problems);
  }
  const verify = options.verify ?? webCryptoVerify;
  const [loads, outcomesLoad, rosterLoad] = await Promise.all([
    loadReads(parsed.files, readFile, { sha256, verify }),
    parsed.outcomes === undefined ? undefined : loadOutcomes(parsed.outcomes, readFile),
    parsed.roster === undefined ? undefined : loadRoster(parsed.roster, readFile),
  ]);
  if (parsed.command === 'validate') {
    if (rosterLoad?.ok === false) {
      return parsed.json
        ? jsonResult('validate', rosterLoad.problems, { files: [] })
        : { exitCode: 1, stdout: lines(rosterLoad.problems.map(formatProblem)), stderr: '' };
    }
    return validate(withSigners(loads, rosterLoad?.roster), parsed.json);
  }

  const { loaded, problems } = loadedOf(loads);
  switch (parsed.command) {
    case 'status': {
      const { rows, readsWithoutLesions } = statusTable(loaded);
      return parsed.json
        ? jsonResult('status', problems, { lesions: rows, readsWithoutLesions })
        : textResult(renderStatus(rows, readsWithoutLesions), problems);
    }
    case 'compare': {
      const report = compareStudy(loaded);
      const all = [...problems, ...report.problems];
      return parsed.json
        ? jsonResult('compare', all, compareJson(report))
        : textResult(renderCompare(report), all);
    }
    case 'endpoint': {
      const outcomesProblems = outcomesLoad?.ok === false ? outcomesLoad.problems : [];
      const outcomes = outcomesLoad?.ok === true ? outcomesLoad.outcomes : [];
      if (outcomesProblems.length > 0) {
        // An endpoint from partly read outcomes would be wrong, not just incomplete.
        const all = [...problems, ...outcomesProblems];
        return parsed.json
          ? jsonResult('endpoint', all, { table: null })
          : textResult(['No endpoint table (the outcomes file has problems).'], all);
      }
      const { used, skipped } = selectEndpointReads(loaded, parsed.endpointReads);
      const report = endpointStudy(used, outcomes, parsed.outcomes);
      const all = [...problems, ...report.problems];
      return parsed.json
        ? jsonResult('endpoint', all, {
            outcomes: parsed.outcomes ?? null,
            ...endpointReadsJson(used, skipped),
            patients: report.patients,
            config: report.table?.config ?? null,
            level: report.table?.level ?? null,
            bootstrap: report.table?.bootstrap ?? null,
            methods: INTERVAL_METHOD_LABELS,
            rows: report.table?.rows ?? null,
            lesions: report.table?.lesions ?? null,
            unmatchedOutcomes: report.unmatchedOutcomes,
          })
        : textResult(
            [...renderEndpointReads(used, skipped), ...renderEndpoint(report, parsed.outcomes)],
            all,
          );
    }
  }
}
