import { describe, expect, it } from 'vitest';
import {
  RS_COLUMNS,
  SDTM_REQUIRED,
  sdtmCsv,
  sdtmTables,
  TR_COLUMNS,
  TU_COLUMNS,
  visitName,
  visitNum,
  type SdtmDomain,
} from '../../../src/domain/export/sdtm.ts';
import type { TimepointId } from '../../../src/domain/model.ts';
import { makeLesion, makeRead } from '../fixtures.ts';
import { exportFixtureRead } from './fixture.ts';

const tables = () =>
  sdtmTables([exportFixtureRead(), makeRead({ patientId: 'DREAM-001-0001' })], {
    studyId: 'DREAM',
  });
const text = (rows: (string | number | undefined)[][]) =>
  rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))));

const S = ['DREAM'];
const SUBJ = 'DREAM-DREAM-001-0007';
const EV = ['INDEPENDENT ASSESSOR', 'ADJUDICATOR'];
const ADC = '10^-3 mm2/s';

// prettier-ignore
const TU = [
  [...S, 'TU', SUBJ, '1', 'L1', 'TUMIDENT', 'Tumor Identification', 'LIVER METASTASIS', 'LIVER METASTASIS', 'LIVER SEGMENT VII', ...EV, '1', 'BASELINE'],
  [...S, 'TU', SUBJ, '2', 'L2', 'TUMIDENT', 'Tumor Identification', 'LIVER METASTASIS', 'LIVER METASTASIS', 'LIVER SEGMENT IVa', ...EV, '1', 'BASELINE'],
  [...S, 'TU', SUBJ, '3', 'L3', 'TUMIDENT', 'Tumor Identification', 'LIVER METASTASIS', 'LIVER METASTASIS', 'LIVER SEGMENT II', ...EV, '1', 'BASELINE'],
];

// prettier-ignore
const TR = [
  ['1', 'L1', 'LDIAM', 'Longest Diameter', '12', 'mm', '12', '12', 'mm', '', '1', 'BASELINE'],
  ['2', 'L1', 'TUMSTATE', 'Tumor State', 'PRESENT', '', 'PRESENT', '', '', 'CT SCAN', '1', 'BASELINE'],
  ['3', 'L1', 'LDIAM', 'Longest Diameter', '12', 'mm', '12', '12', 'mm', 'CT SCAN', '1', 'BASELINE'],
  ['4', 'L1', 'TUMSTATE', 'Tumor State', 'ABSENT', '', 'ABSENT', '', '', 'CT SCAN', '2', 'PRE-OPERATIVE'],
  ['5', 'L1', 'TUMSTATE', 'Tumor State', 'ABSENT', '', 'ABSENT', '', '', 'DIFFUSION-WEIGHTED MRI', '2', 'PRE-OPERATIVE'],
  ['6', 'L1', 'TUMSTATE', 'Tumor State', 'ABSENT', '', 'ABSENT', '', '', 'T1/T2-WEIGHTED MRI', '2', 'PRE-OPERATIVE'],
  ['7', 'L1', 'TUMSTATE', 'Tumor State', 'ABSENT', '', 'ABSENT', '', '', 'GADOXETATE-ENHANCED MRI', '2', 'PRE-OPERATIVE'],
  ['8', 'L2', 'LDIAM', 'Longest Diameter', '25', 'mm', '25', '25', 'mm', '', '1', 'BASELINE'],
  ['9', 'L2', 'TUMSTATE', 'Tumor State', 'PRESENT', '', 'PRESENT', '', '', 'CT SCAN', '2', 'PRE-OPERATIVE'],
  ['10', 'L2', 'LDIAM', 'Longest Diameter', '18', 'mm', '18', '18', 'mm', 'CT SCAN', '2', 'PRE-OPERATIVE'],
  ['11', 'L2', 'TUMSTATE', 'Tumor State', 'PRESENT', '', 'PRESENT', '', '', 'DIFFUSION-WEIGHTED MRI', '2', 'PRE-OPERATIVE'],
  ['12', 'L2', 'ADCMEAN', 'Apparent Diffusion Coefficient Mean', '1.1', ADC, '1.1', '1.1', ADC, 'DIFFUSION-WEIGHTED MRI', '2', 'PRE-OPERATIVE'],
  ['13', 'L2', 'ADCSD', 'Apparent Diffusion Coefficient SD', '0.2', ADC, '0.2', '0.2', ADC, 'DIFFUSION-WEIGHTED MRI', '2', 'PRE-OPERATIVE'],
].map(([seq, lnk, cd, test, orres, orresu, stresc, stresn, stresu, method, vn, v]) => [
  ...S, 'TR', SUBJ, seq, lnk, cd, test, orres, orresu, stresc, stresn, stresu, method, ...EV, vn, v,
]);

