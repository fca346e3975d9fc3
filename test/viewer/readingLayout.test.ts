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

/** The DLM protocol as it was before empty cells: a column every row fills, or none. */
const STRICT = { ...DLM_PROTOCOL, emptyCells: false };

describe('readingCells', () => {
  it('hangs a strict protocol; cells beyond its grid (a larger layout) are empty', () => {
    const grid = hangOn(patient, STRICT);
    // Pre-op has only CT, so the MR columns are left out of the protocol's grid (2x1).
    expect(grid.columns).toEqual(['CT portal venous']);
    expect(keys(readingCells(patient, grid, '2x1', {}))).toEqual([
      'r0c0:baseline:b-ct',
      'r1c0:preop:p-ct',
    ]);
    const larger = readingCells(patient, grid, '2x2', {});
    expect(keys(larger)).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:baseline:-',
      'r1c0:preop:p-ct',
      'r1c1:preop:-',
    ]);
    // Outside the protocol's grid a cell has no label: empty by the reader's layout.
    expect(larger.map((c) => c.label)).toEqual(['CT portal venous', '', 'CT portal venous', '']);
  });

  it('hangs the DLM protocol with the pre-op MR cells empty but labelled (not acquired)', () => {
    const grid = hangOn(patient, DLM_PROTOCOL);
    expect(grid.columns).toEqual(['CT portal venous', 'DWI highest b', 'ADC', 'EOB hepatobiliary']);
    const cells = readingCells(patient, grid, '2x4', {});
    expect(keys(cells)).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:baseline:b-dwi800',
      'r0c2:baseline:b-adc',
      'r0c3:baseline:b-hbp',
      'r1c0:preop:p-ct',
      'r1c1:preop:-',
      'r1c2:preop:-',
      'r1c3:preop:-',
    ]);
    expect(cells.slice(5).map((c) => c.label)).toEqual([
      'DWI highest b',
      'ADC',
      'EOB hepatobiliary',
    ]);
  });

  it('smaller layouts take the top-left cells; the reader choice wins and sets the timepoint', () => {
    const grid = hangOn(patient, STRICT);
    expect(keys(readingCells(patient, grid, '1x2', { r0c1: 'p-ct' }))).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:preop:p-ct',
    ]);
    const cells = readingCells(patient, grid, '2x2', { r0c1: 'b-adc' });
    expect(cells.map((c) => c.label)).toEqual(['CT portal venous', '', 'CT portal venous', '']);
    expect(keys(cells)[1]).toBe('r0c1:baseline:b-adc');
  });
});
