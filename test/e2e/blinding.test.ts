/**
 * Blinding in the browser (docs/blinding.md): with `?blind=1` no image date or time, site or
 * accession number of the sample shows anywhere a reader looks (text, titles, aria-labels, input
 * values) on every screen: patient list, DICOMweb study rows, the 2x4 reading room with its
 * overlays, series tree, lesion panel and read bar, the tag browser of a CT and an MR image, and
 * the central review. The values are read from the sample files (test/sample/blinded-values.ts),
 * and the same walk without blinding shows them, so the check cannot pass on an empty page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { findBlinded, sampleBlindedValues } from '../sample/blinded-values';
import {
  cellViewport,
  expectAllReady,
  lengthOnBaselineCt,
  measurementValues,
  openReading,
  pointOnPage,
  readable,
  recordLast,
  setReader,
  truthPatient,
  type Point,
} from './reading-helpers';
import { useBrowserSession } from './session';

const { byKeyword, needles } = sampleBlindedValues();
const browser = useBrowserSession();

/** Opens DREAM-001 from the list and waits for the 2x4 grid to be ready. */
async function openPatient(page: Page): Promise<void> {
  await page
    .locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]')
    .click({ timeout: 60_000 });
  await expect.poll(() => page.locator('[data-testid="viewport"]').count()).toBe(8);
  await expectAllReady(page);
}

/** Opens the tag browser of a grid cell; returns the page's text while it is open, then closes it. */
async function tagBrowserText(page: Page, cellId: string): Promise<string> {
  await page
    .locator(`[data-testid="reading-cell"][data-cell-id="${cellId}"] [data-testid="tags-button"]`)
    .click();
  const dialog = page.getByTestId('tag-browser');
  await expect.poll(() => dialog.locator('[data-tag="studyDate"]').count()).toBe(1);
  const text = await readable(page);
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible()).toBe(false);
  return text;
}

/** The measurement drawings in cornerstone's page-wide annotation state (the `?viewer-test` hook). */
const drawingsInPage = (page: Page) =>
  page.evaluate(() => window.__dreamViewer?.drawings().map((d) => ({ ...d })) ?? []);

/** Says who reads through the header's reader button (the same page, no reload). */
async function switchReader(page: Page, id: string, name: string): Promise<void> {
  await page.getByTestId('reader-change').click();
  const modal = page.getByTestId('reader-modal');
  await modal.getByTestId('reader-id').fill(id);
  await modal.getByTestId('reader-name').fill(name);
  await modal.getByTestId('reader-save').click();
  await expect.poll(() => page.getByTestId('reader-change').textContent()).toContain(id);
}

