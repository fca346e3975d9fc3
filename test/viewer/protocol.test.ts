/**
 * The edge between the catalogue and the hanging protocols: the app's protocol data is valid, the
 * DLM protocol's column preferences on catalogued series, the plain study description, layouts.
 */
import { describe, expect, it } from 'vitest';
import { protocolProblems } from '../../src/domain/hanging';
import type { CatalogPatient, CatalogSeries } from '../../src/dicom/catalog';
import type { SeriesRole } from '../../src/dicom/roles';
import {
  hangOn,
  layoutOf,
  layoutSize,
  LAYOUTS,
  parseLayout,
  studySeriesOf,
} from '../../src/viewer/protocol';
import { DLM_PROTOCOL, PROTOCOLS } from '../../src/viewer/protocols';
import ct from '../../src/viewer/protocols/ct.json';
import dlmT1T2 from '../../src/viewer/protocols/dlm-t1t2.json';
import dlm from '../../src/viewer/protocols/dlm.json';
import mr from '../../src/viewer/protocols/mr.json';
import seriesProtocol from '../../src/viewer/protocols/series.json';

function series(key: string, role: SeriesRole): CatalogSeries {
  return {
    key,
    seriesInstanceUid: key,
    description: key,
    seriesNumber: 1,
    modality: role.kind === 'CT' ? 'CT' : 'MR',
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

describe('the protocol data', () => {
  it.each([dlm, dlmT1T2, mr, ct, seriesProtocol].map((p) => [p.id, p]))('%s is valid', (_, p) => {
    expect(protocolProblems(p)).toEqual([]);
  });

  it('has unique ids, the DLM protocol first', () => {
    const ids = PROTOCOLS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('dlm');
    expect(DLM_PROTOCOL.id).toBe('dlm');
  });
});

describe('the DLM protocol on catalogued series', () => {
  it.each<[string, CatalogSeries[], string[]]>([
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
      'fallbacks: arterial CT only, no HBP but transitional (no DWI or ADC column)',
      [
        series('ct-art', { kind: 'CT', phase: 'arterial' }),
        series('trans', { kind: 'EOB', phase: 'transitional' }),
      ],
      ['ct-art', 'trans'],
    ],
    [
      'a computed ADC map when there is no scanner map',
      [
        series('dwi800', { kind: 'DWI', bValue: 800 }),
        series('adc-c', { kind: 'ADC', computed: { bValues: [50, 800] } }),
      ],
      ['dwi800', 'adc-c'],
    ],
    [
      'the scanner ADC map before a computed one',
      [
        series('adc-c', { kind: 'ADC', computed: { bValues: [50, 800] } }),
        series('adc', { kind: 'ADC' }),
      ],
      ['adc'],
    ],
    ['nothing', [], []],
  ])('%s', (_name, available, expected) => {
    const grid = hangOn(patientWith(available, available), DLM_PROTOCOL);
    const row = (timepoint: string) =>
      grid.cells.filter((c) => c.timepoint === timepoint).map((c) => c.seriesKey);
    expect(row('baseline')).toEqual(expected);
    expect(row('preop')).toEqual(expected);
    expect(grid.rows).toEqual(expected.length === 0 ? [] : ['baseline', 'preop']);
  });
});

describe('studySeriesOf', () => {
  it('describes every series with its timepoint, modality, role key and b-value', () => {
    const patient = patientWith(
      [
        series('ct', { kind: 'CT', phase: 'portal-venous' }),
        series('d', { kind: 'DWI', bValue: 800 }),
      ],
      [series('u', { kind: 'DWI', bValue: undefined }), series('a', { kind: 'ADC' })],
    );
    expect(studySeriesOf(patient)).toEqual([
      { key: 'ct', timepoint: 'baseline', modality: 'CT', role: 'CT_PORTAL' },
      { key: 'd', timepoint: 'baseline', modality: 'MR', role: 'DWI_800', bValue: 800 },
      { key: 'u', timepoint: 'preop', modality: 'MR', role: 'DWI_UNKNOWN' },
      { key: 'a', timepoint: 'preop', modality: 'MR', role: 'ADC' },
    ]);
  });
});

describe('layouts', () => {
  it.each(LAYOUTS.map((l) => [l]))('%s', (layout) => {
    const { rows, columns } = layoutSize(layout);
    expect(`${rows}x${columns}`).toBe(layout);
    expect(parseLayout(layout)).toBe(layout);
  });

  it.each([
    ['3x4', '3x4'],
    ['2x1', '2x1'],
    ['0x2', undefined],
    ['9x1', undefined],
    ['2x', undefined],
    [7, undefined],
  ])('parses %j', (text, layout) => {
    expect(parseLayout(text)).toBe(layout);
  });

  it('fits a grid, 1x1 at least', () => {
    expect(layoutOf(3, 4)).toBe('3x4');
    expect(layoutOf(0, 0)).toBe('1x1');
  });
});
