import { describe, expect, it } from 'vitest';
import {
  assignTimepoints,
  compareTimepointIds,
  dateOrderId,
  normaliseTimepointId,
} from '../../src/dicom/timepoints.ts';

describe('normaliseTimepointId', () => {
  it.each([
    ['baseline', 'baseline'],
    ['Baseline', 'baseline'],
    ['BL', 'baseline'],
    ['Screening', 'baseline'],
    ['preop', 'preop'],
    ['Pre-Op', 'preop'],
    ['PRE OP', 'preop'],
    ['post-chemo', 'preop'],
    ['Post Chemo', 'preop'],
    ['Follow-up 1', 'followup-1'],
    ['FOLLOW UP 2', 'followup-2'],
    ['FU 3', 'followup-3'],
    ['fu2', 'followup-2'],
    ['followup', 'followup-1'],
    ['Week 12', 'week-12'],
    ['  ', ''],
  ])('%j -> %j', (value, expected) => {
    expect(normaliseTimepointId(value)).toBe(expected);
  });
});

describe('dateOrderId', () => {
  it.each([
    [0, 'baseline'],
    [1, 'preop'],
    [2, 'followup-1'],
    [4, 'followup-3'],
  ])('%i -> %s', (index, expected) => {
    expect(dateOrderId(index)).toBe(expected);
  });
});

describe('compareTimepointIds', () => {
  it('orders clinically', () => {
    const ids = ['week-12', 'followup-10', 'preop', 'followup-2', 'baseline', 'abc'];
    expect([...ids].sort(compareTimepointIds)).toEqual([
      'baseline',
      'preop',
      'followup-2',
      'followup-10',
      'abc',
      'week-12',
    ]);
  });
});

describe('assignTimepoints', () => {
  const s = (uid: string, studyDate: string, trialTimepoint = '') => ({
    studyInstanceUid: uid,
    studyDate,
    trialTimepoint,
  });

  it.each<[string, ReturnType<typeof s>[], Record<string, string>]>([
    [
      'date order',
      [s('b', '20240601'), s('a', '20240101'), s('c', '20241201')],
      { a: 'baseline:date-order', b: 'preop:date-order', c: 'followup-1:date-order' },
    ],
    [
      'same date = same timepoint',
      [s('a', '20240101'), s('b', '20240101'), s('c', '20240601')],
      { a: 'baseline:date-order', b: 'baseline:date-order', c: 'preop:date-order' },
    ],
    [
      'undated last',
      [s('a', ''), s('b', '20240101')],
      { a: 'preop:date-order', b: 'baseline:date-order' },
    ],
    [
      'trial tag wins over date',
      [s('a', '20240101', 'preop'), s('b', '20240601', 'baseline')],
      { a: 'preop:trial-tag', b: 'baseline:trial-tag' },
    ],
    [
      'untagged take the free ids',
      [s('a', '20240101', 'baseline'), s('b', '20240601'), s('c', '20241201')],
      { a: 'baseline:trial-tag', b: 'preop:date-order', c: 'followup-1:date-order' },
    ],
  ])('%s', (_name, studies, expected) => {
    const result = assignTimepoints(studies);
    const flat = Object.fromEntries([...result].map(([uid, t]) => [uid, `${t.id}:${t.source}`]));
    expect(flat).toEqual(expected);
  });
});