describe('blinding', () => {
  it('a reader switched in the same page sees and hits none of the other reader’s drawings', async () => {
    const { page, errors } = browser();
    const lesion = truthPatient('DREAM-001').lesions[0];
    if (!lesion) throw new Error('no lesion in the ground truth');
    await openReading(page, 'DREAM-001');
    await setReader(page, 'R01', 'Dr Ito');
    await lengthOnBaselineCt(page, lesion);
    expect(await recordLast(page)).toBe('L1');
    const own = await drawingsInPage(page);
    expect(own.map((d) => d.tool)).toEqual(['Length']);

    // Reader 2 in the same page: no drawing of reader 1 is left on any viewport.
    await switchReader(page, 'R02', 'Dr Two');
    await expect.poll(() => page.getByTestId('read-state').count()).toBe(1);
    await expect.poll(() => drawingsInPage(page)).toEqual([]);
    await expect.poll(() => page.getByTestId('measurement').count()).toBe(0);
    // A probe click on reader 1's lesion (where the length was) places reader 2's probe.
    await page.getByTestId('tool-Probe').click();
    const [x, y] = await pointOnPage(page, 'r0c0', lesion.centre.baseline?.CT as Point);
    await page.mouse.click(x, y);
    await expect.poll(async () => (await measurementValues(page, 'Probe')).length).toBe(1);
    expect(await measurementValues(page, 'Length')).toEqual([]);
    const theirs = await drawingsInPage(page);
    expect(theirs.map((d) => d.tool)).toEqual(['Probe']);

    // Back to reader 1: exactly reader 1's own length, still recorded on L1.
    await switchReader(page, 'R01', 'Dr Ito');
    await expect.poll(() => drawingsInPage(page)).toEqual(own);
    const length = page.locator('[data-testid="measurement"][data-tool="Length"]');
    await expect
      .poll(() => length.getByTestId('measurement-recorded').getAttribute('data-lesion-id'))
      .toBe('L1');
    expect(await page.locator('[data-testid="measurement"][data-tool="Probe"]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('without blinding the series tree and the tag browser show the dates and times', async () => {
    // The sample has values to hide (the test below looks for every one of them).
    for (const keyword of ['StudyDate', 'StudyTime', 'AcquisitionTime', 'AccessionNumber']) {
      expect(byKeyword[keyword]?.length ?? 0, keyword).toBeGreaterThan(0);
    }
    const { page, errors } = browser();
    await page.goto(`${inject('baseUrl')}?viewer-test&registration=off`);
    await openPatient(page);
    expect(await page.getByTestId('blinding-badge').count()).toBe(0);
    const tree = findBlinded(await readable(page), needles);
    const tags = findBlinded(await tagBrowserText(page, 'r0c0'), needles);
    const date = byKeyword.StudyDate?.[0] ?? 'none';
    expect(tree).toContain(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`);
    expect(tags).toContain(date);
    expect(tags.some((hit) => byKeyword.StudyTime?.includes(hit))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('with ?blind=1 no screen a reader sees shows any of them', async () => {
    const { page, errors } = browser();
    const leaks: Record<string, string[]> = {};
    const check = async (screen: string, text?: string) => {
      const found = findBlinded(text ?? (await readable(page)), needles);
      if (found.length > 0) leaks[screen] = found;
    };
    const base = inject('baseUrl');
    await page.goto(`${base}?blind=1&viewer-test&registration=off`);
    await expect.poll(() => page.getByTestId('open-patient').count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('blinding-badge').count()).toBe(1);
    await check('patient list');

    // DICOMweb: the sample in the test's Orthanc, through the app's proxy.
    const panel = page.getByTestId('dicomweb-panel');
    await panel.getByLabel('Server URL').fill(`${base}dicom-web`);
    await panel.getByLabel('Patient ID').fill('DREAM-001');
    expect(await panel.getByLabel('Study date').count()).toBe(0);
    await panel.getByRole('button', { name: 'Search' }).click();
    // DREAM-001's four exams: CT and MR at baseline and pre-op.
    await expect.poll(() => page.getByTestId('dicomweb-study').count()).toBe(4);
    await check('DICOMweb study rows');

    await openPatient(page);
    await page.locator('[data-testid="reader-id"]').fill('R01');
    await page.locator('[data-testid="reader-name"]').fill('Dr Ito');
    await page.locator('[data-testid="reader-save"]').click();
    await expect.poll(() => page.getByTestId('read-state').count()).toBe(1);
    await check('reading room, overlays, series tree, lesion panel and read bar');

    const ct = await cellViewport(page, 'r0c0').getAttribute('data-role-key');
    const mr = await cellViewport(page, 'r0c1').getAttribute('data-role-key');
    expect([ct, mr]).toEqual(['CT_PORTAL', expect.stringMatching(/^DWI/)]);
    for (const cell of ['r0c0', 'r0c1']) {
      const text = await tagBrowserText(page, cell);
      expect(text).toContain('hidden (blinded)');
      await check(`tag browser ${cell}`, text);
    }

    await page.getByTestId('review-mode').click();
    await page.getByTestId('review-load-browser').click();
    await expect.poll(() => page.getByTestId('review-browser-count').count()).toBe(1);
    await check('central review');

    expect(leaks).toEqual({});
    expect(errors).toEqual([]);
  });
});
