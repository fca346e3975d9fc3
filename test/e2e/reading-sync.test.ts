/**
 * Synchronised scrolling: viewports in one frame of reference follow by patient position; without
 * a registration, after the reader links viewports of different frames, they follow keeping the
 * linked offset; after unlinking they stop (scrolling through the registration:
 * registration-focus.test.ts). With row sync on, a row of the grid follows its W/L and zoom/pan.
 */
import { describe, expect, it } from 'vitest';
import type { ViewportWindows } from '../../src/viewer/drawnWindow.ts';
import type { BrowserSession } from './browser';
import { useBrowserSession } from './session';
import {
  cellViewport,
  chooseLayout,
  openReading,
  seriesKeyOf,
  sliceIndex,
  truthPatient,
} from './reading-helpers';

const browser = useBrowserSession();

const SLICE_MM = 5; // CT slice spacing of the sample

async function position(page: BrowserSession['page'], cellId: string): Promise<number> {
  return Number(await cellViewport(page, cellId).getAttribute('data-position'));
}

describe('synchronised scrolling', () => {
  it('same frame of reference: CT arterial follows CT portal by position', async () => {
    const { page, errors } = browser();
    await openReading(page, 'DREAM-001');
    await chooseLayout(page, '1x2');
    const truth = truthPatient('DREAM-001');
    // Clicking a series in the tree puts it into the active viewport (here the right one).
    const arterial = seriesKeyOf(truth, 'baseline', 'CT_ARTERIAL');
    await cellViewport(page, 'r0c1').focus();
    await page
      .locator(`[data-testid="series-item"][data-series-key="${arterial}"] .series-text .muted`)
      .click();
    await expect
      .poll(() => cellViewport(page, 'r0c1').getAttribute('data-series-key'))
      .toBe(arterial);
    await expect
      .poll(() => cellViewport(page, 'r0c1').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ready');

    const portal = cellViewport(page, 'r0c0');
    await portal.focus();
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'PageDown']) {
      await page.keyboard.press(key);
    }
    const start = await sliceIndex(page, 'r0c0');
    await expect.poll(() => sliceIndex(page, 'r0c1')).not.toBeNaN();
    await expect
      .poll(async () => Math.abs((await position(page, 'r0c1')) - (await position(page, 'r0c0'))))
      .toBeLessThanOrEqual(SLICE_MM);
    // The wheel (StackScroll tool) drives the same sync.
    const box = await portal.boundingBox();
    if (!box) throw new Error('no viewport box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(() => sliceIndex(page, 'r0c0')).not.toBe(start);
    await expect
      .poll(async () => Math.abs((await position(page, 'r0c1')) - (await position(page, 'r0c0'))))
      .toBeLessThanOrEqual(SLICE_MM);
    expect(errors).toEqual([]);
  });

  it('other frames: baseline and pre-op CT follow once linked, and stop when unlinked; then a row follows its W/L and zoom when switched on', async () => {
    const { page, errors } = browser();
    // No registration (as when it failed): only Link ties the exams.
    await openReading(page, 'DREAM-001');
    const baseline = cellViewport(page, 'r0c0');
    const preop0 = await sliceIndex(page, 'r1c0');

    // Unlinked: different frames of reference do not follow.
    const before = await sliceIndex(page, 'r0c0');
    await baseline.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(before + 1);
    expect(await sliceIndex(page, 'r1c0')).toBe(preop0);

    // Link at the slices shown now, then scroll the baseline: the pre-op keeps the offset.
    const cell = (id: string) => page.locator(`[data-testid="reading-cell"][data-cell-id="${id}"]`);
    await cell('r0c0').getByTestId('link-viewport').click();
    await cell('r1c0').getByTestId('link-viewport').click();
    await expect.poll(() => baseline.getAttribute('data-linked')).toBe('true');
    const base0 = await sliceIndex(page, 'r0c0');
    const offset = preop0 - base0;
    await baseline.focus();
    for (const key of ['ArrowUp', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(base0 - 3);
    // Same 5 mm spacing in both: three slices on the one are three on the other.
    await expect.poll(() => sliceIndex(page, 'r1c0')).toBe(base0 - 3 + offset);

    // The follower drives the leader too (the link is symmetric).
    await cellViewport(page, 'r1c0').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(base0 - 2);

    // Unlinked: the pre-op stays where it is.
    await cell('r1c0').getByTestId('unlink-viewport').click();
    await expect.poll(() => baseline.getAttribute('data-linked')).toBe('false');
    const preopNow = await sliceIndex(page, 'r1c0');
    await baseline.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(0);
    expect(await sliceIndex(page, 'r1c0')).toBe(preopNow);

    // Row sync of W/L and zoom/pan, in the same page (one open of the patient fewer): the links
    // above moved slices only, the windows and zooms are still the ones the grid opened with.
    await rowSync(page);
    expect(errors).toEqual([]);
  }, 120_000);
});

/** A row follows its W/L and zoom when switched on, the other row does not, and off stops it. */
async function rowSync(page: BrowserSession['page']): Promise<void> {
  const win = (cellId: string) => cellViewport(page, cellId).getAttribute('data-window');
  const zoom = (cellId: string) =>
    page.evaluate((id) => window.__dreamViewer?.zoomOf(id), `vp-${cellId}`);
  // The pre-op DWI: of the other row and of another modality than the preset's CT.
  const otherRow = await win('r1c1');

  // W/L: row 1 on; the CT abdomen preset on the baseline CT reaches the whole row, and (a preset
  // sets every viewport of its modality) the pre-op CT, but not the other row's MR.
  await page.getByTestId('row-sync-0-voi').check();
  await cellViewport(page, 'r0c0').focus();
  await page.keyboard.press('1');
  await expect.poll(() => win('r0c0')).toBe('400/40');
  for (const cell of ['r0c1', 'r0c2', 'r0c3', 'r1c0']) {
    await expect.poll(() => win(cell)).toBe('400/40');
  }
  expect(await win('r1c1')).toBe(otherRow);
  // Off: the liver preset stays in the CT viewports.
  await page.getByTestId('row-sync-0-voi').uncheck();
  await cellViewport(page, 'r0c0').focus();
  await page.keyboard.press('2');
  await expect.poll(() => win('r0c0')).not.toBe('400/40');
  expect(await win('r0c1')).toBe('400/40');

  // The liver window stays, drawn and told, on a slice already seen: one slice on, one back
  // (on the CPU path cornerstone used to put the image's own window into the properties while
  // drawing with the reader's; src/viewer/drawnWindow.ts).
  const liver = await win('r0c0');
  const start = await sliceIndex(page, 'r0c0');
  const windows = () =>
    page.evaluate((id) => JSON.stringify(window.__dreamViewer?.windowsOf(id)), 'vp-r0c0');
  const liverWindows = await windows();
  for (const [key, at] of [
    ['ArrowDown', start + 1],
    ['ArrowUp', start],
  ] as const) {
    await page.keyboard.press(key);
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(at);
    await expect.poll(windows).toBe(liverWindows);
    expect(await win('r0c0')).toBe(liver);
  }
  const shown = JSON.parse(liverWindows) as ViewportWindows;
  expect(shown.drawn).toEqual(shown.properties);
  expect(`${shown.drawn?.width}/${shown.drawn?.center}`).toBe(liver);

  // Zoom/pan: a right-button drag zooms the baseline CT; with the row's zoom/pan sync on the
  // row follows, the pre-op row keeps its zoom.
  await page.getByTestId('row-sync-0-zoomPan').check();
  const preopZoom = await zoom('r1c0');
  const box = await cellViewport(page, 'r0c0').boundingBox();
  if (!box) throw new Error('no viewport box');
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + box.height / 2);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(x, box.y + box.height / 2 - 60, { steps: 6 });
  await page.mouse.up({ button: 'right' });
  await expect.poll(async () => Math.abs(((await zoom('r0c0')) ?? 1) - 1)).toBeGreaterThan(0.05);
  const zoomed = (await zoom('r0c0')) ?? NaN;
  await expect
    .poll(async () => Math.abs(((await zoom('r0c1')) ?? NaN) - zoomed))
    .toBeLessThan(0.01);
  expect(await zoom('r1c0')).toBeCloseTo(preopZoom ?? NaN, 6);
}
