/**
 * Prefetch: once the grid shows its first images, every series in view is fetched into the image
 * cache with no input from the reader, and the progress bars go away.
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
    expect(errors).toEqual([]);
  });
});
