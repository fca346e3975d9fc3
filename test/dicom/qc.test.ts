import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogExam } from '../../src/dicom/catalog.ts';
import type { InstanceHeader } from '../../src/dicom/header.ts';
import {
  DEFAULT_QC_THRESHOLDS,
  examBValues,
  examQc,
  worstQcLevel,
  type QcCheck,
  type QcFinding,
  type QcLevel,
} from '../../src/dicom/qc.ts';
import { makeInstance } from './fixtures.ts';

let seriesCounter = 0;

/** One series of slices at the given z positions (axial), sharing `header`. */
function series(header: Partial<InstanceHeader>, zs: readonly number[] = [0, 5, 10]) {
  seriesCounter += 1;
  const uid = `1.2.3.77.${seriesCounter}`;
  return zs.map((z, index) =>
    makeInstance({
      seriesInstanceUid: uid,
      seriesNumber: seriesCounter,
      instanceNumber: index + 1,
      imagePositionPatient: [0, 0, z],
      ...header,
    }),
  );
}

function exam(...parts: ReturnType<typeof series>[]): CatalogExam {
  const catalog = buildCatalog(parts.flat());
  const found = catalog.patients[0]?.timepoints[0]?.exams[0];
  if (found === undefined) throw new Error('no exam');
  return found;
}

const T1 = { repetitionTime: 4, echoTime: 2 };
const EOB = { ...T1, contrastBolusAgent: 'Gd-EOB-DTPA' };
const dwi = (bs: readonly number[]) =>
  bs.map((b) => series({ seriesDescription: 'ep2d_diff', bValue: b, seriesInstanceUid: '9.9' }));
/** A complete, adequate MR exam except for what the test replaces. */
const goodDwi = () => dwi([50, 800]);

const only = (findings: QcFinding[], check: QcCheck) => findings.filter((f) => f.check === check);
const levels = (findings: QcFinding[]) => findings.map((f) => [f.check, f.level, f.value]);

describe('examQc: HBP delay', () => {
  const cases: {
    name: string;
    hbp: Partial<InstanceHeader>;
    dynamic?: Partial<InstanceHeader>;
    level: QcLevel;
    minutes?: number;
    from?: string;
  }[] = [
    {
      name: '20 min after contrast start passes',
      hbp: {
        ...EOB,
        seriesDescription: 'HBP',
        contrastBolusStartTime: '100000',
        acquisitionTime: '102000',
      },
      level: 'pass',
      minutes: 20,
      from: 'contrast start time',
    },
    {
      name: '15 min warns (20 recommended)',
      hbp: {
        ...EOB,
        seriesDescription: 'HBP',
        contrastBolusStartTime: '100000',
        acquisitionTime: '101500',
      },
      level: 'warn',
      minutes: 15,
    },
    {
      name: 'an "HBP" at 8 min fails though timing calls it transitional',
      hbp: {
        ...EOB,
        seriesDescription: 'T1 HBP',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100800',
      },
      level: 'fail',
      minutes: 8,
    },
    {
      name: 'series time when acquisition time is absent',
      hbp: {
        ...EOB,
        seriesDescription: 'HBP',
        contrastBolusStartTime: '235500',
        seriesTime: '001500',
      },
      level: 'pass',
      minutes: 20,
    },
    {
      name: 'no start time: from the arterial series time (under-estimate)',
      hbp: { ...EOB, seriesDescription: 'HBP', acquisitionTime: '101200' },
      dynamic: { ...EOB, seriesDescription: 'T1 arterial', acquisitionTime: '100030' },
      level: 'warn',
      minutes: 11.5,
      from: 'first dynamic EOB series',
    },
    {
      name: 'no start time: arterial 9 min before the HBP fails',
      hbp: { ...EOB, seriesDescription: 'hepatobiliary', acquisitionTime: '100900' },
      dynamic: { ...EOB, seriesDescription: 'T1 arterial', acquisitionTime: '100000' },
      level: 'fail',
      minutes: 9,
    },
    {
      name: 'no times at all is unknown',
      hbp: { ...EOB, seriesDescription: 'HBP' },
      level: 'unknown',
    },
  ];
  it.each(cases)('$name', ({ hbp, dynamic, level, minutes, from }) => {
    const parts = [series(hbp), ...(dynamic === undefined ? [] : [series(dynamic)]), ...goodDwi()];
    const [finding, ...rest] = only(examQc(exam(...parts)), 'hbp-delay');
    expect(rest).toEqual([]);
    expect(finding?.level).toBe(level);
    expect(finding?.value).toBe(minutes);
    if (from !== undefined) expect(finding?.message).toContain(from);
  });

  it('an EOB exam without an HBP series fails; a non-EOB exam has no HBP finding', () => {
    const noHbp = exam(series({ ...EOB, seriesDescription: 'T1 arterial' }), ...goodDwi());
    expect(levels(only(examQc(noHbp), 'hbp-delay'))).toEqual([['hbp-delay', 'fail', undefined]]);
    expect(only(examQc(exam(...goodDwi())), 'hbp-delay')).toEqual([]);
  });

  it('thresholds come from the study: a 12 min minimum fails an 11 min HBP', () => {
    const e = exam(
      series({
        ...EOB,
        seriesDescription: 'HBP',
        contrastBolusStartTime: '100000',
        acquisitionTime: '101100',
      }),
      ...goodDwi(),
    );
    expect(only(examQc(e), 'hbp-delay')[0]?.level).toBe('warn');
    const strict = { ...DEFAULT_QC_THRESHOLDS, minHbpDelayMinutes: 12 };
    expect(only(examQc(e, strict), 'hbp-delay')[0]?.level).toBe('fail');
  });
});

