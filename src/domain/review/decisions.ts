/**
 * The adjudicator's decisions of the central review (docs/domain.md §7) and their check: every
 * discordance between two blinded reads is settled by accepting reader 1, accepting reader 2, or
 * an own value, always with a reason.
 *
 * Meaning of a choice per discordance kind:
 * - `lesion-in-one-read-only`: `reader1`/`reader2` adopts that reader's view (so for `R2:L4`,
 *   `reader2` takes the lesion into the consensus and `reader1` leaves it out). `own` is refused:
 *   there is no third answer to "is this lesion there".
 * - `call`: the call of the chosen reader, or `ownValue` (a call or `unset`).
 * - `status`: the status is derived, never set, so the decision states which status the
 *   adjudicated calls must give (`reader1`'s, `reader2`'s, or `ownValue`); a decision that the
 *   adjudicated calls contradict is a problem, so status and calls cannot disagree.
 *
 * The settling helpers here are shared by the check and by the consensus plan
 * (consensusPlan.ts), so that a plan settles every call exactly as the check accepted it.
 */
import { MODALITY_GROUPS, type Call, type ModalityGroup } from '../model.ts';
import { LESION_STATUSES } from '../schema.ts';
import { deriveLesionStatus, type CallSet, type LesionStatus } from '../status.ts';
import {
  CALL_VALUES,
  callValue,
  pairKey,
  type CallValue,
  type ComparedPair,
  type Discordance,
  type ReadComparison,
} from './discordance.ts';

/** How the adjudicator settles one discordance. */
export type AdjudicationChoice = 'reader1' | 'reader2' | 'own';

/** All choices, for validation of untyped input. */
export const ADJUDICATION_CHOICES: readonly AdjudicationChoice[] = ['reader1', 'reader2', 'own'];

/** The adjudicator's decision on one discordance. */
export interface AdjudicationDecision {
  readonly discordanceId: string;
  readonly choice: AdjudicationChoice;
  /** Only with `own`: a `CallValue` for a call discordance, a `LesionStatus` for a status one. */
  readonly ownValue?: CallValue | LesionStatus;
  /** Why; required and not blank. */
  readonly reason: string;
}

/** What is wrong with a set of decisions or with the reads to adjudicate. */
export type AdjudicationProblemCode =
  | 'missing-decision'
  | 'unknown-discordance'
  | 'duplicate-decision'
  | 'empty-reason'
  | 'invalid-choice'
  | 'invalid-own-value'
  | 'status-inconsistent'
  | 'different-patients'
  | 'same-reader'
  | 'adjudicator-is-reader'
  | 'read-not-signed'
  | 'config-mismatch'
  | 'whole-read-with-decisions';

/** One problem; `discordanceId` is absent for problems of the reads themselves. */
export interface AdjudicationProblem {
  readonly code: AdjudicationProblemCode;
  readonly discordanceId?: string;
  readonly message: string;
}

/** Where a consensus value came from. */
export type FieldSource = 'agreed' | 'reader1' | 'reader2' | 'adjudicator';

function isCallValue(value: unknown): value is CallValue {
  return CALL_VALUES.includes(value as CallValue);
}

function isLesionStatus(value: unknown): value is LesionStatus {
  return LESION_STATUSES.includes(value as LesionStatus);
}

/** The value a (valid) decision settles a discordance to. */
export function decidedValue(
  discordance: Discordance,
  decision: AdjudicationDecision,
): string | undefined {
  if (decision.choice === 'reader1') return discordance.value1;
  if (decision.choice === 'reader2') return discordance.value2;
  return decision.ownValue;
}

export function choiceSource(choice: AdjudicationChoice): FieldSource {
  return choice === 'own' ? 'adjudicator' : choice;
}

/** The problems of one decision taken on its own. */
function decisionProblems(
  discordance: Discordance,
  decision: AdjudicationDecision,
): AdjudicationProblem[] {
  const id = discordance.id;
  const problems: AdjudicationProblem[] = [];
  if (typeof decision.reason !== 'string' || decision.reason.trim() === '') {
    problems.push({
      code: 'empty-reason',
      discordanceId: id,
      message: `${id}: a reason is required`,
    });
  }
  if (!ADJUDICATION_CHOICES.includes(decision.choice)) {
    problems.push({
      code: 'invalid-choice',
      discordanceId: id,
      message: `${id}: choice must be reader1, reader2 or own, got "${String(decision.choice)}"`,
    });
    return problems;
  }
  const own = decision.ownValue;
  if (decision.choice !== 'own') {
    if (own !== undefined) {
      problems.push({
        code: 'invalid-own-value',
        discordanceId: id,
        message: `${id}: an own value is given only with the choice "own"`,
      });
    }
    return problems;
  }
  const valid =
    discordance.kind === 'call'
      ? isCallValue(own)
      : discordance.kind === 'status'
        ? isLesionStatus(own)
        : false;
  if (!valid) {
    const expected =
      discordance.kind === 'call'
        ? `a call (${CALL_VALUES.join(', ')})`
        : discordance.kind === 'status'
          ? `a status (${LESION_STATUSES.join(', ')})`
          : 'nothing: a lesion in one read only is settled by accepting one reader';
    problems.push({
      code: 'invalid-own-value',
      discordanceId: id,
      message: `${id}: an own value must be ${expected}, got ${JSON.stringify(own) ?? 'none'}`,
    });
  }
  return problems;
}

