/**
 * The browser-dependent half of date display: the offset of this browser's zone at the instant
 * shown (so summer and winter times each get their own offset). The form is in src/domain/time.ts.
 */
import { formatDateTime } from '../domain';

/** An instant as `YYYY-MM-DD HH:mm UTC±HH:MM` in this browser's zone. */
export function displayDateTime(instant: string): string {
  const ms = Date.parse(instant);
  const offset = Number.isFinite(ms) ? -new Date(ms).getTimezoneOffset() : 0;
  return formatDateTime(instant, offset);
}
