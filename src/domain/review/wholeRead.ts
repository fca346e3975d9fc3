/**
 * The "2+1" paradigm of central review (docs/domain.md §7): instead of settling discordances one
 * by one, the adjudicator accepts one reader's whole read for the patient, with a reason. It is
 * the same as accepting that reader on every discordance, so the consensus is built by the same
 * plan and commands (consensusPlan.ts); the acceptance and its reason are written on every
 * decision and on the consensus read's first audit entry (no field of the read schema changes).
 * Pure.
 */
import type { AdjudicationDecision, AdjudicationProblem } from './decisions.ts';
import type { Read } from '../model.ts';
import type { ReadComparison, ReaderSide } from './discordance.ts';

/** The adjudicator accepts one reader's whole read. */
export interface WholeReadAcceptance {
  readonly side: ReaderSide;
  /** Why; required and not blank. */
  readonly reason: string;
}

/** The words recorded for a whole-read acceptance (the reader named by side and id). */
export function wholeReadText(acceptance: WholeReadAcceptance, readerId: string): string {
  const who = acceptance.side === 'reader1' ? 'reader 1' : 'reader 2';
  return `2+1: the adjudicator accepts the whole read of ${who} [${readerId}] — ${acceptance.reason.trim()}`;
}

/**
 * The decisions a whole-read acceptance stands for: that reader on every discordance of the
 * comparison, each with the acceptance's reason (so each audit entry says why).
 */
export function wholeReadDecisions(
  comparison: ReadComparison,
  acceptance: WholeReadAcceptance,
  readerId: string,
): AdjudicationDecision[] {
  const reason = wholeReadText(acceptance, readerId);
  return comparison.discordances.map((d) => ({
    discordanceId: d.id,
    choice: acceptance.side,
    reason,
  }));
}

/** Problems of a whole-read acceptance: a blank reason, or other decisions given beside it. */
function wholeReadProblems(
  acceptance: WholeReadAcceptance | undefined,
  otherDecisions: number,
): AdjudicationProblem[] {
  if (acceptance === undefined) return [];
  const problems: AdjudicationProblem[] = [];
  if (typeof acceptance.reason !== 'string' || acceptance.reason.trim() === '') {
    problems.push({
      code: 'empty-reason',
      message: '2+1: a reason is required to accept a whole read',
    });
  }
  if (otherDecisions > 0) {
    problems.push({
      code: 'whole-read-with-decisions',
      message: `2+1: one reader's whole read is accepted, so no other decision is given (${otherDecisions} given)`,
    });
  }
  return problems;
}

/**
 * The decisions a consensus is built from: the given ones, or, with a whole-read acceptance,
 * that reader on every discordance; with the acceptance's problems and the words recorded on
 * the consensus read's first audit entry.
 */
export function resolveWholeRead(
  comparison: ReadComparison,
  input: {
    readonly read1: Read;
    readonly read2: Read;
    readonly decisions: readonly AdjudicationDecision[];
    readonly wholeRead?: WholeReadAcceptance;
  },
): {
  readonly decisions: readonly AdjudicationDecision[];
  readonly problems: readonly AdjudicationProblem[];
  readonly notes: readonly string[];
} {
  const acceptance = input.wholeRead;
  if (acceptance === undefined) return { decisions: input.decisions, problems: [], notes: [] };
  const readerId = (acceptance.side === 'reader1' ? input.read1 : input.read2).reader.id;
  return {
    decisions: wholeReadDecisions(comparison, acceptance, readerId),
    problems: wholeReadProblems(acceptance, input.decisions.length),
    notes: [wholeReadText(acceptance, readerId)],
  };
}