/** The consensus call of one modality of a pair, or `undefined` if not (validly) decided. */
export interface SettledCall {
  readonly value: CallValue;
  readonly source: FieldSource;
  readonly discordance?: Discordance;
  readonly decision?: AdjudicationDecision;
}

export function settlePairCalls(
  pair: ComparedPair,
  byId: ReadonlyMap<string, Discordance>,
  valid: ReadonlyMap<string, AdjudicationDecision>,
): Map<ModalityGroup, SettledCall> | undefined {
  const settled = new Map<ModalityGroup, SettledCall>();
  const key = pairKey(pair.lesion1, pair.lesion2);
  for (const modality of MODALITY_GROUPS) {
    const id = `${key}/${modality}`;
    const discordance = byId.get(id);
    if (discordance === undefined) {
      settled.set(modality, { value: callValue(pair.calls1, modality), source: 'agreed' });
      continue;
    }
    const decision = valid.get(id);
    if (decision === undefined) return undefined;
    const value = decidedValue(discordance, decision);
    if (!isCallValue(value)) return undefined;
    settled.set(modality, { value, source: choiceSource(decision.choice), discordance, decision });
  }
  return settled;
}

export function callSetOf(settled: ReadonlyMap<ModalityGroup, SettledCall>): CallSet {
  const calls: Partial<Record<ModalityGroup, Call>> = {};
  for (const [modality, { value }] of settled) if (value !== 'unset') calls[modality] = value;
  return calls;
}

/**
 * Checks the adjudicator's decisions against a comparison: every discordance has exactly one
 * decision, no decision is for an unknown discordance, every reason is non-blank, choices and
 * own values fit the discordance kind, and every status decision is what the adjudicated calls
 * derive. Returns all problems (empty when the decisions are complete and valid), in
 * discordance order, then unknown ids.
 */
export function checkAdjudication(
  comparison: ReadComparison,
  decisions: readonly AdjudicationDecision[],
): readonly AdjudicationProblem[] {
  const problems: AdjudicationProblem[] = [];
  const byId = new Map(comparison.discordances.map((d) => [d.id, d]));
  const grouped = new Map<string, AdjudicationDecision[]>();
  for (const decision of decisions) {
    grouped.set(decision.discordanceId, [...(grouped.get(decision.discordanceId) ?? []), decision]);
  }
  const valid = new Map<string, AdjudicationDecision>();
  for (const discordance of comparison.discordances) {
    const given = grouped.get(discordance.id) ?? [];
    const [decision] = given;
    if (decision === undefined) {
      problems.push({
        code: 'missing-decision',
        discordanceId: discordance.id,
        message: `${discordance.id}: no decision`,
      });
      continue;
    }
    if (given.length > 1) {
      problems.push({
        code: 'duplicate-decision',
        discordanceId: discordance.id,
        message: `${discordance.id}: ${given.length} decisions; give exactly one`,
      });
      continue;
    }
    const own = decisionProblems(discordance, decision);
    problems.push(...own);
    if (own.length === 0) valid.set(discordance.id, decision);
  }
  for (const id of grouped.keys()) {
    if (!byId.has(id)) {
      problems.push({
        code: 'unknown-discordance',
        discordanceId: id,
        message: `${id}: no such discordance between these reads (has the matching changed?)`,
      });
    }
  }

  for (const pair of comparison.pairs) {
    const id = `${pairKey(pair.lesion1, pair.lesion2)}/status`;
    const discordance = byId.get(id);
    const decision = valid.get(id);
    if (discordance === undefined || decision === undefined) continue;
    const settled = settlePairCalls(pair, byId, valid);
    if (settled === undefined) continue;
    const derived = deriveLesionStatus(callSetOf(settled), comparison.config);
    const stated = decidedValue(discordance, decision);
    if (derived.status !== stated) {
      problems.push({
        code: 'status-inconsistent',
        discordanceId: id,
        message: `${id}: the decision says ${String(stated)}, but the adjudicated calls derive ${derived.status} (${derived.reason})`,
      });
    }
  }
  return problems;
}
