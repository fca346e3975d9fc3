/**
 * Shared steps of the reading-screen browser tests: open a patient with the test hook on, find
 * viewports by grid cell, read ground truth.
 */
import { readFileSync } from 'node:fs';
import { expect, inject } from 'vitest';
import type { Page } from 'playwright-core';

export type Point = [number, number, number];

export interface TruthSeries {
  role: string;
  seriesInstanceUid: string;
  bValues?: number[];
}
export interface TruthLesion {
  id: string;
  diameterMm: Record<string, number>;
  centre: Record<string, { CT: Point; MR: Point }>;
  trueAdc: Record<string, number>;
}
export interface TruthPatient {
  patientId: string;
  timepoints: { timepoint: string; exams: { kind: string; series: TruthSeries[] }[] }[];
  lesions: TruthLesion[];
}

export const truth = (
  JSON.parse(readFileSync('sample-dicom/ground-truth.json', 'utf8')) as {
    patients: TruthPatient[];
  }
).patients;

export function truthPatient(id: string): TruthPatient {
  const patient = truth.find((p) => p.patientId === id);
  if (!patient) throw new Error(`no ground truth for ${id}`);
  return patient;
}

/** The series key the app gives a ground-truth series of a role (DWI: its highest b stack). */
export function seriesKeyOf(patient: TruthPatient, timepoint: string, role: string): string {
  const series = patient.timepoints
    .find((t) => t.timepoint === timepoint)
    ?.exams.flatMap((e) => e.series)
    .find((s) => s.role === role);
  if (!series) throw new Error(`${patient.patientId} ${timepoint} has no ${role}`);
  const top = series.bValues ? Math.max(...series.bValues) : undefined;
  return top === undefined ? series.seriesInstanceUid : `${series.seriesInstanceUid}:b${top}`;
}

/** The viewport element of a grid cell ('r0c0' is the top left). */
export const cellViewport = (page: Page, cellId: string) =>
  page.locator(`[data-testid="reading-cell"][data-cell-id="${cellId}"] [data-testid="viewport"]`);

/** Waits until every viewport of the grid has settled, and expects all of them ready. */
export async function expectAllReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const all = [...document.querySelectorAll('[data-testid="viewport"]')];
      return all.length > 0 && all.every((e) => e.getAttribute('data-state') !== 'loading');
    },
    undefined,
    { timeout: 45_000 },
  );
  const states = await page
    .locator('[data-testid="viewport"]')
    .evaluateAll((all) => all.map((e) => e.getAttribute('data-state')));
  expect(states.every((s) => s === 'ready')).toBe(true);
}

/**
 * Opens the patient on the reading screen, with the test hook (`?viewer-test`) installed;
 * `query` adds URL parameters (`&registration=off`).
 */
export async function openReading(page: Page, patientId: string, query = ''): Promise<void> {
  await page.goto(`${inject('baseUrl')}?viewer-test${query}`);
  await page
    .locator(`[data-testid="open-patient"][data-patient-id="${patientId}"]`)
    .click({ timeout: 60_000 });
  await expect.poll(() => page.locator('[data-testid="viewport"]').count()).toBeGreaterThan(0);
  await expectAllReady(page);
}

/** Switches the grid layout and waits for its viewports. */
export async function chooseLayout(page: Page, layout: string): Promise<void> {
  await page.getByTestId(`layout-${layout}`).click();
  await expect
    .poll(() => page.getByTestId('reading-grid').getAttribute('data-layout'))
    .toBe(layout);
  await expectAllReady(page);
}

/** Puts a series into a cell through its series menu and waits until it is shown. */
export async function chooseSeries(page: Page, cellId: string, seriesKey: string): Promise<void> {
  await page
    .locator(`[data-testid="reading-cell"][data-cell-id="${cellId}"]`)
    .getByLabel('Series for this viewport')
    .selectOption(seriesKey);
  const viewport = cellViewport(page, cellId);
  await expect.poll(() => viewport.getAttribute('data-series-key')).toBe(seriesKey);
  await expect.poll(() => viewport.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
}

/** The slice index a viewport shows (from its data-index attribute). */
export async function sliceIndex(page: Page, cellId: string): Promise<number> {
  return Number(await cellViewport(page, cellId).getAttribute('data-index'));
}

/** Scrolls a viewport to the slice nearest a patient point and returns the point's page position. */
export async function pointOnPage(
  page: Page,
  cellId: string,
  point: Point,
): Promise<[number, number]> {
  const viewportId = `vp-${cellId}`;
  await page.evaluate(async ([id, p]) => window.__dreamViewer?.showSliceAt(id, p), [
    viewportId,
    point,
  ] as const);
  const xy = await page.evaluate(([id, p]) => window.__dreamViewer?.worldToPage(id, p), [
    viewportId,
    point,
  ] as const);
  if (!xy) throw new Error('the viewer test hook is missing (?viewer-test)');
  return xy;
}

/** The values of the measurements listed for a tool, newest last. */
export async function measurementValues(
  page: Page,
  tool: string,
): Promise<Record<string, number>[]> {
  return page
    .locator(`[data-testid="measurement"][data-tool="${tool}"]`)
    .evaluateAll((items) =>
      items.map(
        (item) => JSON.parse(item.getAttribute('data-values') ?? '{}') as Record<string, number>,
      ),
    );
}

/** A left-button drag from one page point to another, in 10 steps. */
export async function drag(page: Page, from: [number, number], to: [number, number]) {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(to[0], to[1], { steps: 10 });
  await page.mouse.up();
}

/**
 * cornerstone recomputes cached stats on the animation frames after a drag, so a value read at
 * once can be that of an intermediate mouse step: read until two reads two frames apart agree.
 */
export async function settled<T>(
  page: Page,
  read: () => Promise<T>,
  ready: (value: T) => boolean,
): Promise<T> {
  let previous: string | undefined;
  let value: T | undefined;
  await expect
    .poll(
      async () => {
        await page.evaluate(
          () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
        );
        value = await read();
        const key = JSON.stringify(value);
        const same = ready(value) && key === previous;
        previous = key;
        return same;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return value as T;
}
