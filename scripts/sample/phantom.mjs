/**
 * The abdominal phantom: anatomy in a patient-fixed "anatomy frame" (LPS, mm; origin near the
 * liver centre) and the signal of every tissue per series role. Exams see the same anatomy
 * translated by their own table offset (see plan.mjs), which is what makes cross-exam alignment
 * realistic. Shapes are analytic (ellipses, ellipsoids, tubes, spheres) so that the ground truth
 * is exact and the tests can predict every pixel class.
 */

/** @typedef {[number, number, number]} Vec3 */

/** Body outline (elliptic cylinder) and its layers, semi-axes in mm (x: left, y: posterior). */
const BODY = { rx: 170, ry: 125, fat: 15, muscle: 10 };

/** Ellipsoids (centre, semi-axes) in the anatomy frame. */
const LIVER_RIGHT = { c: [-70, -5, 0], r: [70, 85, 70] };
const LIVER_LEFT = { c: [5, -40, 10], r: [60, 45, 55] };
const SPLEEN = { c: [105, 35, 20], r: [30, 45, 50] };

/** Axial cylinders (centre x, y, radius): spine, aorta, inferior vena cava. */
const SPINE = { x: 0, y: 72, r: 22 };
const AORTA = { x: 20, y: 40, r: 11 };
const IVC = { x: -25, y: 35, r: 11 };

/** Vessels as tubes between two points: portal vein branches and hepatic veins. */
const PORTAL_VEINS = [
  { a: [-10, 20, -45], b: [-50, 10, -8], r: 7 },
  { a: [-50, 10, -8], b: [-95, 5, 5], r: 5 },
  { a: [-50, 10, -8], b: [-5, -25, 8], r: 4 },
];
const HEPATIC_VEINS = [
  { a: [-25, 35, 50], b: [-110, -5, 45], r: 5 },
  { a: [-25, 35, 50], b: [-45, -55, 45], r: 4 },
];

/**
 * @param {Vec3} p
 * @param {{c: number[], r: number[]}} e
 */
function inEllipsoid(p, e) {
  const dx = (p[0] - e.c[0]) / e.r[0];
  const dy = (p[1] - e.c[1]) / e.r[1];
  const dz = (p[2] - e.c[2]) / e.r[2];
  return dx * dx + dy * dy + dz * dz <= 1;
}

/**
 * In-plane ellipse test of the body outline shrunk by `inset` mm.
 * @param {Vec3} p
 * @param {number} inset
 */
function inBody(p, inset) {
  const dx = p[0] / (BODY.rx - inset);
  const dy = p[1] / (BODY.ry - inset);
  return dx * dx + dy * dy <= 1;
}

/**
 * @param {Vec3} p
 * @param {{x: number, y: number, r: number}} c
 */
function inCylinder(p, c) {
  const dx = p[0] - c.x;
  const dy = p[1] - c.y;
  return dx * dx + dy * dy <= c.r * c.r;
}

/**
 * Distance from p to the segment a-b, for tube-shaped vessels.
 * @param {Vec3} p
 * @param {{a: number[], b: number[], r: number}} t
 */
