/**
 * DICOMweb source against a real Orthanc (started in global-setup with the sample uploaded),
 * reached through the preview server's same-origin /dicom-web proxy.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { openPatientAndExpectPixels } from './viewports';
import { appUrl } from './reading-helpers';

interface GroundTruth {
  patients: { patientId: string; timepoints: { exams: unknown[] }[] }[];
}
const truth = JSON.parse(readFileSync('sample-dicom/ground-truth.json', 'utf8')) as GroundTruth;
const PATIENT = 'DREAM-002';
const studyCount = (truth.patients.find((p) => p.patientId === PATIENT)?.timepoints ?? []).reduce(
  (sum, timepoint) => sum + timepoint.exams.length,
  0,
);
const TOKEN = 'test-token-123';

const browser = useBrowserSession();

async function search(page: Page, serverUrl: string, patientId: string, token = '') {
  const panel = page.getByTestId('dicomweb-panel');
  await panel.getByLabel('Server URL').fill(serverUrl);
  await panel.getByLabel('Access token (optional)').fill(token);
  await panel.getByLabel('Patient ID').fill(patientId);
  await panel.getByRole('button', { name: 'Search' }).click();
  return panel;
}

describe('DICOMweb', () => {
  it(`finds ${PATIENT}'s studies, opens them over WADO-RS and shows every viewport`, async () => {
    const { page, errors } = browser();
    // An empty sample: the sample holds the same SOP instances, and the catalogue would keep
    // its wadouri: copies. Without it, every pixel on screen must have come over WADO-RS.
    await page.route('**/sample-dicom/manifest.json', (route) =>
      route.fulfill({ json: { files: [] } }),
    );
    await page.route('**/sample-dicom/headers.json', (route) =>
      route.fulfill({ json: { format: 'dream-header-index 1', headers: {} } }),
    );
    const frames: string[] = [];
    const unauthorised: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.includes(TOKEN)) unauthorised.push(`token in URL: ${url}`);
      if (!url.includes('/dicom-web/')) return;
      if (request.headers().authorization !== `Bearer ${TOKEN}`) unauthorised.push(url);
      if (url.includes('/frames/')) frames.push(url);
    });
    page.on('console', (message) => {
      if (message.text().includes(TOKEN)) errors.push(`token in console: ${message.text()}`);
    });
    await page.goto(appUrl());
    const panel = await search(page, `${inject('baseUrl')}dicom-web`, PATIENT, TOKEN);
    const rows = panel.getByTestId('dicomweb-study');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(studyCount);
    expect(studyCount).toBe(4);
    expect(await rows.allTextContents()).toEqual(
      Array<unknown>(studyCount).fill(expect.stringContaining(PATIENT)),
    );
    // Study Description comes only on request (includefield): the column must not be empty.
    expect(await rows.first().locator('td').nth(3).textContent()).not.toBe('');
    mkdirSync('test-results', { recursive: true });
    await panel.screenshot({ path: 'test-results/dicomweb-panel.png' });

    const open = panel.getByTestId('dicomweb-open');
    for (let index = 0; index < studyCount; index++) {
      // click() waits until the button is enabled again, i.e. the previous open has finished.
      await open.nth(index).click({ timeout: 30_000 });
    }
    await expect.poll(() => open.first().isEnabled(), { timeout: 30_000 }).toBe(true);
    const card = page.locator(`[data-testid="open-patient"][data-patient-id="${PATIENT}"]`);
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toMatch(/Baseline.*Pre-op/);

    await openPatientAndExpectPixels(page, PATIENT);
    await page.screenshot({ path: 'test-results/dicomweb-patient.png' });
    expect(frames.length).toBeGreaterThan(0);
    expect(unauthorised).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('names a wrong server URL in a clear error and keeps the sample patients', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl());
    const cards = page.locator('[data-testid="open-patient"]');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(truth.patients.length);

    const wrong = `${inject('baseUrl')}no-such-dicomweb`;
    const panel = await search(page, wrong, PATIENT);
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain(wrong);
    expect(await alert.textContent()).toMatch(/404|No DICOMweb answer/);
    expect(await panel.getByTestId('dicomweb-study').count()).toBe(0);
    expect(await cards.count()).toBe(truth.patients.length);
    // The browser itself logs the failed request; nothing else may go wrong.
    expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
  });
});
