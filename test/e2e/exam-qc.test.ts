/**
 * Acquisition QC of an exam in the series tree (docs/domain.md §11), on local files: DREAM-002
 * with its pre-op hepatobiliary phase rewritten (dcmjs) to be acquired 8 min after the contrast
 * start. The tree flags that exam and says why in words; the reader marks it not evaluable with
 * a reason; the lesion panel says what that means for the calls; after a new page load (the
 * files picked again) the mark is still there, from the read kept in this browser.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { useBrowserSession } from './session';

const PATIENT = 'DREAM-002';
const HBP_DIR = `${PATIENT}/20250729-MR/SE04-EOB_HBP`;

interface DicomDict {
  dict: Record<string, { vr: string; Value?: unknown[] }>;
  write(): ArrayBuffer;
}
const DicomMessage = (
  dcmjs as unknown as { data: { DicomMessage: { readFile(buffer: ArrayBuffer): DicomDict } } }
).data.DicomMessage;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A DICOM TM (HHMMSS) moved on by some minutes. */
function plusMinutes(tm: string, minutes: number): string {
  const seconds =
    Number(tm.slice(0, 2)) * 3600 + Number(tm.slice(2, 4)) * 60 + Number(tm.slice(4, 6));
  const t = seconds + minutes * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(t / 3600))}${pad(Math.floor(t / 60) % 60)}${pad(t % 60)}`;
}

let work: string;
let folder: string;
/** The pre-op MR study whose HBP is early, and the baseline MR left as it was. */
let earlyStudy = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dream-qc-'));
  folder = join(work, 'upload');
  cpSync(`sample-dicom/${PATIENT}`, join(folder, PATIENT), { recursive: true });
  const dir = join(folder, HBP_DIR);
  for (const name of readdirSync(dir)) {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    const file = DicomMessage.readFile(bytes.buffer);
    const start = text(file.dict['00181042']?.Value?.[0]);
    if (!/^\d{6}/.test(start)) throw new Error(`${name}: no Contrast/Bolus Start Time`);
    const at = plusMinutes(start, 8);
    file.dict['00080032'] = { vr: 'TM', Value: [at] };
    file.dict['00080031'] = { vr: 'TM', Value: [at] };
    earlyStudy = text(file.dict['0020000D']?.Value?.[0]);
    writeFileSync(join(dir, name), new Uint8Array(file.write()));
  }
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const browser = useBrowserSession();

/** Loads the picked folder into an empty library and opens the patient. */
async function openPatientFromFiles(): Promise<void> {
  const { page } = browser();
  await page.goto(`${inject('baseUrl')}?sample=off&registration=off`);
  await page.locator('[data-testid="open-folder"]').setInputFiles(folder);
  await page
    .locator(`[data-testid="open-patient"][data-patient-id="${PATIENT}"]`)
    .click({ timeout: 120_000 });
}

describe('acquisition QC of an exam', () => {
  it('flags an HBP 8 min after contrast; the mark "not evaluable" outlives a new page load', async () => {
    const { page, errors } = browser();
    expect(earlyStudy).not.toBe('');
    await openPatientFromFiles();
    await page.getByTestId('reader-id').fill('R09');
    await page.getByTestId('reader-name').fill('Dr QC');
    await page.getByTestId('reader-save').click();

    const qc = page.locator(
      `[data-testid="exam"][data-study-uid="${earlyStudy}"] [data-testid="exam-qc"]`,
    );
    await expect.poll(() => qc.getAttribute('data-level'), { timeout: 30_000 }).toBe('fail');
    // The baseline MR's HBP (20 min) passes: only the rewritten exam has an HBP finding worse.
    const hbpLevels = await page
      .locator('[data-testid="exam-qc-finding"][data-check="hbp-delay"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-level')));
    expect(hbpLevels.sort()).toEqual(['fail', 'pass']);

    await qc.locator('summary').click();
    const finding = qc.locator('[data-testid="exam-qc-finding"][data-check="hbp-delay"]');
    expect(await finding.textContent()).toContain(
      "HBP 8 min after injection — under the study's minimum 10 min (20 recommended)",
    );
    // A reason is required.
    await qc.getByTestId('exam-qc-mark').click();
    await qc.getByRole('alert').waitFor();
    expect(await qc.getAttribute('data-not-evaluable')).toBe('false');
    await qc.getByTestId('exam-qc-reason').fill('HBP acquired 8 min after injection');
    await qc.getByTestId('exam-qc-mark').click();
    await expect.poll(() => qc.getAttribute('data-not-evaluable')).toBe('true');
    expect(await qc.getByTestId('exam-qc-marked').textContent()).toContain(
      'Not evaluable: HBP acquired 8 min after injection',
    );
    // The lesion panel (pre-op) says what the mark does to the calls.
    expect(await page.getByTestId('exam-qc-notice').textContent()).toMatch(
      /DWI, T1\/T2, contrast MRI \(EOB\) calls count as not evaluable/,
    );
    await expect
      .poll(() => page.getByTestId('save-status').getAttribute('data-save'))
      .toBe('saved');
    if (process.env.QC_SHOTS) await page.screenshot({ path: `${process.env.QC_SHOTS}/marked.png` });

    await openPatientFromFiles();
    const again = page.locator(
      `[data-testid="exam"][data-study-uid="${earlyStudy}"] [data-testid="exam-qc"]`,
    );
    await expect
      .poll(() => again.getAttribute('data-not-evaluable'), { timeout: 30_000 })
      .toBe('true');
    await again.locator('summary').click();
    expect(await again.getByTestId('exam-qc-marked').textContent()).toContain(
      'HBP acquired 8 min after injection',
    );
    if (process.env.QC_SHOTS) {
      await page.screenshot({ path: `${process.env.QC_SHOTS}/after-reload.png` });
    }
    expect(errors).toEqual([]);
  }, 240_000);
});
