/**
 * Adjudication of the central review (docs/domain.md §7): the adjudicator settles every discordance
 * between two blinded reads (accept reader 1, accept reader 2, or an own call, always with a
 * reason), and the result is a CONSENSUS read: an ordinary `Read` of the same schema, by the
 * adjudicator, built with the ordinary commands so that its audit trail records every step.
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
 * What the consensus holds: the lesion registry (matched pairs, and unpaired lesions the
 * adjudicator accepted), segment and baseline geometry, the calls at the status timepoint, and
 * the timepoint assignments both readers agree on. Agreed values are taken as they are; for a
 * matched pair's segment, baseline location and diameter (which are not adjudicated) reader 1's
 * value is taken where set, else reader 2's, and the provenance says which. Measurements,
 * comments, site points and other timepoints stay in the readers' reads.
 *
 * Where every value came from is recorded twice: in the audit trail (each entry's `reason`,
 * e.g. `adjudication L3~L5/CT: accepted reader 2 [r2] (disappeared) — fat-sat artefact on CT`,
 * or `agreed by both readers`) and in the returned `ConsensusProvenance`.
 *
 * The existing commands take no reason for draft reads, so the reason is written onto the
 * pending (not yet sealed) entries that each command just appended; sealing then hashes it.
 */
import { recordAudit } from '../audit.ts';
import { canonicalJson } from '../canonicalJson.ts';
import { addLesion, assignTimepoint, createRead, nextLesionId, setCall } from '../commands.ts';
import { json } from '../commandKit.ts';
import { consensusBlockOf } from '../integrity/consensus.ts';
import {
  MODALITY_GROUPS,
  type Call,
  type CommandContext,
  type CouinaudSegment,
  type ImagePoint,
  type Lesion,
  type LesionId,
  type ModalityGroup,
  type Read,
  type Reader,
  type StudyConfig,
  type TimepointId,
} from '../model.ts';
import { LESION_STATUSES } from '../schema.ts';
import { deriveLesionStatus, type CallSet, type LesionStatus } from '../status.ts';
import {
  CALL_VALUES,
  callValue,
  compareReads,
  pairKey,
  type CallValue,
  type ComparedPair,
  type Discordance,
  type ReadComparison,
  type ReaderSide,
  type UnpairedLesion,
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
  | 'config-mismatch';

/** One problem; `discordanceId` is absent for problems of the reads themselves. */
export interface AdjudicationProblem {
  readonly code: AdjudicationProblemCode;
  readonly discordanceId?: string;
  readonly message: string;
}

/** Where a consensus value came from. */
export type FieldSource = 'agreed' | 'reader1' | 'reader2' | 'adjudicator';

/** The read version a consensus was built from. */
export interface SourceReadRef {
  readonly readId: string;
  readonly versionId: string;
  readonly version: number;
  readonly readerId: string;
}

/** Provenance of one consensus lesion. */
export interface ConsensusLesionProvenance {
  /** The lesion's id in the consensus read. */
  readonly lesionId: LesionId;
  readonly reader1LesionId?: LesionId;
  readonly reader2LesionId?: LesionId;
  /** Baseline distance of a matched pair, mm. */
  readonly distanceMm?: number;
  /** `agreed` for a matched pair, else the reader whose registration was accepted. */
  readonly presence: FieldSource;
  readonly segment: FieldSource;
  readonly baselineLocation: FieldSource;
  readonly baselineDiameterMm: FieldSource;
  /** Per modality group, the source of the call at the status timepoint. */
  readonly calls: Readonly<Record<ModalityGroup, FieldSource>>;
  /** Source of the derived status (`adjudicator` if neither reader's status). */
  readonly status: FieldSource;
  /** Ids of the discordances settled for this lesion. */
  readonly decisions: readonly string[];
}

/** Provenance of a consensus read, returned beside it. */
export interface ConsensusProvenance {
  readonly read1: SourceReadRef;
  readonly read2: SourceReadRef;
  readonly adjudicatorId: string;
  readonly timepoint: TimepointId;
  /** In consensus registry order. */
  readonly lesions: readonly ConsensusLesionProvenance[];
  /** Unpaired lesions the adjudicator left out, with the deciding discordance. */
  readonly rejected: readonly {
    readonly side: ReaderSide;
    readonly lesionId: LesionId;
    readonly discordanceId: string;
  }[];
  readonly decisions: readonly AdjudicationDecision[];
}

/** Result of `buildConsensus`. */
export type ConsensusResult =
  | {
      readonly ok: true;
      readonly read: Read;
      readonly provenance: ConsensusProvenance;
      readonly comparison: ReadComparison;
    }
  | { readonly ok: false; readonly problems: readonly AdjudicationProblem[] };

/** Input of `buildConsensus`. */
export interface ConsensusInput {
  /** Reader 1's signed read. */
  readonly read1: Read;
  /** Reader 2's signed read of the same patient. */
  readonly read2: Read;
  /** The adjudicator, who is neither reader; becomes the consensus read's reader. */
  readonly adjudicator: Reader;
  readonly decisions: readonly AdjudicationDecision[];
  /** Configuration to compare under; default reader 1's (then both reads must share it). */
  readonly config?: StudyConfig;
}

const SIDE_LABEL: Readonly<Record<ReaderSide, string>> = {
  reader1: 'reader 1',
  reader2: 'reader 2',
};

function isCallValue(value: unknown): value is CallValue {
  return CALL_VALUES.includes(value as CallValue);
}

function isLesionStatus(value: unknown): value is LesionStatus {
  return LESION_STATUSES.includes(value as LesionStatus);
}

/** The value a (valid) decision settles a discordance to. */
function decidedValue(
  discordance: Discordance,
  decision: AdjudicationDecision,
): string | undefined {
  if (decision.choice === 'reader1') return discordance.value1;
  if (decision.choice === 'reader2') return discordance.value2;
  return decision.ownValue;
}

function choiceSource(choice: AdjudicationChoice): FieldSource {
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
interface SettledCall {
  readonly value: CallValue;
  readonly source: FieldSource;
  readonly discordance?: Discordance;
  readonly decision?: AdjudicationDecision;
}

function settlePairCalls(
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

function callSetOf(settled: ReadonlyMap<ModalityGroup, SettledCall>): CallSet {
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

function sourceRef(read: Read): SourceReadRef {
  return {
    readId: read.readId,
    versionId: read.versionId,
    version: read.version,
    readerId: read.reader.id,
  };
}

/** Problems of the reads themselves (before any decision is looked at). */
function readProblems(input: ConsensusInput): AdjudicationProblem[] {
  const { read1, read2, adjudicator } = input;
  const problems: AdjudicationProblem[] = [];
  if (read1.patientId !== read2.patientId) {
    problems.push({
      code: 'different-patients',
      message: `reads of different patients: ${read1.patientId}, ${read2.patientId}`,
    });
  }
  if (read1.reader.id === read2.reader.id) {
    problems.push({
      code: 'same-reader',
      message: `both reads are by ${read1.reader.id}; central review needs two readers`,
    });
  }
  if (adjudicator.id === read1.reader.id || adjudicator.id === read2.reader.id) {
    problems.push({
      code: 'adjudicator-is-reader',
      message: `the adjudicator ${adjudicator.id} is one of the readers`,
    });
  }
  for (const [side, read] of [
    ['reader1', read1],
    ['reader2', read2],
  ] as const) {
    if (read.state.kind !== 'signed') {
      problems.push({
        code: 'read-not-signed',
        message: `${SIDE_LABEL[side]}'s read ${read.readId} v${read.version} is ${read.state.kind}, not signed`,
      });
    }
  }
  if (input.config === undefined && canonicalJson(read1.config) !== canonicalJson(read2.config)) {
    problems.push({
      code: 'config-mismatch',
      message: 'the reads have different study configurations; pass the one to compare under',
    });
  }
  return problems;
}

/** A consensus lesion before it is added: its data, calls and reasons. */
interface PlannedLesion {
  readonly provenance: Omit<ConsensusLesionProvenance, 'lesionId'>;
  readonly segment?: CouinaudSegment;
  readonly baselineLocation?: ImagePoint;
  readonly baselineDiameterMm?: number;
  readonly calls: readonly { modality: ModalityGroup; call: Call; reason: string }[];
  readonly addReason: string;
}

/** Picks a non-adjudicated value of a pair: agreed if equal, else reader 1's if set. */
function pick<T>(v1: T | undefined, v2: T | undefined): { value?: T; source: FieldSource } {
  if (canonicalJson(json(v1)) === canonicalJson(json(v2))) return { value: v1, source: 'agreed' };
  if (v1 !== undefined) return { value: v1, source: 'reader1' };
  return { value: v2, source: 'reader2' };
}

const FIELD_WORDS: Readonly<Record<FieldSource, string>> = {
  agreed: 'agreed',
  reader1: 'from reader 1',
  reader2: 'from reader 2',
  adjudicator: "the adjudicator's",
};

function findLive(read: Read, id: LesionId): Lesion {
  const lesion = read.lesions.find((l) => l.id === id && l.removed === undefined);
  if (lesion === undefined) throw new Error(`unreachable: compared lesion ${id} not in read`);
  return lesion;
}

function formatMm(mm: number): string {
  return `${Math.round(mm * 10) / 10} mm`;
}

/**
 * Builds the consensus read from two signed reads and the adjudicator's decisions.
 *
 * Steps (each an ordinary command, so each leaves an audit entry with its reason): `createRead`
 * with the adjudicator as reader (reason: the two source read versions, and the unpaired
 * lesions left out with their decisions); `assignTimepoint` for each study both readers
 * assigned alike; per consensus lesion `addLesion` (reason: the source lesions, the source of
 * each baseline field, the presence and status decisions, and call decisions that leave the
 * call unset) then `setCall` for every set call (reason: "agreed by both readers" or the
 * decision). Consensus lesions are numbered anew: reader 1's in registry order (matched or
 * accepted), then reader 2's accepted unpaired lesions.
 *
 * The consensus read is a draft; the adjudicator signs it like any read (lifecycle.ts).
 *
 * @returns the draft consensus read with unsealed audit entries, its provenance and the
 *   comparison it settles; or every problem found (reads and decisions), building nothing
 */
export function buildConsensus(input: ConsensusInput, ctx: CommandContext): ConsensusResult {
  const pre = readProblems(input);
  if (pre.some((p) => p.code === 'different-patients')) return { ok: false, problems: pre };
  const { read1, read2, adjudicator } = input;
  const config = input.config ?? read1.config;
  const comparison = compareReads(read1, read2, config);
  const problems = [...pre, ...checkAdjudication(comparison, input.decisions)];
  if (problems.length > 0) return { ok: false, problems };

  const byId = new Map(comparison.discordances.map((d) => [d.id, d]));
  const decisionOf = new Map(input.decisions.map((d) => [d.discordanceId, d]));
  const readerLabel = (side: ReaderSide) =>
    `${SIDE_LABEL[side]} [${(side === 'reader1' ? read1 : read2).reader.id}]`;
  const describe = (discordance: Discordance, decision: AdjudicationDecision): string => {
    const value = decidedValue(discordance, decision) ?? '';
    const who =
      decision.choice === 'own'
        ? "adjudicator's own value"
        : `accepted ${readerLabel(decision.choice)}`;
    return `adjudication ${discordance.id}: ${who} (${value}) — ${decision.reason.trim()}`;
  };

  const planned: PlannedLesion[] = [];
  const rejected: { side: ReaderSide; lesionId: LesionId; discordanceId: string }[] = [];
  const rejectedReasons: string[] = [];
  const pairOf = new Map(comparison.pairs.map((p) => [p.lesion1, p]));
  const unpairedOf = (side: ReaderSide) => comparison.unpaired.filter((u) => u.side === side);

  const planPair = (pair: ComparedPair): PlannedLesion => {
    const l1 = findLive(read1, pair.lesion1);
    const l2 = findLive(read2, pair.lesion2);
    const segment = pick(l1.segment, l2.segment);
    const location = pick(l1.baselineLocation, l2.baselineLocation);
    const diameter = pick(l1.baselineDiameterMm, l2.baselineDiameterMm);
    const settled = settlePairCalls(pair, byId, decisionOf);
    if (settled === undefined) throw new Error('unreachable: decisions were checked');
    const status = deriveLesionStatus(callSetOf(settled), config).status;
    const statusId = `${pairKey(pair.lesion1, pair.lesion2)}/status`;
    const statusDiscordance = byId.get(statusId);
    const statusDecision = decisionOf.get(statusId);
    const statusSource: FieldSource =
      statusDiscordance !== undefined && statusDecision !== undefined
        ? choiceSource(statusDecision.choice)
        : status === pair.status1.status
          ? 'agreed'
          : 'adjudicator';

    const lesionReasons = [
      `consensus of ${readerLabel('reader1')} ${pair.lesion1} and ${readerLabel('reader2')} ${pair.lesion2}, matched at ${formatMm(pair.distanceMm)}`,
      `segment ${FIELD_WORDS[segment.source]}; baseline location ${FIELD_WORDS[location.source]}; baseline diameter ${FIELD_WORDS[diameter.source]}`,
    ];
    if (statusDiscordance !== undefined && statusDecision !== undefined) {
      lesionReasons.push(describe(statusDiscordance, statusDecision));
    } else if (statusSource === 'adjudicator') {
      lesionReasons.push(
        `status ${status} follows from the adjudicated calls (both readers: ${pair.status1.status})`,
      );
    }
    const calls: { modality: ModalityGroup; call: Call; reason: string }[] = [];
    const decided: string[] = [];
    for (const [modality, s] of settled) {
      const text =
        s.discordance && s.decision
          ? describe(s.discordance, s.decision)
          : `agreed by both readers (${readerLabel('reader1')} ${pair.lesion1}, ${readerLabel('reader2')} ${pair.lesion2})`;
      if (s.discordance) decided.push(s.discordance.id);
      if (s.value === 'unset') {
        if (s.discordance) lesionReasons.push(`${text}; ${modality} call left unset`);
      } else {
        calls.push({ modality, call: s.value, reason: text });
      }
    }
    if (statusDiscordance !== undefined) decided.push(statusId);
    const callSources = Object.fromEntries(
      MODALITY_GROUPS.map((m) => [m, settled.get(m)?.source ?? 'agreed']),
    ) as Record<ModalityGroup, FieldSource>;
    return {
      provenance: {
        reader1LesionId: pair.lesion1,
        reader2LesionId: pair.lesion2,
        distanceMm: pair.distanceMm,
        presence: 'agreed',
        segment: segment.source,
        baselineLocation: location.source,
        baselineDiameterMm: diameter.source,
        calls: callSources,
        status: statusSource,
        decisions: decided,
      },
      ...(segment.value !== undefined && { segment: segment.value }),
      ...(location.value !== undefined && { baselineLocation: location.value }),
      ...(diameter.value !== undefined && { baselineDiameterMm: diameter.value }),
      calls,
      addReason: lesionReasons.join('; '),
    };
  };

  const planUnpaired = (unpaired: UnpairedLesion): PlannedLesion | undefined => {
    const discordance = [...byId.values()].find(
      (d) =>
        d.kind === 'lesion-in-one-read-only' &&
        d.onlyIn === unpaired.side &&
        (d.lesion1 ?? d.lesion2) === unpaired.lesionId,
    );
    const decision = discordance && decisionOf.get(discordance.id);
    if (discordance === undefined || decision === undefined) {
      throw new Error('unreachable: decisions were checked');
    }
    const decisionText = describe(discordance, decision);
    if (decision.choice !== unpaired.side) {
      rejected.push({
        side: unpaired.side,
        lesionId: unpaired.lesionId,
        discordanceId: discordance.id,
      });
      rejectedReasons.push(
        `${readerLabel(unpaired.side)} ${unpaired.lesionId} left out: ${decisionText}`,
      );
      return undefined;
    }
    const lesion = findLive(unpaired.side === 'reader1' ? read1 : read2, unpaired.lesionId);
    const source: FieldSource = unpaired.side;
    const from = `from ${readerLabel(unpaired.side)} ${unpaired.lesionId} (accepted in ${discordance.id})`;
    const calls = MODALITY_GROUPS.flatMap((modality) => {
      const call = unpaired.calls[modality];
      return call === undefined ? [] : [{ modality, call, reason: from }];
    });
    return {
      provenance: {
        ...(unpaired.side === 'reader1'
          ? { reader1LesionId: unpaired.lesionId }
          : { reader2LesionId: unpaired.lesionId }),
        presence: source,
        segment: source,
        baselineLocation: source,
        baselineDiameterMm: source,
        calls: Object.fromEntries(MODALITY_GROUPS.map((m) => [m, source])) as Record<
          ModalityGroup,
          FieldSource
        >,
        status: source,
        decisions: [discordance.id],
      },
      ...(lesion.segment !== undefined && { segment: lesion.segment }),
      ...(lesion.baselineLocation !== undefined && { baselineLocation: lesion.baselineLocation }),
      ...(lesion.baselineDiameterMm !== undefined && {
        baselineDiameterMm: lesion.baselineDiameterMm,
      }),
      calls,
      addReason: `${readerLabel(unpaired.side)} ${unpaired.lesionId} only; ${decisionText}`,
    };
  };

  const unpaired1 = new Map(unpairedOf('reader1').map((u) => [u.lesionId, u]));
  for (const lesion of read1.lesions) {
    const pair = pairOf.get(lesion.id);
    const single = unpaired1.get(lesion.id);
    const plan = pair ? planPair(pair) : single ? planUnpaired(single) : undefined;
    if (plan) planned.push(plan);
  }
  for (const single of unpairedOf('reader2')) {
    const plan = planUnpaired(single);
    if (plan) planned.push(plan);
  }

  const createReason = [
    `central review consensus at ${config.statusTimepoint} of read ${read1.readId} v${read1.version} by ${readerLabel('reader1')} and read ${read2.readId} v${read2.version} by ${readerLabel('reader2')}`,
    ...rejectedReasons,
  ].join('; ');
  let read = withReason(
    undefined,
    createRead(
      {
        patientId: read1.patientId,
        reader: adjudicator,
        config,
        consensus: consensusBlockOf([read1, read2]),
      },
      ctx,
    ),
    createReason,
  );

  for (const [study, timepoint] of Object.entries(read1.timepointAssignment).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (read2.timepointAssignment[study] !== timepoint) continue;
    read = withReason(
      read,
      assignTimepoint(read, { studyInstanceUid: study, timepoint }, ctx),
      'agreed by both readers',
    );
  }

  const lesions: ConsensusLesionProvenance[] = [];
  for (const plan of planned) {
    const lesionId = nextLesionId(read);
    read = withReason(
      read,
      addLesion(
        read,
        {
          segment: plan.segment,
          baselineLocation: plan.baselineLocation,
          baselineDiameterMm: plan.baselineDiameterMm,
        },
        ctx,
      ),
      plan.addReason,
    );
    for (const { modality, call, reason } of plan.calls) {
      read = withReason(
        read,
        setCall(read, { lesionId, timepoint: config.statusTimepoint, modality, call }, ctx),
        reason,
      );
    }
    lesions.push({ lesionId, ...plan.provenance });
  }

  return {
    ok: true,
    read,
    comparison,
    provenance: {
      read1: sourceRef(read1),
      read2: sourceRef(read2),
      adjudicatorId: adjudicator.id,
      timepoint: config.statusTimepoint,
      lesions,
      rejected,
      decisions: input.decisions,
    },
  };
}

/**
 * Writes `reason` on the pending audit entries that a command appended (those of `after` beyond
 * `before`'s pending entries; all of them when `before` is undefined). An existing reason (an
 * amendment's) is kept in front.
 */
function withReason(before: Read | undefined, after: Read, reason: string): Read {
  const from = before?.pendingAudit.length ?? 0;
  if (after.pendingAudit.length === from) return after;
  const kept = after.pendingAudit.slice(0, from);
  let read: Read = { ...after, pendingAudit: kept };
  for (const entry of after.pendingAudit.slice(from)) {
    const { seq, reason: existing, ...record } = entry;
    void seq;
    read = recordAudit(read, {
      ...record,
      reason: existing === undefined ? reason : `${existing}; ${reason}`,
    });
  }
  return read;
}
