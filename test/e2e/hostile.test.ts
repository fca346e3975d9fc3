/**
 * Hostile input in the production build, served with its Content-Security-Policy: DICOM text
 * fields and a read's comments carrying HTML and script are shown as text and never run, and
 * script injected into the page is refused by the policy while the app itself works under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import {
  addLesion,
  createRead,
  exportReadJson,
  sealAudit,
  setComment,
} from '../../src/domain/index.ts';
import { makeContext, sha256 } from '../domain/fixtures.ts';
import type { BrowserSession } from './browser';
import { useBrowserSession } from './session';
import { expectAllReady, appUrl } from './reading-helpers';

const SERIES = 'sample-dicom/DREAM-002/20250402-MR/SE01-T2';
const HOSTILE = {
  patientName: '<img src=x onerror="window.__pwned=1">^Evil',
  patientId: 'EVIL<b>1</b>',
  seriesDescription: '<script>window.__pwned=2</script>T2 TSE',
  studyDescription: '"><svg onload="window.__pwned=3">',
  comment: '<img src=x onerror="window.__pwned=4"> <script>window.__pwned=5</script>',
};

interface DicomDict {
  dict: Record<string, { vr: string; Value?: unknown[] }>;
  write(): ArrayBuffer;
}
const DicomMessage = (
  dcmjs as unknown as { data: { DicomMessage: { readFile(buffer: ArrayBuffer): DicomDict } } }
).data.DicomMessage;

let folder: string;
let readFile: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dream-hostile-'));
  mkdirSync(join(folder, 'upload'));
  for (const name of readdirSync(SERIES)) {
    const bytes = new Uint8Array(readFileSync(join(SERIES, name)));
    const file = DicomMessage.readFile(bytes.buffer);
    const set = (tag: string, vr: string, value: string) => {
      file.dict[tag] = { vr, Value: [vr === 'PN' ? { Alphabetic: value } : value] };
    };
    set('00100010', 'PN', HOSTILE.patientName);
    set('00100020', 'LO', HOSTILE.patientId);
    set('0008103E', 'LO', HOSTILE.seriesDescription);
    set('00081030', 'LO', HOSTILE.studyDescription);
    writeFileSync(join(folder, 'upload', name), new Uint8Array(file.write()));
  }
  // A valid, sealed read of that patient whose comment is markup.
  const ctx = makeContext();
  let read = createRead(
    { patientId: HOSTILE.patientId, reader: { id: 'R<i>7</i>', name: 'Dr <u>X</u>' } },
    ctx,
  );
  read = addLesion(read, { segment: 'VII' }, ctx);
  read = setComment(
    read,
    { lesionId: 'L1', timepoint: 'preop', modality: 'CT', comment: HOSTILE.comment },
    ctx,
  );
  read = await sealAudit(read, sha256);
  readFile = join(folder, 'hostile-read.json');
  writeFileSync(readFile, exportReadJson(read, { now: ctx.now }));
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const browser = useBrowserSession();

/** Nothing from the files ran or became an element. */
async function expectInert(page: BrowserSession['page']) {
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], main script')
        .length,
  );
  expect(injected).toBe(0);
}

describe('Content-Security-Policy', () => {
  it('is sent and set in the page; the app works under it; injected inline script is refused', async () => {
    const { page, errors } = browser();
    const response = await page.goto(appUrl());
    const header = response?.headers()['content-security-policy'] ?? '';
    expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(header).not.toContain("'unsafe-inline' 'self'");
    expect(header).toMatch(/script-src [^;]*$|script-src [^;]*;/);
    expect(/script-src[^;]*'unsafe-inline'/.test(header)).toBe(false);
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");

    // The app under the policy: the sample opens and decodes (WASM codecs, workers) cleanly.
    await page
      .locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]')
      .click({ timeout: 60_000 });
    await expectAllReady(page);
    expect(errors).toEqual([]);

    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (e) => resolve(e.effectiveDirective),
            {
              once: true,
            },
          );
          const script = document.createElement('script');
          script.textContent = 'window.__inline = 1';
          document.body.append(script);
        }),
    );
    expect(violated).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as { __inline?: unknown }).__inline)).toBeUndefined();
  });
});

describe('hostile text', () => {
  it('DICOM names and descriptions and read comments with markup are shown as text', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl(`sample=off`));
    await page.locator('[data-testid="open-folder"]').setInputFiles(join(folder, 'upload'));
    const row = page.locator('[data-testid="open-patient"]');
    await row.first().waitFor({ timeout: 60_000 });
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-patient-id')).toBe(HOSTILE.patientId);
    expect(await page.locator('main').textContent()).toContain(HOSTILE.patientId);
    await expectInert(page);

    await row.click();
    await page.locator('[data-testid="series-item"]').first().waitFor({ timeout: 30_000 });
    const tree = await page.locator('[data-testid="series-item"]').allTextContents();
    expect(tree.join(' ')).toContain(HOSTILE.seriesDescription);
    await expectInert(page);

    // A read whose reader and comment are markup, imported into the lesion panel.
    await page.getByTestId('reader-id').fill('R07');
    await page.getByTestId('reader-name').fill('Dr Seven');
    await page.getByTestId('reader-save').click();
    await page.getByTestId('import-json').setInputFiles(readFile);
    await expect.poll(() => page.getByTestId('lesion-row').count()).toBe(1);
    await page.locator('[data-testid="call-cell"][data-cell="0:0"]').focus();
    await expect.poll(() => page.getByTestId('cell-comment').inputValue()).toBe(HOSTILE.comment);
    await expectInert(page);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/hostile-text.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
