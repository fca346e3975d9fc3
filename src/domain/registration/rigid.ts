/**
 * Rigid transforms between exams as plain 4x4 row-major matrices in patient millimetres
 * (p' = M p). Builds them from elastix's Euler parameters, composes, inverts and applies them.
 * docs/registration.md describes where they come from and what they mean.
 */
export type Vec3 = readonly [number, number, number];
/** Row-major 4x4, last row [0, 0, 0, 1]. */
export type Mat4 = readonly (readonly number[])[];

export const IDENTITY: Mat4 = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

const at = (m: Mat4, r: number, c: number): number => m[r]?.[c] ?? (r === c ? 1 : 0);

export function applyMat(m: Mat4, p: Vec3): Vec3 {
  const row = (r: number) =>
    at(m, r, 0) * p[0] + at(m, r, 1) * p[1] + at(m, r, 2) * p[2] + at(m, r, 3);
  return [row(0), row(1), row(2)];
}

/** a after b: (a ∘ b)(p) = a(b(p)). */
export function compose(a: Mat4, b: Mat4): Mat4 {
  return [0, 1, 2, 3].map((r) =>
    [0, 1, 2, 3].map((c) => [0, 1, 2, 3].reduce((s, k) => s + at(a, r, k) * at(b, k, c), 0)),
  );
}

/** Inverse of a rigid transform (rotation transposed). */
export function invertRigid(m: Mat4): Mat4 {
  const rt = [0, 1, 2].map((r) => [0, 1, 2].map((c) => at(m, c, r)));
  const t: Vec3 = [at(m, 0, 3), at(m, 1, 3), at(m, 2, 3)];
  const rows = rt.map((row) => [...row, -(row[0]! * t[0] + row[1]! * t[1] + row[2]! * t[2])]);
  return [...rows, [0, 0, 0, 1]];
}

/**
 * ITK's Euler3DTransform as elastix reports it: parameters (angle x, y, z in radians, then
 * translation), about a centre of rotation c, with R = Rz Rx Ry (elastix's default order; Rz Ry
 * Rx when `zyx`): p' = R (p - c) + c + t.
 */
export function eulerMatrix(params: readonly number[], centre: Vec3, zyx = false): Mat4 {
  const [ax = 0, ay = 0, az = 0, tx = 0, ty = 0, tz = 0] = params;
  const [cx, sx, cy, sy, cz, sz] = [ax, ay, az].flatMap((a) => [Math.cos(a), Math.sin(a)]) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const rx: Mat4 = [
    [1, 0, 0, 0],
    [0, cx, -sx, 0],
    [0, sx, cx, 0],
    [0, 0, 0, 1],
  ];
  const ry: Mat4 = [
    [cy, 0, sy, 0],
    [0, 1, 0, 0],
    [-sy, 0, cy, 0],
    [0, 0, 0, 1],
  ];
  const rz: Mat4 = [
    [cz, -sz, 0, 0],
    [sz, cz, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  const r = zyx ? compose(rz, compose(ry, rx)) : compose(rz, compose(rx, ry));
  const rc = applyMat(r, centre);
  const shift = [0, 1, 2].map((i) => centre[i]! + [tx, ty, tz][i]! - rc[i]!);
  return [0, 1, 2]
    .map((i) => [at(r, i, 0), at(r, i, 1), at(r, i, 2), shift[i]!])
    .concat([[0, 0, 0, 1]]);
}

/**
 * Size of a rigid transform: its rotation angle (degrees) and how far it moves `centre` (mm; take
 * the centre of the imaged volume, since the translation column depends on where the origin is).
 */
export function rigidSize(
  m: Mat4,
  centre: Vec3 = [0, 0, 0],
): { rotationDeg: number; translationMm: number } {
  const trace = at(m, 0, 0) + at(m, 1, 1) + at(m, 2, 2);
  const cos = Math.min(1, Math.max(-1, (trace - 1) / 2));
  return {
    rotationDeg: (Math.acos(cos) * 180) / Math.PI,
    translationMm: distance(applyMat(m, centre), centre),
  };
}

export function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
