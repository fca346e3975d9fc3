import { describe, expect, it } from 'vitest';
import {
  addLesion,
  readMarks,
  removeLesion,
  setSitePoint,
  worldPoint,
} from '../../src/domain/index.ts';
import { makeContext, makeImagePoint, makeRead } from './fixtures.ts';

const at = (x: number, sop: string) =>
  makeImagePoint({ point: worldPoint(x, 0, 10), sopInstanceUid: sop });

describe('readMarks', () => {
  it('lists each live lesion’s baseline place (with its diameter) and its site points', () => {
    const ctx = makeContext();
    let read = makeRead();
    read = addLesion(read, { baselineLocation: at(1, 'b1'), baselineDiameterMm: 21.5 }, ctx);
    read = addLesion(read, { baselineLocation: at(2, 'b2') }, ctx);
    read = addLesion(read, {}, ctx);
    const site = at(3, 'p1');
    read = setSitePoint(
      read,
      { lesionId: 'L3', timepoint: 'preop', modality: 'EOB', sitePoint: site },
      ctx,
    );
    expect(readMarks(read)).toEqual([
      {
        key: 'L1:baseline',
        lesionId: 'L1',
        timepoint: 'baseline',
        kind: 'baseline',
        place: at(1, 'b1'),
        diameterMm: 21.5,
      },
      {
        key: 'L2:baseline',
        lesionId: 'L2',
        timepoint: 'baseline',
        kind: 'baseline',
        place: at(2, 'b2'),
      },
      {
        key: 'L3:preop:EOB:site',
        lesionId: 'L3',
        timepoint: 'preop',
        kind: 'site',
        modality: 'EOB',
        place: site,
      },
    ]);
  });

  it('draws nothing for a removed lesion, and nothing for a read without places', () => {
    const ctx = makeContext();
    let read = addLesion(makeRead(), { baselineLocation: at(1, 'b1') }, ctx);
    expect(readMarks(read).map((m) => m.lesionId)).toEqual(['L1']);
    read = removeLesion(read, { lesionId: 'L1', reason: 'duplicate' }, ctx);
    expect(readMarks(read)).toEqual([]);
    expect(readMarks(addLesion(makeRead(), { segment: 'V' }, ctx))).toEqual([]);
  });
});
