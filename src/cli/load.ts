/**
 * Loading the CLI's inputs through the injected file reader: read files via the app's own import
 * (`importReadJson`: JSON syntax, schema migrations, schema, lesion ids, audit hash chain, derived
 * statuses) and outcomes via `parseOutcomesCsv` (or, for a `.json` file, `lesionOutcomesSchema`).
 * No node APIs here: the entry script injects `readFile` and node's sha256.
 */
import {
  importReadJson,
  lesionOutcomesSchema,
  parseOutcomesCsv,
  type IntegrityReport,
  type LesionOutcome,
  type Read,
  type ImportOptions,
} from '../domain/index.ts';
import { jsonPath, jsonPathOf, type CliProblem } from './problems.ts';

/** Reads a file's text (node's `fs.readFile(path, 'utf8')` in the entry script). */
export type ReadText = (path: string) => Promise<string>;

/** A read that imported cleanly, with the file it came from. */
export interface LoadedRead {
  readonly file: string;
  readonly read: Read;
  readonly exportedAt: string;
  /** What the integrity checks proved (replay, signature). */
  readonly integrity: IntegrityReport;
  /** With a roster: "signed by <roster name>, registered key". */
  readonly signer?: string;
}

/** What became of one read file: the read, or every problem found in it. */
export type ReadLoad =
  | { readonly ok: true; readonly loaded: LoadedRead }
  | { readonly ok: false; readonly file: string; readonly problems: readonly CliProblem[] };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads a file, or the problem "cannot read" at `$`. */
async function readText(
  file: string,
  readFile: ReadText,
): Promise<{ ok: true; text: string } | { ok: false; problem: CliProblem }> {
  try {
    return { ok: true, text: await readFile(file) };
  } catch (error) {
    return {
      ok: false,
      problem: { file, path: '$', message: `cannot read the file: ${errorMessage(error)}` },
    };
  }
}

/**
 * Loads a JSON file that a domain parser checks with every problem by path (a study file, a
 * roster): the parser's result, or the problems with the file named (`what` says which file it
 * is when it cannot be read).
 */
export async function loadParsed<T extends { readonly ok: true }>(
  file: string,
  readFile: ReadText,
  what: string,
  parse: (
    text: string,
  ) => T | { readonly ok: false; readonly problems: readonly { path: string; message: string }[] },
): Promise<T | { ok: false; problems: CliProblem[] }> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    const message = `cannot read the ${what}: ${errorMessage(error)}`;
    return { ok: false, problems: [{ file, path: '$', message }] };
  }
  const parsed = parse(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: parsed.problems.map((p) => ({ file, path: jsonPath(p.path), message: p.message })),
  };
}

/** Loads and checks one read file (see the module comment). */
export async function loadRead(
  file: string,
  readFile: ReadText,
  checks: ImportOptions,
): Promise<ReadLoad> {
  const text = await readText(file, readFile);
  if (!text.ok) return { ok: false, file, problems: [text.problem] };
  const result = await importReadJson(text.text, checks);
  if (!result.ok) {
    return {
      ok: false,
      file,
      problems: result.problems.map((p) => ({ file, path: jsonPath(p.path), message: p.message })),
    };
  }
  const { read, exportedAt, integrity } = result;
  return { ok: true, loaded: { file, read, exportedAt, integrity } };
}

/** Loads read files in parallel; results in the order given. */
export function loadReads(
  files: readonly string[],
  readFile: ReadText,
  checks: ImportOptions,
): Promise<ReadLoad[]> {
  return Promise.all(files.map((file) => loadRead(file, readFile, checks)));
}

/** The outcomes of an outcomes file, or every problem found in it. */
export type OutcomesLoad =
  | { readonly ok: true; readonly outcomes: readonly LesionOutcome[] }
  | { readonly ok: false; readonly problems: readonly CliProblem[] };

/**
 * Loads outcomes: CSV (outcomes.ts format; problems by row and column) or, when the file name ends
 * in `.json`, a JSON array of outcomes (problems by JSON path).
 */
export async function loadOutcomes(file: string, readFile: ReadText): Promise<OutcomesLoad> {
  const text = await readText(file, readFile);
  if (!text.ok) return { ok: false, problems: [text.problem] };
  if (file.toLowerCase().endsWith('.json')) {
    let value: unknown;
    try {
      value = JSON.parse(text.text);
    } catch (error) {
      return {
        ok: false,
        problems: [{ file, path: '$', message: `not valid JSON: ${errorMessage(error)}` }],
      };
    }
    const parsed = lesionOutcomesSchema.safeParse(value);
    if (parsed.success) return { ok: true, outcomes: parsed.data };
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        path: jsonPathOf(issue.path),
        message: issue.message,
      })),
    };
  }
  const parsed = parseOutcomesCsv(text.text);
  if (parsed.ok) return { ok: true, outcomes: parsed.outcomes };
  return {
    ok: false,
    problems: parsed.problems.map((p) => ({
      file,
      row: p.row,
      ...(p.column === undefined ? {} : { column: p.column }),
      message: p.message,
    })),
  };
}
