/**
 * One frame per step: keys pressed back to back, faster than the viewport draws, all count (the
 * viewport ends on the slice the last key asked for, none lost to coalescing), and Home/End after
 * a burst still land where they say.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from './session';
import { cellViewport, lastSliceOf, openReading, sliceIndex } from './reading-helpers';

const browser = useBrowserSession();

describe('stepping', () => {
  it('a burst of arrow keys ends on the latest slice asked for', async () => {
    const { page, errors } = browser();
    await openReading(page, 'DREAM-002');
    await cellViewport(page, 'r0c0').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(0);
    // Pressed without waiting for a draw: the steps arrive within a few frames.
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(12);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    const last = lastSliceOf('DREAM-002', 'baseline', 'CT_PORTAL');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(last - 1);
    expect(errors).toEqual([]);
  });
});
