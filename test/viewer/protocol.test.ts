import { describe, expect, it } from 'vitest';
import dlm from '../../src/viewer/protocols/dlm.json';
import {
  hangProtocol,
  layoutSize,
  LAYOUTS,
  protocolProblems,
  type HangingProtocol,
} from '../../src/viewer/protocol';
import type { CatalogPatient, CatalogSeries } from '../../src/dicom/catalog';
import type { SeriesRole } from '../../src/dicom/roles';

function series(key: string, role: SeriesRole): CatalogSeries {
  return {
    key,
    seriesInstanceUid: key,
    description: key,
    seriesNumber: 1,
    modality: 'MR',
    role,
    instances: [],
  };
}

function patientWith(baseline: CatalogSeries[], preop: CatalogSeries[]): CatalogPatient {
  const exam = (uid: string, s: CatalogSeries[]) => ({
    studyInstanceUid: uid,
    studyDate: '',
    studyDescription: '',
    modalities: [],
    series: s,
  });
  return {
    patientId: 'P',
    patientName: '',
    timepoints: [
      { id: 'baseline', source: 'date-order', exams: [exam('S1', baseline)] },
      { id: 'preop', source: 'date-order', exams: [exam('S2', preop)] },
    ],
  };
}

const protocol: HangingProtocol = dlm;

describe('the DLM protocol', () => {
  it('is a valid protocol', () => {
    expect(protocolProblems(dlm)).toEqual([]);
  });

  it.each<[string, CatalogSeries[], (string | undefined)[]]>([
    [
      'a full MR and CT set',
      [
        series('ct-art', { kind: 'CT', phase: 'arterial' }),
        series('ct-pv', { kind: 'CT', phase: 'portal-venous' }),
        series('dwi50', { kind: 'DWI', bValue: 50 }),
        series('dwi800', { kind: 'DWI', bValue: 800 }),
        series('dwi400', { kind: 'DWI', bValue: 400 }),
        series('adc', { kind: 'ADC' }),
        series('t1', { kind: 'T1' }),
        series('hbp', { kind: 'EOB', phase: 'hbp' }),
      ],
      ['ct-pv', 'dwi800', 'adc', 'hbp'],
    ],
    [
      'fallbacks: arterial CT only, no HBP but transitional',
      [
        series('ct-art', { kind: 'CT', phase: 'arterial' }),
        series('trans', { kind: 'EOB', phase: 'transitional' }),
      ],
      ['ct-art', undefined, undefined, 'trans'],
    ],
    [
      'a computed ADC map when there is no scanner map',
      [
        series('dwi800', { kind: 'DWI', bValue: 800 }),
        series('adc-c', { kind: 'ADC', computed: { bValues: [50, 800] } }),
      ],
      [undefined, 'dwi800', 'adc-c', undefined],
    ],
    [
      'the scanner ADC map before a computed one',
      [
        series('adc-c', { kind: 'ADC', computed: { bValues: [50, 800] } }),
        series('adc', { kind: 'ADC' }),
      ],
      [undefined, undefined, 'adc', undefined],
    ],
    ['nothing', [], [undefined, undefined, undefined, undefined]],
  ])('%s', (_name, available, expected) => {
    const cells = hangProtocol(patientWith(available, available), protocol);
    expect(cells).toHaveLength(8);
    expect(cells.slice(0, 4).map((c) => c.series?.key)).toEqual(expected);
    expect(cells.slice(4).map((c) => c.series?.key)).toEqual(expected);
    const rows: string[] = ['baseline', 'baseline', 'baseline', 'baseline'];
    expect(cells.map((c) => c.timepoint)).toEqual([...rows, ...rows.map(() => 'preop')]);
  });
});

describe('protocolProblems names every problem', () => {
  it.each([
    [null, ['protocol: not an object']],
    [
      { id: '', name: 'x', rows: ['baseline'], columns: [{ label: 'a', roles: [] }] },
      ['id: a non-empty string is needed'],
    ],
    [
      { id: 'a', name: 'x', rows: [], columns: [{ label: 'a', roles: [] }] },
      ['rows: a non-empty list of timepoint ids is needed'],
    ],
    [
      { id: 'a', name: 'x', rows: ['b'], columns: [{ label: 1, roles: [2] }] },
      ['columns[0].label: a string is needed', 'columns[0].roles: a list of role keys is needed'],
    ],
  ])('%j', (value, problems) => {
    expect(protocolProblems(value)).toEqual(problems);
  });
});

describe('layouts', () => {
  it.each(LAYOUTS.map((l) => [l]))('%s', (layout) => {
    const { rows, columns } = layoutSize(layout);
    expect(`${rows}x${columns}`).toBe(layout);
  });
});
