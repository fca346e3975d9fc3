/**
 * The computed ADC map in the browser: with the scanner ADC map hidden from the exam (the reader re-roles it as
 * "Other" in the series tree), the DLM protocol's ADC cell shows the map the viewer computes from
 * the DWI b-value stacks, says so in its overlay, and an ellipse inside a lesion reads the
 * ground-truth ADC within 5%.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { useBrowserSession } from './session';
import {
  cellViewport,
  chooseLayout,
  chooseSeries,
  drag,
  measurementValues,
  openReading,
  pointOnPage,
  seriesKeyOf,
  settled,
  truthPatient,
  type Point,
} from './reading-helpers';
import { canvasStats } from './viewports';

const browser = useBrowserSession();

const patient = truthPatient('DREAM-001');
// L2: 22 mm at baseline, its centre 1 mm from a DWI slice: a 6 mm ellipse is well inside it.
const lesion = patient.lesions.find((l) => l.id === 'L2');
const scannerAdc = seriesKeyOf(patient, 'baseline', 'ADC');
const dwiUid = seriesKeyOf(patient, 'baseline', 'DWI').split(':')[0] ?? '';
const computedKey = `${dwiUid}:adc-computed`;

describe('computed ADC', () => {
  it('replaces a hidden scanner ADC map in the protocol and reads the true lesion ADC', async () => {
    const { page, errors } = browser();
    if (!lesion) throw new Error('no lesion L2');
    await openReading(page, 'DREAM-001');
    const adcCell = cellViewport(page, 'r0c2');
    expect(await adcCell.getAttribute('data-series-key')).toBe(scannerAdc);

    // Hide the scanner map from the baseline exam: the reader's role override.
    await page
      .locator(`[data-testid="series-item"][data-series-key="${scannerAdc}"] select`)
      .selectOption('OTHER');
    await expect.poll(() => adcCell.getAttribute('data-series-key')).toBe(computedKey);
    expect(await adcCell.getAttribute('data-role-key')).toBe('ADC_COMPUTED');
    await expect.poll(() => adcCell.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    const overlay = page.locator('[data-cell-id="r0c2"] [data-testid="overlay-role"]');
    await expect.poll(() => overlay.textContent()).toContain('ADC (computed)');
    expect(await overlay.textContent()).toContain('ADC (computed) · b=50,400,800');
    // The pre-op exam keeps its scanner map.
    expect(await cellViewport(page, 'r1c2').getAttribute('data-role-key')).toBe('ADC');
    await expect
      .poll(async () => (await canvasStats(page, 2)).lit, { timeout: 10_000 })
      .toBeGreaterThan(0.05);
    mkdirSync('test-results', { recursive: true });
    await page
      .locator('.patient-view')
      .screenshot({ path: 'test-results/computed-adc-protocol.png' });

    const runs = await page.evaluate(() => window.__dreamViewer?.computedAdcRuns() ?? []);
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run?.bValues).toEqual([50, 400, 800]);
    console.log(
      `computed ADC map (DREAM-001 baseline, 128x128x16, b=${run?.bValues.join(',')}, ` +
        `noise floor ${run?.noiseFloor}): worker ${run?.workerMs.toFixed(1)} ms, ` +
        `total with DWI loading ${run?.totalMs.toFixed(0)} ms, ${run?.masked} voxels masked`,
    );

    // An ellipse inside L2 on the computed map, as reading-measure.test.ts does on the scanner's.
    await chooseLayout(page, '1x1');
    await chooseSeries(page, 'r0c0', computedKey);
    const centre = lesion.centre.baseline?.MR as Point;
    const from = await pointOnPage(page, 'r0c0', centre);
    const to = await pointOnPage(page, 'r0c0', [centre[0] + 6, centre[1] + 6, centre[2]]);
    await page.getByTestId('tool-EllipticalROI').click();
    await drag(page, from, to);
    const stats = await settled(
      page,
      async () => (await measurementValues(page, 'EllipticalROI')).at(-1) ?? {},
      (value) => (value.mean ?? 0) > 0,
    );
    const expected = (lesion.trueAdc.baseline ?? NaN) * 1e3; // mm²/s -> 10^-3 mm²/s
    const relative = ((stats.mean ?? NaN) - expected) / expected;
    console.log(
      `L2 ellipse on the computed map: mean ${stats.mean?.toFixed(4)} (SD ` +
        `${stats.stdDev?.toFixed(4)}) x10^-3 mm²/s, truth ${expected.toFixed(4)}, ` +
        `${(100 * relative).toFixed(2)}%`,
    );
    expect(Math.abs(relative)).toBeLessThan(0.05);
    expect(stats.area).toBeGreaterThan(50);
    await page.locator('.patient-view').screenshot({ path: 'test-results/computed-adc.png' });
    expect(errors).toEqual([]);
  }, 120_000);
});
