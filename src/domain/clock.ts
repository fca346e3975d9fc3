/**
 * Reading the injected clock. Part 11 audit times must be unambiguous, so a clock that returns
 * local time or an offset is refused rather than stored.
 */
import { DomainError } from './errors.ts';
import type { CommandContext } from './model.ts';

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Whether a string is an ISO 8601 UTC timestamp such as `2026-01-02T03:04:05.678Z`. */
export function isUtcIso(value: string): boolean {
  return UTC_ISO.test(value) && !Number.isNaN(new Date(value).getTime());
}

/** The injected clock's current time; throws `DomainError('invalid-input')` if not UTC ISO. */
export function utcNow(ctx: CommandContext): string {
  const at = ctx.now();
  if (!isUtcIso(at)) {
    throw new DomainError('invalid-input', `clock must give UTC ISO 8601, got "${at}"`);
  }
  return at;
}
