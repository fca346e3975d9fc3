/**
 * Pooled agreement (src/domain/stats/pooledAgreement.ts): the one reader-order rule, kappa over
 * matched lesions with unset left out by default, and detection agreement. Expected values are
 * worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  worldPoint,
  type Lesion,
  type ModalityGroup,
  type Read,
} from '../../../src/domain/model.ts';
import { compareReads } from '../../../src/domain/review/discordance.ts';
import {
  compareReadOrder,
  inReaderOrder,
  poolAgreement,
  type ComparedReads,
} from '../../../src/domain/stats/pooledAgreement.ts';
import type { CallSet } from '../../../src/domain/status.ts';
import { makeImagePoint, makeLesion, makeRead, makeReader } from '../fixtures.ts';

function lesion(n: number, xMm: number, calls: CallSet): Lesion {
  const modalities = Object.fromEntries(Object.entries(calls).map(([m, call]) => [m, { call }]));
  return makeLesion({
    id: `L${n}`,
    baselineLocation: makeImagePoint({ point: worldPoint(xMm, 0, 0) }),
    assessments: { preop: { modalities } },
  });
}

const D = 'disappeared' as const;
const P = 'present' as const;

function read(patientId: string, readerId: string, lesions: Lesion[]): Read {
  return makeRead({
    patientId,
    readId: `${patientId}-${readerId}`,
    reader: makeReader({ id: readerId }),
    lesions,
  });
}

/*
 * Two patients, readers "ana" and "ben".
 *   P1: 3 matched pairs, CT calls (ana/ben) D/D, D/D, P/D; ben alone has a lesion at 300 mm.
 *   P2: 2 matched pairs, CT D/D and P/P; ana alone has a lesion at 400 mm; DWI unset for ana
 *       on the first pair (ben: D), so that pair leaves DWI's kappa by default.
 * CT over 5 pairs: agree 4; ana D 3, P 2; ben D 4, P 1; pe = (3·4 + 2·1)/25 = 14/25,
 *   kappa = (5·4 − 14)/(25 − 14) = 6/11.
 * Detection: a = 5, b (ana only) = 1, c (ben only) = 1; PSA = 10/12 = 5/6.
 */
function study(): { ana: Read[]; ben: Read[] } {
  const ana = [
    read('P1', 'ana', [
      lesion(1, 0, { CT: D }),
      lesion(2, 50, { CT: D }),
      lesion(3, 100, { CT: P }),
    ]),
    read('P2', 'ana', [
      lesion(1, 0, { CT: D }),
      lesion(2, 50, { CT: P, DWI: P }),
      lesion(3, 400, { CT: P }),
    ]),
  ];
  const ben = [
    read('P1', 'ben', [
      lesion(1, 0, { CT: D }),
      lesion(2, 50, { CT: D }),
      lesion(3, 100, { CT: D }),
      lesion(4, 300, { CT: P }),
    ]),
    read('P2', 'ben', [lesion(1, 0, { CT: D, DWI: D }), lesion(2, 50, { CT: P, DWI: P })]),
  ];
  return { ana, ben };
}

const compared = (a: Read, b: Read): ComparedReads => ({
  read1: a,
  read2: b,
  comparison: compareReads(a, b),
});

describe('reader order', () => {
  const key = (reader: string, readId: string, version: number) => ({
    reader: { id: reader },
    readId,
    version,
  });
  it.each<[ReturnType<typeof key>, ReturnType<typeof key>, number]>([
    [key('ana', 'z', 9), key('ben', 'a', 1), -1], // reader id first
    [key('ben', 'a', 1), key('ana', 'z', 9), 1],
    [key('ana', 'a', 1), key('ana', 'b', 1), -1], // then read id
    [key('ana', 'a', 2), key('ana', 'a', 1), 1], // then version
    [key('ana', 'a', 1), key('ana', 'a', 1), 0],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareReadOrder(a, b))).toBe(sign);
  });

  it('puts the reader id that sorts first as reader 1', () => {
    const { ana, ben } = study();
    const [a, b] = [ana[0], ben[0]] as [Read, Read];
    expect(inReaderOrder(b, a, (r) => r).map((r) => r.reader.id)).toEqual(['ana', 'ben']);
  });
});

describe('poolAgreement', () => {
  const { ana, ben } = study();
  const forward = [0, 1].map((i) => compared(ana[i] as Read, ben[i] as Read));
  // The screen may pair the other way round (signed reads first): the pool turns it back.
  const mixed = [
    compared(ben[0] as Read, ana[0] as Read),
    compared(ana[1] as Read, ben[1] as Read),
  ];

  it('computes CT kappa and detection by hand, whatever order the pairs were taken in', () => {
    for (const list of [forward, mixed]) {
      const pooled = poolAgreement(list, { bootstrap: null });
      const ct = pooled.rows.find((r) => r.item === 'CT');
      expect(ct?.n).toBe(5);
      expect(ct?.kappa).toBeCloseTo(6 / 11, 14);
      // Rows ana, columns ben; categories present, disappeared, not-evaluable.
      expect(ct?.counts).toEqual([
        [1, 1, 0],
        [0, 3, 0],
        [0, 0, 0],
      ]);
      expect(ct?.interval).toMatchObject({ method: 'fleiss-cohen-everitt-wald', level: 0.95 });
      expect(pooled.detection).toEqual({
        matchedPairs: 5,
        onlyReader1: 1,
        onlyReader2: 1,
        onlyOneReader: 2,
        foundByReader1: 6,
        foundByReader2: 6,
        positiveSpecificAgreement: 5 / 6,
        bootstrap: null,
      });
      expect(pooled.readerPairs).toEqual([{ reader1: 'ana', reader2: 'ben', patients: 2 }]);
    }
  });

  it('leaves pairs with an unset call out of kappa by default, and counts them', () => {
    const dwi = (includeUnset: boolean) =>
      poolAgreement(forward, { bootstrap: null, includeUnset }).rows.find(
        (r) => r.item === ('DWI' satisfies ModalityGroup),
      );
    // DWI rated by both on P2's second pair only (P/P); the four others have an unset call.
    expect(dwi(false)).toMatchObject({ n: 1, excludedUnset: 4, agreements: 1 });
    expect(dwi(false)?.categories).not.toContain('unset');
    // With unset as a category: 5 pairs, agree on P1's three (unset/unset) and P/P = 4 of 5.
    expect(dwi(true)).toMatchObject({ n: 5, excludedUnset: 0, agreements: 4 });
  });

  it('gives a seeded bootstrap interval of kappa and of detection, stated with its settings', () => {
    const settings = { seed: 3, resamples: 200 };
    const pooled = poolAgreement(forward, { bootstrap: settings });
    expect(pooled.bootstrap).toEqual(settings);
    const ct = pooled.rows.find((r) => r.item === 'CT');
    expect(ct?.bootstrap).toMatchObject({ ...settings, clusters: 2, level: 0.95 });
    expect(pooled.detection.bootstrap).toMatchObject({ ...settings, clusters: 2 });
    expect(poolAgreement(forward, { bootstrap: settings })).toEqual(pooled);
  });

  it('has empty rows and no detection figure without patients', () => {
    const pooled = poolAgreement([]);
    expect(pooled.rows.every((r) => r.n === 0 && r.kappa === null)).toBe(true);
    expect(pooled.detection.positiveSpecificAgreement).toBeNull();
  });
});
