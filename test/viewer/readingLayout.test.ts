import { describe, expect, it } from 'vitest';
import type { CatalogPatient, CatalogSeries } from '../../src/dicom/catalog';
import type { SeriesRole } from '../../src/dicom/roles';
import { DLM_PROTOCOL, readingCells } from '../../src/viewer/readingLayout';

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
  it('hangs the DLM protocol in 2x4, leaving missing roles empty', () => {
    expect(keys(readingCells(patient, DLM_PROTOCOL, '2x4', {}))).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:baseline:b-dwi800',
      'r0c2:baseline:b-adc',
      'r0c3:baseline:b-hbp',
      'r1c0:preop:p-ct',
      'r1c1:preop:-',
      'r1c2:preop:-',
      'r1c3:preop:-',
    ]);
  });

  it('smaller layouts take the top-left cells; the reader choice wins and sets the timepoint', () => {
    expect(keys(readingCells(patient, DLM_PROTOCOL, '1x2', { r0c1: 'p-ct' }))).toEqual([
      'r0c0:baseline:b-ct',
      'r0c1:preop:p-ct',
    ]);
    const cells = readingCells(patient, DLM_PROTOCOL, '2x2', {});
    expect(cells.map((c) => c.label)).toEqual([
      'CT portal venous',
      'DWI highest b',
      'CT portal venous',
      'DWI highest b',
    ]);
  });
});
