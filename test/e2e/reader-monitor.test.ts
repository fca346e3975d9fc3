/**
 * The review screen's reader monitoring in the production build: the campaign of
 * test/domain/stats/monitoringFixtures.ts (five patients, two readers, four consensus reads) is
 * loaded as files; the table shows, per reader, the figures the domain computes in node on the
 * same reads (hand-worked in test/domain/stats/readerMonitoring.test.ts), and the chart draws one
 * bar per reader and the campaign's line.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportReadJson, monitorReaders } from '../../src/domain/index.ts';
import { reviewJa } from '../../src/i18n/review-ja.ts';
import { buildCampaign } from '../domain/stats/monitoringFixtures.ts';
import { openBrowser, type BrowserSession } from './browser';

let session: BrowserSession;
beforeEach(async () => {
  session = await openBrowser({ width: 1400, height: 1100 });
});
afterEach(async () => {
  await session.close();
});

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

describe('reader monitoring on the review screen', () => {
  it('shows each reader’s figures and the disagreement chart of a loaded campaign', async () => {
    const { page, errors } = session;
    const { reads } = await buildCampaign();
    const expected = monitorReaders(reads);
    await page.goto(inject('baseUrl'));
    await byTestId(page, 'review-mode').click();
    await byTestId(page, 'review-screen').waitFor();
    await byTestId(page, 'review-files').setInputFiles(
      reads.map((read, i) => ({
        name: `read-${i}.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(exportReadJson(read, { now: () => '2026-03-10T12:00:00.000Z' })),
      })),
    );
    const monitor = byTestId(page, 'reader-monitor');
    await expect.poll(() => monitor.getAttribute('data-cases')).toBe('5');
    const rows = await byTestId(page, 'monitor-row').evaluateAll((els) =>
      els.map((el) => [
        el.getAttribute('data-reader-id'),
        Number(el.getAttribute('data-adjudication-rate')),
        Number(el.getAttribute('data-disagreement-index')),
        Number(el.getAttribute('data-median-seconds')),
      ]),
    );
    expect(rows).toEqual(
      expected.readers.map((r) => [
        r.readerId,
        r.adjudicationRate,
        r.disagreementIndex,
        r.readingTime.medianSeconds,
      ]),
    );
    expect(await byTestId(page, 'monitor-row').first().textContent()).toContain('71.4%');
    expect(await byTestId(page, 'monitor-chart-row').count()).toBe(2);
    expect(
      Number(await byTestId(page, 'monitor-chart-campaign').getAttribute('data-index')),
    ).toBeCloseTo(9 / 14, 12);
    expect(await byTestId(page, 'monitor-kappa').count()).toBe(10);
    await monitor.scrollIntoViewIfNeeded();
    await monitor.screenshot({ path: 'test-results/reader-monitor.png' });
    // In Japanese, at the smallest supported window.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('header select').selectOption('ja');
    await expect.poll(() => monitor.locator('h3').textContent()).toBe(reviewJa.monitor.heading);
    await monitor.scrollIntoViewIfNeeded();
    await monitor.screenshot({ path: 'test-results/reader-monitor-ja.png' });
    expect(errors).toEqual([]);
  }, 120_000);
});
