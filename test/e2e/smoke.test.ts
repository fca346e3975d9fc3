/**
 * Smoke test: open a sample patient in the production build; every viewport shows real pixels and
 * the page logs no errors.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { openBrowser, type BrowserSession } from './browser';

let session: BrowserSession;
beforeEach(async () => {
  session = await openBrowser();
});
afterEach(async () => {
  await session.close();
});

/** Share of canvas pixels brighter than near-black, and their grey-level spread. */
async function canvasStats(session: BrowserSession, index: number) {
  return session.page.evaluate((i) => {
    const viewport = document.querySelectorAll('[data-testid="viewport"]')[i];
    const canvas = viewport?.querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context || canvas.width === 0) return { lit: 0, distinct: 0, width: 0 };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    const levels = new Set<number>();
    for (let p = 0; p < data.length; p += 4) {
      const grey = data[p] ?? 0;
      if (grey > 16) lit++;
      levels.add(grey);
    }
    return { lit: lit / (data.length / 4), distinct: levels.size, width: canvas.width };
  }, index);
}

describe('sample patient', () => {
  it.each(['DREAM-001', 'DREAM-002'])('%s opens with every viewport showing pixels', async (id) => {
    const { page, errors } = session;
    await page.goto(inject('baseUrl'));
    await page
      .locator(`[data-testid="open-patient"][data-patient-id="${id}"]`)
      .click({ timeout: 60_000 });
    const viewports = page.locator('[data-testid="viewport"]');
    await expect.poll(() => viewports.count()).toBeGreaterThan(4);
    const count = await viewports.count();
    // Every viewport settles: ready, or error (which the test then rejects below).
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="viewport"]')].every(
          (element) => element.getAttribute('data-state') !== 'loading',
        ),
      undefined,
      { timeout: 45_000 },
    );
    const states = await viewports.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-state')),
    );
    expect(states).toEqual(Array<string>(count).fill('ready'));
    for (let index = 0; index < count; index++) {
      // The canvas is painted on the next animation frame after render(); poll, don't sleep.
      await expect
        .poll(async () => (await canvasStats(session, index)).lit, { timeout: 10_000 })
        .toBeGreaterThan(0.05);
      expect((await canvasStats(session, index)).distinct).toBeGreaterThan(8);
    }
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: `test-results/smoke-${id}.png` });
    expect(errors).toEqual([]);
  });
});

describe('languages', () => {
  it.each([
    ['en', 'Patients'],
    ['ja', '患者'],
  ])('the first screen speaks %s', async (lang, heading) => {
    const { page, errors } = session;
    await page.goto(`${inject('baseUrl')}?lang=${lang}`);
    await expect
      .poll(() => page.locator('#patients-heading').textContent(), { timeout: 60_000 })
      .toBe(heading);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(errors).toEqual([]);
  });
});
