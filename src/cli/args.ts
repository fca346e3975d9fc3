/**
 * The batch CLI's command line: the commands, the usage text and `parseArgs`, which turns the
 * arguments into an invocation or a usage error (src/cli/reads.ts runs it).
 */
import type { EndpointReads } from './integrity.ts';

export const COMMANDS = [
  'validate',
  'status',
  'compare',
  'readers',
  'endpoint',
  'progress',
  'sr',
  'from-sr',
] as const;
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
                            (lesions in one read only are excluded from kappa and counted);
                            with consensus reads among the files, also the adjudication rate
                            and each reader's acceptance of the consensus
  readers [--gap-cap MIN] FILES...
                            reader monitoring of the readers' reads and consensus reads: per
                            reader adjudication rate, disagreement index (share of discordances
                            the consensus overruled), kappa against the consensus per modality,
                            median active reading time per case (audit gaps capped at MIN
                            minutes, default 5); docs/statistics.md
  endpoint [--outcomes FILE] [--allow-drafts | --any-read] FILES...
                            NPV of "disappeared" for cDLM (CT+MRI), CT-DLM (CT alone) and cDLM
                            with CE-IOUS not seen, with Clopper-Pearson and Wilson 95% intervals
                            and lesion and patient counts; one read per patient: signed
                            consensus reads only (--allow-drafts: consensus reads in any
                            state; --any-read: every read), listed with their state; outcomes
                            as CSV (header row) or a JSON array
  progress --study FILE FILES...
                            the campaign's progress per reader of the study file
                            (public/schema/study-v1.schema.json): a reader's signed cases of
                            theirs, reads in progress, cases not started and the next case in
                            their read order; an adjudicator's cases with both reads signed,
                            waiting, discordant; reads of no case of the study are listed
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
  --study FILE              progress: the study file; validate: the study's readers with a
                            public key are the roster (as --roster)
  --outcomes FILE           the outcomes of endpoint
  --gap-cap MIN             readers: the cap of one gap between audit entries, minutes
  --out DIR                 where sr and from-sr write their files
  -h, --help                this text

Every problem is printed as "file: $.json.path: message" (outcomes CSV: "file: row R, column C:
message"). Exit status: 0 no problem, 1 a problem in a file, 2 usage error.
`;

export interface Invocation {
  readonly command: Command;
  readonly json: boolean;
  readonly outcomes?: string;
  readonly out?: string;
  readonly roster?: string;
  readonly gapCapMinutes?: number;
  readonly study?: string;
  readonly endpointReads: EndpointReads;
  readonly files: readonly string[];
}

export type Parsed =
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
  let gapCap: number | undefined;
  let study: string | undefined;
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
    } else if (arg === '--gap-cap' || arg.startsWith('--gap-cap=')) {
      const value = arg === '--gap-cap' ? argv[++i] : arg.slice('--gap-cap='.length);
      const minutes = Number(value);
      if (value === undefined || value === '' || !(Number.isFinite(minutes) && minutes > 0)) {
        return { kind: 'error', message: '--gap-cap needs a positive number of minutes' };
      }
      gapCap = minutes;
    } else if (arg === '--study' || arg.startsWith('--study=')) {
      const value = arg === '--study' ? argv[++i] : arg.slice('--study='.length);
      if (value === undefined || value === '')
        return { kind: 'error', message: '--study needs a file' };
      if (study !== undefined) return { kind: 'error', message: '--study given twice' };
      study = value;
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
  if (gapCap !== undefined && command !== 'readers') {
    return { kind: 'error', message: '--gap-cap belongs to the readers command' };
  }
  if (study !== undefined && command !== 'progress' && command !== 'validate') {
    return { kind: 'error', message: '--study belongs to the progress and validate commands' };
  }
  if (command === 'progress' && study === undefined) {
    return { kind: 'error', message: 'progress needs --study FILE' };
  }
  if (study !== undefined && roster !== undefined) {
    return { kind: 'error', message: '--study and --roster exclude each other' };
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
    ...(gapCap === undefined ? {} : { gapCapMinutes: gapCap }),
    ...(study === undefined ? {} : { study }),
  };
}
