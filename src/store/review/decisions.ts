/**
 * The adjudicator's decisions while they are being taken (pure): a draft per discordance that
 * may be incomplete, turned into the domain's `AdjudicationDecision`s when the consensus is
 * built (the domain then checks them and names every problem).
 */
import {
  CALL_VALUES,
  LESION_STATUSES,
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
