/**
 * The study's worklist in the browser (docs/campaign.md): the example study of the sample loaded
 * from `?study=`, the reader set, their cases in their seeded order (computed here by the domain
 * from the same file), N opens the first, a draft shows on the worklist after coming back, and a
 * broken study file chosen with the sources bar's button is refused with its problems' paths.
 * The example study turns blinding on: no image date, time or accession number of the sample
 * shows on the worklist or in the reading room the reader works in (test/e2e/blinding.test.ts
 * walks every screen with `?blind=1`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { parseStudy, readOrder } from '../../src/domain/study/index.ts';
import { findBlinded, sampleBlindedValues } from '../sample/blinded-values';
import { expectAllReady, readable } from './reading-helpers';
import { useBrowserSession } from './session';

const browser = useBrowserSession();
const { needles } = sampleBlindedValues();
const STUDY_PATH = '/study/dream-sample.study.json';
const parsed = parseStudy(
  readFileSync(new URL(`../../public${STUDY_PATH}`, import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error('the example study is invalid');
const ORDER = readOrder(parsed.study, 'R01');
// The example's seed puts R01's cases out of the patient list's order, so the test can tell.
if (ORDER.join() === [...ORDER].sort().join())
  throw new Error('the example order is the list order');

describe('worklist of the example study', () => {
  it('shows the reader’s cases in order; N opens the first; a draft updates its state', async () => {
    const { page, errors } = browser();
    await page.goto(
      `${inject('baseUrl')}?study=${encodeURIComponent(STUDY_PATH)}&registration=off`,
    );
    await expect
      .poll(() => page.getByTestId('study-loaded').getAttribute('data-study-id'), {
        timeout: 60_000,
      })
      .toBe('DREAM-SAMPLE');
    expect(await page.getByTestId('worklist').count()).toBe(0); // no reader yet

    await page.getByTestId('reader-change').click();
    const modal = page.getByTestId('reader-modal');
    await modal.getByTestId('reader-id').fill('R01');
    await modal.getByTestId('reader-name').fill('Dr Ito');
    await modal.getByTestId('reader-save').click();

    const items = page.getByTestId('worklist-item');
    await expect.poll(() => items.count()).toBe(ORDER.length);
    const ids = await items.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-patient-id')),
    );
    expect(ids).toEqual(ORDER);
    const states = await items.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(states).toEqual(ORDER.map(() => 'not-started'));
    expect(await page.getByTestId('worklist-progress').textContent()).toBe(
      `0 of ${ORDER.length} signed`,
    );
    await page.screenshot({ path: 'test-results/worklist.png' });
    // The study's blinding is on for the reader: badge shown, no image date on the worklist.
    expect(await page.getByTestId('blinding-badge').count()).toBe(1);
    expect(needles.length).toBeGreaterThan(0);
    expect(findBlinded(await readable(page), needles), 'worklist').toEqual([]);

    // The next-case key, with the focus on no text field.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('n');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('patient'), { timeout: 60_000 })
      .toBe(ORDER[0]);
    await expectAllReady(page);
    expect(findBlinded(await readable(page), needles), 'reading room').toEqual([]);

    await page.getByTestId('add-lesion').click();
    await expect.poll(() => page.getByTestId('lesion-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
    await page.getByTestId('back').click();

    const first = page.locator(`[data-testid="worklist-item"][data-patient-id="${ORDER[0]}"]`);
    await expect.poll(() => first.getAttribute('data-state')).toBe('in-progress');
    expect(await page.getByTestId('worklist').getAttribute('data-signed')).toBe('0');
    // A draft is not signed: the next case is still the first.
    expect(await page.getByTestId('worklist-next').textContent()).toContain(ORDER[0]);

    // A broken study file from the button: every problem by its path, the worklist gone.
    await page.getByTestId('study-close').click();
    await page.getByTestId('study-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ ...parsed.study, readOrder: { seed: -1 }, cases: [{ patientId: 'X' }] }),
      ),
    });
    const problems = page.getByTestId('study-problems').locator('li');
    await expect.poll(() => problems.count()).toBeGreaterThan(0);
    const paths = await problems.evaluateAll((li) => li.map((l) => l.getAttribute('data-path')));
    expect(paths).toEqual(
      expect.arrayContaining(['cases[0].readers', 'cases[0].adjudicator', 'readOrder.seed']),
    );
    expect(await page.getByTestId('worklist').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