describe('examQc: DWI b-values and ADC', () => {
  const cases: { name: string; bs: number[]; adcMap?: boolean; dwi: QcLevel; adc: QcLevel }[] = [
    { name: 'b=50, 800', bs: [50, 800], dwi: 'pass', adc: 'pass' },
    { name: 'b=0, 400 (400 is enough)', bs: [0, 400], dwi: 'pass', adc: 'fail' },
    { name: 'b=0, 400 with a scanner ADC', bs: [0, 400], adcMap: true, dwi: 'pass', adc: 'pass' },
    { name: 'b=50, 100, 800', bs: [50, 100, 800], dwi: 'pass', adc: 'pass' },
    { name: 'only b=800', bs: [800], dwi: 'fail', adc: 'fail' },
    { name: 'b=0, 50, 300: no high b', bs: [0, 50, 300], dwi: 'fail', adc: 'pass' },
    { name: 'no DWI', bs: [], dwi: 'fail', adc: 'fail' },
  ];
  it.each(cases)('$name', ({ bs, adcMap, dwi: dwiLevel, adc }) => {
    const t2 = series({ seriesDescription: 'T2 haste' });
    const map =
      adcMap === true ? [series({ seriesDescription: 'ADC', imageType: ['DERIVED'] })] : [];
    const e = exam(t2, ...dwi(bs), ...map);
    const findings = examQc(e);
    expect(only(findings, 'dwi-b-values').map((f) => f.level)).toEqual([dwiLevel]);
    expect(only(findings, 'adc').map((f) => f.level)).toEqual([adc]);
    expect(examBValues(e)).toEqual(bs);
  });

  it('a CT-only exam gets no MR checks', () => {
    const ct = exam(series({ modality: 'CT', seriesDescription: 'native' }));
    expect(examQc(ct)).toEqual([]);
  });
});

describe('examQc: slice thickness, positions, contrast agent', () => {
  const cases: {
    name: string;
    header: Partial<InstanceHeader>;
    zs?: number[];
    expected: [QcCheck, QcLevel, number | undefined][];
  }[] = [
    { name: 'regular 5 mm stack', header: {}, expected: [] },
    {
      name: 'thick slices',
      header: { sliceThickness: 8 },
      expected: [['slice-thickness', 'fail', 8]],
    },
    { name: 'exactly the maximum', header: { sliceThickness: 6 }, expected: [] },
    {
      name: 'one missing slice',
      header: {},
      zs: [0, 5, 10, 20, 25],
      expected: [['slice-positions', 'fail', 1]],
    },
    {
      name: 'three missing slices',
      header: {},
      zs: [0, 5, 10, 30, 35],
      expected: [['slice-positions', 'fail', 3]],
    },
    {
      name: 'a duplicated slice',
      header: {},
      zs: [0, 5, 5, 10, 15],
      expected: [['slice-positions', 'fail', 1]],
    },
    {
      name: 'three images at every position is a multi-volume series, not duplicates',
      header: {},
      zs: [0, 0, 0, 5, 5, 5, 10, 10, 10],
      expected: [],
    },
    {
      name: 'spacing under the tolerance is not a gap',
      header: {},
      zs: [0, 5, 10, 17, 22],
      expected: [],
    },
    {
      name: 'post-contrast CT without an agent warns',
      header: { modality: 'CT', seriesDescription: 'portal venous' },
      expected: [['contrast-agent', 'warn', undefined]],
    },
    {
      name: 'post-contrast CT with an agent',
      header: {
        modality: 'CT',
        contrastBolusAgent: 'Iomeprol',
        contrastBolusStartTime: '100000',
        acquisitionTime: '100110',
      },
      expected: [],
    },
    {
      name: 'non-contrast CT needs no agent',
      header: { modality: 'CT', seriesDescription: 'native' },
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ header, zs, expected }) => {
    const findings = examQc(
      exam(series({ modality: 'CT', seriesDescription: 'native', ...header }, zs)),
    );
    expect(levels(findings)).toEqual(expected);
  });

  it('a series without geometry is not checked for positions', () => {
    const e = exam(
      series(
        { modality: 'CT', seriesDescription: 'native', imageOrientationPatient: undefined },
        [0, 5, 20],
      ),
    );
    expect(examQc(e)).toEqual([]);
  });
});

describe('worstQcLevel', () => {
  const f = (level: QcLevel): QcFinding => ({ check: 'adc', level, message: '' });
  const cases: [QcLevel[], QcLevel][] = [
    [[], 'pass'],
    [['pass', 'warn'], 'warn'],
    [['warn', 'unknown'], 'unknown'],
    [['fail', 'unknown', 'pass'], 'fail'],
  ];
  it.each(cases)('%j -> %s', (input, worst) => {
    expect(worstQcLevel(input.map(f))).toBe(worst);
  });
});
