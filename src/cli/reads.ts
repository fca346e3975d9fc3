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
import {
  INTERVAL_METHOD_LABELS,
  studyRoster,
  type Sha256,
  type VerifyBytes,
} from '../domain/index.ts';
import {
  endpointReadsJson,
  loadRoster,
  renderEndpointReads,
  selectEndpointReads,
  signatureWords,
  webCryptoVerify,
  withSigners,
} from './integrity.ts';
import {
  compareStudy,
  endpointStudy,
  readRef,
  statusTable,
  type CompareReport,
} from './analysis.ts';
import { loadOutcomes, loadReads, type LoadedRead, type ReadLoad, type ReadText } from './load.ts';
import { parseArgs, USAGE, type Command } from './args.ts';
import { formatProblem, type CliProblem } from './problems.ts';
import { loadStudy, renderProgress, studyProgress } from './progress.ts';
import { renderCompare, renderStatus } from './render.ts';
import {
  adjudicationJson,
  readersMethods,
  readersStudy,
  renderAdjudication,
  renderReaders,
} from './readers.ts';
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
export { COMMANDS, USAGE, parseArgs, type Command } from './args.ts';

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
  const [loads, outcomesLoad, rosterLoad, studyLoad] = await Promise.all([
    loadReads(parsed.files, readFile, { sha256, verify }),
    parsed.outcomes === undefined ? undefined : loadOutcomes(parsed.outcomes, readFile),
    parsed.roster === undefined ? undefined : loadRoster(parsed.roster, readFile),
    parsed.study === undefined ? undefined : loadStudy(parsed.study, readFile),
  ]);
  const setupProblems = [
    ...(rosterLoad?.ok === false ? rosterLoad.problems : []),
    ...(studyLoad?.ok === false ? studyLoad.problems : []),
  ];
  if (setupProblems.length > 0) {
    // Without its roster or study a command would check or count the wrong thing.
    return parsed.json
      ? jsonResult(parsed.command, setupProblems, {})
      : parsed.command === 'validate' // validate reports everything on stdout
        ? { exitCode: 1, stdout: lines(setupProblems.map(formatProblem)), stderr: '' }
        : { exitCode: 1, stdout: '', stderr: lines(setupProblems.map(formatProblem)) };
  }
  const study = studyLoad?.ok === true ? studyLoad.study : undefined;
  if (parsed.command === 'validate') {
    const roster = rosterLoad?.ok === true ? rosterLoad.roster : study && studyRoster(study);
    if (study !== undefined && roster === undefined) {
      const problem = {
        file: parsed.study ?? '',
        path: '$.readers',
        message: 'no reader of the study has a public key, so no signer can be checked',
      };
      return parsed.json
        ? jsonResult('validate', [problem], { files: [] })
        : { exitCode: 1, stdout: lines([formatProblem(problem)]), stderr: '' };
    }
    return validate(withSigners(loads, roster), parsed.json);
  }

  const { loaded, problems } = loadedOf(loads);
  switch (parsed.command) {
    case 'progress': {
      if (study === undefined) throw new Error('reads: progress needs its study');
      const progress = studyProgress(study, loaded);
      return parsed.json
        ? jsonResult('progress', problems, { ...progress })
        : textResult(renderProgress(progress), problems);
    }
    case 'status': {
      const { rows, readsWithoutLesions } = statusTable(loaded);
      return parsed.json
        ? jsonResult('status', problems, { lesions: rows, readsWithoutLesions })
        : textResult(renderStatus(rows, readsWithoutLesions), problems);
    }
    case 'compare': {
      const report = compareStudy(loaded);
      const all = [...problems, ...report.problems];
      // With consensus reads among the files, the adjudication figures of the reader monitoring.
      const monitoring = loaded.some((l) => l.read.consensus !== undefined)
        ? readersStudy(loaded)
        : undefined;
      return parsed.json
        ? jsonResult('compare', all, {
            ...compareJson(report),
            adjudication: monitoring === undefined ? null : adjudicationJson(monitoring),
          })
        : textResult(
            [...renderCompare(report), ...(monitoring ? renderAdjudication(monitoring) : [])],
            all,
          );
    }
    case 'readers': {
      const monitoring = readersStudy(
        loaded,
        parsed.gapCapMinutes === undefined ? {} : { gapCapMinutes: parsed.gapCapMinutes },
      );
      return parsed.json
        ? jsonResult('readers', problems, {
            methods: readersMethods(monitoring),
            ...monitoring,
          })
        : textResult(renderReaders(monitoring), problems);
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
