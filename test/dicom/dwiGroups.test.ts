import { describe, expect, it } from 'vitest';
import {
  dwiSeriesRecord,
  groupDwiSeries,
  type DwiSeriesRecord,
} from '../../src/dicom/dwiGroups.ts';
import { makeHeader } from './fixtures.ts';

/** A single-b DWI series of 3 axial slices at z = 0, 5, 10; override what the case is about. */
function series(id: string, b: number | undefined, overrides: Partial<DwiSeriesRecord> = {}) {
  return {
    id,
    studyInstanceUid: '1.2.3',
    frameOfReferenceUid: '1.2.3.9',
    bValues: [b],
    orientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [1.5, 1.5],
    rows: 128,
    columns: 128,
    positions: [0, 5, 10].map((z) => [-90, -120, z]),
    ...overrides,
  };
}

const oblique = [1, 0, 0, 0, Math.cos(0.2), Math.sin(0.2)];

describe('groupDwiSeries', () => {
  it.each<[string, DwiSeriesRecord[], { ids: string[]; bValues: number[] }[]]>([
    [
      'same study, frame, geometry, one b each: one acquisition, by ascending b',
      [series('b800', 800), series('b50', 50), series('b400', 400)],
      [{ ids: ['b50', 'b400', 'b800'], bValues: [50, 400, 800] }],
    ],
    [
      'positions within 0.5 mm and spacing rounding still match',
      [
        series('b50', 50),
        series('b800', 800, {
          positions: [0, 5, 10].map((z) => [-90.2, -120, z + 0.3]),
          pixelSpacing: [1.5004, 1.5],
        }),
      ],
      [{ ids: ['b50', 'b800'], bValues: [50, 800] }],
    ],
    ['a single series', [series('b50', 50)], []],
    ['another study', [series('b50', 50), series('b800', 800, { studyInstanceUid: '1.2.4' })], []],
    [
      'another frame of reference',
      [series('b50', 50), series('b800', 800, { frameOfReferenceUid: '1.2.3.8' })],
      [],
    ],
    ['another orientation', [series('b50', 50), series('b800', 800, { orientation: oblique })], []],
    [
      'another pixel spacing',
      [series('b50', 50), series('b800', 800, { pixelSpacing: [1.6, 1.6] })],
      [],
    ],
    ['another matrix', [series('b50', 50), series('b800', 800, { rows: 96 })], []],
    [
      'slices shifted by 2 mm',
      [
        series('b50', 50),
        series('b800', 800, { positions: [0, 5, 10].map((z) => [-90, -120, z + 2]) }),
      ],
      [],
    ],
    [
      'a different slice count',
      [series('b50', 50), series('b800', 800, { positions: [[-90, -120, 0]] })],
      [],
    ],
    [
      'slices without a position',
      [
        series('b50', 50, { positions: [undefined, undefined, undefined] }),
        series('b800', 800, { positions: [undefined, undefined, undefined] }),
      ],
      [],
    ],
    [
      'a series with two b-values (interleaved) is not a per-b series',
      [series('b50', 50), series('mixed', 400, { bValues: [400, 800] })],
      [],
    ],
    ['a series without a b-value', [series('b50', 50), series('none', undefined)], []],
    ['a repeated b-value: two acquisitions', [series('a', 800), series('b', 800)], []],
    [
      'a repeated b-value leaves the whole set apart',
      [series('b50', 50), series('b800', 800), series('b800-again', 800)],
      [],
    ],
    [
      'no frame of reference',
      [
        series('b50', 50, { frameOfReferenceUid: '' }),
        series('b800', 800, { frameOfReferenceUid: '' }),
      ],
      [],
    ],
    [
      'two acquisitions at two places: two groups, in input order',
      [
        series('ax50', 50),
        series('ob50', 50, { orientation: oblique }),
        series('ax800', 800),
        series('ob800', 800, { orientation: oblique }),
      ],
      [
        { ids: ['ax50', 'ax800'], bValues: [50, 800] },
        { ids: ['ob50', 'ob800'], bValues: [50, 800] },
      ],
    ],
  ])('%s', (_case, records, groups) => {
    expect(groupDwiSeries(records)).toEqual(groups);
  });
});

describe('dwiSeriesRecord', () => {
  it('reads the geometry of the first slice, every position and the distinct b-values', () => {
    const headers = [0, 5].map((z) =>
      makeHeader({ bValue: 800, imagePositionPatient: [1, 2, z], rows: 96, columns: 128 }),
    );
    expect(dwiSeriesRecord('s', headers)).toEqual({
      id: 's',
      studyInstanceUid: '1.2.3',
      frameOfReferenceUid: '1.2.3.9',
      bValues: [800],
      orientation: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [1, 1],
      rows: 96,
      columns: 128,
      positions: [
        [1, 2, 0],
        [1, 2, 5],
      ],
    });
  });
});
