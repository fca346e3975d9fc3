/**
 * The PACS as the store of reads, against the real test Orthanc of global-setup.ts (through the
 * preview server's /dicom-web proxy): DREAM-001 opened from Orthanc, a lesion recorded from a
 * Length on the baseline CT, signed, stored as SR (STOW-RS); amended, signed and stored again as
 * a new version, and again as the same instance; then a fresh browser profile (the central reviewer, with no reads of its own)
 * loads the reads from the PACS (QIDO-RS, WADO-RS, the SR import) and sees that read. What
 * Orthanc returns passes dciodvfy. The SR study is deleted from Orthanc at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser } from './browser';
import { useBrowserSession } from './session';
import {
  appUrl,
  expectAllReady,
  lengthOnBaselineCt,
  recordLast,
  setReader,
  truthPatient,
} from './reading-helpers';

const browser = useBrowserSession();
const patient = truthPatient('DREAM-001');
const lesion = patient.lesions.find((l) => l.id === 'L2');
const SHOTS = process.env.SRPACS_SHOTS ?? 'test-results';

/** Orthanc's REST API (not DICOMweb): the SR studies of DREAM-001, to check and delete them. */
async function srStudies(): Promise<string[]> {
  const response = await fetch(`${inject('orthancUrl')}/tools/find`, {
    method: 'POST',
    body: JSON.stringify({
      Level: 'Study',
      Query: { PatientID: 'DREAM-001', StudyDescription: 'DREAM reads' },
    }),
  });
  return (await response.json()) as string[];
}

afterAll(async () => {
  for (const id of await srStudies()) {
    await fetch(`${inject('orthancUrl')}/studies/${id}`, { method: 'DELETE' });
  }
});

