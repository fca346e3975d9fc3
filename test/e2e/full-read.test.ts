/**
 * The full read of DREAM-001 through the UI only, at 1600x1000, counting every user action (a
 * click, a key press, each typed character, a drag, a wheel step): open the patient, say who
 * reads, then per lesion go to its baseline CT slice with the slice bar, draw a Length across it,
 * Record it (a new lesion: the focus goes to its first pre-operative call cell), its segment and
 * its four pre-operative calls; then sign. Locators and the viewer test hook only read state and
 * wait. After each lesion is recorded (and chosen) the pre-op CT viewport must show its
 * registered slice; statuses and the exported JSON must match ground truth; the page never
 * scrolls at any step nor at 1920x1080 and 1280x800.
 */
import { describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import {
  CALL_KEY,
  expectAllReady,
  measurementValues,
  MODALITIES,
  SEGMENT_KEYS,
  settled,
  truthPatient,
  type TruthRead,
} from './reading-helpers';
import { readSeries, type GtSeries } from '../sample/sample-reader';

const raw = JSON.parse(readFileSync('sample-dicom/ground-truth.json', 'utf8')) as {
  patients: {
    patientId: string;
    lesions: TruthRead[];
    timepoints: { timepoint: string; exams: { kind: string; series: GtSeries[] }[] }[];
  }[];
};
const truthRaw = raw.patients.find((p) => p.patientId === 'DREAM-001');
const patient = truthPatient('DREAM-001');
const BUDGET = 45;
const SHOTS = 'test-results/full-read';

/** The slice positions (z, mm, ascending) of a timepoint's portal venous CT, from the files. */
function portalCtPositions(timepoint: string): number[] {
  const series = truthRaw?.timepoints
    .find((t) => t.timepoint === timepoint)
    ?.exams.flatMap((e) => e.series)
    .find((s) => s.role === 'CT_PORTAL');
  if (!series) throw new Error(`no ${timepoint} portal CT in ground truth`);
  return readSeries(series)
    .map((s) => s.ipp[2] ?? NaN)
    .sort((a, b) => a - b);
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const cell = (page: Page, cellId: string) =>
  page.locator(`[data-testid="reading-cell"][data-cell-id="${cellId}"]`);
const viewportOf = (page: Page, cellId: string) => cell(page, cellId).getByTestId('viewport');
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const id = el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? '';
    const at = el?.getAttribute('data-cell');
    return at ? `${id}@${at}` : id;
  });