const rs = (
  seq: number,
  lesion: string,
  cd: string,
  test: string,
  orres: string,
  stresc: string,
) => [
  ...S,
  'RS',
  SUBJ,
  String(seq),
  lesion,
  cd,
  test,
  'DISAPPEARING LIVER METASTASIS',
  orres,
  stresc,
  ...EV,
  '2',
  'PRE-OPERATIVE',
];
const STATUS = 'Disappearing Liver Metastasis Status';
const RS = [
  rs(1, 'L1', 'DLMSTAT', STATUS, 'cDLM', 'CDLM'),
  rs(2, 'L1', 'CTDLM', 'Disappeared on CT', 'Y', 'Y'),
  rs(3, 'L2', 'DLMSTAT', STATUS, 'visible', 'VISIBLE'),
  rs(4, 'L2', 'CTDLM', 'Disappeared on CT', 'N', 'N'),
  rs(5, 'L3', 'DLMSTAT', STATUS, 'incomplete', 'INCOMPLETE'),
  rs(6, 'L3', 'CTDLM', 'Disappeared on CT', 'N', 'N'),
];

describe('SDTM TU, TR, RS from consensus reads', () => {
  const expected: [SdtmDomain, readonly string[], (string | undefined)[][]][] = [
    ['TU', TU_COLUMNS, TU],
    ['TR', TR_COLUMNS, TR],
    ['RS', RS_COLUMNS, RS],
  ];

  it.each(expected)('%s matches the fixture column by column', (domain, columns, rows) => {
    const [header, ...body] = text(tables()[domain]);
    expect(header).toEqual([...columns]);
    expect(body).toHaveLength(rows.length);
    body.forEach((row, r) =>
      columns.forEach((column, c) =>
        expect([r, column, row[c]]).toEqual([r, column, rows[r]?.[c]]),
      ),
    );
  });

  it.each(expected)('%s has every required variable, filled on every row', (domain, columns) => {
    const [header = [], ...body] = text(tables()[domain]);
    for (const variable of SDTM_REQUIRED[domain]) {
      expect(columns).toContain(variable);
      const c = header.indexOf(variable);
      expect(body.every((row) => row[c] !== '')).toBe(true);
    }
    expect(header.every((v) => /^[A-Z][A-Z0-9]{0,7}$/.test(v))).toBe(true);
  });

  it('a subject without lesions adds no rows; removed lesions are left out', () => {
    const t = tables();
    const lnk = (d: SdtmDomain) =>
      text(t[d])
        .slice(1)
        .map((r) => r[4]);
    expect(new Set([...lnk('TU'), ...lnk('TR'), ...lnk('RS')])).toEqual(
      new Set(['L1', 'L2', 'L3']),
    );
  });

  it('writes RFC 4180 CSV', () => {
    const csv = sdtmCsv(tables().TU);
    expect(csv.split('\r\n')[0]).toBe(TU_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  const visits: [TimepointId, number, string][] = [
    ['baseline', 1, 'BASELINE'],
    ['preop', 2, 'PRE-OPERATIVE'],
    ['followup-1', 3, 'FOLLOW-UP 1'],
    ['followup-12', 14, 'FOLLOW-UP 12'],
  ];
  it.each(visits)('visit of %s is %i %s', (tp, num, name) => {
    expect([visitNum(tp), visitName(tp)]).toEqual([num, name]);
  });

  it('writes baseline calls as the tumour state seen by each method at BASELINE', () => {
    const read = makeRead({
      patientId: 'P9',
      lesions: [
        makeLesion({
          baselineDiameterMm: undefined,
          assessments: {
            baseline: {
              modalities: {
                CT: { call: 'present' },
                DWI: { call: 'disappeared' },
                EOB: { call: 'not-evaluable' },
              },
            },
          },
        }),
      ],
    });
    const [header = [], ...rows] = text(sdtmTables([read], { studyId: 'S' }).TR);
    const col = (name: string) => header.indexOf(name);
    const states = rows
      .filter((r) => r[col('TRTESTCD')] === 'TUMSTATE')
      .map((r) => [r[col('VISIT')], r[col('TRMETHOD')], r[col('TRORRES')]]);
    expect(states).toEqual([
      ['BASELINE', 'CT SCAN', 'PRESENT'],
      ['BASELINE', 'DIFFUSION-WEIGHTED MRI', 'ABSENT'],
      ['BASELINE', 'GADOXETATE-ENHANCED MRI', 'NOT EVALUABLE'],
    ]);
  });
});
