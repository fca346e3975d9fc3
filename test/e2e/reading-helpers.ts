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
  instances: number;
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
  timepoints: {
    timepoint: string;
    exams: {
      kind: string;
      series: TruthSeries[];
      /** The exam's known motion: baseline CT patient mm -> this exam's patient mm (4x4). */
      fromBaselineCt?: { matrix: number[][] };
    }[];
  }[];
  lesions: TruthLesion[];
}

/** A lesion's read in ground truth: its segment, pre-operative calls and expected status. */
export interface TruthRead {
  id: string;
  segment: string;
  calls: { preop: Record<string, 'present' | 'disappeared'> };
  expected: { status: string; ctDlm: boolean };
}

/** Ground truth names modalities as the seed does, in the call matrix's column order. */
export const MODALITIES = ['CT', 'DWI', 'T1/T2', 'EOB'] as const;
/** The call keys of the matrix. */
export const CALL_KEY = { present: 'p', disappeared: 'd' } as const;
/** Segment keys in the matrix: the digit, and 4 twice for IVb. */
export const SEGMENT_KEYS: Readonly<Record<string, readonly string[]>> = {
  I: ['1'],
  II: ['2'],
  III: ['3'],
  IVa: ['4'],
  IVb: ['4', '4'],
  V: ['5'],
  VI: ['6'],
  VII: ['7'],
  VIII: ['8'],
};

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

/** Where a baseline CT point lies in another exam of the patient, by the sample's known motion. */
export function knownMotion(
  patient: TruthPatient,
  timepoint: string,
  kind: string,
  p: Point,
): Point {
  const exam = patient.timepoints
    .find((t) => t.timepoint === timepoint)
    ?.exams.find((e) => e.kind === kind);
  const m = exam?.fromBaselineCt?.matrix;
  if (!m) throw new Error(`no known motion for ${patient.patientId} ${timepoint} ${kind}`);
  const row = (i: number) => m[i]![0]! * p[0] + m[i]![1]! * p[1] + m[i]![2]! * p[2] + m[i]![3]!;
  return [row(0), row(1), row(2)];
}

/** The index of the last slice of a ground-truth series (its instance count less one). */
export function lastSliceOf(id: string, timepoint: string, role: string): number {
  const series = truthPatient(id)
    .timepoints.find((t) => t.timepoint === timepoint)
    ?.exams.flatMap((e) => e.series)
    .find((s) => s.role === role);
  if (!series) throw new Error(`no ${role} at ${timepoint} for ${id}`);
  return series.instances - 1;
}

/** A patient's lesions as ground truth reads them (segment, pre-op calls, expected status). */
export function truthReads(id: string): TruthRead[] {
  return (truthPatient(id) as unknown as { lesions: TruthRead[] }).lesions;
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
 * The app's address for a browser test, with `query` (no '?') and `registration=off`: the exams'
 * registration (elastix, seconds of CPU on every patient open) is left out of every test that is
 * not about the alignment of the exams. Those that are pass `{ registration: true }`
 * (docs/testing.md).
 */
export function appUrl(query = '', options: { registration?: boolean } = {}): string {
  const parts = [query, options.registration === true ? '' : 'registration=off'];
  const search = parts.filter((part) => part !== '').join('&');
  return `${inject('baseUrl')}${search === '' ? '' : `?${search}`}`;
}

/** Opens the patient on the reading screen, with the test hook (`?viewer-test`) installed. */
export async function openReading(
  page: Page,
  patientId: string,
  options: { registration?: boolean } = {},
): Promise<void> {
  await page.goto(appUrl('viewer-test', options));
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

/** Says who reads in the lesion dock's prompt and waits until the read can start. */
export async function setReader(page: Page, id = 'R01', name = 'Dr Ito'): Promise<void> {
  await page.getByTestId('reader-id').fill(id);
  await page.getByTestId('reader-name').fill(name);
  await page.getByTestId('reader-save').click();
  await page.getByTestId('add-lesion').waitFor();
}

/**
 * Draws a Length through a lesion's centre (patient mm), left to right across its diameter, in
 * a cell's viewport, and returns the length cornerstone measured once it has settled.
 */
export async function lengthAcross(
  page: Page,
  cellId: string,
  centre: Point,
  diameterMm: number,
): Promise<number> {
  const r = diameterMm / 2;
  const left = await pointOnPage(page, cellId, [centre[0] - r, centre[1], centre[2]]);
  const right = await pointOnPage(page, cellId, [centre[0] + r, centre[1], centre[2]]);
  await page.getByTestId('tool-Length').click();
  await drag(page, left, right);
  return settled(
    page,
    async () => (await measurementValues(page, 'Length')).at(-1)?.length ?? NaN,
    (value) => value > 0,
  );
}

/**
 * The opening of the tests that record a lesion by measuring it: the grid in 1x1 (the baseline
 * CT) and a Length across the lesion at its baseline CT centre. Returns the length.
 */
export async function lengthOnBaselineCt(page: Page, lesion: TruthLesion): Promise<number> {
  const centre = lesion.centre.baseline?.CT;
  const diameter = lesion.diameterMm.baseline;
  if (!centre || diameter === undefined) throw new Error(`no baseline CT truth for ${lesion.id}`);
  await chooseLayout(page, '1x1');
  return lengthAcross(page, 'r0c0', centre, diameter);
}

/**
 * Records the newest measurement of a tool: on `target` ('new', or a lesion id) when given, else
 * on the first target its menu offers. Waits until it is recorded; returns the lesion's id.
 */
export async function recordLast(
  page: Page,
  tool = 'Length',
  target?: string,
): Promise<string | null> {
  const row = page.locator(`[data-testid="measurement"][data-tool="${tool}"]`).last();
  if (target !== undefined) await row.getByTestId('measurement-target').selectOption(target);
  await row.getByTestId('measurement-record').click();
  const recorded = row.getByTestId('measurement-recorded');
  await recorded.waitFor();
  return recorded.getAttribute('data-lesion-id');
}

/** Everything a reader can read on the page, hidden overlays' text included. */
export function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll(
      '[title], [aria-label], [alt], [placeholder], [aria-description]',
    )) {
      for (const name of ['title', 'aria-label', 'alt', 'placeholder', 'aria-description']) {
        parts.push(element.getAttribute(name) ?? '');
      }
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input, textarea')) {
      parts.push(input.value);
    }
    return parts.join('\n');
  });
}
