/**
 * Prefetch: once the grid shows its first images, every series in view is fetched into the image
 * cache with no input from the reader, and the progress bars go away. The decoded images keep no
 * second copy of their file's pixels (src/viewer/part10Memory.ts), and once evicted they are read
 * and decoded again.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from './session';
import { openReading } from './reading-helpers';

const browser = useBrowserSession();

describe('prefetch', () => {
  it('fills the cache with every series in view, without input', async () => {
    const { page, errors } = browser();
    await openReading(page, 'DREAM-001');
    const ids = await page
      .locator('[data-testid="viewport"]')
      .evaluateAll((all) => all.map((e) => e.getAttribute('data-viewport-id') ?? ''));
    expect(ids.length).toBe(8);
    await page.waitForFunction(
      (viewportIds) =>
        viewportIds.every((id) => {
          const count = window.__dreamViewer?.cachedCount(id);
          return count !== undefined && count.total > 1 && count.cached === count.total;
        }),
      ids,
      { timeout: 45_000 },
    );
    await expect.poll(() => page.locator('[data-testid="prefetch-bar"]').count()).toBe(0);

    const id = ids[0] ?? '';
    const held = await page.evaluate((v) => window.__dreamViewer?.heldFileBytes(v), id);
    expect(held).toBe(0);
    await page.evaluate(() => window.__dreamViewer?.evictImages());
    const viewport = page.locator(`[data-testid="viewport"][data-viewport-id="${id}"]`);
    const start = await viewport.getAttribute('data-index');
    const decoded = () => page.evaluate((v) => window.__dreamViewer?.shownDecoded(v), id);
    await viewport.focus();
    // The next slice was forgotten when evicted; the shown one, kept as a header, is read again.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => viewport.getAttribute('data-index')).not.toBe(start);
    await expect.poll(decoded, { timeout: 20_000 }).toBe(true);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => viewport.getAttribute('data-index')).toBe(start);
    await expect.poll(decoded, { timeout: 20_000 }).toBe(true);
    expect(await viewport.getAttribute('data-state')).toBe('ready');
    expect(errors).toEqual([]);
  });
});
