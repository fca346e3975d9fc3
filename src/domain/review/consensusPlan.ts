/**
 * The plan of a consensus read (docs/domain.md §7): from two signed reads, their comparison and
 * the adjudicator's decisions, everything the consensus read must contain (lesions with their
 * segment, baseline location and diameter, the calls at the status timepoint, the agreed
 * timepoint assignments), where each value came from, and the reason each step will record; or
 * every problem of the reads and the decisions. Pure: it runs no command, so a plan can be
 * inspected before consensusApply.ts turns it into a read.
 *
 * What the consensus holds: the lesion registry (matched pairs, and unpaired lesions the
 * adjudicator accepted), segment and baseline geometry, the calls at the status timepoint, and
 * the timepoint assignments both readers agree on. Agreed values are taken as they are; for a
 * matched pair's segment, baseline location and diameter (which are not adjudicated) reader 1's
 * value is taken where set, else reader 2's, and the provenance says which. Measurements,
 * comments, site points and other timepoints stay in the readers' reads.
 */
import { canonicalJson } from '../canonicalJson.ts';
import { json } from '../commandKit.ts';
import {
  MODALITY_GROUPS,
  type Call,
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
import { deriveLesionStatus } from '../status.ts';
import {
  callSetOf,
  checkAdjudication,
  choiceSource,
  decidedValue,
  settlePairCalls,
  type AdjudicationDecision,
  type AdjudicationProblem,
  type FieldSource,
} from './decisions.ts';
import {
  compareReads,
  pairKey,
  type ComparedPair,
  type Discordance,
  type ReadComparison,
  type ReaderSide,
  type UnpairedLesion,
} from './discordance.ts';
import { adjudicatorReadCase } from './adjudicator.ts';
import type { ConsensusLesionProvenance, ConsensusProvenance } from './provenance.ts';
import { resolveWholeRead, type WholeReadAcceptance } from './wholeRead.ts';

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
  /** "2+1": one reader's whole read accepted (wholeRead.ts); then `decisions` must be empty. */
  readonly wholeRead?: WholeReadAcceptance;
}

/** A consensus lesion before it is added: its data, calls and reasons. */
export interface PlannedLesion {
  /** All but the consensus lesion id, which the read assigns when the lesion is added. */
  readonly provenance: Omit<ConsensusLesionProvenance, 'lesionId'>;
  readonly segment?: CouinaudSegment;
  readonly baselineLocation?: ImagePoint;
  readonly baselineDiameterMm?: number;
  readonly calls: readonly { modality: ModalityGroup; call: Call; reason: string }[];
  readonly addReason: string;
}

/** What the consensus read must contain, in the order the commands will build it. */
export interface ConsensusPlan {
  readonly read1: Read;
  readonly read2: Read;
  readonly adjudicator: Reader;
  readonly decisions: readonly AdjudicationDecision[];
  readonly config: StudyConfig;
  readonly comparison: ReadComparison;
  /** Reason of `createRead`: the source read versions and the unpaired lesions left out. */
  readonly createReason: string;
  /** Timepoint assignments both readers made alike, by study instance UID. */
  readonly timepoints: readonly { studyInstanceUid: string; timepoint: TimepointId }[];
  /** Reader 1's lesions in registry order (matched or accepted), then reader 2's accepted ones. */
  readonly lesions: readonly PlannedLesion[];
  readonly rejected: ConsensusProvenance['rejected'];
}

/** Result of `planConsensus`. */
export type ConsensusPlanResult =
  | { readonly ok: true; readonly plan: ConsensusPlan }
  | { readonly ok: false; readonly problems: readonly AdjudicationProblem[] };

/** An unpaired lesion the adjudicator left out, and the reason to record for it. */
interface RejectedLesion {
  readonly rejected: ConsensusProvenance['rejected'][number];
  readonly reason: string;
}

/** What the planning of each lesion needs: the reads and the decisions by discordance id. */
interface Planning {
  readonly read1: Read;
  readonly read2: Read;
  readonly config: StudyConfig;
  readonly byId: ReadonlyMap<string, Discordance>;
  readonly decisionOf: ReadonlyMap<string, AdjudicationDecision>;
}

