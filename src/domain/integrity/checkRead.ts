/**
 * The integrity checks every load runs after the schema (docs/record-integrity.md): the audit
 * trail replayed against the content (replay.ts). Returns the problems, each with its path and
 * audit seq, and what was proved, for the import's report.
 */
import type { Read } from '../model.ts';
import { replayAudit } from './replay.ts';

/** One integrity problem, addressed like an import problem. */
export interface IntegrityProblem {
  readonly path: string;
  readonly message: string;
}

/** What the checks proved about a read that passed them. */
export interface IntegrityReport {
  /** `partial` for reads whose older entries do not record all a replay needs. */
  readonly replay: 'full' | 'partial';
  /** Why the replay is partial, one line each. */
  readonly notes: readonly string[];
}

/** Result of `checkReadIntegrity`. */
export interface IntegrityCheck {
  readonly problems: readonly IntegrityProblem[];
  readonly report: IntegrityReport;
}

/** Runs the integrity checks on a read (see the module comment). */
export function checkReadIntegrity(read: Read): IntegrityCheck {
  const replay = replayAudit(read);
  const problems: IntegrityProblem[] = [];
  if (replay.divergence !== undefined) {
    const { path, seq, message } = replay.divergence;
    const at = seq === undefined ? '' : ` [audit seq ${seq}]`;
    problems.push({ path, message: `history and content part${at}: ${message}` });
  }
  return {
    problems,
    report: { replay: replay.partial.length > 0 ? 'partial' : 'full', notes: replay.partial },
  };
}
