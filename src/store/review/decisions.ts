/**
 * The adjudicator's decisions while they are being taken (pure): a draft per discordance that
 * may be incomplete, turned into the domain's `AdjudicationDecision`s when the consensus is
 * built (the domain then checks them and names every problem).
 */
import {
  CALL_VALUES,
  LESION_STATUSES,
  decisionConflict,
  wholeReadDecisions,
  type Read,
  type WholeReadAcceptance,
  type DecisionChoice,
  type DecisionConflict,
  type AdjudicationChoice,
  type AdjudicationDecision,
  type CallValue,
  type Discordance,
  type LesionStatus,
  type ReadComparison,
} from '../../domain';

/** One discordance's decision as entered so far. */
export interface DraftDecision {
  readonly choice?: AdjudicationChoice;
  /** With `own`: a call value (call discordance) or a status (status discordance). */
  readonly ownValue?: string;
  readonly reason: string;
}

/** Drafts by discordance id. */
export type DraftDecisions = Readonly<Record<string, DraftDecision>>;

/** Statuses an adjudicator can state for a status discordance: every status (one list). */
export const LESION_STATUS_VALUES: readonly LesionStatus[] = LESION_STATUSES;

/** The values an own call can take for a discordance (none: only a reader can be accepted). */
export function ownValueChoices(discordance: Discordance): readonly (CallValue | LesionStatus)[] {
  if (discordance.kind === 'call') return CALL_VALUES;
  if (discordance.kind === 'status') return LESION_STATUS_VALUES;
  return [];
}

/** Whether a draft is complete: a choice, a non-blank reason, and an own value with `own`. */
export function isDecided(draft: DraftDecision | undefined): boolean {
  if (!draft?.choice || draft.reason.trim() === '') return false;
  return draft.choice !== 'own' || (draft.ownValue ?? '') !== '';
}

/** How many of the comparison's discordances are decided. */
export function decisionProgress(
  comparison: ReadComparison,
  drafts: DraftDecisions,
): { readonly decided: number; readonly total: number } {
  const decided = comparison.discordances.filter((d) => isDecided(drafts[d.id])).length;
  return { decided, total: comparison.discordances.length };
}

/**
 * The drafts as domain decisions, in discordance order. A draft without a choice is left out
 * (the domain reports the discordance as undecided); an own value is passed only with `own`.
 */
export function toDecisions(
  comparison: ReadComparison,
  drafts: DraftDecisions,
): AdjudicationDecision[] {
  return comparison.discordances.flatMap((discordance) => {
    const draft = drafts[discordance.id];
    if (!draft?.choice) return [];
    const own =
      draft.choice === 'own' && draft.ownValue !== undefined && draft.ownValue !== ''
        ? { ownValue: draft.ownValue as CallValue | LesionStatus }
        : {};
    return [{ discordanceId: discordance.id, choice: draft.choice, reason: draft.reason, ...own }];
  });
}

/** Changes one field of a draft (a new choice other than `own` drops the own value). */
export function updateDraft(
  drafts: DraftDecisions,
  discordanceId: string,
  patch: Partial<DraftDecision>,
): DraftDecisions {
  const previous = drafts[discordanceId] ?? { reason: '' };
  const next: DraftDecision = { ...previous, ...patch };
  if (next.choice !== 'own' && next.ownValue !== undefined) {
    const { ownValue, ...rest } = next;
    void ownValue;
    return { ...drafts, [discordanceId]: rest };
  }
  return { ...drafts, [discordanceId]: next };
}

/**
 * Whether changing one draft as `patch` would contradict another decision (the domain's
 * `decisionConflict`): the change is then refused where it is made, before Build.
 */
export function draftConflict(
  comparison: ReadComparison,
  drafts: DraftDecisions,
  discordanceId: string,
  patch: Partial<DraftDecision>,
): DecisionConflict | undefined {
  const next = updateDraft(drafts, discordanceId, patch);
  const choiceOf = (id: string): DecisionChoice | undefined => {
    const draft = next[id];
    if (!draft?.choice) return undefined;
    const own = draft.choice === 'own' && draft.ownValue ? { ownValue: draft.ownValue } : {};
    return { discordanceId: id, choice: draft.choice, ...own } as DecisionChoice;
  };
  const candidate = choiceOf(discordanceId);
  if (candidate === undefined) return undefined;
  const others = Object.keys(next)
    .filter((id) => id !== discordanceId)
    .flatMap((id) => choiceOf(id) ?? []);
  return decisionConflict(comparison, others, candidate);
}

/**
 * The decisions of a comparison as they stand, for the statistics: the drafts, or with "2+1"
 * the accepted reader on every discordance.
 */
export function decisionsOf(
  comparison: ReadComparison,
  drafts: DraftDecisions,
  whole: WholeReadAcceptance | undefined,
  read1: Read,
  read2: Read,
): AdjudicationDecision[] {
  if (!whole) return toDecisions(comparison, drafts);
  const readerId = (whole.side === 'reader1' ? read1 : read2).reader.id;
  return wholeReadDecisions(comparison, whole, readerId);
}
