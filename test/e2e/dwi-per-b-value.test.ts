/**
 * DWI sent as one series per b-value, loaded as local files: the baseline MR of DREAM-001 without
 * its scanner ADC map, its interleaved DWI series rewritten (with dcmjs, into a temporary folder)
 * as three series "DWI b50", "DWI b400", "DWI b800", each with its own Series Instance UID and
 * the b-value in Siemens' private tag (0019,100C). The app must list them as one DWI acquisition
 * and hang the ADC map it computes from all three b-values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { useBrowserSession } from './session';
import { appUrl, expectAllReady } from './reading-helpers';

const EXAM = 'sample-dicom/DREAM-001/20250310-MR';
const DWI = 'SE02-DWI';
const SCANNER_ADC = 'SE03-ADC';

interface Element {
  vr: string;
  Value: unknown[];
}

/** The file rewritten as part of its b-value's own series; returns that b-value. */
function splitOff(bytes: Buffer): { b: number; bytes: Uint8Array } {
  const { DicomMessage } = dcmjs.data;
  const message = DicomMessage.readFile(new Uint8Array(bytes).buffer);
  const dict = message.dict as Record<string, Element>;
  const b = Number(dict['00189087']?.Value[0]);
  if (!Number.isFinite(b)) throw new Error('sample DWI image without (0018,9087)');
  const uid = String(dict['0020000E']?.Value[0]);
  delete dict['00189087'];
  dict['0020000E'] = { vr: 'UI', Value: [`${uid}.${b}`] };
  dict['0008103E'] = { vr: 'LO', Value: [`DWI b${b}`] };
  dict['00200011'] = { vr: 'IS', Value: [200 + b] };
  dict['00080070'] = { vr: 'LO', Value: ['SIEMENS'] };
  dict['00190010'] = { vr: 'LO', Value: ['SIEMENS MR HEADER'] };
  dict['0019100C'] = { vr: 'IS', Value: [b] };
  return { b, bytes: new Uint8Array(message.write()) };
}

let work: string;
let folder: string;
const bValues = new Set<number>();
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dream-dwi-per-b-'));
  folder = join(work, 'DREAM-001-per-b');
  for (const series of readdirSync(EXAM)) {
    if (series === SCANNER_ADC) continue;
    if (series !== DWI) {
      cpSync(join(EXAM, series), join(folder, series), { recursive: true });
      continue;
    }
    for (const name of readdirSync(join(EXAM, series))) {
      const { b, bytes } = splitOff(readFileSync(join(EXAM, series, name)));
      bValues.add(b);
      mkdirSync(join(folder, `DWI-b${b}`), { recursive: true });
      writeFileSync(join(folder, `DWI-b${b}`, name), bytes);
    }
  }
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const browser = useBrowserSession();

describe('DWI as one series per b-value', () => {
  it('lists one DWI acquisition and hangs the ADC computed from all its b-values', async () => {
    const { page, errors } = browser();
    expect([...bValues].sort((a, b) => a - b)).toEqual([50, 400, 800]);
    await page.goto(appUrl('sample=off&viewer-test'));
    await page.locator('[data-testid="open-folder"]').setInputFiles(folder);
    await page.locator('[data-testid="files-summary"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]').click();
    await expect.poll(() => page.locator('[data-testid="viewport"]').count()).toBeGreaterThan(0);

    // The tree: three DWI stacks from three series, one acquisition.
    const dwiItems = page.locator('[data-testid="series-item"][data-role-key^="DWI_"]');
    await expect.poll(() => dwiItems.count()).toBe(3);
    const stacks = await dwiItems.evaluateAll((items) =>
      items.map((item) => [
        item.getAttribute('data-role-key'),
        item.getAttribute('data-series-key')?.split(':')[0],
        item.getAttribute('data-dwi-acquisition'),
      ]),
    );
    expect(stacks.map(([role]) => role)).toEqual(['DWI_50', 'DWI_400', 'DWI_800']);
    expect(new Set(stacks.map(([, uid]) => uid)).size).toBe(3);
    expect(new Set(stacks.map(([, , acquisition]) => acquisition)).size).toBe(1);
    expect(stacks[0]?.[2]).toBe(stacks[0]?.[1]);

    // The protocol: the ADC cell shows the map computed from b=50,400,800.
    const adcCell = page.locator('[data-testid="viewport"][data-role-key="ADC_COMPUTED"]');
    await expect.poll(() => adcCell.count()).toBe(1);
    await expectAllReady(page);
    const cellId = await adcCell.evaluate(
      (element) => element.closest('[data-cell-id]')?.getAttribute('data-cell-id') ?? '',
    );
    const overlay = page.locator(`[data-cell-id="${cellId}"] [data-testid="overlay-role"]`);
    expect(await overlay.textContent()).toContain('ADC (computed) · b=50,400,800');
    const runs = await page.evaluate(() => window.__dreamViewer?.computedAdcRuns() ?? []);
    expect(runs.map((run) => run.bValues)).toEqual([[50, 400, 800]]);
    mkdirSync('test-results', { recursive: true });
    await page.locator('.patient-view').screenshot({ path: 'test-results/dwi-per-b-value.png' });
    expect(errors).toEqual([]);
  }, 180_000);
});