describe('full read', () => {
  it('reads DREAM-001 through the UI, measuring every lesion, within the action budget', async () => {
    const session: BrowserSession = await openBrowser({ width: 1600, height: 1000 });
    const { page, errors } = session;
    try {
      let actions = 0;
      const log: string[] = [];
      const noScroll = async (step: string) => {
        const sizes = await page.evaluate(() => [
          document.scrollingElement?.scrollHeight ?? NaN,
          window.innerHeight,
        ]);
        expect(sizes[0], `page scrolls at: ${step}`).toBe(sizes[1]);
      };
      const act = async (what: string, run: () => Promise<unknown>, count = 1) => {
        actions += count;
        log.push(what);
        await run();
        await noScroll(what);
      };
      const press = (key: string) => act(`key ${key}`, () => page.keyboard.press(key));
      const type = (text: string) =>
        act(`type ${text}`, () => page.keyboard.type(text), text.length);
      const focusIs = (expected: string) =>
        expect.poll(() => focused(page), { timeout: 30_000 }).toBe(expected);
      const baselineZ = portalCtPositions('baseline');
      const preopZ = portalCtPositions('preop');
      const spacing = (zs: number[]) => Math.abs((zs[1] ?? NaN) - (zs[0] ?? NaN));

      // `?viewer-test` installs the read-only hook that maps a patient point to the page.
      await page.goto(`${inject('baseUrl')}?viewer-test`);
      const started = Date.now();
      await focusIs('open-patient');
      await noScroll('patient list');
      await press('Enter');
      await focusIs('reader-id');
      await type('R01');
      await press('Tab');
      await type('Ito');
      await press('Enter');
      await focusIs('viewport');
      await byTestId(page, 'add-lesion').waitFor();
      await expectAllReady(page);
      expect(await byTestId(page, 'reading-grid').getAttribute('data-layout')).toBe('2x4');
      expect(await viewportOf(page, 'r0c0').getAttribute('data-timepoint')).toBe('baseline');
      expect(await viewportOf(page, 'r1c0').getAttribute('data-timepoint')).toBe('preop');
      // The exams' registration runs in the background; waiting for it is free.
      const status = byTestId(page, 'registration-status');
      await expect
        .poll(() => status.getAttribute('data-state'), { timeout: 240_000, interval: 1000 })
        .not.toBe('running');
      expect(await status.getAttribute('data-state')).toBe('aligned');
      await noScroll('registered');

      await press('l'); // the Length tool
      const lesions = truthRaw?.lesions ?? [];
      expect(lesions.length).toBe(4);
      for (const [row, lesion] of lesions.entries()) {
        const where = patient.lesions.find((l) => l.id === lesion.id);
        const centre = where?.centre.baseline?.CT;
        const preop = where?.centre.preop?.CT;
        const r = (where?.diameterMm.baseline ?? NaN) / 2;
        if (!centre || !preop || !(r > 0)) throw new Error(`no ground truth for ${lesion.id}`);

        // The baseline CT slice through the lesion's centre, by the slice bar (one click).
        const viewport = viewportOf(page, 'r0c0');
        const index = Number(await viewport.getAttribute('data-index'));
        const position = Number(await viewport.getAttribute('data-position'));
        const ascending = Math.abs((baselineZ[index] ?? NaN) - position) < 0.01;
        if (!ascending) {
          expect(baselineZ[baselineZ.length - 1 - index]).toBeCloseTo(position, 2);
        }
        const nearest = baselineZ.reduce(
          (best, z, i) =>
            Math.abs(z - centre[2]) < Math.abs((baselineZ[best] ?? 0) - centre[2]) ? i : best,
          0,
        );
        const target = ascending ? nearest : baselineZ.length - 1 - nearest;
        const bar = cell(page, 'r0c0').getByTestId('slice-bar');
        expect(await bar.getAttribute('aria-valuemax')).toBe(String(baselineZ.length));
        const box = await bar.boundingBox();
        if (!box) throw new Error('no slice bar on the baseline CT');
        const y = box.y + ((target + 0.5) / baselineZ.length) * box.height;
        await act(`slice bar ${lesion.id}`, () => page.mouse.click(box.x + box.width / 2, y));
        await expect.poll(() => viewport.getAttribute('data-index')).toBe(String(target));
        expect(await bar.getAttribute('aria-valuenow')).toBe(String(target + 1));

        // A Length edge to edge across it (one drag), then Record (a new lesion).
        const ends = await page.evaluate(
          ([c, radius]) => [
            window.__dreamViewer?.worldToPage('vp-r0c0', [c[0] - radius, c[1], c[2]]),
            window.__dreamViewer?.worldToPage('vp-r0c0', [c[0] + radius, c[1], c[2]]),
          ],
          [centre, r] as const,
        );
        const [from, to] = ends;
        if (!from || !to) throw new Error('the viewer test hook is missing');
        await act(`length ${lesion.id}`, async () => {
          await page.mouse.move(from[0], from[1]);
          await page.mouse.down();
          await page.mouse.move(to[0], to[1], { steps: 10 });
          await page.mouse.up();
        });
        const drawn = await settled(
          page,
          async () => (await measurementValues(page, 'Length')).length,
          (n) => n === row + 1,
        );
        expect(drawn).toBe(row + 1);
        const measurement = page.locator('[data-testid="measurement"][data-tool="Length"]').last();
        expect(await measurement.getByTestId('measurement-target').inputValue()).toBe('new');
        await act(`record ${lesion.id}`, () =>
          measurement.getByTestId('measurement-record').click(),
        );
        await expect
          .poll(() =>
            measurement.getByTestId('measurement-recorded').getAttribute('data-lesion-id'),
          )
          .toBe(lesion.id);
        // The new lesion is chosen: its first pre-op call cell has the focus and every viewport
        // went to it; the pre-op CT shows its registered slice, crosshair on it.
        await focusIs(`call-cell@${row}:0`);
        expect(await byTestId(page, 'lesion-panel').getAttribute('data-timepoint')).toBe('preop');
        const preopViewport = viewportOf(page, 'r1c0');
        await expect
          .poll(
            async () =>
              Math.abs(Number(await preopViewport.getAttribute('data-position')) - preop[2]),
            {
              timeout: 30_000,
            },
          )
          .toBeLessThanOrEqual(spacing(preopZ));
        await expect
          .poll(() =>
            page.locator('svg.focus-marker[data-viewport="vp-r1c0"]').getAttribute('data-on-slice'),
          )
          .toBe('true');

        for (const key of SEGMENT_KEYS[lesion.segment] ?? []) await press(key);
        for (const modality of MODALITIES) {
          const call = lesion.calls.preop[modality];
          if (!call) throw new Error(`no ${modality} call for ${lesion.id}`);
          await press(CALL_KEY[call]);
        }
        if (row === 1) {
          mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: `${SHOTS}/mid-1600x1000.png` });
        }
      }

      expect(
        await byTestId(page, 'segment-select').evaluateAll((els) =>
          els.map((el) => (el as HTMLSelectElement).value),
        ),
      ).toEqual(lesions.map((l) => l.segment));
      expect(
        await byTestId(page, 'lesion-status').evaluateAll((els) =>
          els.map((el) => [
            el.getAttribute('data-status'),
            el.getAttribute('data-ct-dlm') === 'true',
          ]),
        ),
      ).toEqual(lesions.map((l) => [l.expected.status, l.expected.ctDlm]));

      // Sign: S, then Enter on the dialog (no gaps: every lesion has its baseline place and size).
      await press('s');
      expect(await byTestId(page, 'signer-name').inputValue()).toBe('Ito');
      expect(await byTestId(page, 'sign-gaps').count()).toBe(0);
      await press('Enter');
      await expect.poll(() => byTestId(page, 'read-state').textContent()).toMatch(/^Signed by Ito/);
      await expect
        .poll(() => byTestId(page, 'save-status').getAttribute('data-save'))
        .toBe('saved');
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`DREAM-001 full read through the UI: ${actions} user actions in ${seconds} s`);
      console.log(log.join(' | '));
      await page.screenshot({ path: `${SHOTS}/end-1600x1000.png` });

      // The export (not part of the read's count) holds ground truth's statuses and the sizes.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.keyboard.press('x'),
      ]);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        statuses: { lesionId: string; status: string; ctDlm: boolean }[];
        lesions: {
          id: string;
          segment?: string;
          baselineDiameterMm?: number;
          baselineLocation?: { point: { x: number; y: number; z: number } };
        }[];
        reader: { id: string; name: string };
      };
      expect(file.statuses.map((s) => [s.lesionId, s.status, s.ctDlm])).toEqual(
        lesions.map((l) => [l.id, l.expected.status, l.expected.ctDlm]),
      );
      expect(file.lesions.map((l) => [l.id, l.segment])).toEqual(
        lesions.map((l) => [l.id, l.segment]),
      );
      expect(file.reader).toEqual({ id: 'R01', name: 'Ito' });
      // Each Length gave its lesion's place (on the CT slice nearest the centre) and diameter
      // (within two 1.5 mm CT pixels).
      for (const lesion of file.lesions) {
        const where = patient.lesions.find((l) => l.id === lesion.id);
        const centre = where?.centre.baseline?.CT;
        if (!centre || !lesion.baselineLocation) throw new Error(`no place for ${lesion.id}`);
        expect(Math.abs(lesion.baselineLocation.point.z - centre[2])).toBeLessThanOrEqual(
          spacing(baselineZ) / 2 + 0.01,
        );
        expect(
          Math.abs((lesion.baselineDiameterMm ?? NaN) - (where?.diameterMm.baseline ?? NaN)),
        ).toBeLessThanOrEqual(3);
      }

      for (const size of [
        { width: 1920, height: 1080 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(size);
        await expect
          .poll(() => page.evaluate(() => document.scrollingElement?.scrollHeight))
          .toBe(size.height);
        await expectAllReady(page);
        await page.screenshot({ path: `${SHOTS}/room-${size.width}x${size.height}.png` });
      }
      expect(actions).toBeLessThanOrEqual(BUDGET);
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  }, 420_000);
});
