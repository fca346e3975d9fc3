/** Figures measured in Node in the same bench run: the ADC fit, the central review, the registration. */
import { benchAdc } from './adc.mjs';
import { benchRegistration } from './registration.mjs';
import { benchReview } from './review.mjs';
import { log } from './util.mjs';

/**
 * Figures measured in Node on the app's pure code, in the same run: the ADC fit (src/domain/adc.ts)
 * against a bare loop, and the central review's computation (src/cli/analysis.ts) for 400
 * patients x 2 reads against its 200 ms target.
 * @param {Set<string> | undefined} only BENCH_ONLY's figure ids (all when undefined)
 * @param {number} runs runs per figure
 */
export async function nodeFigures(only, runs) {
  const figures = {};
  if (only && !only.has('node')) return registrationFigures(runs);
  const adc = await benchAdc({ runs, log: (...args) => log('[adc]', ...args) });
  for (const f of adc.figures) {
    figures[`adc-${f.id}`] = {
      ...f,
      higherIsBetter: false,
      ratio: 1 / f.ratio,
      target: 1 / f.targetRatio,
      absoluteTarget: false,
      targetMet: f.ratio <= f.targetRatio && (f.targetMs == null || f.app < f.targetMs),
    };
  }
  const review = await benchReview({ runs, log: (...args) => log('[review]', ...args) });
  for (const f of review.figures) {
    figures[f.id] = {
      ...f,
      higherIsBetter: false,
      baseline: f.targetMs,
      ratio: f.targetMs / f.app,
      target: 1,
      absoluteTarget: false,
      targetMet: f.targetMet,
    };
  }
  Object.assign(figures, await registrationFigures(runs));
  return figures;
}

/**
 * Rigid registration of the sample study's exams (scripts/bench/registration.mjs): TRE per
 * patient against the 3 mm goal and time per pair against 3 s; ratio = goal / app.
 */
async function registrationFigures(runs) {
  const figures = {};
  const result = await benchRegistration({
    runs,
    log: (...args) => log('[registration]', ...args),
  });
  for (const f of result.figures) {
    const goal = f.unit === 'mm' ? f.targetMm : f.targetMs;
    figures[f.id] = {
      ...f,
      higherIsBetter: false,
      baseline: goal,
      ratio: goal / f.app,
      target: 1,
      absoluteTarget: false,
    };
  }
  return figures;
}
