/**
 * Local files in the production build: a picked folder (one sample patient, pydicom's corpus of
 * odd and broken files, and JPEG-LS sample slices cut short), a picked ZIP archive, and a drop.
 * The library starts empty (`?sample=off`) so that every listed patient and every reported
 * problem comes from the files.
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
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { useBrowserSession } from './session';
import { pydicomCorpus } from './pydicom';
import { appUrl } from './reading-helpers';

const PATIENT = 'DREAM-002';
const PATIENT_DIR = `sample-dicom/${PATIENT}`;
/** A JPEG-LS slice of another patient, larger than the indexer's first read. */
const COMPRESSED = 'sample-dicom/DREAM-001/20250310-CT/SE01-CT_ARTERIAL/IM0010.dcm';

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

let work: string;
let folder: string;
beforeAll(async () => {
  const corpus = await pydicomCorpus();
  work = mkdtempSync(join(tmpdir(), 'dream-local-'));
  folder = join(work, 'upload');
  cpSync(PATIENT_DIR, join(folder, PATIENT), { recursive: true });
  cpSync(corpus, join(folder, 'pydicom'), { recursive: true });
  // Cut inside its one fragment, and with only the sequence delimiter (last 8 bytes) missing.
  const compressed = readFileSync(COMPRESSED);
  mkdirSync(join(folder, 'cut'));
  writeFileSync(join(folder, 'cut', 'in-fragment.dcm'), compressed.subarray(0, 100_000));
  writeFileSync(
    join(folder, 'cut', 'no-delimiter.dcm'),
    compressed.subarray(0, compressed.length - 8),
  );
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const browser = useBrowserSession();

/** Opens the app with an empty library and waits for the pickers. */
async function openEmptyApp(): Promise<void> {
  await browser().page.goto(appUrl(`sample=off`));
  await browser().page.locator('[data-testid="open-folder"]').waitFor({ state: 'attached' });
}

/** The load is over when its summary is shown and the progress bar has gone. */
async function waitForLoad(): Promise<Record<string, number>> {
  const summary = browser().page.locator('[data-testid="files-summary"]');
  await summary.waitFor({ timeout: 120_000 });
  await browser().page.locator('[data-testid="load-progress"]').waitFor({ state: 'detached' });
  return summary.evaluate((element) =>
    Object.fromEntries(
      Object.entries((element as HTMLElement).dataset)
        .filter(([key]) => key !== 'testid')
        .map(([key, value]) => [key, Number(value)]),
    ),
  );
}

async function problems(): Promise<Map<string, string>> {
  const rows = await browser()
    .page.locator('[data-testid="import-problem"]')
    .evaluateAll((items) =>
      items.map((item) => [
        item.querySelector('.problem-source')?.textContent ?? '',
        item.querySelector('.problem-reason')?.textContent ?? '',
      ]),
    );
  return new Map(rows as Array<[string, string]>);
}

async function expectPatientOpensReady(): Promise<void> {
  const { page } = browser();
  await page.locator(`[data-testid="open-patient"][data-patient-id="${PATIENT}"]`).click();
  const viewports = page.locator('[data-testid="viewport"]');
  await expect.poll(() => viewports.count(), { timeout: 30_000 }).toBeGreaterThan(4);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="viewport"]')].every(
        (element) => element.getAttribute('data-state') !== 'loading',
      ),
    undefined,
    { timeout: 45_000 },
  );
  const states = await viewports.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-state')),
  );
  expect(states.length).toBeGreaterThan(4);
  expect(states.every((state) => state === 'ready')).toBe(true);
}

