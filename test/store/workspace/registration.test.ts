import { describe, expect, it } from 'vitest';
import type { ImagePoint } from '../../../src/domain';
import type { CatalogSeries } from '../../../src/dicom/catalog';
import type { Mat4 } from '../../../src/domain/registration';
import {
  focusTargets,
  registrationNote,
  type RegistrationView,
} from '../../../src/store/workspace/registration';
import type { ReadingCell } from '../../../src/viewer/readingLayout';
import { makeInstance } from '../../dicom/fixtures.ts';

const cell = (cellId: string, frame: string): ReadingCell => {
  const series: CatalogSeries = {
    key: cellId,
    seriesInstanceUid: cellId,
    description: cellId,
    seriesNumber: undefined,
    modality: 'CT',
    role: { kind: 'CT', phase: 'portal-venous' },
    instances: [makeInstance({ frameOfReferenceUid: frame, imagePositionPatient: [0, 0, 0] })],
  };
  return { cellId, row: 0, column: 0, label: '', timepoint: 'baseline', series };
};
const shift = (x: number, y = 0): Mat4 => [
  [1, 0, 0, x],
  [0, 1, 0, y],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];
const place = { frameOfReferenceUid: 'A', point: { x: 1, y: 2, z: 3 } } as unknown as ImagePoint;
const cells = [cell('r0c0', 'A'), cell('r1c0', 'B'), cell('r1c1', 'C')];
const done = (status: 'registered' | 'poor'): RegistrationView => ({
  state: 'done',
  result: {
    referenceFrame: 'A',
    frames: {
      A: { fromReference: shift(0), status: 'reference' },
      B: { fromReference: shift(10, 5), status: 'registered', nmiBefore: 1.2, nmiAfter: 1.5 },
      C: { fromReference: shift(-4), status, nmiBefore: 1.3, nmiAfter: 1.1 },
    },
    ms: 2500,
    pairMs: [1000, 1200],
  },
});

describe('lesion focus through the registration', () => {
  it('same frame goes to the place; others to the registered place', () => {
    const targets = focusTargets(cells, place, done('registered'));
    expect(targets.map((t) => [t.viewportId, t.via, [...t.point]])).toEqual([
      ['vp-r0c0', 'frame', [1, 2, 3]],
      ['vp-r1c0', 'registration', [11, 7, 3]],
      ['vp-r1c1', 'registration', [-3, 2, 3]],
    ]);
  });

  it('from a non-reference frame, through the reference', () => {
    const fromB = { ...place, frameOfReferenceUid: 'B' } as ImagePoint;
    const targets = focusTargets(cells, fromB, done('registered'));
    expect(targets.find((t) => t.viewportId === 'vp-r1c1')?.point).toEqual([-13, -3, 3]);
  });

  it('a poor registration, or none yet, leaves other frames alone, and the note says so', () => {
    expect(focusTargets(cells, place, done('poor')).map((t) => t.viewportId)).toEqual([
      'vp-r0c0',
      'vp-r1c0',
    ]);
    expect(focusTargets(cells, place, { state: 'running' }).map((t) => t.viewportId)).toEqual([
      'vp-r0c0',
    ]);
    expect(registrationNote(done('poor'))).toEqual({
      kind: 'fallback',
      exams: 1,
      nmi: ['1.30 -> 1.10'],
    });
    expect(registrationNote(done('registered'))).toEqual({
      kind: 'aligned',
      exams: 2,
      seconds: 2.5,
    });
  });
});
