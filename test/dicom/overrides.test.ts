import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  NO_OVERRIDES,
  roleChoices,
  roleFromKey,
  timepointChoices,
} from '../../src/dicom/overrides';
import { roleKey, type SeriesRole } from '../../src/dicom/roles';
import type { CatalogPatient, CatalogSeries } from '../../src/dicom/catalog';

function series(key: string, role: SeriesRole): CatalogSeries {
  return {
    key,
    seriesInstanceUid: key.split(':')[0] ?? key,
    description: key,
    seriesNumber: 1,
    modality: 'MR',
    role,
    instances: [],
  };
}

const patient: CatalogPatient = {
  patientId: 'P1',
  patientName: 'P^1',
  timepoints: [
    {
      id: 'baseline',
      source: 'date-order',
      exams: [
        {
          studyInstanceUid: 'S1',
          studyDate: '20250101',
          studyDescription: '',
          modalities: ['MR'],
          series: [series('A', { kind: 'T1' }), series('B:b800', { kind: 'DWI', bValue: 800 })],
        },
      ],
    },
    {
      id: 'preop',
      source: 'date-order',
      exams: [
        {
          studyInstanceUid: 'S2',
          studyDate: '20250401',
          studyDescription: '',
          modalities: ['CT'],
          series: [series('C', { kind: 'CT', phase: 'unknown' })],
        },
      ],
    },
  ],
};

describe('roleFromKey is the inverse of roleKey', () => {
  it.each(roleChoices({ kind: 'DWI', bValue: 800 }).map((role) => [roleKey(role), role]))(
    '%s',
    (key, role) => {
      expect(roleFromKey(key)).toEqual(role);
    },
  );
  it.each([
    ['DWI_UNKNOWN', { kind: 'DWI', bValue: undefined }],
    ['NOPE', undefined],
  ])('%s', (key, role) => {
    expect(roleFromKey(key)).toEqual(role);
  });
});

describe('applyOverrides', () => {
  it('changes nothing without overrides', () => {
    expect(applyOverrides(patient, NO_OVERRIDES)).toEqual(patient);
  });

  it.each([
    ['C', 'CT_PORTAL', { kind: 'CT', phase: 'portal-venous' }],
    ['A', 'EOB_HBP', { kind: 'EOB', phase: 'hbp' }],
    ['B:b800', 'ADC', { kind: 'ADC' }],
  ])('series %s overridden to %s', (key, role, expected) => {
    const result = applyOverrides(patient, { roles: { [key]: role }, timepoints: {} });
    const found = result.timepoints
      .flatMap((t) => t.exams.flatMap((e) => e.series))
      .find((s) => s.key === key);
    expect(found?.role).toEqual(expected);
  });

  it('ignores an unknown role key', () => {
    expect(applyOverrides(patient, { roles: { A: 'BOGUS' }, timepoints: {} })).toEqual(patient);
  });

  it.each([
    [
      { S2: 'followup-1' },
      [
        ['baseline', ['S1']],
        ['followup-1', ['S2']],
      ],
    ],
    [{ S2: 'baseline' }, [['baseline', ['S1', 'S2']]]],
    [
      { S1: 'preop', S2: 'baseline' },
      [
        ['baseline', ['S2']],
        ['preop', ['S1']],
      ],
    ],
  ])('timepoints %j regroup the exams', (timepoints, expected) => {
    const result = applyOverrides(patient, { roles: {}, timepoints });
    expect(result.timepoints.map((t) => [t.id, t.exams.map((e) => e.studyInstanceUid)])).toEqual(
      expected,
    );
    expect(result.timepoints.some((t) => t.source === 'reader')).toBe(true);
  });

  it('offers baseline, pre-op and follow-ups', () => {
    expect(timepointChoices(2)).toEqual(['baseline', 'preop', 'followup-1', 'followup-2']);
  });
});
