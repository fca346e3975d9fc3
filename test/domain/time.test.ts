import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../src/domain';

describe('formatDateTime', () => {
  it.each([
    // [instant, offset minutes east of UTC, shown]
    ['2026-12-06T12:17:28.123Z', 0, '2026-12-06 12:17 UTC+00:00'],
    ['2026-12-06T12:17:28.123Z', 60, '2026-12-06 13:17 UTC+01:00'],
    ['2026-12-06T12:17:28.123Z', 540, '2026-12-06 21:17 UTC+09:00'],
    ['2026-12-06T12:17:28.123Z', 330, '2026-12-06 17:47 UTC+05:30'],
    ['2026-12-06T12:17:28.123Z', 345, '2026-12-06 18:02 UTC+05:45'],
    ['2026-12-06T12:17:28.123Z', -300, '2026-12-06 07:17 UTC-05:00'],
    ['2026-12-06T12:17:28.123Z', -570, '2026-12-06 02:47 UTC-09:30'],
    // Midnight, and crossing the date line either way (day, month and year change).
    ['2026-12-06T00:00:00Z', 0, '2026-12-06 00:00 UTC+00:00'],
    ['2026-12-31T23:30:00Z', 60, '2027-01-01 00:30 UTC+01:00'],
    ['2026-03-01T02:00:00Z', -180, '2026-02-28 23:00 UTC-03:00'],
    ['2028-03-01T02:00:00Z', -180, '2028-02-29 23:00 UTC-03:00'],
    ['2026-12-06T10:00:00Z', 840, '2026-12-07 00:00 UTC+14:00'],
    ['2026-12-06T12:00:00Z', -720, '2026-12-06 00:00 UTC-12:00'],
    // Seconds are dropped, not rounded.
    ['2026-12-06T12:17:59.999Z', 0, '2026-12-06 12:17 UTC+00:00'],
    // An instant given with its own offset is the same instant.
    ['2026-12-06T13:17:28+01:00', -300, '2026-12-06 07:17 UTC-05:00'],
    [Date.UTC(2026, 11, 6, 12, 17), 60, '2026-12-06 13:17 UTC+01:00'],
  ] as const)('%s at %i min is %s', (instant, offset, shown) => {
    expect(formatDateTime(instant, offset)).toBe(shown);
  });

  it.each([
    ['', 0],
    ['not a date', 60],
    ['12/6/2026, 1:17:28 PM', 0],
    ['2026-13-40T00:00:00Z', 0],
    [Number.NaN, 0],
  ] as const)('returns invalid instant %s as given', (instant, offset) => {
    expect(formatDateTime(instant, offset)).toBe(String(instant));
  });

  it.each([0.5, 841, -841, Number.NaN, Number.POSITIVE_INFINITY])('refuses offset %s', (offset) => {
    expect(() => formatDateTime('2026-12-06T12:17:28Z', offset)).toThrow(RangeError);
  });

  it('shows negative zero as UTC+00:00', () => {
    expect(formatDateTime('2026-12-06T12:17:28Z', -0)).toBe('2026-12-06 12:17 UTC+00:00');
  });
});

describe('formatDate', () => {
  it.each([
    ['20261206', '2026-12-06'],
    ['2026-12-06', '2026-12-06'],
    [' 20260101 ', '2026-01-01'],
    ['20280229', '2028-02-29'],
    // Not a whole valid date: shown as given.
    ['20270229', '20270229'],
    ['20261301', '20261301'],
    ['202612', '202612'],
    ['', ''],
    ['unknown', 'unknown'],
  ])('%j is %j', (value, shown) => {
    expect(formatDate(value)).toBe(shown);
  });
});
