/**
 * What the adjudicator decided, read back from a consensus read (docs/statistics.md, "Reader
 * monitoring"). The decisions themselves are not stored in the read; the consensus read holds
 * their result. So each discordance between the two source reads is settled by looking at the
 * consensus: its lesions are matched to each source read's lesions by the same rules as two
 * readers' (src/domain/review/matching.ts: same segment, baseline places within the match
 * distance, one-to-one), and the consensus value of the discordance is
 *
 * - a call discordance (pair L3~L5, CT): the consensus lesion matched to reader 1's L3 (else the
 *   one matched to reader 2's L5), its call at the status timepoint (`unset` where none);
 * - a status discordance: that lesion's status derived from its calls under the configuration;
 * - a lesion in one read only (R1:L3): `registered` when a consensus lesion is matched to L3,
 *   else `not-registered`.
 *
 * A pair whose two lesions match two different consensus lesions, or none, cannot be read back:
 * its verdict has no consensus value (`undefined`) and is counted apart, never guessed.
 */
import type { LesionId, Read, StudyConfig } from '../model.ts';
import {
  callValue,
  compareReads,
  type Discordance,
  type ReadComparison,
} from '../review/discordance.ts';
import { matchLesions } from '../review/matching.ts';
import { callsAt, deriveLesionStatus } from '../status.ts';

/** One discordance and the value the consensus holds for it. */
export interface ConsensusVerdict {
  readonly discordance: Discordance;
  /** The consensus value, comparable with `value1` / `value2`; undefined when not derivable. */
  readonly consensusValue?: string;
}

/** The comparison of the two source reads and the verdict on each of its discordances. */
export interface ConsensusVerdicts {
  readonly comparison: ReadComparison;
  readonly verdicts: readonly ConsensusVerdict[];
}

/** Reader lesion id -> consensus lesion id, by the matching rules. */
function matchedTo(read: Read, consensus: Read, config: StudyConfig): Map<LesionId, LesionId> {
  const { pairs } = matchLesions(read.lesions, consensus.lesions, config);
  return new Map(pairs.map((p) => [p.a, p.b]));
}

/**
 * Compares the two source reads under `config` and reads back, for each discordance, the value
 * the consensus took (module comment).
 *
 * @param config default the consensus read's configuration (the one it was built under)
 */
export function consensusVerdicts(
  read1: Read,
  read2: Read,
  consensus: Read,
  config: StudyConfig = consensus.config,
): ConsensusVerdicts {
  const comparison = compareReads(read1, read2, config);
  const map1 = matchedTo(read1, consensus, config);
  const map2 = matchedTo(read2, consensus, config);
  const timepoint = config.statusTimepoint;
  const lesionOf = (id: LesionId | undefined) =>
    id === undefined ? undefined : consensus.lesions.find((l) => l.id === id);
  const pairLesion = (lesion1: LesionId, lesion2: LesionId) => {
    const c1 = map1.get(lesion1);
    const c2 = map2.get(lesion2);
    if (c1 !== undefined && c2 !== undefined && c1 !== c2) return undefined;
    return lesionOf(c1 ?? c2);
  };
  const verdicts = comparison.discordances.map((discordance): ConsensusVerdict => {
    if (discordance.kind === 'lesion-in-one-read-only') {
      const registered =
        discordance.onlyIn === 'reader1'
          ? discordance.lesion1 !== undefined && map1.has(discordance.lesion1)
          : discordance.lesion2 !== undefined && map2.has(discordance.lesion2);
      return { discordance, consensusValue: registered ? 'registered' : 'not-registered' };
    }
    const lesion = pairLesion(discordance.lesion1, discordance.lesion2);
    if (lesion === undefined) return { discordance };
    const calls = callsAt(lesion, timepoint);
    const consensusValue =
      discordance.kind === 'call'
        ? callValue(calls, discordance.modality)
        : deriveLesionStatus(calls, config).status;
    return { discordance, consensusValue };
  });
  return { comparison, verdicts };
}
