/**
 * A decision that contradicts another, found the moment it is made (docs/domain.md §7). A status
 * decision states which status the adjudicated calls must derive; the calls are settled by their
 * own decisions. When the calls decided so far (with the calls both readers agree on) can no
 * longer derive the stated status whatever the undecided calls become, the newest decision, a
 * call or the status, contradicts the others and is refused where it is made. The same rule is
 * checked again for the complete set of decisions at Build (`checkAdjudication`, decisions.ts).
 * Pure.
 */
import type { Call, ModalityGroup } from '../model.ts';
import { deriveLesionStatus, type LesionStatus } from '../status.ts';
import { decidedValue, type AdjudicationDecision } from './decisions.ts';
import {
  CALL_VALUES,
  callValue,
  pairKey,
  type CallValue,
  type Discordance,
  type ReadComparison,
} from './discordance.ts';

/** A decision as far as it is taken: the reason is not needed to see a contradiction. */
export type DecisionChoice = Pick<AdjudicationDecision, 'discordanceId' | 'choice' | 'ownValue'>;

/** Why a decision is refused. */
export interface DecisionConflict {
  /** The refused decision's discordance. */
  readonly discordanceId: string;
  /** The decisions it contradicts (the status decision, or the call decisions), in order. */
  readonly conflictsWith: readonly string[];
  /** The status the status decision states. */
  readonly stated: LesionStatus;
  /** The statuses the calls can still derive (empty never happens: some call set is possible). */
  readonly possible: readonly LesionStatus[];
  readonly message: string;
}

function isCall(value: unknown): value is CallValue {
  return CALL_VALUES.includes(value as CallValue);
}

/** The value a decision settles to, when it is complete enough to have one. */
function settled(d: Discordance, decision: DecisionChoice | undefined): string | undefined {
  if (decision === undefined) return undefined;
  return decidedValue(d, { ...decision, reason: '' });
}

/** Every status the pair's required calls can derive, with the decided ones fixed. */
function possibleStatuses(
  comparison: ReadComparison,
  fixed: ReadonlyMap<ModalityGroup, CallValue>,
): LesionStatus[] {
  const required = comparison.config.requiredModalities;
  const found = new Set<LesionStatus>();
  const walk = (index: number, calls: Partial<Record<ModalityGroup, Call>>) => {
    const modality = required[index];
    if (modality === undefined) {
      found.add(deriveLesionStatus(calls, comparison.config).status);
      return;
    }
    const known = fixed.get(modality);
    for (const value of known === undefined ? CALL_VALUES : [known]) {
      const { [modality]: dropped, ...rest } = calls;
      void dropped;
      walk(index + 1, value === 'unset' ? rest : { ...rest, [modality]: value });
    }
  };
  walk(0, {});
  return [...found];
}

/**
 * Whether taking `candidate` (in place of any decision on its discordance) contradicts the other
 * `decisions`: the pair's status decision states a status that the agreed and decided calls on
 * the required modality groups can no longer derive, whatever the undecided calls become.
 *
 * @returns the conflict, or undefined when the decision can stand
 */
export function decisionConflict(
  comparison: ReadComparison,
  decisions: readonly DecisionChoice[],
  candidate: DecisionChoice,
): DecisionConflict | undefined {
  const target = comparison.discordances.find((d) => d.id === candidate.discordanceId);
  if (target === undefined || target.kind === 'lesion-in-one-read-only') return undefined;
  const pair = comparison.pairs.find(
    (p) => p.lesion1 === target.lesion1 && p.lesion2 === target.lesion2,
  );
  if (pair === undefined) return undefined;
  const byId = new Map(comparison.discordances.map((d) => [d.id, d]));
  const decisionOf = new Map(decisions.map((d) => [d.discordanceId, d]));
  decisionOf.set(candidate.discordanceId, candidate);

  const key = pairKey(pair.lesion1, pair.lesion2);
  const statusId = `${key}/status`;
  const status = byId.get(statusId);
  const stated = status && settled(status, decisionOf.get(statusId));
  if (stated === undefined) return undefined;

  const fixed = new Map<ModalityGroup, CallValue>();
  const decidedCalls: string[] = [];
  for (const modality of comparison.config.requiredModalities) {
    const id = `${key}/${modality}`;
    const call = byId.get(id);
    if (call === undefined) {
      fixed.set(modality, callValue(pair.calls1, modality));
      continue;
    }
    const value = settled(call, decisionOf.get(id));
    if (isCall(value)) {
      fixed.set(modality, value);
      decidedCalls.push(id);
    }
  }
  const possible = possibleStatuses(comparison, fixed);
  if (possible.includes(stated as LesionStatus)) return undefined;
  const conflictsWith =
    candidate.discordanceId === statusId
      ? decidedCalls
      : [statusId, ...decidedCalls.filter((id) => id !== candidate.discordanceId)];
  return {
    discordanceId: candidate.discordanceId,
    conflictsWith,
    stated: stated as LesionStatus,
    possible,
    message: `${candidate.discordanceId}: contradicts ${conflictsWith.join(', ')}: the status decision says ${stated}, but the agreed and decided calls can only derive ${possible.join(' or ')}`,
  };
}
