/**
 * Measurement tools report real units: a Length drawn edge to edge across a ground-truth lesion
 * on CT gives its diameter in mm, and an ellipse inside a lesion on the ADC map (stored as ints
 * with RescaleSlope 0.5, in µm²/s) gives its true ADC in 10^-3 mm²/s.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { BrowserSession } from './browser';
import { useBrowserSession } from './session';
import {
  cellViewport,
  chooseLayout,
  chooseSeries,
  drag,
  lengthAcross,
  measurementValues,
  openReading,
  pointOnPage,
  recordLast,
  seriesKeyOf,
  setReader,
  settled,
  truthPatient,
  type Point,
} from './reading-helpers';

const browser = useBrowserSession();

const patient = truthPatient('DREAM-001');
// L2: 22 mm at baseline, its centre 0.5 mm from a CT slice and 1 mm from an ADC slice, so the
// cut through it is the full diameter (within a fraction of a mm).
const lesion = patient.lesions.find((l) => l.id === 'L2');
const CT_PIXEL_MM = 1.5;

const detail = (page: BrowserSession['page'], id: string) =>
  page.getByTestId('lesion-details').getByTestId(id).first();

describe('measurements', () => {
  it('a Length across a CT lesion equals its diameter (mm)', async () => {
    const { page, errors } = browser();
    if (!lesion) throw new Error('no lesion L2');
    await openReading(page, 'DREAM-001');
    await chooseLayout(page, '1x1');
    const centre = lesion.centre.baseline?.CT as Point;
    const r = (lesion.diameterMm.baseline ?? 0) / 2;
    // Zoom in (right-button drag) as a reader measuring a 2 cm lesion would: with the docks
    // beside it the image is small, and the probe 4 mm off the line would grab the line.
    const [zx, zy] = await pointOnPage(page, 'r0c0', centre);
    await page.mouse.move(zx, zy);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(zx, zy + 120, { steps: 8 });
    await page.mouse.up({ button: 'right' });
    const length = await lengthAcross(page, 'r0c0', centre, 2 * r);
    expect(Math.abs(length - 2 * r)).toBeLessThanOrEqual(2 * CT_PIXEL_MM);

    // A probe inside the lesion reads HU; 4 mm off the centre, clear of the Length line (a
    // click on a line grabs that annotation instead of placing a probe).
    await page.keyboard.press('p');
    const middle = await pointOnPage(page, 'r0c0', [centre[0], centre[1] + 4, centre[2]]);
    await page.mouse.click(middle[0], middle[1]);
    await expect
      .poll(async () => (await measurementValues(page, 'Probe')).at(-1)?.value ?? NaN)
      .toBeGreaterThan(-200);
    const hu = (await measurementValues(page, 'Probe')).at(-1)?.value ?? NaN;
    expect(hu).toBeLessThan(200);

    // The length registers a new lesion at baseline: its place and diameter are the drawing's,
    // the diameter kept to 0.01 mm (src/domain/precision.ts), not the viewer's float.
    await setReader(page, 'R09', 'Dr Measure');
    await recordLast(page, 'Length');
    await expect
      .poll(async () =>
        Number(await detail(page, 'detail-baseline-diameter').getAttribute('data-value')),
      )
      .toBe(Math.round(length * 100) / 100);
    const lesionSlice = Number(await cellViewport(page, 'r0c0').getAttribute('data-index'));
    // Selecting the lesion in the panel brings the viewport back to it from anywhere.
    await cellViewport(page, 'r0c0').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => cellViewport(page, 'r0c0').getAttribute('data-index')).toBe('0');
    await page.locator('[data-testid="show-lesion"]').first().click();
    await expect
      .poll(() => cellViewport(page, 'r0c0').getAttribute('data-index'))
      .toBe(String(lesionSlice));
    mkdirSync('test-results', { recursive: true });
    await page
      .locator('.patient-view')
      .screenshot({ path: 'test-results/reading-measure-length.png' });

    // The probe sits 4 mm from L1's recorded place: recording it as a NEW lesion asks first
    // (the app's dialog), and cancelling records nothing.
    const probeRow = page.locator('[data-testid="measurement"][data-tool="Probe"]').last();
    await probeRow.getByTestId('measurement-target').selectOption('new');
    await probeRow.getByTestId('measurement-record').click();
    await page.getByTestId('record-near-dialog').getByText('L1').waitFor();
    await page.getByTestId('record-near-cancel').click();
    await expect.poll(() => page.getByTestId('record-near-dialog').isVisible()).toBe(false);
    await expect(probeRow.getByTestId('measurement-recorded').count()).resolves.toBe(0);
    // Record is one-shot: the recorded Length row says what it made and offers no second
    // Record; its Undo takes the lesion back and brings the Record control back.
    const lengthRow = page.locator('[data-testid="measurement"][data-tool="Length"]').last();
    await expect(
      lengthRow.getByTestId('measurement-recorded').getAttribute('data-lesion-id'),
    ).resolves.toBe('L1');
    await expect(lengthRow.getByTestId('measurement-record').count()).resolves.toBe(0);
    await lengthRow.getByTestId('measurement-undo-record').click();
    await lengthRow.getByTestId('measurement-record').waitFor();
    await expect(lengthRow.getByTestId('measurement-recorded').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('an ellipse inside a lesion on the ADC map reads the true ADC within 5%', async () => {
    const { page, errors } = browser();
    if (!lesion) throw new Error('no lesion L2');
    await openReading(page, 'DREAM-001');
    await chooseLayout(page, '1x1');
    await chooseSeries(page, 'r0c0', seriesKeyOf(patient, 'baseline', 'ADC'));
    const centre = lesion.centre.baseline?.MR as Point;
    // Semi-axes 6 mm: two 3 mm pixels, well inside the 11 mm radius (no partial volume).
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
    expect(Math.abs((stats.mean ?? NaN) - expected) / expected).toBeLessThan(0.05);
    expect(stats.area).toBeGreaterThan(50);

    // Recorded on a lesion: the read keeps mean (to 0.001 x 10^-3 mm²/s, src/domain/precision.ts),
    // SD and the pixel count of the ROI.
    await setReader(page, 'R09', 'Dr Measure');
    await page.getByTestId('add-lesion').click();
    await recordLast(page, 'EllipticalROI');
    const stored = Number(await detail(page, 'detail-adc').getAttribute('data-value'));
    expect(stored).toBe(Math.round((stats.mean ?? NaN) * 1000) / 1000);
    await expect(detail(page, 'detail-adc').textContent()).resolves.toMatch(/\(\d+ px\)/);
    mkdirSync('test-results', { recursive: true });
    await page
      .locator('.patient-view')
      .screenshot({ path: 'test-results/reading-measure-adc.png' });
    expect(errors).toEqual([]);
  });
});