const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** Clicks "Store in PACS" and returns the SOP Instance UID the success message names. */
async function storeInPacs(page: Page, version: number): Promise<string> {
  await byTestId(page, 'store-pacs').click();
  const result = byTestId(page, 'pacs-store-result');
  await expect.poll(() => result.getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
  const uid = (await result.getAttribute('data-sop-instance-uid')) ?? '';
  expect(uid).toMatch(/^2\.25\.\d+$/);
  expect(await result.textContent()).toContain(`version ${version}, SOP Instance UID ${uid}`);
  return uid;
}

async function sign(page: Page) {
  await byTestId(page, 'sign').click();
  await byTestId(page, 'sign-confirm').click();
  await expect.poll(() => byTestId(page, 'read-state').textContent()).toMatch(/^Signed by Dr Ito/);
}

describe('reads in the PACS', () => {
  it('a read of DREAM-001 opened from Orthanc is stored as SR and loaded by central review', async () => {
    const { page, errors } = browser();
    if (!lesion) throw new Error('no lesion L2');
    mkdirSync(SHOTS, { recursive: true });
    const server = `${inject('baseUrl')}dicom-web`;
    const uids = patient.timepoints.flatMap((tp) =>
      tp.exams.map((e) => (e as unknown as { studyInstanceUid: string }).studyInstanceUid),
    );
    const frames: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/dicom-web/') && request.url().includes('/frames/'))
        frames.push(request.url());
    });
    await page.goto(
      appUrl(`viewer-test&sample=off&dicomweb=${encodeURIComponent(server)}`) +
        `&StudyInstanceUIDs=${uids.join(',')}`,
    );
    await expect
      .poll(() => page.locator('[data-testid="viewport"]').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expectAllReady(page);
    // The images came over WADO-RS (the sample is off).
    expect(frames.length).toBeGreaterThan(0);

    await setReader(page);
    // A draft is not stored: the button says why.
    const store = byTestId(page, 'store-pacs');
    expect(await store.isDisabled()).toBe(true);
    expect(await store.getAttribute('title')).toContain('Sign the read first');

    // A Length across L2 on the baseline CT, recorded as a new lesion.
    await lengthOnBaselineCt(page, lesion);
    expect(await recordLast(page)).toBe('L1');
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(1);
    await page.locator('[data-testid="segment-select"]').first().selectOption('VIII');
    await page.locator('[data-testid="call-cell"][data-cell="0:0"]').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('d');
    await expect.poll(() => byTestId(page, 'save-status').textContent()).toBe('Saved');

    await sign(page);
    expect(await store.getAttribute('title')).toContain(server);
    const uid1 = await storeInPacs(page, 1);
    await expect
      .poll(() => byTestId(page, 'pacs-versions').getAttribute('data-versions'))
      .toBe('1');
    await page.locator('.lesion-panel').screenshot({ path: join(SHOTS, 'sr-pacs-stored.png') });

    // An amendment signed again is a new version: a new instance beside the first.
    await byTestId(page, 'amend').click();
    await byTestId(page, 'amend-reason').fill('CT call corrected');
    await byTestId(page, 'amend-confirm').click();
    await expect
      .poll(() => byTestId(page, 'read-state').textContent())
      .toMatch(/^Amendment, version 2/);
    expect(await byTestId(page, 'pacs-store-result').count()).toBe(0);
    await page.locator('[data-testid="call-cell"][data-cell="0:0"]').focus();
    await page.keyboard.press('p');
    await expect.poll(() => byTestId(page, 'save-status').textContent()).toBe('Saved');
    await sign(page);
    const uid2 = await storeInPacs(page, 2);
    expect(uid2).not.toBe(uid1);
    // Storing the same version again keeps one instance (the UID is deterministic).
    await byTestId(page, 'pacs-store-result').getByRole('button').click();
    expect(await storeInPacs(page, 2)).toBe(uid2);
    await expect
      .poll(() => byTestId(page, 'pacs-versions').getAttribute('data-versions'))
      .toBe('1,2');
    expect(errors).toEqual([]);

    // What Orthanc holds passes dciodvfy (dicom3tools) without an error.
    const [study] = await srStudies();
    const instances = (await (
      await fetch(`${inject('orthancUrl')}/studies/${study}/instances`)
    ).json()) as { ID: string; MainDicomTags: { SOPInstanceUID: string } }[];
    expect(instances.map((i) => i.MainDicomTags.SOPInstanceUID).sort()).toEqual(
      [uid1, uid2].sort(),
    );
    const dir = mkdtempSync(join(tmpdir(), 'dream-sr-pacs-'));
    for (const instance of instances) {
      const file = join(dir, `${instance.ID}.dcm`);
      const bytes = await (
        await fetch(`${inject('orthancUrl')}/instances/${instance.ID}/file`)
      ).arrayBuffer();
      writeFileSync(file, Buffer.from(bytes));
      const result = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`;
      expect(output).toContain('Comprehensive3DSR');
      expect(output.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);
    }

    // The central reviewer: a fresh profile, so the read can only come from the PACS.
    const reviewer = await openBrowser();
    try {
      const review = reviewer.page;
      await review.goto(appUrl(`sample=off`));
      await byTestId(review, 'review-mode').click();
      await byTestId(review, 'review-screen').waitFor();
      await byTestId(review, 'review-pacs-url').fill(server);
      await byTestId(review, 'review-pacs-patients').fill('DREAM-001');
      await byTestId(review, 'review-load-pacs').click();
      await expect
        .poll(() => byTestId(review, 'review-pacs-count').textContent(), { timeout: 30_000 })
        .toBe('DREAM SRs found in the PACS: 1; loaded: 1.');
      const read = review.locator('[data-testid="review-read"][data-reader-id="R01"]');
      await expect.poll(() => read.count()).toBe(1);
      const cells = await read.locator('td').allTextContents();
      expect(cells.slice(0, 3)).toEqual(['Dr Ito (R01)', 'v2', 'signed']);
      expect(cells[3]).toBe(`PACS (SR ${uid2})`);
      expect(await byTestId(review, 'review-file-problems').count()).toBe(0);
      await review
        .locator('.review-load')
        .screenshot({ path: join(SHOTS, 'sr-pacs-review-load.png') });
      await review.screenshot({ path: join(SHOTS, 'sr-pacs-review.png'), fullPage: true });
      expect(reviewer.errors).toEqual([]);
    } finally {
      await reviewer.close();
    }
    // Two browser profiles, two signatures and three stores: longer than the default limit.
  }, 180_000);
});
