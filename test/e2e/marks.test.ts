/**
 * Marks that last: a length recorded onto a lesion and a drawing left unrecorded survive a page
 * reload. The recorded place is drawn again as a cornerstone annotation labelled with the lesion
 * id (read through the `?viewer-test` hook and seen in the viewport's SVG layer), selecting the
 * lesion lands on its slice with the label in view, and the unrecorded drawing is back in the
 * measurement list. Ctrl+Z takes a new drawing away when it is the last action.
 * Screenshots go to MARKS_SHOTS (default test-results/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import {
  cellViewport,
  chooseLayout,
  drag,
  expectAllReady,
  measurementValues,
  openReading,
  pointOnPage,
  settled,
  truthPatient,
  type Point,
} from './reading-helpers';

const browser = useBrowserSession();
const SHOTS = process.env.MARKS_SHOTS ?? 'test-results';
const lesion = truthPatient('DREAM-001').lesions.find((l) => l.id === 'L2');

/** Draws a Length across a patient-space segment on the single viewport; returns its length. */
async function drawLength(page: Page, from: Point, to: Point, count: number): Promise<number> {
  const a = await pointOnPage(page, 'r0c0', from);
  const b = await pointOnPage(page, 'r0c0', to);
  await drag(page, a, b);
  const values = await settled(
    page,
    () => measurementValues(page, 'Length'),
    (list) => list.length === count && (list.at(-1)?.length ?? 0) > 0,
  );
  return values.at(-1)?.length ?? NaN;
}

/** The drawings this browser keeps for its reads (IndexedDB, src/store/reads/drawings.ts). */
function keptDrawings(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('dream-reader-drawings');
        open.onerror = () => reject(open.error ?? new Error('no database'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drawings')) return resolve(0);
          const all = db.transaction('drawings').objectStore('drawings').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { drawings: unknown[] }[]).reduce(
                (n, entry) => n + entry.drawings.length,
                0,
              ),
            );
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
  );
}

const shownMarks = (page: Page) =>
  page.evaluate(() => window.__dreamViewer?.marks().map((m) => ({ ...m })) ?? []);

/** The texts the viewport's annotation layer draws now (what the reader sees over the image). */
const svgTexts = (page: Page) =>
  cellViewport(page, 'r0c0').evaluate((element) =>
    [...element.querySelectorAll('svg text')].map((t) => t.textContent ?? ''),
  );

describe('marks that last', () => {
  it('a recorded length and an unrecorded drawing are drawn again after a reload', async () => {
    const { page, errors } = browser();
    if (!lesion) throw new Error('no lesion L2');
    mkdirSync(SHOTS, { recursive: true });
    await openReading(page, 'DREAM-001');
    await chooseLayout(page, '1x1');
    await page.getByTestId('reader-id').fill('R11');
    await page.getByTestId('reader-name').fill('Dr Marks');
    await page.getByTestId('reader-save').click();
    await page.getByTestId('add-lesion').waitFor();

    // A length across the lesion, recorded as a new lesion (L1 of this read).
    const centre = lesion.centre.baseline?.CT as Point;
    const r = (lesion.diameterMm.baseline ?? 0) / 2;
    const [x, y, z] = centre;
    await page.getByTestId('tool-Length').click();
    const recordedLength = await drawLength(page, [x - r, y, z], [x + r, y, z], 1);
    const first = page.locator('[data-testid="measurement"][data-tool="Length"]').first();
    await first.getByTestId('measurement-record').click();
    await first.getByTestId('measurement-recorded').waitFor();
    const lesionSlice = Number(await cellViewport(page, 'r0c0').getAttribute('data-index'));
    // The mark is drawn at once, labelled with the lesion id.
    await expect.poll(() => svgTexts(page)).toContain('L1');

    // A second length below the lesion, not recorded.
    await drawLength(page, [x - 10, y + r + 15, z], [x + 10, y + r + 15, z], 2);
    // Ctrl+Z takes a new drawing away when it is the last action; the read keeps L1.
    await drawLength(page, [x - 10, y - r - 15, z], [x + 10, y - r - 15, z], 3);
    await cellViewport(page, 'r0c0').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await measurementValues(page, 'Length')).length).toBe(2);
    await expect(page.locator('[data-testid="lesion-row"]').count()).resolves.toBe(1);
    await expect
      .poll(() => page.getByTestId('save-status').getAttribute('data-save'))
      .toBe('saved');
    await expect.poll(() => keptDrawings(page)).toBe(2);
    await cellViewport(page, 'r0c0').screenshot({ path: join(SHOTS, 'marks-before-reload.png') });

    await page.reload();
    await cellViewport(page, 'r0c0').waitFor({ timeout: 60_000 });
    await expectAllReady(page);
    // The recorded place is an annotation in cornerstone's state, labelled L1, on its image.
    await expect.poll(async () => (await shownMarks(page)).map((m) => m.label)).toEqual(['L1']);
    // Both drawings are back in the list: the recorded one says what it recorded.
    const lengths = await settled(
      page,
      () => measurementValues(page, 'Length'),
      (list) => list.length === 2 && list.every((v) => (v.length ?? 0) > 0),
    );
    expect(lengths[0]?.length).toBeCloseTo(recordedLength, 3);
    await expect(
      first.getByTestId('measurement-recorded').getAttribute('data-lesion-id'),
    ).resolves.toBe('L1');
    const second = page.locator('[data-testid="measurement"][data-tool="Length"]').nth(1);
    await expect(second.getByTestId('measurement-record').count()).resolves.toBe(1);

    // Selecting L1 from anywhere lands on its slice, with its label in view.
    await cellViewport(page, 'r0c0').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => cellViewport(page, 'r0c0').getAttribute('data-index')).toBe('0');
    await expect.poll(() => svgTexts(page)).not.toContain('L1');
    await page.locator('[data-testid="show-lesion"]').first().click();
    await expect
      .poll(() => cellViewport(page, 'r0c0').getAttribute('data-index'))
      .toBe(String(lesionSlice));
    await expect.poll(() => svgTexts(page)).toContain('L1');
    // The label sits at the recorded place: within the viewport, by the lesion's centre.
    const label = cellViewport(page, 'r0c0').locator('svg text', { hasText: 'L1' }).first();
    const box = await label.boundingBox();
    const at = await page.evaluate((p) => window.__dreamViewer?.worldToPage('vp-r0c0', p), centre);
    if (!box || !at) throw new Error('no label box or no hook');
    expect(Math.hypot(box.x - at[0], box.y + box.height - at[1])).toBeLessThan(60);
    await cellViewport(page, 'r0c0').screenshot({ path: join(SHOTS, 'marks-after-reload.png') });
    expect(errors).toEqual([]);
  }, 180_000);
});