const SIDE_LABEL: Readonly<Record<ReaderSide, string>> = {
  reader1: 'reader 1',
  reader2: 'reader 2',
};

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
  if (adjudicatorReadCase(adjudicator, [read1, read2])) {
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

function readerLabel(p: Planning, side: ReaderSide): string {
  return `${SIDE_LABEL[side]} [${(side === 'reader1' ? p.read1 : p.read2).reader.id}]`;
}

function describe(p: Planning, discordance: Discordance, decision: AdjudicationDecision): string {
  const value = decidedValue(discordance, decision) ?? '';
  const who =
    decision.choice === 'own'
      ? "adjudicator's own value"
      : `accepted ${readerLabel(p, decision.choice)}`;
  return `adjudication ${discordance.id}: ${who} (${value}) — ${decision.reason.trim()}`;
}

/**
 * Plans the consensus read of two signed reads under the adjudicator's decisions: checks the
 * reads and the decisions, then works out every lesion, call, timepoint assignment and reason.
 * Consensus lesions are numbered anew: reader 1's in registry order (matched or accepted), then
 * reader 2's accepted unpaired lesions.
 *
 * @returns the plan; or every problem found (reads and decisions)
 */
export function planConsensus(input: ConsensusInput): ConsensusPlanResult {
  const pre = readProblems(input);
  if (pre.some((p) => p.code === 'different-patients')) return { ok: false, problems: pre };
  const { read1, read2, adjudicator } = input;
  const config = input.config ?? read1.config;
  const comparison = compareReads(read1, read2, config);
  const whole = resolveWholeRead(comparison, input);
  const decisions = whole.decisions;
  const problems = [...pre, ...whole.problems, ...checkAdjudication(comparison, decisions)];
  if (problems.length > 0) return { ok: false, problems };

  const p: Planning = {
    read1,
    read2,
    config,
    byId: new Map(comparison.discordances.map((d) => [d.id, d])),
    decisionOf: new Map(decisions.map((d) => [d.discordanceId, d])),
  };
  const lesions: PlannedLesion[] = [];
  const rejected: RejectedLesion[] = [];
  const add = (plan: PlannedLesion | RejectedLesion | undefined) => {
    if (plan === undefined) return;
    if ('rejected' in plan) rejected.push(plan);
    else lesions.push(plan);
  };
  const pairOf = new Map(comparison.pairs.map((pair) => [pair.lesion1, pair]));
  const unpairedOf = (side: ReaderSide) => comparison.unpaired.filter((u) => u.side === side);
  const unpaired1 = new Map(unpairedOf('reader1').map((u) => [u.lesionId, u]));
  for (const lesion of read1.lesions) {
    const pair = pairOf.get(lesion.id);
    const single = unpaired1.get(lesion.id);
    add(pair ? planPair(p, pair) : single ? planUnpaired(p, single) : undefined);
  }
  for (const single of unpairedOf('reader2')) add(planUnpaired(p, single));

  const createReason = [
    `central review consensus at ${config.statusTimepoint} of read ${read1.readId} v${read1.version} by ${readerLabel(p, 'reader1')} and read ${read2.readId} v${read2.version} by ${readerLabel(p, 'reader2')}`,
    ...whole.notes,
    ...rejected.map((r) => r.reason),
  ].join('; ');
  const timepoints = Object.entries(read1.timepointAssignment)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([study, timepoint]) => read2.timepointAssignment[study] === timepoint)
    .map(([studyInstanceUid, timepoint]) => ({ studyInstanceUid, timepoint }));

  return {
    ok: true,
    plan: {
      read1,
      read2,
      adjudicator,
      decisions,
      config,
      comparison,
      createReason,
      timepoints,
      lesions,
      rejected: rejected.map((r) => r.rejected),
    },
  };
}

function planPair(p: Planning, pair: ComparedPair): PlannedLesion {
  const { read1, read2, config, byId, decisionOf } = p;
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
    `consensus of ${readerLabel(p, 'reader1')} ${pair.lesion1} and ${readerLabel(p, 'reader2')} ${pair.lesion2}, matched at ${formatMm(pair.distanceMm)}`,
    `segment ${FIELD_WORDS[segment.source]}; baseline location ${FIELD_WORDS[location.source]}; baseline diameter ${FIELD_WORDS[diameter.source]}`,
  ];
  if (statusDiscordance !== undefined && statusDecision !== undefined) {
    lesionReasons.push(describe(p, statusDiscordance, statusDecision));
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
        ? describe(p, s.discordance, s.decision)
        : `agreed by both readers (${readerLabel(p, 'reader1')} ${pair.lesion1}, ${readerLabel(p, 'reader2')} ${pair.lesion2})`;
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
}

function planUnpaired(p: Planning, unpaired: UnpairedLesion): PlannedLesion | RejectedLesion {
  const { read1, read2, byId, decisionOf } = p;
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
  const decisionText = describe(p, discordance, decision);
  if (decision.choice !== unpaired.side) {
    return {
      rejected: { side: unpaired.side, lesionId: unpaired.lesionId, discordanceId: discordance.id },
      reason: `${readerLabel(p, unpaired.side)} ${unpaired.lesionId} left out: ${decisionText}`,
    };
  }
  const lesion = findLive(unpaired.side === 'reader1' ? read1 : read2, unpaired.lesionId);
  const source: FieldSource = unpaired.side;
  const from = `from ${readerLabel(p, unpaired.side)} ${unpaired.lesionId} (accepted in ${discordance.id})`;
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
    addReason: `${readerLabel(p, unpaired.side)} ${unpaired.lesionId} only; ${decisionText}`,
  };
}