function inTube(p, t) {
  const ab = [t.b[0] - t.a[0], t.b[1] - t.a[1], t.b[2] - t.a[2]];
  const ap = [p[0] - t.a[0], p[1] - t.a[1], p[2] - t.a[2]];
  const len2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
  const s = Math.max(0, Math.min(1, (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / len2));
  const d = [ap[0] - s * ab[0], ap[1] - s * ab[1], ap[2] - s * ab[2]];
  return d[0] * d[0] + d[1] * d[1] + d[2] * d[2] <= t.r * t.r;
}

/**
 * The background tissue (everything except lesions) at a point of the anatomy frame.
 * Order matters: vessels and bone override the organs they run through.
 * @param {Vec3} p
 * @returns {string}
 */
export function tissueAt(p) {
  if (!inBody(p, 0)) return 'air';
  if (!inBody(p, BODY.fat)) return 'fat';
  if (!inBody(p, BODY.fat + BODY.muscle)) return 'muscle';
  if (inCylinder(p, SPINE)) return 'bone';
  if (inCylinder(p, AORTA)) return 'aorta';
  if (inCylinder(p, IVC)) return 'ivc';
  if (PORTAL_VEINS.some((t) => inTube(p, t))) return 'portal';
  if (HEPATIC_VEINS.some((t) => inTube(p, t))) return 'hepatic';
  if (inEllipsoid(p, LIVER_RIGHT) || inEllipsoid(p, LIVER_LEFT)) return 'liver';
  if (inEllipsoid(p, SPLEEN)) return 'spleen';
  // Bowel and retroperitoneal fat fill the rest of the cavity.
  return 'fat';
}

/**
 * Mean signal per tissue and role, and the noise SD. CT in HU; MR in arbitrary units chosen to
 * mimic the published contrasts (CRLM hypodense on portal CT, mildly T2-bright, T1-dark,
 * hypo-enhancing on EOB dynamics and dark in the hepatobiliary phase where the liver is bright).
 * `lesion` is the lesion value when the lesion is visible in that role.
 */
export const SIGNAL = {
  CT_PORTAL: {
    noise: 8,
    air: -1000,
    fat: -100,
    muscle: 55,
    bone: 450,
    aorta: 160,
    ivc: 140,
    portal: 170,
    hepatic: 150,
    liver: 100,
    spleen: 110,
    lesion: 50,
  },
  CT_ARTERIAL: {
    noise: 8,
    air: -1000,
    fat: -100,
    muscle: 50,
    bone: 450,
    aorta: 320,
    ivc: 70,
    portal: 110,
    hepatic: 60,
    liver: 70,
    spleen: 120,
    lesion: 20,
  },
  T2: {
    noise: 5,
    air: 0,
    fat: 220,
    muscle: 45,
    bone: 70,
    aorta: 15,
    ivc: 20,
    portal: 20,
    hepatic: 20,
    liver: 80,
    spleen: 140,
    lesion: 125,
  },
  T1: {
    noise: 6,
    air: 0,
    fat: 330,
    muscle: 120,
    bone: 200,
    aorta: 60,
    ivc: 60,
    portal: 60,
    hepatic: 60,
    liver: 210,
    spleen: 150,
    lesion: 120,
  },
  EOB_PRE: {
    noise: 6,
    air: 0,
    fat: 40,
    muscle: 110,
    bone: 60,
    aorta: 80,
    ivc: 80,
    portal: 80,
    hepatic: 80,
    liver: 180,
    spleen: 140,
    lesion: 110,
  },
  EOB_ARTERIAL: {
    noise: 8,
    air: 0,
    fat: 45,
    muscle: 130,
    bone: 70,
    aorta: 600,
    ivc: 120,
    portal: 300,
    hepatic: 110,
    liver: 240,
    spleen: 350,
    lesion: 160,
  },
  EOB_PORTAL: {
    noise: 8,
    air: 0,
    fat: 45,
    muscle: 140,
    bone: 80,
    aorta: 420,
    ivc: 400,
    portal: 460,
    hepatic: 420,
    liver: 300,
    spleen: 330,
    lesion: 190,
  },
  EOB_TRANSITIONAL: {
    noise: 8,
    air: 0,
    fat: 45,
    muscle: 140,
    bone: 80,
    aorta: 300,
    ivc: 290,
    portal: 310,
    hepatic: 300,
    liver: 330,
    spleen: 280,
    lesion: 190,
  },
  EOB_HBP: {
    noise: 8,
    air: 0,
    fat: 45,
    muscle: 130,
    bone: 80,
    aorta: 150,
    ivc: 150,
    portal: 160,
    hepatic: 150,
    liver: 420,
    spleen: 200,
    lesion: 130,
  },
};

/**
 * Diffusion: S(b) = S0 exp(-b ADC), ADC in mm²/s. Vessels have high S0 loss (flow void) and a high
 * "pseudo" ADC; air has nothing. Lesion values come from the lesion (see plan.mjs), because
 * tumour ADC rises after chemotherapy.
 */
export const DIFFUSION = {
  noise: 4,
  adcNoise: 15e-6,
  air: { s0: 0, adc: 0 },
  fat: { s0: 30, adc: 0.4e-3 },
  muscle: { s0: 220, adc: 1.45e-3 },
  bone: { s0: 40, adc: 0.5e-3 },
  aorta: { s0: 60, adc: 3.0e-3 },
  ivc: { s0: 60, adc: 3.0e-3 },
  portal: { s0: 60, adc: 3.0e-3 },
  hepatic: { s0: 60, adc: 3.0e-3 },
  liver: { s0: 400, adc: 1.28e-3 },
  spleen: { s0: 520, adc: 0.85e-3 },
};

/** The normal liver ADC (QIBA: about 1.28 x 10^-3 mm²/s). */
export const LIVER_ADC = DIFFUSION.liver.adc;
