/**
 * Adjudication of the central review (docs/domain.md §7): the adjudicator settles every discordance
 * between two blinded reads (accept reader 1, accept reader 2, or an own call, always with a
 * reason), and the result is a CONSENSUS read: an ordinary `Read` of the same schema, by the
 * adjudicator, built with the ordinary commands so that its audit trail records every step.
 *
 * The work is in three modules: decisions.ts (the decisions and their check), consensusPlan.ts
 * (what the consensus must contain, and every problem; pure) and consensusApply.ts (the commands
 * that build it). This module joins them and is the public face of adjudication: its exports are
 * those of src/domain/review/index.ts, whatever module they live in.
 *
 * Where every value came from is recorded twice: in the audit trail (each entry's `reason`) and
 * in the returned `ConsensusProvenance` (provenance.ts).
 */
import type { CommandContext, Read } from '../model.ts';
import { applyConsensusPlan } from './consensusApply.ts';
import { planConsensus, type ConsensusInput } from './consensusPlan.ts';
import type { AdjudicationProblem } from './decisions.ts';
import type { ReadComparison } from './discordance.ts';
import type { ConsensusProvenance } from './provenance.ts';

export {
  ADJUDICATION_CHOICES,
  checkAdjudication,
  type AdjudicationChoice,
  type AdjudicationDecision,
  type AdjudicationProblem,
  type AdjudicationProblemCode,
  type FieldSource,
} from './decisions.ts';
export type { ConsensusInput } from './consensusPlan.ts';
export { adjudicatorReadCase } from './adjudicator.ts';
export {
  groupDiscordances,
  type DiscordanceGroup,
  type PairDiscordanceGroup,
  type PresenceDiscordanceGroup,
} from './grouping.ts';
export { decisionConflict, type DecisionChoice, type DecisionConflict } from './conflicts.ts';
export { wholeReadDecisions, wholeReadText, type WholeReadAcceptance } from './wholeRead.ts';
export type {
  ConsensusLesionProvenance,
  ConsensusProvenance,
  SourceReadRef,
} from './provenance.ts';

/** Result of `buildConsensus`. */
export type ConsensusResult =
  | {
      readonly ok: true;
      readonly read: Read;
      readonly provenance: ConsensusProvenance;
      readonly comparison: ReadComparison;
    }
  | { readonly ok: false; readonly problems: readonly AdjudicationProblem[] };

/**
 * Builds the consensus read from two signed reads and the adjudicator's decisions: plans it
 * (consensusPlan.ts), then runs the plan's commands (consensusApply.ts). Each step is an ordinary
 * command, so each leaves an audit entry with its reason: `createRead` with the adjudicator as
 * reader (reason: the two source read versions, and the unpaired lesions left out with their
 * decisions); `assignTimepoint` for each study both readers assigned alike; per consensus lesion
 * `addLesion` (reason: the source lesions, the source of each baseline field, the presence and
 * status decisions, and call decisions that leave the call unset) then `setCall` for every set
 * call (reason: "agreed by both readers" or the decision). Consensus lesions are numbered anew:
 * reader 1's in registry order (matched or accepted), then reader 2's accepted unpaired lesions.
 *
 * The consensus read is a draft; the adjudicator signs it like any read (lifecycle.ts).
 *
 * @returns the draft consensus read with unsealed audit entries, its provenance and the
 *   comparison it settles; or every problem found (reads and decisions), building nothing
 */
export function buildConsensus(input: ConsensusInput, ctx: CommandContext): ConsensusResult {
  const planned = planConsensus(input);
  if (!planned.ok) return planned;
  const { read, provenance } = applyConsensusPlan(planned.plan, ctx);
  return { ok: true, read, comparison: planned.plan.comparison, provenance };
}
