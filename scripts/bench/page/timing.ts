/** Timing helpers of the bench page (scripts/bench/page/main.ts). */

/** One measured run: elapsed milliseconds, the figure's value, and what it counted. */
export interface RunResult {
  ms: number;
  value: number;
  count: number;
  bytes?: number;
  problems?: number;
  /** Milliseconds until ReadingSession.show resolved (the loads go on after it). */
  showMs?: number;
  /** Milliseconds until the last viewport reported ready, and until the last one drew. */
  readyMs?: number;
  drawnMs?: number;
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

export async function timed(
  run: () => Promise<Omit<RunResult, 'ms' | 'value'>>,
  value: (ms: number, r: Omit<RunResult, 'ms' | 'value'>) => number,
): Promise<RunResult> {
  const start = performance.now();
  const r = await run();
  const ms = performance.now() - start;
  return { ...r, ms, value: value(ms, r) };
}

export const perSecond = (ms: number, r: { count: number }): number => r.count / (ms / 1000);
export const megabytesPerSecond = (ms: number, r: { bytes?: number }): number =>
  (r.bytes ?? 0) / 1e6 / (ms / 1000);
