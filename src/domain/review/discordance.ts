/**
 * Discordances between two blinded reads of one patient (docs/domain.md §7), at the configured
 * status timepoint: a lesion registered in one read only, a different call for a modality group
 * (unset counts as a value: "present" vs unset is a discordance), a different derived status.
 * Every modality group is compared, required or not: the per-modality record is the scientific
 * point of the study (docs/domain.md §1), not only the status.
 *
 * Discordance ids are stable for the same pair of reads and do not depend on list positions:
 * `R1:L3` (L3 of reader 1 has no partner), `R2:L4` (L4 of reader 2 has none),
 * `L3~L5/CT` (matched pair reader 1 L3 / reader 2 L5, CT call), `L3~L5/status`.
 * If the matching changes (a lesion moved), the ids change too, so decisions taken for the old
 * pairing no longer apply and must be reviewed.
 */
import { DomainError } from '../errors.ts';
import {
  MODALITY_GROUPS,
  type Call,
  type Lesion,
  type LesionId,
  type ModalityGroup,
  type Read,
  type StudyConfig,
} from '../model.ts';
import { callsAt, deriveLesionStatus, type CallSet, type DerivedStatus } from '../status.ts';
import { matchLesions, type LesionMatching } from './matching.ts';

/** Which of the two blinded readers. */
export type ReaderSide = 'reader1' | 'reader2';

/** A call as compared: unset is a value of its own. */
export type CallValue = Call | 'unset';

/** All call values, unset last. */
export const CALL_VALUES: readonly CallValue[] = [
  'present',
  'disappeared',
  'not-evaluable',
  'unset',
];

/** Whether a reader registered the lesion. */
export type Presence = 'registered' | 'not-registered';

/** The call value of a call set for one modality (`unset` where absent). */
export function callValue(calls: CallSet, modality: ModalityGroup): CallValue {
  return calls[modality] ?? 'unset';
}

/** A lesion that only one reader registered. */
export interface PresenceDiscordance {
  readonly kind: 'lesion-in-one-read-only';
  /** `R1:L3` or `R2:L4`. */
  readonly id: string;
  readonly onlyIn: ReaderSide;
  readonly lesion1?: LesionId;
  readonly lesion2?: LesionId;
  readonly value1: Presence;
  readonly value2: Presence;
}

/** Different calls of a matched pair on one modality group. */
export interface CallDiscordance {
  readonly kind: 'call';
  /** `L3~L5/CT`. */
  readonly id: string;
  readonly modality: ModalityGroup;
  readonly lesion1: LesionId;
  readonly lesion2: LesionId;
  readonly value1: CallValue;
  readonly value2: CallValue;
}

/** Different derived statuses of a matched pair. */
export interface StatusDiscordance {
  readonly kind: 'status';
  /** `L3~L5/status`. */
  readonly id: string;
  readonly lesion1: LesionId;
  readonly lesion2: LesionId;
  readonly value1: DerivedStatus['status'];
  readonly value2: DerivedStatus['status'];
  /** The reasons in words of each derived status. */
  readonly reason1: string;
  readonly reason2: string;
}

/** One discordance between the two reads. */
export type Discordance = PresenceDiscordance | CallDiscordance | StatusDiscordance;

/** A discordance kind. */
export type DiscordanceKind = Discordance['kind'];

/** A matched pair with both readers' calls and statuses at the status timepoint. */
export interface ComparedPair {
  readonly lesion1: LesionId;
  readonly lesion2: LesionId;
  readonly distanceMm: number;
  readonly calls1: CallSet;
  readonly calls2: CallSet;
  readonly status1: DerivedStatus;
  readonly status2: DerivedStatus;
}

/** A lesion of one read without a partner, with its calls and status. */
export interface UnpairedLesion {
  readonly side: ReaderSide;
  readonly lesionId: LesionId;
  readonly calls: CallSet;
  readonly status: DerivedStatus;
}

/** The comparison of two reads of one patient. */
export interface ReadComparison {
  /** The configuration compared under (status timepoint, required modalities, distance). */
  readonly config: StudyConfig;
  readonly matching: LesionMatching;
  readonly pairs: readonly ComparedPair[];
  /** Reader 1's unpaired lesions (registry order), then reader 2's. */
  readonly unpaired: readonly UnpairedLesion[];
  /** Per pair (reader 1 order): calls in CT, DWI, T1/T2, EOB order, then status; then unpaired. */
  readonly discordances: readonly Discordance[];
}

