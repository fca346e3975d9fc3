/**
 * Which protocols fit a study, and the best one (pure). Each protocol's match rules are scored
 * over the study's roles, modalities, timepoints and counts, as OHIF's hanging protocol service
 * does: a satisfied rule adds its weight, an unsatisfied required rule excludes the protocol, and
 * a protocol whose grid would be empty does not fit. The highest score wins; a tie goes to the
 * protocol listed first (docs/hanging-protocols.md).
 */
import { hangStudy, roleFamily, timepointsOf } from './hang.ts';
import type { HangingProtocol, MatchRule, ProtocolMatch, StudySeries } from './types.ts';

/** The values and counts a rule can look at. */
function facts(series: readonly StudySeries[]) {
  const roles = new Set<string>();
  for (const s of series) {
    roles.add(s.role);
    roles.add(roleFamily(s.role));
  }
  const timepoints = timepointsOf(series);
  return {
    modalities: new Set(series.map((s) => s.modality)),
    roles,
    timepoints: new Set(timepoints),
    seriesCount: series.length,
    timepointCount: timepoints.length,
  };
}

type Facts = ReturnType<typeof facts>;

function satisfied(rule: MatchRule, known: Facts): boolean {
  if ('contains' in rule) {
    const wanted = typeof rule.contains === 'string' ? [rule.contains] : rule.contains;
    return wanted.some((value) => known[rule.attribute].has(value));
  }
  const count = known[rule.attribute];
  return (rule.atLeast ?? -Infinity) <= count && count <= (rule.atMost ?? Infinity);
}

/** The protocol's score on the study, or undefined when a required rule fails. */
export function scoreProtocol(
  protocol: HangingProtocol,
  series: readonly StudySeries[],
): number | undefined {
  const known = facts(series);
  let score = 0;
  for (const rule of protocol.match) {
    if (satisfied(rule, known)) score += rule.weight ?? 0;
    else if (rule.required) return undefined;
  }
  return score;
}

/** The protocols that fit the study, best first (score, then catalogue order). */
export function matchProtocols(
  catalogue: readonly HangingProtocol[],
  series: readonly StudySeries[],
): ProtocolMatch[] {
  const matches = catalogue.flatMap((protocol, order) => {
    const score = scoreProtocol(protocol, series);
    if (score === undefined) return [];
    const grid = hangStudy(protocol, series);
    return grid.cells.length === 0 ? [] : [{ protocol, score, grid, order }];
  });
  matches.sort((a, b) => b.score - a.score || a.order - b.order);
  return matches.map(({ protocol, score, grid }) => ({ protocol, score, grid }));
}

/**
 * The match to show: the reader's choice when it still fits the study, else the best one;
 * undefined only when nothing fits (an empty study).
 */
export function chooseProtocol(
  matches: readonly ProtocolMatch[],
  chosenId: string | undefined,
): ProtocolMatch | undefined {
  return matches.find((m) => m.protocol.id === chosenId) ?? matches[0];
}
