/**
 * How each series of the sample is acquired: contrast agents, and per role its description,
 * timing after injection and MR sequence parameters (scripts/sample/plan.mjs says which series
 * each exam holds). Shared with the bench's large study (scripts/bench/study.mjs).
 */

export const CT_AGENT = 'Iohexol 350 mgI/mL (iodinated, Omnipaque 350)';
export const EOB_AGENT = 'Gd-EOB-DTPA (gadoxetate disodium, Primovist)';

/** Per-role acquisition facts: description, timing and sequence parameters. */
export const SERIES = {
  CT_ARTERIAL: { description: 'CT ABD ARTERIAL', delay: 35, contrast: 'CT' },
  CT_PORTAL: { description: 'CT ABD PORTAL VENOUS', delay: 70, contrast: 'CT' },
  T2: {
    description: 'T2 HASTE',
    delay: -900,
    mr: {
      seq: 'SE',
      variant: 'SK\\SP',
      options: 'FS',
      acq: '2D',
      tr: 1400,
      te: 92,
      etl: 128,
      flip: 160,
      name: '*haste2d1',
    },
  },
  DWI: {
    description: 'DWI b50-400-800',
    delay: -720,
    mr: {
      seq: 'EP',
      variant: 'SK\\SP',
      options: 'FS',
      acq: '2D',
      tr: 5200,
      te: 63,
      etl: 1,
      flip: 90,
      name: '*ep_b',
    },
  },
  ADC: {
    description: 'ADC',
    delay: -720,
    mr: {
      seq: 'EP',
      variant: 'SK\\SP',
      options: 'FS',
      acq: '2D',
      tr: 5200,
      te: 63,
      etl: 1,
      flip: 90,
      name: '*ep_b50_800',
    },
  },
  T1: {
    description: 'T1 VIBE',
    delay: -300,
    mr: {
      seq: 'GR',
      variant: 'SP\\OSP',
      options: '',
      acq: '3D',
      tr: 6.7,
      te: 2.39,
      etl: 1,
      flip: 10,
      name: '*fl3d2',
    },
  },
  EOB_PRE: { description: 'EOB PRE', delay: -120, mr: 'VIBE_FS' },
  EOB_ARTERIAL: { description: 'EOB ARTERIAL', delay: 25, contrast: 'EOB', mr: 'VIBE_FS' },
  EOB_PORTAL: { description: 'EOB PORTAL', delay: 70, contrast: 'EOB', mr: 'VIBE_FS' },
  EOB_TRANSITIONAL: {
    description: 'EOB TRANSITIONAL 3MIN',
    delay: 180,
    contrast: 'EOB',
    mr: 'VIBE_FS',
  },
  EOB_HBP: { description: 'EOB HBP 20MIN', delay: 1200, contrast: 'EOB', mr: 'VIBE_FS' },
};

/** The fat-saturated 3D gradient echo shared by every EOB dynamic phase. */
export const VIBE_FS = {
  seq: 'GR',
  variant: 'SP\\OSP',
  options: 'FS',
  acq: '3D',
  tr: 3.9,
  te: 1.4,
  etl: 1,
  flip: 10,
  name: '*fl3d1',
};

/**
 * hhmmss plus a number of seconds (no day wrap needed: exams are in the morning).
 * @param {string} hhmmss
 * @param {number} seconds
 */
export function addSeconds(hhmmss, seconds) {
  const t =
    Number(hhmmss.slice(0, 2)) * 3600 +
    Number(hhmmss.slice(2, 4)) * 60 +
    Number(hhmmss.slice(4, 6)) +
    seconds;
  const pad = (n) => String(Math.floor(n)).padStart(2, '0');
  return `${pad(t / 3600)}${pad((t % 3600) / 60)}${pad(t % 60)}`;
}
