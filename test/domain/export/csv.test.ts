import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRows } from '../../../src/domain/exportCsv.ts';
import { exportReadCsv } from '../../../src/domain/exportRead.ts';
import { makeLesion, makeRead } from '../fixtures.ts';
import { exportFixtureRead } from './fixture.ts';

// prettier-ignore
const EXPECTED = [
  // lesion, segment, timepoint, modality, call, diameter, adc mean, sd, pixels, status, ct_dlm, comment, recurrence, baseline
  ['L1', 'VII', 'baseline', 'CT', 'seen', '12', '', '', '', '', '', '', '', '12'],
  ['L1', 'VII', 'preop', 'CT', 'disappeared', '', '', '', '', 'cDLM', 'true', '', '', '12'],
  ['L1', 'VII', 'preop', 'DWI', 'disappeared', '', '', '', '', 'cDLM', 'true', '', '', '12'],
  ['L1', 'VII', 'preop', 'T1T2', 'disappeared', '', '', '', '', 'cDLM', 'true', '', '', '12'],
  ['L1', 'VII', 'preop', 'EOB', 'disappeared', '', '', '', '', 'cDLM', 'true', '', '', '12'],
  ['L1', 'VII', 'followup-1', '', '', '', '', '', '', '', '', '', 'no', '12'],
  ['L2', 'IVa', 'preop', 'CT', 'present', '18', '', '', '', 'visible', 'false', '', '', '25'],
  ['L2', 'IVa', 'preop', 'DWI', 'present', '', '1.1', '0.2', '40', 'visible', 'false', '', '', '25'],
  ['L3', 'II', 'preop', '', '', '', '', '', '', 'incomplete', 'false', '', '', ''],
];

const text = (cells: readonly (string | number | boolean | undefined)[]) =>
  cells.map((c) => (c === undefined ? '' : String(c)));

describe('read CSV for data managers', () => {
  it('matches the fixture column by column', () => {
    const [header, ...rows] = csvRows(exportFixtureRead(), { studyId: 'DREAM' }).map(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const perRow = ['DREAM-001-0007', 'read-7', '2', 'R1'];
    const signed = ['signed', 'R1', '2026-02-03T10:20:30.000Z', 'DREAM'];
    expect(rows).toEqual(EXPECTED.map((row) => [...perRow, ...row, ...signed]));
  });

  it('writes the same table as RFC 4180 text', () => {
    const csv = exportReadCsv(exportFixtureRead(), { studyId: 'DREAM' });
    expect(csv.split('\r\n')[2]).toBe(
      'DREAM-001-0007,read-7,2,R1,L1,VII,preop,CT,disappeared,,,,,cDLM,true,,,12,signed,R1,2026-02-03T10:20:30.000Z,DREAM',
    );
  });

  it.each([
    ['draft', { kind: 'draft' as const }, ['draft', '', '', '']],
    [
      'amended',
      { kind: 'amended' as const, reason: 'typo', at: '2026-02-04T00:00:00.000Z' },
      ['amended', '', '', ''],
    ],
  ])('a %s read has no signer', (_name, state, tail) => {
    const [, first] = csvRows({ ...exportFixtureRead(), state }).map(text);
    expect(first?.slice(-4)).toEqual(tail);
  });

  it('signing times are ISO 8601 UTC', () => {
    const rows = csvRows(exportFixtureRead()).slice(1).map(text);
    const at = CSV_COLUMNS.indexOf('signed_at');
    expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(r[at] ?? ''))).toBe(
      true,
    );
  });

  it('a read without lesions has only the header', () => {
    expect(csvRows(makeRead())).toEqual([[...CSV_COLUMNS]]);
  });

  it('words baseline calls as where the lesion is seen, later ones as present/disappeared', () => {
    const read = makeRead({
      lesions: [
        makeLesion({
          assessments: {
            baseline: {
              modalities: {
                CT: { call: 'present', diameterMm: 14 },
                DWI: { call: 'disappeared' },
                T1T2: { call: 'not-evaluable' },
              },
            },
            preop: { modalities: { CT: { call: 'present' }, DWI: { call: 'disappeared' } } },
          },
        }),
      ],
    });
    const [header = [], ...rows] = csvRows(read).map(text);
    const col = (name: string) => header.indexOf(name);
    const calls = rows.map((r) => [r[col('timepoint')], r[col('modality')], r[col('call')]]);
    expect(calls).toEqual([
      ['baseline', 'CT', 'seen'],
      ['baseline', 'DWI', 'not-seen'],
      ['baseline', 'T1T2', 'not-evaluable'],
      ['preop', 'CT', 'present'],
      ['preop', 'DWI', 'disappeared'],
    ]);
  });
});
