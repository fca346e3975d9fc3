/**
 * Problems the batch CLI reports: every problem names its file and where in the
 * file it is, so a data manager can fix a whole batch in one pass. Read files are JSON, so the
 * place is a JSON path (`$.lesions[2].assessments.preop.modalities.CT.call`, `$` for the whole
 * document); an outcomes CSV is addressed by row and column as a spreadsheet shows them.
 */

/** One problem of one input file. */
export interface CliProblem {
  /** The file as the user named it. */
  readonly file: string;
  /** JSON path of a read file's problem (`$` = the whole document). */
  readonly path?: string;
  /** CSV row (header = row 1) of an outcomes file's problem. */
  readonly row?: number;
  /** CSV column of an outcomes file's problem. */
  readonly column?: string;
  readonly message: string;
}

/**
 * A domain problem path (importRead.ts: `lesions[2].id`, `audit[3]`, `timepointAssignment["1.2"]`,
 * `''` for the whole document) as a JSON path rooted at `$`.
 */
export function jsonPath(domainPath: string): string {
  if (domainPath === '') return '$';
  return domainPath.startsWith('[') ? `$${domainPath}` : `$.${domainPath}`;
}

/** A path of keys and indices (e.g. a zod issue's) as a JSON path: `$[3].lesionId`. */
export function jsonPathOf(keys: readonly PropertyKey[]): string {
  let text = '$';
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** Where a problem is: its JSON path, or `row N, column C` for an outcomes CSV. */
export function problemPlace(problem: CliProblem): string {
  if (problem.row !== undefined) {
    return problem.column === undefined
      ? `row ${problem.row}`
      : `row ${problem.row}, column ${problem.column}`;
  }
  return problem.path ?? '$';
}

/** `file: $.json.path: message` (or `file: row 3, column followUpMonths: message`). */
export function formatProblem(problem: CliProblem): string {
  return `${problem.file}: ${problemPlace(problem)}: ${problem.message}`;
}

/** A read-file problem at a JSON path. */
export function atPath(file: string, path: string, message: string): CliProblem {
  return { file, path, message };
}
