/**
 * The series tree: every sample series shows the role ground-truth.json names; the reader's role
 * and timepoint corrections apply at once and survive a reload.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useBrowserSession } from './session';
import { appUrl } from './reading-helpers';

interface Truth {
  patients: {
    patientId: string;
    timepoints: {
      timepoint: string;
      exams: { series: { role: string; seriesInstanceUid: string; bValues?: number[] }[] }[];
    }[];
  }[];
}
const truth = JSON.parse(readFileSync('sample-dicom/ground-truth.json', 'utf8')) as Truth;

/** Series key -> role key, as ground truth says (DWI split per b-value). */
function expectedRoles(patientId: string): Record<string, string> {
  const patient = truth.patients.find((p) => p.patientId === patientId);
  const rows = (patient?.timepoints ?? []).flatMap((tp) =>
    tp.exams.flatMap((exam) =>
      exam.series.flatMap((s) =>
        s.bValues
          ? s.bValues.map((b) => [`${s.seriesInstanceUid}:b${b}`, `DWI_${b}`])
          : [[s.seriesInstanceUid, s.role]],
      ),
    ),
  );
  return Object.fromEntries(rows) as Record<string, string>;
}

const browser = useBrowserSession();

/** Opens a patient from the list, unless the page is already on it (a reload keeps it open). */
async function openPatient(id: string) {
  const { page } = browser();
  const heading = page.locator('#patient-heading, [data-testid="series-item"]');
  const entry = page.locator(`[data-testid="open-patient"][data-patient-id="${id}"]`);
  await expect
    .poll(async () => (await heading.count()) + (await entry.count()), { timeout: 60_000 })
    .toBeGreaterThan(0);
  if ((await heading.count()) === 0) await entry.click({ timeout: 60_000 });
  await expect.poll(() => page.locator('[data-testid="series-item"]').count()).toBeGreaterThan(4);
}

async function shownRoles(): Promise<Record<string, string>> {
  const rows = await browser()
    .page.locator('[data-testid="series-item"]')
    .evaluateAll((items) =>
      items.map((item) => [
        item.getAttribute('data-series-key'),
        item.getAttribute('data-role-key'),
      ]),
    );
  return Object.fromEntries(rows) as Record<string, string>;
}

/** Every series of the open patient shows its ground-truth role, under baseline and pre-op. */
async function expectTruthRoles(id: string): Promise<void> {
  expect(await shownRoles()).toEqual(expectedRoles(id));
  const timepoints = await browser()
    .page.locator('[data-testid="timepoint"]')
    .evaluateAll((sections) => sections.map((s) => s.getAttribute('data-timepoint')));
  expect(timepoints).toEqual(['baseline', 'preop']);
}

describe('series tree', () => {
  it('DREAM-001: every role label matches ground truth', async () => {
    await browser().page.goto(appUrl());
    await openPatient('DREAM-001');
    await expectTruthRoles('DREAM-001');
    expect(browser().errors).toEqual([]);
  });

  // DREAM-002's labels are checked in the page that then corrects them: one open of the patient
  // fewer than a test of their own, and the check comes before any correction.
  it('DREAM-002: every role label matches ground truth; a role override and a timepoint reassignment are kept across a reload', async () => {
    const { page } = browser();
    await page.goto(appUrl());
    await openPatient('DREAM-002');
    await expectTruthRoles('DREAM-002');

    const t2 = page.locator('[data-testid="series-item"][data-role-key="T2"]').first();
    const key = await t2.getAttribute('data-series-key');
    await t2.locator('select').selectOption('T1');
    const item = page.locator(`[data-testid="series-item"][data-series-key="${key}"]`);
    await expect.poll(() => item.getAttribute('data-role-key')).toBe('T1');
    expect(await item.getAttribute('data-overridden')).toBe('true');

    const preopExam = page
      .locator('[data-testid="timepoint"][data-timepoint="preop"] [data-testid="exam"]')
      .first();
    const study = await preopExam.getAttribute('data-study-uid');
    await preopExam.locator('[data-testid="exam-timepoint"]').selectOption('followup-1');
    const moved = page.locator(
      `[data-testid="timepoint"][data-timepoint="followup-1"] [data-testid="exam"][data-study-uid="${study}"]`,
    );
    await expect.poll(() => moved.count()).toBe(1);

    await page.reload();
    await openPatient('DREAM-002');
    await expect.poll(() => item.getAttribute('data-role-key')).toBe('T1');
    await expect.poll(() => moved.count()).toBe(1);

    await item.getByRole('button').click(); // back to automatic
    await expect.poll(() => item.getAttribute('data-role-key')).toBe('T2');
    expect(browser().errors).toEqual([]);
    // The work of two tests before (the labels, the corrections and their reload) in one page: a
    // ceiling to match (the two took 36 s and 53 s on the loaded shared machine).
  }, 120_000);
});
