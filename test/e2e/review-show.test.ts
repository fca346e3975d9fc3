/**
 * Central review that shows the disagreement, in the production build at 1600x1000: the two
 * prepared reads of DREAM-001 (review-fixtures.ts) are loaded; the status discordance of L1 sits
 * under the EOB call that makes it; a call decision that contradicts the status decision already
 * taken is refused in that discordance, with the reason; "Show on images" on the pre-op DWI call
 * of L2 opens the pre-op DWI (highest b) with both readers' marks, brought over from the
 * baseline CT by the exams' registration, at the lesion's known pre-op centre; a lesion in one
 * read only opens the baseline CT it was registered on; "2+1" accepts reader 2's whole read. The
 * review never scrolls the page.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser } from './browser';
import { seriesKeyOf, truthPatient } from './reading-helpers';
import { discordantReads } from './review-fixtures';

const SHOTS = process.env.DREAM_SHOTS ?? 'test-results';
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const discordance = (page: Page, id: string) =>
  page.locator(`[data-testid="discordance"][data-discordance-id="${id}"]`);
const pageFits = (page: Page) =>
  page.evaluate(() => document.scrollingElement?.scrollHeight === window.innerHeight);

describe('central review shows the disagreement', () => {
  it('groups, refuses a contradiction inline, and shows the pre-op DWI at the lesion with both marks', async () => {
    const session = await openBrowser({ width: 1600, height: 1000 });
    try {
      const { page, errors } = session;
      const patient = truthPatient('DREAM-001');
      const { reader1, reader2 } = await discordantReads();
      await page.goto(inject('baseUrl'));
      await byTestId(page, 'review-mode').click();
      await byTestId(page, 'review-files').setInputFiles([
        { name: 'r01.json', mimeType: 'application/json', buffer: Buffer.from(reader1.json) },
        { name: 'r02.json', mimeType: 'application/json', buffer: Buffer.from(reader2.json) },
      ]);
      await expect.poll(() => byTestId(page, 'discordance').count()).toBe(6);

      // (b) L1's status discordance is nested under the EOB call that makes it.
      const group = page.locator('[data-testid="discordance-group"][data-pair="L1~L1"]');
      expect(
        await group
          .getByTestId('discordance')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-discordance-id'))),
      ).toEqual(['L1~L1/EOB', 'L1~L1/status']);
      expect(
        await discordance(page, 'L1~L1/status').getByTestId('caused-by').textContent(),
      ).toContain('EOB');

      // (c) Reader 1's status (cDLM), then reader 2's EOB call (present): refused where it is made.
      await discordance(page, 'L1~L1/status').getByTestId('choice-reader1').check();
      const eob = discordance(page, 'L1~L1/EOB');
      await eob.getByTestId('choice-reader2').click();
      const refused = eob.getByTestId('decision-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('L1~L1/status');
      expect(await eob.getByTestId('choice-reader2').isChecked()).toBe(false);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/review-show-refused.png` });
      await eob.getByTestId('choice-reader1').check();
      expect(await eob.getByTestId('decision-refused').count()).toBe(0);

      // (a) The pre-op DWI call of L2: the pre-op DWI at the highest b, at the lesion, both marks.
      await discordance(page, 'L2~L2/DWI').getByTestId('show-discordance').click();
      const viewer = byTestId(page, 'review-viewer');
      expect(await viewer.getAttribute('data-timepoint')).toBe('preop');
      expect(await viewer.getAttribute('data-modality')).toBe('DWI');
      expect(await viewer.getAttribute('data-series')).toBe(seriesKeyOf(patient, 'preop', 'DWI'));
      const viewport = byTestId(page, 'review-viewport');
      await expect
        .poll(() => viewport.getAttribute('data-state'), { timeout: 60_000 })
        .toBe('ready');
      // The marks are on the baseline CT: they come over once the exams are registered.
      await expect
        .poll(() => viewport.getAttribute('data-at-lesion'), { timeout: 240_000, interval: 1000 })
        .toBe('true');
      await expect.poll(() => byTestId(page, 'review-mark').count()).toBe(2);
      const centre = patient.lesions.find((l) => l.id === 'L2')?.centre.preop?.MR;
      if (!centre) throw new Error('no pre-op MR centre of L2');
      const box = await viewport.boundingBox();
      const marks = await byTestId(page, 'review-mark').evaluateAll((els) =>
        els.map((el) => ({
          reader: el.getAttribute('data-reader-id'),
          world: (el.getAttribute('data-world') ?? '').split(',').map(Number),
          x: Number(el.getAttribute('data-x')),
          y: Number(el.getAttribute('data-y')),
          label: el.textContent,
        })),
      );
      expect(marks.map((m) => m.reader)).toEqual(['R01', 'R02']);
      for (const mark of marks) {
        const d = Math.hypot(...mark.world.map((v, i) => v - (centre[i] ?? NaN)));
        // Reader 1 marked the true centre, reader 2 about 3.6 mm off; registration adds ~1.5 mm.
        expect(d).toBeLessThan(8);
        expect(mark.x).toBeGreaterThan(0);
        expect(mark.y).toBeGreaterThan(0);
        expect(mark.x).toBeLessThan(box?.width ?? 0);
        expect(mark.y).toBeLessThan(box?.height ?? 0);
      }
      expect(marks.map((m) => m.label)).toEqual(['Dr Ito · L2', 'Dr Sato · L2']);
      await expect
        .poll(() => page.locator('[data-testid="review-mark"][data-on-slice="true"]').count())
        .toBe(2);
      expect(await pageFits(page)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/review-show-preop-dwi.png` });

      // A lesion in reader 1's read only: the baseline CT it was registered on, one mark.
      await discordance(page, 'R1:L3').getByTestId('show-discordance').click();
      await expect.poll(() => viewer.getAttribute('data-timepoint')).toBe('baseline');
      expect(await viewer.getAttribute('data-series')).toBe(
        seriesKeyOf(patient, 'baseline', 'CT_PORTAL'),
      );
      await expect
        .poll(() => viewport.getAttribute('data-at-lesion'), { timeout: 60_000 })
        .toBe('true');
      await expect.poll(() => byTestId(page, 'review-mark').count()).toBe(1);
      expect(await pageFits(page)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/review-show-baseline-ct.png` });

      // 2+1: reader 2's whole read accepted with a reason; every discordance follows it.
      await byTestId(page, 'whole-read-reader2').check();
      await byTestId(page, 'whole-read-reason').fill('reader 1 read the wrong pre-op exam');
      await byTestId(page, 'whole-read-accept').click();
      await expect
        .poll(() => byTestId(page, 'whole-read').getAttribute('data-side'))
        .toBe('reader2');
      expect(await byTestId(page, 'review-progress').textContent()).toBe('6 of 6 decided');
      expect(await eob.getByTestId('choice-reader1').isDisabled()).toBe(true);
      await page.screenshot({ path: `${SHOTS}/review-show-2plus1.png` });
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  }, 360_000);
});
