/**
 * The integrity checks every load runs after the schema (docs/record-integrity.md): the audit
 * trail replayed against the content (replay.ts), then the signature's content hash recomputed
 * and its key signature verified (signing.ts). Returns the problems, each with its path (and the
 * audit seq where there is one), and what was proved, for the import's report.
 */
import type { Sha256 } from '../audit.ts';
import type { Read } from '../model.ts';
import { replayAudit } from './replay.ts';
import { checkSignature, type SignatureReport, type VerifyBytes } from './signing.ts';

/** One integrity problem, addressed like an import problem. */
export interface IntegrityProblem {
  readonly path: string;
  readonly message: string;
}

/** What the checks proved about a read that passed them. */
export interface IntegrityReport {
  /** `partial` for reads whose older entries do not record all a replay needs. */
  readonly replay: 'full' | 'partial';
  /** Why the replay is partial or the signature weaker than today's, one line each. */
  readonly notes: readonly string[];
  /** The signature's checks, for a signed read. */
  readonly signature?: SignatureReport;
}

/** Result of `checkReadIntegrity`. */
export interface IntegrityCheck {
  readonly problems: readonly IntegrityProblem[];
  readonly report: IntegrityReport;
}

/** Services of the checks: sha256, and the key signature verifier (checked only if given). */
export interface IntegrityDeps {
  readonly sha256: Sha256;
  readonly verify?: VerifyBytes;
}

/** Runs the integrity checks on a read (see the module comment). */
export async function checkReadIntegrity(read: Read, deps: IntegrityDeps): Promise<IntegrityCheck> {
  const replay = replayAudit(read);
  const problems: IntegrityProblem[] = [];
  if (replay.divergence !== undefined) {
    const { path, seq, message } = replay.divergence;
    const at = seq === undefined ? '' : ` [audit seq ${seq}]`;
    problems.push({ path, message: `history and content part${at}: ${message}` });
  }
  const signature = await checkSignature(read, deps);
  problems.push(...signature.problems);
  const notes = [...replay.partial];
  if (signature.report?.contentHash === 'absent') {
    notes.push('the signature binds no content hash (signed before schema version 2)');
  }
  return {
    problems,
    report: {
      replay: replay.partial.length > 0 ? 'partial' : 'full',
      notes,
      ...(signature.report && { signature: signature.report }),
    },
  };
}
