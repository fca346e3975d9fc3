import { describe, expect, it } from 'vitest';
import { parseDicomTime, secondsBetween } from '../../src/dicom/time.ts';

describe('parseDicomTime', () => {
  it.each<[string, number | undefined]>([
    ['143015', 14 * 3600 + 30 * 60 + 15],
    ['143015.5', 14 * 3600 + 30 * 60 + 15.5],
    ['143015.123456', 14 * 3600 + 30 * 60 + 15.123456],
    ['1430', 14 * 3600 + 30 * 60],
    ['14', 14 * 3600],
    ['14:30:15', 14 * 3600 + 30 * 60 + 15],
    [' 090000 ', 9 * 3600],
    ['', undefined],
    ['2400', undefined],
    ['1260', undefined],
    ['abc', undefined],
    ['14301', undefined],
  ])('%j -> %s', (tm, expected) => {
    expect(parseDicomTime(tm)).toBe(expected);
  });
});

describe('secondsBetween', () => {
  it.each<[string, string, number | undefined]>([
    ['100000', '100030', 30],
    ['100000', '102000', 1200],
    ['100000', '095930', -30],
    ['235930', '000030', 60],
    ['', '100000', undefined],
    ['100000', '', undefined],
  ])('%s -> %s = %s', (start, end, expected) => {
    expect(secondsBetween(start, end)).toBe(expected);
  });
});
