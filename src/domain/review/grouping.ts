/**
 * The discordances of a comparison grouped as the adjudicator reads them (docs/domain.md §7): a
 * matched pair's status discordance sits under the call discordances that cause it, the calls on
 * the study's required modality groups (only those make the derived status, docs/domain.md §5).
 * Calls on groups that are not required never change the status, so they stand on their own;
 * a lesion in one read only is a group of its own. Pure.
 */
import type { ModalityGroup } from '../model.ts';
import {
  pairKey,
  type CallDiscordance,
  type PresenceDiscordance,
  type ReadComparison,
  type StatusDiscordance,
} from './discordance.ts';

/** The discordances of one matched pair. */
export interface PairDiscordanceGroup {
  readonly kind: 'pair';
  /** `L3~L5`. */
  readonly key: string;
  readonly lesion1: string;
  readonly lesion2: string;
  /** The pair's different statuses, if they differ. */
  readonly status?: StatusDiscordance;
  /** With a status discordance: the different calls on required groups, which make it. */
  readonly causes: readonly CallDiscordance[];
  /** Different calls that do not make the status differ (not required, or no status discordance). */
  readonly calls: readonly CallDiscordance[];
}

/** A lesion that one reader only registered. */
export interface PresenceDiscordanceGroup {
  readonly kind: 'presence';
  readonly key: string;
  readonly discordance: PresenceDiscordance;
}

export type DiscordanceGroup = PairDiscordanceGroup | PresenceDiscordanceGroup;

/**
 * Groups a comparison's discordances: one group per matched pair that has any (pair order), then
 * one per lesion in one read only (comparison order). Every discordance is in exactly one group.
 */
export function groupDiscordances(comparison: ReadComparison): DiscordanceGroup[] {
  const required = new Set<ModalityGroup>(comparison.config.requiredModalities);
  const groups: DiscordanceGroup[] = [];
  for (const pair of comparison.pairs) {
    const key = pairKey(pair.lesion1, pair.lesion2);
    const own = comparison.discordances.filter(
      (d) =>
        d.kind !== 'lesion-in-one-read-only' &&
        d.lesion1 === pair.lesion1 &&
        d.lesion2 === pair.lesion2,
    );
    if (own.length === 0) continue;
    const status = own.find((d): d is StatusDiscordance => d.kind === 'status');
    const calls = own.filter((d): d is CallDiscordance => d.kind === 'call');
    const causes = status ? calls.filter((d) => required.has(d.modality)) : [];
    groups.push({
      kind: 'pair',
      key,
      lesion1: pair.lesion1,
      lesion2: pair.lesion2,
      ...(status && { status }),
      causes,
      calls: calls.filter((d) => !causes.includes(d)),
    });
  }
  for (const d of comparison.discordances) {
    if (d.kind === 'lesion-in-one-read-only')
      groups.push({ kind: 'presence', key: d.id, discordance: d });
  }
  return groups;
}
