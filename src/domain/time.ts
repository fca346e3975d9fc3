/**
 * Dates and times shown to a person, in one unambiguous ISO 8601 form for an international study:
 * `YYYY-MM-DD HH:mm UTC±HH:MM` (local wall time followed by its offset from UTC; UTC itself is
 * `UTC+00:00`), and dates alone as `YYYY-MM-DD`. Stored and exported values keep their own form
 * (UTC ISO strings, see src/domain/clock.ts); this module is for display only.
 *
 * Pure: the caller passes the offset (the browser's zone is read in src/ui/time.ts).
 */

/** Largest offset of any zone in use (UTC+14:00, Kiribati; UTC-12:00 is the smallest). */
const MAX_OFFSET_MINUTES = 14 * 60;

const two = (n: number): string => String(n).padStart(2, '0');

/** `+01:00`, `-05:30`, `+00:00` for an offset in minutes east of UTC. */
function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * An instant (an ISO 8601 string with `Z` or an offset, or epoch milliseconds) as
 * `YYYY-MM-DD HH:mm UTC±HH:MM` at `offsetMinutes` east of UTC (e.g. 60 for Central European
 * winter time, -300 for US Eastern winter time). Input that is not a valid instant is returned as
 * given, so that nothing is hidden; an offset that is not a whole number of minutes within
 * UTC-14:00..UTC+14:00 is a programming error and throws `RangeError`.
 */
export function formatDateTime(instant: string | number, offsetMinutes: number): string {
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
    throw new RangeError(`UTC offset must be whole minutes within ±14:00, got ${offsetMinutes}`);
  }
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (
    !Number.isFinite(ms) ||
    (typeof instant === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(instant))
  ) {
    return String(instant);
  }
  const local = new Date(ms + offsetMinutes * 60_000);
  if (Number.isNaN(local.getTime())) return String(instant);
  const date = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  return `${date} ${time} UTC${offsetText(offsetMinutes)}`;
}

/**
 * A calendar date as `YYYY-MM-DD`: a DICOM DA value (`YYYYMMDD`) or an ISO date. Anything else
 * (empty, partial, impossible such as `20260231`) is returned as given.
 */
export function formatDate(value: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (match === null) return value;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const valid =
    check.getUTCFullYear() === Number(y) &&
    check.getUTCMonth() === Number(m) - 1 &&
    check.getUTCDate() === Number(d);
  return valid ? `${y}-${m}-${d}` : value;
}
