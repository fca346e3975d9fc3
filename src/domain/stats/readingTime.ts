/**
 * Active reading time of a read from its audit trail (docs/statistics.md, "Reader monitoring").
 *
 * Definition. The audit entries of the read, in `seq` order (every version's entries: an
 * amendment's trail continues the original's), each carry the instant the command ran. The active
 * time is the sum over consecutive entries of the gap between them, each gap capped at
 * `capMinutes` (default 5): a longer gap is a pause, of which only the cap is counted. A negative
 * or unreadable gap (a clock set back, a malformed time) counts 0. A read with fewer than two
 * timed entries has no active time (null).
 *
 * What it cannot see: the time spent looking at images before the first command (the read is
 * created when the reader first records something) and after the last one (usually the signing).
 */
import type { AuditEntry, PendingAuditEntry } from '../model.ts';

/** The default cap of one gap between audit entries, minutes. */
export const DEFAULT_ACTIVE_GAP_CAP_MINUTES = 5;

/**
 * Active reading time of one read in seconds (definition in the module comment), or null when
 * fewer than two entries carry a readable time.
 * @throws RangeError unless `capMinutes` is a positive finite number
 */
export function activeReadingSeconds(
  audit: readonly (AuditEntry | PendingAuditEntry)[],
  capMinutes = DEFAULT_ACTIVE_GAP_CAP_MINUTES,
): number | null {
  if (!(Number.isFinite(capMinutes) && capMinutes > 0)) {
    throw new RangeError(`the gap cap must be a positive number of minutes, got ${capMinutes}`);
  }
  const capMs = capMinutes * 60_000;
  const times = [...audit]
    .sort((a, b) => a.seq - b.seq)
    .map((entry) => Date.parse(entry.at))
    .filter(Number.isFinite);
  if (times.length < 2) return null;
  let totalMs = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (gap > 0) totalMs += Math.min(gap, capMs);
  }
  return totalMs / 1000;
}

/** The median of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