describe('local folder: one patient plus the pydicom corpus', () => {
  it('lists the patient, reports every file that did not load, and opens the patient', async () => {
    await openEmptyApp();
    await browser().page.locator('[data-testid="open-folder"]').setInputFiles(folder);
    const counts = await waitForLoad();

    const given = listFiles(folder);
    const dicomdirs = given.filter((path) => /(^|\/)DICOMDIR$/.test(path));
    expect(counts.files).toBe(given.length);
    // Named DICOMDIR, plus pydicom's renamed variants recognised by their SOP class (0002,0002).
    expect(counts.dicomdirs).toBeGreaterThanOrEqual(dicomdirs.length);
    const report = await problems();
    expect(await browser().page.locator('[data-testid="import-problem"]').count()).toBe(
      report.size,
    );
    // Every file given either made it into a series, is a skipped DICOMDIR, or has a report line.
    expect(report.size).toBe(given.length - (counts.inSeries ?? 0) - (counts.dicomdirs ?? 0));
    expect(counts.inSeries).toBeGreaterThanOrEqual(listFiles(PATIENT_DIR).length);

    mkdirSync('test-results', { recursive: true });
    await browser().page.locator('[data-testid="import-report"] summary').click();
    await browser().page.screenshot({
      path: 'test-results/local-files-report.png',
      fullPage: true,
    });
    writeFileSync(
      'test-results/local-files-report.json',
      JSON.stringify(
        { counts, given: given.length, problems: Object.fromEntries(report) },
        null,
        2,
      ),
    );

    const reason = (suffix: string): string =>
      [...report].find(([source]) => source.endsWith(`/pydicom/${suffix}`))?.[1] ?? '(not listed)';
    const cut = (name: string): string => report.get(`upload/cut/${name}`) ?? '(not listed)';
    expect(cut('in-fragment.dcm')).toMatch(/^truncated: The pixel data ends early: fragment 1/);
    expect(cut('no-delimiter.dcm')).toMatch(/^truncated: The pixel data ends early: .*delimiter/);
    expect(reason('MR_truncated.dcm')).toMatch(/^truncated/);
    expect(reason('rtplan_truncated.dcm')).toMatch(/^truncated/);
    expect(reason('README.txt')).toMatch(/^not-dicom/);
    expect(reason('test1.json')).toMatch(/^not-dicom/);
    expect(reason('test-SR.dcm')).toMatch(/^no pixel data/);
    expect(reason('rtstruct.dcm')).toMatch(/^no pixel data/);
    expect(reason('liver_expb_1frame.dcm')).toMatch(
      /^unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.2/,
    );
    expect(reason('image_dfl.dcm')).toMatch(
      /^unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.1\.99/,
    );
    // The little-endian copy of liver_expb_1frame.dcm loads although the big-endian one came first.
    expect(reason('liver_1frame.dcm')).toBe('(not listed)');
    // A DICOMDIR whose records do not parse is still recognised by its meta header, and skipped.
    expect(reason('dicomdirtests/DICOMDIR-nooffset')).toBe('(not listed)');
    for (const path of dicomdirs) expect(report.has(`upload/${path}`)).toBe(false);
    for (const [source] of report) expect(source.includes(`/${PATIENT}/`)).toBe(false);

    await expectPatientOpensReady();
    expect(browser().errors).toEqual([]);
  });
});

describe('local ZIP archive', () => {
  it('expands a picked ZIP and lists its patient', async () => {
    const entries: Zippable = Object.fromEntries(
      listFiles(PATIENT_DIR).map((path) => [
        `${PATIENT}/${path}`,
        [new Uint8Array(readFileSync(join(PATIENT_DIR, path))), { level: 0 }],
      ]),
    );
    const zipPath = join(work, `${PATIENT}.zip`);
    writeFileSync(zipPath, zipSync(entries));
    await openEmptyApp();
    await browser().page.locator('[data-testid="open-files"]').setInputFiles(zipPath);
    const counts = await waitForLoad();
    expect(counts.files).toBe(Object.keys(entries).length);
    expect(counts.inSeries).toBe(Object.keys(entries).length);
    await browser()
      .page.locator(`[data-testid="open-patient"][data-patient-id="${PATIENT}"]`)
      .waitFor();
    expect(await browser().page.locator('[data-testid="import-problem"]').count()).toBe(0);
    expect(browser().errors).toEqual([]);
  });
});

describe('drop onto the window', () => {
  it('shows the overlay while dragging and loads the dropped files', async () => {
    await openEmptyApp();
    const { page } = browser();
    const dropped = await page.evaluate(async (patient) => {
      const manifest = (await (await fetch('sample-dicom/manifest.json')).json()) as {
        files: string[];
      };
      const data = new DataTransfer();
      for (const path of manifest.files.filter((file) => file.startsWith(`${patient}/`))) {
        const blob = await (await fetch(`sample-dicom/${path}`)).blob();
        data.items.add(new File([blob], path.split('/').pop() ?? path));
      }
      (window as unknown as { dropData: DataTransfer }).dropData = data;
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
      return data.files.length;
    }, PATIENT);
    await page.locator('[data-testid="drop-overlay"]').waitFor();
    await page.evaluate(() => {
      const data = (window as unknown as { dropData: DataTransfer }).dropData;
      const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      document.body.dispatchEvent(drop);
    });
    await page.locator('[data-testid="drop-overlay"]').waitFor({ state: 'detached' });
    const counts = await waitForLoad();
    expect(counts.files).toBe(dropped);
    expect(counts.inSeries).toBe(dropped);
    await page.locator(`[data-testid="open-patient"][data-patient-id="${PATIENT}"]`).waitFor();
    expect(browser().errors).toEqual([]);
  });
});
