/**
 * Signal of every tissue of the phantom per series role (anatomy in anatomy.mjs) and the noise of
 * each acquisition. CT in HU; MR in arbitrary units chosen to mimic the published contrasts:
 * colorectal metastases hypodense with an enhancing rim on portal CT, mildly T2-bright, T1-dark,
 * hypo-enhancing on EOB dynamics and dark in the hepatobiliary phase where the liver is bright.
 * Fat is bright on T1 and T2 and suppressed on the fat-saturated EOB series and DWI.
 */

export const TISSUES = [
  'air',
  'fat',
  'muscle',
  'bone',
  'marrow',
  'disc',
  'csf',
  'aorta',
  'ivc',
  'portal',
  'hepatic',
  'liver',
  'spleen',
  'kidney',
  'bile',
  'pancreas',
  'gut',
  'water',
  'gas',
];

/** Roles whose tissue values are listed in ROWS, in column order. */
const ROLES = [
  'CT_PORTAL',
  'CT_ARTERIAL',
  'T2',
  'T1',
  'EOB_PRE',
  'EOB_ARTERIAL',
  'EOB_PORTAL',
  'EOB_TRANSITIONAL',
  'EOB_HBP',
];

/** Tissue -> value per role (ROLES order). Bile turns bright in the HBP: EOB is excreted there. */
const ROWS = {
  air: [-1000, -1000, 0, 0, 0, 0, 0, 0, 0],
  fat: [-105, -105, 230, 340, 35, 38, 40, 40, 40],
  muscle: [55, 50, 45, 120, 110, 130, 140, 140, 130],
  bone: [750, 750, 25, 35, 20, 25, 25, 25, 25],
  marrow: [190, 180, 170, 290, 70, 90, 100, 95, 70],
  disc: [90, 85, 110, 110, 80, 90, 110, 110, 100],
  csf: [10, 10, 420, 40, 30, 30, 30, 30, 30],
  aorta: [165, 330, 15, 60, 80, 620, 420, 300, 150],
  ivc: [145, 95, 20, 60, 80, 140, 400, 290, 150],
  portal: [180, 125, 20, 60, 80, 320, 460, 310, 160],
  hepatic: [160, 70, 20, 60, 80, 110, 420, 300, 150],
  liver: [105, 75, 80, 210, 180, 240, 300, 330, 420],
  spleen: [115, 125, 140, 150, 140, 350, 330, 280, 200],
  kidney: [185, 220, 170, 140, 130, 460, 420, 330, 260],
  bile: [8, 8, 430, 50, 40, 40, 40, 60, 360],
  pancreas: [95, 120, 100, 220, 190, 330, 300, 260, 220],
  gut: [70, 85, 70, 130, 110, 180, 200, 190, 150],
  water: [12, 12, 420, 30, 25, 25, 25, 25, 25],
  gas: [-960, -960, 0, 0, 0, 0, 0, 0, 0],
};

/**
 * Focal liver lesions per kind: core and rim value per role. A metastasis shows a thin enhancing
 * rim on the contrast phases; a haemangioma fills in from its rim; a cyst never enhances.
 */
const FOCAL = {
  metastasis: {
    core: [42, 15, 130, 120, 110, 150, 190, 190, 130],
    rim: [128, 110, 118, 125, 115, 270, 270, 220, 140],
  },
  cyst: {
    core: [6, 6, 460, 30, 25, 25, 25, 25, 25],
    rim: [6, 6, 460, 30, 25, 25, 25, 25, 25],
  },
  haemangioma: {
    core: [150, 60, 340, 90, 80, 110, 380, 320, 150],
    rim: [175, 260, 330, 90, 80, 560, 440, 330, 160],
  },
};

/** Noise SD per role: CT in HU (gaussian); MR per channel of the Rician magnitude. */
const NOISE = {
  CT_PORTAL: 12,
  CT_ARTERIAL: 13,
  T2: 5,
  T1: 6,
  EOB_PRE: 6,
  EOB_ARTERIAL: 8,
  EOB_PORTAL: 8,
  EOB_TRANSITIONAL: 8,
  EOB_HBP: 8,
};

/**
 * Signal table of a role: tissues, then `lesion`/`lesionRim` (metastasis) and per focal kind.
 * @type {Record<string, Record<string, number>>}
 */
export const SIGNAL = Object.fromEntries(
  ROLES.map((role, j) => {
    const row = Object.fromEntries(TISSUES.map((t) => [t, ROWS[t][j]]));
    for (const [kind, v] of Object.entries(FOCAL)) {
      row[kind] = v.core[j];
      row[`${kind}Rim`] = v.rim[j];
    }
    return [role, { ...row, noise: NOISE[role], lesion: FOCAL.metastasis.core[j] }];
  }),
);

/**
 * Diffusion: S(b) = S0 exp(-b ADC), ADC in mm²/s, fat suppressed. Vessels lose their signal to
 * flow (low S0, high pseudo-ADC). Metastasis values come from the lesion (see plan.mjs) because
 * tumour ADC rises after chemotherapy; their core has a lower S0 than the rim (target sign).
 */
export const DIFFUSION = {
  noise: 7,
  air: { s0: 0, adc: 0 },
  gas: { s0: 0, adc: 0 },
  fat: { s0: 30, adc: 0.4e-3 },
  muscle: { s0: 220, adc: 1.45e-3 },
  bone: { s0: 15, adc: 0.4e-3 },
  marrow: { s0: 60, adc: 0.5e-3 },
  disc: { s0: 200, adc: 1.6e-3 },
  csf: { s0: 520, adc: 3.0e-3 },
  aorta: { s0: 60, adc: 3.0e-3 },
  ivc: { s0: 60, adc: 3.0e-3 },
  portal: { s0: 60, adc: 3.0e-3 },
  hepatic: { s0: 60, adc: 3.0e-3 },
  liver: { s0: 400, adc: 1.28e-3 },
  spleen: { s0: 520, adc: 0.85e-3 },
  kidney: { s0: 460, adc: 2.0e-3 },
  bile: { s0: 520, adc: 2.9e-3 },
  pancreas: { s0: 380, adc: 1.3e-3 },
  gut: { s0: 250, adc: 1.4e-3 },
  water: { s0: 520, adc: 2.9e-3 },
  cyst: { s0: 560, adc: 3.0e-3 },
  haemangioma: { s0: 480, adc: 1.8e-3 },
};

/** Core S0 of a metastasis relative to its rim on DWI (target appearance). */
export const TARGET_CORE = 0.78;

/** The normal liver ADC (QIBA: about 1.28 x 10^-3 mm²/s). */
export const LIVER_ADC = DIFFUSION.liver.adc;

/**
 * Mild receive-coil bias field on MR (multiplicative, scanner coordinates in mm): brighter
 * towards the anterior and posterior coils and to the patient's right.
 * @param {number} x
 * @param {number} y
 */
export function biasField(x, y) {
  return 1 - 0.05 * (x / 150) + 0.1 * (y / 150) ** 2 - 0.03 * (y / 150);
}
