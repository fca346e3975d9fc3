/**
 * The abdominal anatomy of the phantom in a patient-fixed "anatomy frame" (LPS, mm; origin near
 * the liver hilum): body wall with subcutaneous fat, muscle and ribs, spine with vertebral bodies
 * and discs, aorta/IVC, a three-part liver (right lobe, left lobe, caudate) with branching portal
 * and hepatic veins, gallbladder, spleen, kidneys, stomach, pancreas, colon and visceral fat.
 * Shapes are analytic (ellipsoids, tubes, planes) so the truth is exact; the renderer samples
 * each voxel several times, which gives smooth, partial-volume edges.
 */

/** @typedef {[number, number, number]} Vec3 */
/** @typedef {{rx: number, ry: number, power: number, fat: number}} Body */

/** Semi-axis ellipsoids in the anatomy frame. */
const LIVER_RIGHT = { c: [-68, 2, 8], r: [74, 88, 80] };
const LIVER_LEFT = { c: [12, -45, 20], r: [66, 44, 48] };
const CAUDATE = { c: [-14, 22, 12], r: [16, 14, 30] };
const GALLBLADDER = { c: [-48, -58, -38], r: [14, 18, 30] };
const SPLEEN = { c: [100, 48, 28], r: [30, 52, 55] };
const KIDNEY_R = { c: [-72, 62, -62], r: [26, 22, 50] };
const KIDNEY_L = { c: [74, 62, -48], r: [26, 22, 50] };
const STOMACH = { c: [68, -30, 38], r: [44, 34, 42] };

/** Axial cylinders (x, y, r). */
const AORTA = { x: 18, y: 45, r: 11 };
const IVC = { x: -22, y: 32, r: 12 };
const VERTEBRA = { x: 0, y: 72, rx: 23, ry: 19 };
const CANAL = { x: 0, y: 100, r: 8 };

/** Tubes as polylines [point, radius]; branches share their start with the parent's end. */
const PORTAL_TREE = [
  [
    [5, 40, -70, 7.5],
    [-10, 25, -30, 7],
    [-26, 14, 0, 6.5],
  ],
  [
    [-26, 14, 0, 6],
    [-58, 10, 4, 5.5],
  ],
  [
    [-58, 10, 4, 4.5],
    [-78, -36, 8, 4],
  ],
  [
    [-78, -36, 8, 3.5],
    [-88, -58, -32, 2.5],
  ],
  [
    [-78, -36, 8, 3.5],
    [-70, -52, 48, 2.5],
  ],
  [
    [-58, 10, 4, 4.5],
    [-112, 36, 2, 4],
  ],
  [
    [-112, 36, 2, 3.5],
    [-124, 28, -40, 2.5],
  ],
  [
    [-112, 36, 2, 3.5],
    [-128, 60, 40, 2.5],
  ],
  [
    [-26, 14, 0, 5],
    [4, -6, 10, 4.5],
    [10, -40, 8, 4],
  ],
  [
    [10, -40, 8, 3],
    [45, -25, 42, 2],
  ],
  [
    [10, -40, 8, 3],
    [20, -72, -4, 2],
  ],
  [
    [10, -40, 8, 3],
    [2, -80, -10, 2],
  ],
];
const HEPATIC_TREE = [
  [
    [-22, 32, 70, 7],
    [-70, 6, 46, 5.5],
    [-112, -16, 10, 4],
    [-126, -30, -38, 2.5],
  ],
  [
    [-20, 30, 70, 6],
    [-48, -30, 38, 4.5],
    [-56, -72, -8, 3],
    [-58, -86, -40, 2],
  ],
  [
    [-18, 30, 70, 5.5],
    [12, -18, 54, 4],
    [48, -46, 40, 2.5],
  ],
];
const COLON = [
  [
    [-110, -20, -95, 18],
    [-95, -70, -70, 18],
    [20, -85, -75, 17],
    [105, -40, -40, 17],
  ],
];
const PANCREAS = [
  [
    [-30, 5, -42, 13],
    [20, 20, -32, 11],
    [75, 40, -18, 9],
  ],
];

/**
 * @param {number[]} p
 * @param {{c: number[], r: number[]}} e
 */
function ellipsoid(p, e) {
  const dx = (p[0] - e.c[0]) / e.r[0];
  const dy = (p[1] - e.c[1]) / e.r[1];
  const dz = (p[2] - e.c[2]) / e.r[2];
  return dx * dx + dy * dy + dz * dz;
}

