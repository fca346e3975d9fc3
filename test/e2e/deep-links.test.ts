/**
 * Deep links (the parameters are documented in src/store/deepLink.ts):
 *  - `?patient=DREAM-001&timepoint=preop&lesion=L2` opens the sample patient on the reading
 *    screen with the lesion selected and the viewports on it. The read is made first, through
 *    the UI, in the same browser context; the link then opens in a new page of that context
 *    (same IndexedDB, fresh sessionStorage, so no slice is restored for the tab).
 *  - `?dicomweb=<root>&StudyInstanceUIDs=<uids>` opens the studies from the test Orthanc straight
 *    into the reading grid, with the saved token sent in a header and never in a URL.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import {
  appUrl,
  cellViewport,
  expectAllReady,
  lengthOnBaselineCt,
  openReading,
  recordLast,
  setReader,
  sliceIndex,
  truthPatient,
} from './reading-helpers';

const browser = useBrowserSession();

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const search = (page: Page) => new URL(page.url()).searchParams;

describe('deep links', () => {
  it('a sample patient + timepoint + lesion link opens the read at that lesion', async () => {
    const { page, errors, context } = browser();
    const patient = truthPatient('DREAM-001');
    const lesion = patient.lesions.find((l) => l.id === 'L2');
    if (!lesion) throw new Error('no ground-truth L2');
    const centre = lesion.centre.baseline?.CT;
    if (!centre) throw new Error('no baseline CT centre for L2');

    // The read: a Length across L2 on the baseline CT (1x1, as in reading-measure.test.ts),
    // then L1 without a place, then the Length recorded as a new lesion: L2.
    await openReading(page, 'DREAM-001');
    await lengthOnBaselineCt(page, lesion);
    // The Length was drawn on the slice through the lesion's centre.
    const lesionSlice = await sliceIndex(page, 'r0c0');
    await setReader(page);
    await byTestId(page, 'add-lesion').click();
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(1);
    expect(await recordLast(page, 'Length', 'new')).toBe('L2');
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(2);
    await expect.poll(() => byTestId(page, 'save-status').textContent()).toBe('Saved');
    // Record chose L2 and took the viewport there: leave it elsewhere (the first slice), so the
    // saved view is not the lesion's.
    await cellViewport(page, 'r0c0').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(0);
    // The URL followed the reader: this patient, at the panel's timepoint.
    expect(search(page).get('patient')).toBe('DREAM-001');

    // Control: the patient alone opens the grid elsewhere, so the lesion link has to move it.
    const control = await context.newPage();
    await control.goto(appUrl(`patient=DREAM-001`));
    await byTestId(control, 'lesion-panel').waitFor({ timeout: 60_000 });
    await expectAllReady(control);
    expect(await sliceIndex(control, 'r0c0')).not.toBe(lesionSlice);
    await control.close();

    const linked = await context.newPage();
    linked.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await linked.goto(appUrl(`patient=DREAM-001&timepoint=baseline&lesion=L2`));
    await byTestId(linked, 'lesion-panel').waitFor({ timeout: 60_000 });
    await expect.poll(() => byTestId(linked, 'lesion-row').count(), { timeout: 30_000 }).toBe(2);
    expect(await byTestId(linked, 'timepoint-select').inputValue()).toBe('baseline');
    // L2 is the active lesion: its cells are the active row, and its details are shown.
    await expect
      .poll(() =>
        linked
          .locator('[data-testid="lesion-row"][data-lesion-id="L2"] [data-testid="call-cell"]')
          .first()
          .getAttribute('tabindex'),
      )
      .toBe('0');
    await expectAllReady(linked);
    await expect.poll(() => sliceIndex(linked, 'r0c0'), { timeout: 30_000 }).toBe(lesionSlice);
    expect(await cellViewport(linked, 'r0c0').getAttribute('data-state')).toBe('ready');
    // The URL keeps the place (so it can be bookmarked as it is).
    expect(search(linked).get('lesion')).toBe('L2');
    expect(search(linked).get('timepoint')).toBe('baseline');

    // The reader moves to L1: the URL follows; back to the list: the place leaves the URL.
    await linked
      .locator('[data-testid="lesion-row"][data-lesion-id="L1"] [data-testid="call-cell"]')
      .first()
      .focus();
    await expect.poll(() => search(linked).get('lesion')).toBe('L1');
    await byTestId(linked, 'back').click();
    await expect.poll(() => search(linked).get('patient')).toBe(null);
    expect(search(linked).get('lesion')).toBe(null);
    expect(errors).toEqual([]);
  });

  it('a DICOMweb study link opens the studies into the reading grid, token in a header only', async () => {
    const { page, errors } = browser();
    const token = 'deep-link-token-42';
    // The ground-truth file names each exam's study (reading-helpers' type leaves it out).
    const exams = truthPatient('DREAM-002').timepoints.flatMap(
      (t) => t.exams as unknown as { studyInstanceUid: string }[],
    );
    const uids = exams.map((e) => e.studyInstanceUid);
    expect(uids.length).toBeGreaterThan(1);
    const server = `${inject('baseUrl')}dicom-web`;

    const leaks: string[] = [];
    const unauthorised: string[] = [];
    const frames: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.includes(token)) leaks.push(url);
      if (url.includes('/frames/')) frames.push(url);
      if (url.includes('/dicom-web/') && request.headers().authorization !== `Bearer ${token}`)
        unauthorised.push(url);
    });
    // The token saved in this browser for this server, as the DICOMweb panel saves it (set
    // before the app's own script runs: DevTools' init scripts are not bound by the CSP).
    await page.addInitScript(
      ([url, saved]) =>
        localStorage.setItem('dream-reader.dicomweb', JSON.stringify({ url, token: saved })),
      [server, token] as const,
    );
    const link =
      appUrl(`sample=off&dicomweb=${encodeURIComponent(server)}`) +
      `&StudyInstanceUIDs=${uids.join(',')}`;
    await page.goto(link);
    await expect
      .poll(() => page.locator('[data-testid="viewport"]').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expectAllReady(page);
    expect(await page.locator('#patient-heading').textContent()).toContain('DREAM-002');
    // Both timepoints of the DLM protocol are in the grid.
    const timepoints = await page
      .locator('[data-testid="viewport"]')
      .evaluateAll((all) => [...new Set(all.map((e) => e.getAttribute('data-timepoint')))]);
    expect(timepoints.sort()).toEqual(['baseline', 'preop']);
    // The images came over WADO-RS from the linked server.
    expect(frames.length).toBeGreaterThan(0);

    // The URL names the patient beside the studies, and never the token.
    const params = search(page);
    expect(params.get('patient')).toBe('DREAM-002');
    expect(params.get('dicomweb')).toBe(server);
    expect(params.get('StudyInstanceUIDs')).toBe(uids.join(','));
    expect(page.url()).not.toContain(token);
    expect(leaks).toEqual([]);
    expect(unauthorised).toEqual([]);
    expect(errors).toEqual([]);
  });
});
