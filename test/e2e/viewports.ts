/**
 * Shared checks for browser tests that open a patient: every viewport settles, and each canvas
 * shows real pixels (not a black or flat frame).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Share of canvas pixels brighter than near-black, and their grey-level spread. */
export async function canvasStats(page: Page, index: number) {
  return page.evaluate((i) => {
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

/**
 * Clicks the patient's card in the patient list, waits until every viewport has left 'loading',
 * and expects all of them 'ready' with lit, varied pixels. Returns the number of viewports.
 */
export async function openPatientAndExpectPixels(page: Page, patientId: string): Promise<number> {
  await page
    .locator(`[data-testid="open-patient"][data-patient-id="${patientId}"]`)
    .click({ timeout: 60_000 });
  const viewports = page.locator('[data-testid="viewport"]');
  await expect.poll(() => viewports.count()).toBeGreaterThan(4);
  const count = await viewports.count();
  // Every viewport settles: ready, or error (which the check below then rejects).
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
      .poll(async () => (await canvasStats(page, index)).lit, { timeout: 10_000 })
      .toBeGreaterThan(0.05);
    expect((await canvasStats(page, index)).distinct).toBeGreaterThan(8);
  }
  return count;
}