/**
 * Squared distance from p to the segment a-b over the squared radius interpolated along it.
 * @param {number[]} p
 * @param {number[]} a [x, y, z, r]
 * @param {number[]} b
 */
function tubeRatio(p, a, b) {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const len2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
  const s = Math.max(0, Math.min(1, (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / len2));
  const d2 = (ap[0] - s * ab[0]) ** 2 + (ap[1] - s * ab[1]) ** 2 + (ap[2] - s * ab[2]) ** 2;
  const r = a[3] + s * (b[3] - a[3]);
  return d2 / (r * r);
}

/** The vessel trees by the tissue they draw. */
const TREES = { portal: PORTAL_TREE, hepatic: HEPATIC_TREE };

/**
 * The tube of a vessel tree whose wall is nearest to p: its axis segment (a, b with their radii),
 * the nearest axis point, the radius there and the distance from p to the axis.
 * @param {number[]} p
 * @param {'portal' | 'hepatic'} kind
 * @returns {{a: number[], b: number[], point: number[], radius: number, distance: number}}
 */
export function nearestVessel(p, kind) {
  let best;
  for (const line of TREES[kind]) {
    for (let i = 1; i < line.length; i++) {
      const [a, b] = [line[i - 1], line[i]];
      const ab = [0, 1, 2].map((k) => b[k] - a[k]);
      const len2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
      const dot = ab[0] * (p[0] - a[0]) + ab[1] * (p[1] - a[1]) + ab[2] * (p[2] - a[2]);
      const s = Math.max(0, Math.min(1, dot / len2));
      const point = [0, 1, 2].map((k) => a[k] + s * ab[k]);
      const radius = a[3] + s * (b[3] - a[3]);
      const distance = Math.hypot(p[0] - point[0], p[1] - point[1], p[2] - point[2]);
      if (!best || distance - radius < best.distance - best.radius) {
        best = { a, b, point, radius, distance };
      }
    }
  }
  return /** @type {any} */ (best);
}

/**
 * Smallest tube ratio over a tree of polylines (< 1 inside a vessel).
 * @param {number[]} p
 * @param {number[][][]} tree
 */
function inTree(p, tree) {
  for (const line of tree) {
    for (let i = 1; i < line.length; i++) {
      if (tubeRatio(p, line[i - 1], line[i]) <= 1) return true;
    }
  }
  return false;
}

/**
 * Superellipse body outline shrunk by `inset` mm; the back is flatter than the belly.
 * @param {number[]} p
 * @param {Body} body
 * @param {number} inset
 */
function inBody(p, body, inset) {
  const ry = (p[1] > 0 ? body.ry * 0.88 : body.ry) - inset;
  const qx = Math.abs(p[0]) / (body.rx - inset);
  const qy = Math.abs(p[1]) / ry;
  return qx ** body.power + qy ** body.power <= 1;
}

/**
 * Ribs: tubes following the inner body wall, one every 28 mm, each descending from the spine
 * towards the front (0.55 mm per mm of arc), absent in front and at the spine.
 * @param {number[]} p
 * @param {Body} body
 */
function inRib(p, body) {
  const angle = Math.atan2(Math.abs(p[0]), p[1]);
  if (angle < 0.45 || angle > 2.3) return false;
  const inset = body.fat + 9;
  const ax = body.rx - inset;
  const ay = (p[1] > 0 ? body.ry * 0.88 : body.ry) - inset;
  const q = Math.sqrt((p[0] / ax) ** 2 + (p[1] / ay) ** 2);
  const radial = (q - 1) * (ax + ay) * 0.5;
  if (Math.abs(radial) > 4.5) return false;
  const zc = p[2] + 0.55 * angle * (ax + ay) * 0.5;
  const phase = (((zc + 500) % 28) + 28) % 28;
  const dz = Math.min(phase, 28 - phase) * 0.85;
  return radial * radial + dz * dz <= 16;
}

/**
 * Spine: cortical shell and marrow of the vertebral body, discs every 30 mm, canal, posterior arch.
 * @param {number[]} p
 * @returns {string | undefined}
 */
function spineAt(p) {
  const qx = (p[0] - VERTEBRA.x) / VERTEBRA.rx;
  const qy = (p[1] - VERTEBRA.y) / VERTEBRA.ry;
  const q = qx * qx + qy * qy;
  const phase = (((p[2] + 200) % 30) + 30) % 30;
  if (q <= 1) {
    if (phase < 7) return 'disc';
    return q > 0.8 ? 'bone' : 'marrow';
  }
  const dc = Math.hypot(p[0] - CANAL.x, p[1] - CANAL.y);
  if (dc <= CANAL.r) return 'csf';
  if (dc <= CANAL.r + 5) return phase < 7 ? 'muscle' : 'bone';
  if (Math.abs(p[0]) < 4 && p[1] > 100 && p[1] < 128 && phase >= 7) return 'bone';
  return undefined;
}

/**
 * True inside the liver parenchyma (vessels and gallbladder excluded by the caller's order).
 * @param {number[]} p
 * @param {Body} body
 */
export function inLiver(p, body) {
  if (!inBody(p, body, body.fat + 14)) return false;
  if (ellipsoid(p, CAUDATE) <= 1) return true;
  // The right lobe narrows towards its inferior tip; the left lobe thins to the left.
  const taper = p[2] < 0 ? 1 + p[2] / 260 : 1;
  const right = { c: LIVER_RIGHT.c, r: [LIVER_RIGHT.r[0] * taper, LIVER_RIGHT.r[1], 80] };
  if (ellipsoid(p, right) <= 1) return true;
  const thin = Math.max(0.35, 1 - Math.max(0, p[0] - 12) / 150);
  const left = { c: LIVER_LEFT.c, r: [LIVER_LEFT.r[0], LIVER_LEFT.r[1] * thin, LIVER_LEFT.r[2]] };
  return ellipsoid(p, left) <= 1;
}

/**
 * The background tissue (everything except lesions) at a point of the anatomy frame.
 * Order matters: bone and vessels override the organs they run through.
 * @param {number[]} p
 * @param {Body} body
 * @returns {string}
 */
export function tissueAt(p, body) {
  if (!inBody(p, body, 0)) return 'air';
  if (!inBody(p, body, body.fat)) return 'fat';
  if (inRib(p, body)) return 'bone';
  if (!inBody(p, body, body.fat + 9)) return 'muscle';
  const spine = spineAt(p);
  if (spine) return spine;
  if (Math.abs(Math.abs(p[0]) - 40) < 22 && ellipsoid(p, paraspinal(p[0])) <= 1) return 'muscle';
  if (Math.hypot(p[0] - AORTA.x, p[1] - AORTA.y) <= AORTA.r) return 'aorta';
  if (Math.hypot(p[0] - IVC.x, p[1] - IVC.y) <= IVC.r && p[2] < 72) return 'ivc';
  if (inTree(p, HEPATIC_TREE)) return 'hepatic';
  if (inTree(p, PORTAL_TREE)) return 'portal';
  if (ellipsoid(p, GALLBLADDER) <= 1) return 'bile';
  if (inLiver(p, body)) return 'liver';
  if (ellipsoid(p, SPLEEN) <= 1) return 'spleen';
  for (const k of [KIDNEY_R, KIDNEY_L]) {
    const q = ellipsoid(p, k);
    if (q <= 1) return q < 0.2 ? 'fat' : 'kidney';
  }
  const s = ellipsoid(p, STOMACH);
  if (s <= 1) return s > 0.78 ? 'gut' : p[1] < STOMACH.c[1] - 12 ? 'gas' : 'water';
  if (inTree(p, PANCREAS)) return 'pancreas';
  if (inTree(p, COLON)) {
    return COLON.some((line) =>
      line.some((_, i) => i > 0 && tubeRatio(p, line[i - 1], line[i]) < 0.45),
    )
      ? 'gas'
      : 'gut';
  }
  return 'fat';
}

/**
 * Paraspinal muscle ellipsoid on the side of x.
 * @param {number} x
 */
function paraspinal(x) {
  return { c: [x < 0 ? -40 : 40, 100, 0], r: [22, 18, 1e6] };
}

/**
 * Couinaud segment of a liver point: caudate is I; around the IVC the hepatic-vein planes split
 * right posterior (VI/VII), right anterior (V/VIII), medial (IV) and left lateral (II/III)
 * sections; the portal plane (z = 5) splits superior from inferior segments.
 * @param {number[]} p
 * @returns {string}
 */
export function segmentAt(p) {
  if (ellipsoid(p, CAUDATE) <= 1) return 'I';
  const angle = (Math.atan2(p[1] - IVC.y, p[0] - IVC.x) * 180) / Math.PI;
  const superior = p[2] > 5;
  if (angle > -72 && angle < 90) return p[2] > 24 ? 'II' : 'III';
  if (angle > -108 && angle <= -72) return superior ? 'IVa' : 'IVb';
  if (angle > -152 && angle <= -108) return superior ? 'VIII' : 'V';
  return superior ? 'VII' : 'VI';
}
