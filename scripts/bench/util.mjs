/** Small helpers shared by the bench scripts (scripts/bench/run.mjs and the figure modules). */

export const MB = 1e6;

/** @param {unknown[]} args */
export function log(...args) {
  console.log(`[bench ${(performance.now() / 1000).toFixed(1)}s]`, ...args);
}

/** @param {number} x */
export function fmt(x) {
  if (x == null) return '-';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
