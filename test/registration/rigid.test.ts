import { describe, expect, it } from 'vitest';
import {
  applyMat,
  chainTransforms,
  compose,
  eulerMatrix,
  invertRigid,
  normalisedMutualInformation,
  registrationPlan,
  rigidSize,
  volumeFromSlices,
  IDENTITY,
  type Mat4,
  type Vec3,
} from '../../src/domain/registration';
import { matrixOfParameters } from '../../src/viewer/registration/rigidElastix';

const close = (a: readonly number[], b: readonly number[], digits = 6) =>
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i] ?? NaN, digits));

describe('rigid transforms', () => {
  it('Euler about a centre: a rotation about z keeps the centre and turns x into y', () => {
    const c: Vec3 = [10, 20, 30];
    const m = eulerMatrix([0, 0, Math.PI / 2, 1, 2, 3], c);
    close(applyMat(m, c), [11, 22, 33]);
    close(applyMat(m, [11, 20, 30]), [11, 23, 33]);
    expect(rigidSize(m, c).rotationDeg).toBeCloseTo(90, 6);
    expect(rigidSize(m, c).translationMm).toBeCloseTo(Math.hypot(1, 2, 3), 6);
  });

  it('ITK order R = Rz Rx Ry unless ComputeZYX', () => {
    const a = 0.3;
    const p: Vec3 = [1, 2, 3];
    const xy = applyMat(eulerMatrix([a, a, 0, 0, 0, 0], [0, 0, 0]), p);
    const yx = applyMat(eulerMatrix([a, a, 0, 0, 0, 0], [0, 0, 0], true), p);
    const rx = eulerMatrix([a, 0, 0, 0, 0, 0], [0, 0, 0]);
    const ry = eulerMatrix([0, a, 0, 0, 0, 0], [0, 0, 0]);
    close(xy, applyMat(compose(rx, ry), p));
    close(yx, applyMat(compose(ry, rx), p));
  });

  it('inverse and composition undo each other', () => {
    const m = eulerMatrix([0.1, -0.05, 0.2, 5, -7, 9], [3, 4, 5]);
    const p: Vec3 = [-100, 40, -600];
    close(applyMat(compose(invertRigid(m), m), p), p);
  });

  it("reads elastix's transform parameter object", () => {
    const m = matrixOfParameters([
      {
        Transform: ['EulerTransform'],
        TransformParameters: ['0', '0', '0.1', '4', '5', '6'],
        CenterOfRotationPoint: ['1', '2', '3'],
      },
    ]);
    close(applyMat(m, [1, 2, 3]), [5, 7, 9]);
    expect(() => matrixOfParameters([{ Transform: ['AffineTransform'] }])).toThrow();
  });
});

describe('registration plan', () => {
  const exams = [
    { key: 'b-ct', kind: 'CT' as const, order: 0 },
    { key: 'b-mr', kind: 'MR' as const, order: 0 },
    { key: 'p-ct', kind: 'CT' as const, order: 1 },
    { key: 'p-mr', kind: 'MR' as const, order: 1 },
  ];

  it('CT to CT, MR to MR across timepoints, baseline MR to baseline CT', () => {
    const plan = registrationPlan(exams);
    expect(plan.reference).toBe('b-ct');
    expect(plan.pairs).toEqual([
      { fixed: 'b-ct', moving: 'b-mr' },
      { fixed: 'b-ct', moving: 'p-ct' },
      { fixed: 'b-mr', moving: 'p-mr' },
    ]);
  });

  it('an MR-only patient is referenced to its baseline MR', () => {
    const plan = registrationPlan(exams.filter((e) => e.kind === 'MR'));
    expect(plan).toEqual({ reference: 'b-mr', pairs: [{ fixed: 'b-mr', moving: 'p-mr' }] });
  });

  it('chains pair results into reference -> exam transforms, leaving out broken chains', () => {
    const plan = registrationPlan(exams);
    const shift = (x: number): Mat4 => [
      [1, 0, 0, x],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ];
    const all = chainTransforms(
      plan,
      new Map([
        ['b-mr', shift(1)],
        ['p-ct', shift(10)],
        ['p-mr', shift(100)],
      ]),
    );
    expect(all.get('b-ct')).toEqual(IDENTITY);
    expect(applyMat(all.get('p-mr')!, [0, 0, 0])[0]).toBeCloseTo(101);
    expect(applyMat(all.get('p-ct')!, [0, 0, 0])[0]).toBeCloseTo(10);
    const broken = chainTransforms(plan, new Map([['p-mr', shift(100)]]));
    expect([...broken.keys()]).toEqual(['b-ct']);
  });
});

describe('volumes and the quality metric', () => {
  const slices = (shift: number) =>
    Array.from({ length: 8 }, (_, k) => {
      const values = new Float64Array(32 * 32);
      for (let j = 0; j < 32; j++) {
        for (let i = 0; i < 32; i++) {
          const [x, y] = [i * 2 - shift, j * 2];
          values[j * 32 + i] = Math.hypot(x - 30, y - 30, k * 4 - 14) < 16 ? 100 : x > 45 ? 50 : 0;
        }
      }
      return { ipp: [0, 0, k * 4], pixelSpacing: [2, 2], rows: 32, columns: 32, values };
    });

  it('block-averages in-plane, keeps slice positions and block centres', () => {
    const v = volumeFromSlices(slices(0).reverse(), 4);
    expect(v.size).toEqual([16, 16, 8]);
    expect(v.spacing).toEqual([4, 4, 4]);
    expect(v.origin).toEqual([1, 1, 0]);
  });

  it('refuses non-axial or too few slices', () => {
    const tilted = slices(0).map((s) => ({ ...s, orientation: [1, 0, 0, 0, 0, -1] }));
    expect(() => volumeFromSlices(tilted)).toThrow();
    expect(() => volumeFromSlices(slices(0).slice(0, 2))).toThrow();
  });

  it('NMI is highest at the true shift', () => {
    const [fixed, moving] = [volumeFromSlices(slices(0), 2), volumeFromSlices(slices(6), 2)];
    const at = (dx: number): Mat4 => [
      [1, 0, 0, dx],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ];
    const right = normalisedMutualInformation(fixed, moving, at(6)).nmi;
    expect(right).toBeGreaterThan(normalisedMutualInformation(fixed, moving, IDENTITY).nmi);
    expect(right).toBeGreaterThan(normalisedMutualInformation(fixed, moving, at(12)).nmi);
  });
});