/** The id of the discordances of a matched pair: `L3~L5`, then `/CT` or `/status`. */
export function pairKey(lesion1: LesionId, lesion2: LesionId): string {
  return `${lesion1}~${lesion2}`;
}

/** The id of a presence discordance: `R1:L3` or `R2:L4`. */
export function presenceId(side: ReaderSide, lesionId: LesionId): string {
  return `${side === 'reader1' ? 'R1' : 'R2'}:${lesionId}`;
}

/** The discordances of one matched pair (calls in canonical modality order, then status). */
export function pairDiscordances(pair: ComparedPair): Discordance[] {
  const key = pairKey(pair.lesion1, pair.lesion2);
  const found: Discordance[] = [];
  for (const modality of MODALITY_GROUPS) {
    const value1 = callValue(pair.calls1, modality);
    const value2 = callValue(pair.calls2, modality);
    if (value1 !== value2) {
      found.push({
        kind: 'call',
        id: `${key}/${modality}`,
        modality,
        lesion1: pair.lesion1,
        lesion2: pair.lesion2,
        value1,
        value2,
      });
    }
  }
  if (pair.status1.status !== pair.status2.status) {
    found.push({
      kind: 'status',
      id: `${key}/status`,
      lesion1: pair.lesion1,
      lesion2: pair.lesion2,
      value1: pair.status1.status,
      value2: pair.status2.status,
      reason1: pair.status1.reason,
      reason2: pair.status2.reason,
    });
  }
  return found;
}

function lesionOf(read: Read, id: LesionId): Lesion {
  const lesion = read.lesions.find((l) => l.id === id);
  if (lesion === undefined) throw new Error(`unreachable: matched lesion ${id} not in read`);
  return lesion;
}

/**
 * Compares two reads of one patient: matches their live lesions (matching.ts) and lists every
 * discordance at `config.statusTimepoint`, with statuses derived under `config`.
 *
 * @param read1 reader 1's read
 * @param read2 reader 2's read
 * @param config the study configuration to compare under; default reader 1's
 * @throws DomainError `invalid-input` if the reads are of different patients,
 *   `invalid-config` for an invalid configuration
 */
export function compareReads(
  read1: Read,
  read2: Read,
  config: StudyConfig = read1.config,
): ReadComparison {
  if (read1.patientId !== read2.patientId) {
    throw new DomainError(
      'invalid-input',
      `reads of different patients (${read1.patientId}, ${read2.patientId}) cannot be compared`,
    );
  }
  const matching = matchLesions(read1.lesions, read2.lesions, config);
  const timepoint = config.statusTimepoint;
  const pairs: ComparedPair[] = matching.pairs.map((match) => {
    const calls1 = callsAt(lesionOf(read1, match.a), timepoint);
    const calls2 = callsAt(lesionOf(read2, match.b), timepoint);
    return {
      lesion1: match.a,
      lesion2: match.b,
      distanceMm: match.distanceMm,
      calls1,
      calls2,
      status1: deriveLesionStatus(calls1, config),
      status2: deriveLesionStatus(calls2, config),
    };
  });
  const unpairedOf = (side: ReaderSide, read: Read, ids: readonly LesionId[]) =>
    ids.map((lesionId): UnpairedLesion => {
      const calls = callsAt(lesionOf(read, lesionId), timepoint);
      return { side, lesionId, calls, status: deriveLesionStatus(calls, config) };
    });
  const unpaired = [
    ...unpairedOf('reader1', read1, matching.unmatchedA),
    ...unpairedOf('reader2', read2, matching.unmatchedB),
  ];
  const discordances: Discordance[] = [
    ...pairs.flatMap(pairDiscordances),
    ...unpaired.map((u): PresenceDiscordance => ({
      kind: 'lesion-in-one-read-only',
      id: presenceId(u.side, u.lesionId),
      onlyIn: u.side,
      ...(u.side === 'reader1' ? { lesion1: u.lesionId } : { lesion2: u.lesionId }),
      value1: u.side === 'reader1' ? 'registered' : 'not-registered',
      value2: u.side === 'reader2' ? 'registered' : 'not-registered',
    })),
  ];
  return { config, matching, pairs, unpaired, discordances };
}
