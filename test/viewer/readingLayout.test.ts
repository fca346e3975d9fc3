import { describe, expect, it } from 'vitest';
import type { CatalogPatient, CatalogSeries } from '../../src/dicom/catalog';
import type { SeriesRole } from '../../src/dicom/roles';
import { hangOn } from '../../src/viewer/protocol';
import { DLM_PROTOCOL } from '../../src/viewer/protocols';
import { readingCells } from '../../src/viewer/readingLayout';

function series(key: string, role: SeriesRole): CatalogSeries {
  return {
    key,
    seriesInstanceUid: key,
    description: key,
    seriesNumber: undefined,
    modality: role.kind === 'CT' ? 'CT' : 'MR',
    role,
    instances: [],
  };
}

const exam = (list: CatalogSeries[]) => ({
  studyInstanceUid: list[0]?.key ?? '',
  studyDate: '',
  studyDescription: '',
  modalities: [],
  series: list,
});

const patient: CatalogPatient = {
  patientId: 'P',
  patientName: 'P',
  timepoints: [
    {
      id: 'baseline',
      source: 'trial-tag',
      exams: [
        exam([series('b-ct', { kind: 'CT', phase: 'portal-venous' })]),
        exam([
          series('b-dwi50', { kind: 'DWI', bValue: 50 }),
          series('b-dwi800', { kind: 'DWI', bValue: 800 }),
          series('b-adc', { kind: 'ADC' }),
          series('b-hbp', { kind: 'EOB', phase: 'hbp' }),
        ]),
      ],
    },
    {
      id: 'preop',
      source: 'trial-tag',
      exams: [exam([series('p-ct', { kind: 'CT', phase: 'portal-venous' })])],
    },
  ],
};

const keys = (cells: ReturnType<typeof readingCells>) =>
  cells.map((c) => `${c.cellId}:${c.timepoint}:${c.series?.key ?? '-'}`);

describe('readingCells', () => {
  it('hangs the DLM protocol; cells beyond its grid (a larger layout) are empty', () => {
    const grid = hangOn(patient, DLM_PROTOCOL);
    // Pre-op has only CT, so the MR columns are left out of the protocol's grid (2x1).
    expect(grid.columns).toEqual(['CT portal venous']);
    expect(keys(readingCells(patient, grid, '2x1', {}))).toEqual([
      'r0c0:baseline:b-ct',
      'r1c0:preop:p-ct',
    ]);
    expect(keys(readingCells(patient, grid, '2x2', {}))).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:baseline:-',
      'r1c0:preop:p-ct',
      'r1c1:preop:-',
    ]);
  });

  it('smaller layouts take the top-left cells; the reader choice wins and sets the timepoint', () => {
    const grid = hangOn(patient, DLM_PROTOCOL);
    expect(keys(readingCells(patient, grid, '1x2', { r0c1: 'p-ct' }))).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:preop:p-ct',
    ]);
    const cells = readingCells(patient, grid, '2x2', { r0c1: 'b-adc' });
    expect(cells.map((c) => c.label)).toEqual(['CT portal venous', '', 'CT portal venous', '']);
    expect(keys(cells)[1]).toBe('r0c1:baseline:b-adc');
  });
});
