/**
 * Deterministic randomness and identifiers for the synthetic sample study.
 * Everything here is a pure function of its inputs so that the generator writes the same bytes on
 * every run (the committed sample-dicom/ is checked against a fresh run in CI).
 */
import { createHash } from 'node:crypto';

/**
 * mulberry32: a tiny 32-bit PRNG; good enough for image noise and, unlike Math.random, seedable.
 * @param {number} seed 32-bit integer seed
 * @returns {() => number} uniform numbers in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal samples (Box-Muller) drawn from a uniform source.
 * @param {() => number} uniform
 * @returns {() => number}
 */
export function gaussian(uniform) {
  let spare = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // 1 - u keeps the argument of log away from 0.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/**
 * A 32-bit seed derived from a name, so every series gets its own independent noise stream that
 * does not change when other series are added or reordered.
 * @param {string} name
 * @returns {number}
 */
export function seedFromName(name) {
  return createHash('sha256').update(`seed:${name}`).digest().readUInt32BE(0);
}

/**
 * A UID under the 2.25 root (ISO/IEC 9834-8: a UUID-derived decimal) made from a SHA-256 of the
 * name instead of a random UUID, so it is stable across runs. 128 bits give at most 39 digits,
 * i.e. at most 44 characters, inside the 64-character limit.
 * @param {string} name a unique description such as "DREAM-001/baseline/MR/series/DWI"
 * @returns {string}
 */
export function uidFromName(name) {
  const hex = createHash('sha256').update(`dream-sample:${name}`).digest('hex').slice(0, 32);
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}
