/**
 * The reading room fits the window (src/ui/ReadingScreen.tsx, Dock.tsx, app.css): at 1600x1000,
 * 1920x1080 and 1280x800 the page never scrolls (`scrollHeight` is the window's height) and the
 * grid, lesion panel and read bar are inside the window, on the reading screen and on central
 * review. The wheel over an image changes its slice and scrolls nothing; double-click and the
 * key maximise a viewport and bring the grid back; in 1x1 a click in the series tree changes
 * the one visible cell. Two page loads: the sizes are changed on the open page, and a reload at
 * 1280x800 shows the room as it opens there (the reader is remembered, so not asked again);
 * central review comes last (going back to reading mounts the whole grid again, which is slow).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import {
  appUrl,
  cellViewport,
  chooseLayout,
  expectAllReady,
  lengthAcross,
  openReading,
  setReader,
  truthPatient,
} from './reading-helpers';
import { discordantReads } from './review-fixtures';

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;

type Box = { left: number; top: number; right: number; bottom: number };

/** The page's scroll size and the boxes of the given elements (null when absent). */
async function measure(page: Page, selectors: Record<string, string>) {
  // Two frames: the layout (and cornerstone's resize) has followed a size change.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  return page.evaluate((wanted) => {
    const boxes: Record<string, Box | null> = {};
    for (const [name, selector] of Object.entries(wanted)) {
      const element = document.querySelector(selector);
      const r = element?.getBoundingClientRect();
      boxes[name] = r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
    }
    const root = document.scrollingElement as Element;
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      width: window.innerWidth,
      height: window.innerHeight,
      scrollY: window.scrollY,
      boxes,
    };
  }, selectors);
}

/** No page scroll, and every named element has a box inside the window. */
async function expectFits(page: Page, selectors: Record<string, string>, where: string) {
  const m = await measure(page, selectors);
  expect(m.scrollHeight, `${where}: page height`).toBe(m.height);
  expect(m.scrollWidth, `${where}: page width`).toBe(m.width);
  expect(m.scrollY, `${where}: scrolled`).toBe(0);
  for (const [name, box] of Object.entries(m.boxes)) {
    expect(box, `${where}: ${name} shown`).not.toBeNull();
    if (!box) continue;
    expect(box.bottom - box.top, `${where}: ${name} height`).toBeGreaterThan(20);
    expect(
      box.left >= 0 && box.top >= 0 && box.right <= m.width && box.bottom <= m.height,
      `${where}: ${name} ${JSON.stringify(box)} in ${m.width}x${m.height}`,
    ).toBe(true);
  }
}

const ROOM = {
  grid: '[data-testid="reading-grid"]',
  lesionPanel: '[data-testid="lesion-panel"]',
  readBar: '[data-testid="read-bar"]',
};
const REVIEW = {
  header: '.app-header',
  review: '[data-testid="review-screen"]',
  patients: '.review-patients',
  // The adjudication of the chosen patient scrolls inside this pane.
  work: '[data-testid="review-main"]',
};

const maximised = (page: Page) => page.getByTestId('reading-grid').getAttribute('data-maximised');
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

describe('the reading room fits the window', () => {
  let session: BrowserSession;
  beforeEach(async () => {
    session = await openBrowser(SIZES[0]);
  });
  afterEach(async () => {
    await session.close();
  });

  it('at every size, on reading and central review; wheel, maximise and 1x1 behave', async () => {
    const { page, errors } = session;
    // With the registration on: its status line above the grid takes room too.
    await page.goto(appUrl('viewer-test', { registration: true }));
    await page
      .locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]')
      .click({ timeout: 60_000 });
    await expectAllReady(page);

    // Who is reading: asked in the lesion dock with the focus on its first field, which
    // scrolls nothing; answered, the focus goes to the images.
    await expect.poll(() => focusedTestId(page)).toBe('reader-id');
    await expectFits(
      page,
      { grid: ROOM.grid, lesionPanel: ROOM.lesionPanel, prompt: '[data-testid="reader-dialog"]' },
      'reader prompt',
    );
    await page.getByTestId('reader-id').fill('R01');
    await page.getByTestId('reader-name').fill('Dr Ito');
    await page.getByTestId('reader-save').click();
    await page.getByTestId('add-lesion').waitFor();
    expect(await focusedTestId(page)).toBe('viewport');
    await page.getByTestId('add-lesion').click();
    await page.getByTestId('add-lesion').click();
    await expect.poll(() => page.getByTestId('lesion-row').count()).toBe(2);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectFits(page, ROOM, `reading ${size.width}x${size.height}`);
    }
    await page.setViewportSize(SIZES[0]);

    // The wheel over an image: the next slice, and nothing scrolls.
    const first = cellViewport(page, 'r0c0');
    const before = Number(await first.getAttribute('data-index'));
    const box = await first.boundingBox();
    if (!box) throw new Error('no viewport box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 120);
    await expect.poll(async () => Number(await first.getAttribute('data-index'))).not.toBe(before);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectFits(page, ROOM, 'after the wheel');

    // Double-click maximises a viewport over the grid (its canvas follows); again restores.
    const second = cellViewport(page, 'r0c1');
    await second.dblclick();
    await expect.poll(() => maximised(page)).toBe('r0c1');
    const grid = await page.getByTestId('reading-grid').boundingBox();
    if (!grid) throw new Error('no grid box');
    await expect
      .poll(async () => (await second.locator('canvas').boundingBox())?.width ?? 0)
      .toBeGreaterThan(grid.width * 0.9);
    expect(await cellViewport(page, 'r0c0').isVisible()).toBe(false);
    await second.dblclick();
    await expect.poll(() => maximised(page)).toBe('');
    await expect
      .poll(async () => (await second.locator('canvas').boundingBox())?.width ?? 0)
      .toBeLessThan(grid.width * 0.5);
    // The key does the same on the active viewport (F by default, in the shortcut help).
    await second.focus();
    await page.keyboard.press('f');
    await expect.poll(() => maximised(page)).toBe('r0c1');
    await page.keyboard.press('f');
    await expect.poll(() => maximised(page)).toBe('');

    // In 1x1 the active cell is the visible one: a tree click changes what it shows.
    await cellViewport(page, 'r1c2').click();
    await chooseLayout(page, '1x1');
    const only = cellViewport(page, 'r0c0');
    const shown = await only.getAttribute('data-series-key');
    const other = page.locator(
      `[data-testid="series-item"]:not([data-series-key="${shown}"])[data-role-key="T2"]`,
    );
    const key = await other.first().getAttribute('data-series-key');
    await other.first().locator('canvas').click();
    await expect.poll(() => only.getAttribute('data-series-key')).toBe(key);
    await expectAllReady(page);
    expect(await page.getByTestId('viewport').count()).toBe(1);
    await chooseLayout(page, '2x4');

    // Opened at 1280x800: the room as it first lays out there, the reader not asked again.
    await page.setViewportSize(SIZES[2]);
    await page.reload();
    await expectAllReady(page);
    await page.getByTestId('read-bar').waitFor();
    expect(await page.getByTestId('reader-dialog').count()).toBe(0);
    await expectFits(page, ROOM, 'reading 1280x800 after a reload');

    // Central review, with two readers' reads loaded (a long page before).
    const { reader1, reader2 } = await discordantReads();
    await page.getByTestId('review-mode').click();
    await page.getByTestId('review-files').setInputFiles([
      { name: 'r01.json', mimeType: 'application/json', buffer: Buffer.from(reader1.json) },
      { name: 'r02.json', mimeType: 'application/json', buffer: Buffer.from(reader2.json) },
    ]);
    await expect.poll(() => page.getByTestId('discordance').count()).toBeGreaterThan(0);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectFits(page, REVIEW, `review ${size.width}x${size.height}`);
    }

    expect(errors).toEqual([]);
  }, 150_000);

  it('at 1600x1000 a mouse-and-key read keeps every lesion, call and status in view', async () => {
    const { page, errors } = session;
    await openReading(page, 'DREAM-001');
    await setReader(page);
    await chooseLayout(page, '1x1');
    const live = () => page.getByTestId('lesion-row').count();
    const focusedCell = () =>
      page.evaluate(() => {
        const e = document.activeElement;
        return `${e?.getAttribute('data-lesion-id')}:${e?.getAttribute('data-modality')}`;
      });
    const lesions = truthPatient('DREAM-001').lesions;

    // A PACS reader double-clicks Record: one lesion, kept (the second click is not an Undo),
    // and after every Record the focus is on the new lesion's first call cell.
    for (const [i, lesion] of lesions.slice(0, 2).entries()) {
      const centre = lesion.centre.baseline?.CT;
      const diameter = lesion.diameterMm.baseline;
      if (!centre || diameter === undefined) throw new Error(`no truth for ${lesion.id}`);
      await lengthAcross(page, 'r0c0', centre, diameter);
      const row = page.locator('[data-testid="measurement"][data-tool="Length"]').nth(i);
      await row.getByTestId('measurement-record').dblclick();
      await row.getByTestId('measurement-recorded').waitFor();
      const id = `L${i + 1}`;
      expect(await row.getByTestId('measurement-recorded').getAttribute('data-lesion-id')).toBe(id);
      await expect.poll(focusedCell).toBe(`${id}:CT`);
      expect(await live()).toBe(i + 1);
    }
    // Its own Undo comes back once a double-click's time is over, named apart from the read
    // bar's Undo (which takes back the read's last change, whatever it was).
    const firstRow = page.locator('[data-testid="measurement"][data-tool="Length"]').last();
    await expect.poll(() => firstRow.getByTestId('measurement-undo-record').isEnabled()).toBe(true);
    expect(await firstRow.getByTestId('measurement-undo-record').textContent()).toBe('Undo record');
    expect(await page.getByTestId('undo').textContent()).toBe('↶ Undo');
    expect(await live()).toBe(2);

    // A click on a call moves on like its key: D clicked on CT, then N N N for the MR groups.
    const l1 = (modality: string) =>
      page.locator(`[data-testid="call-cell"][data-lesion-id="L1"][data-modality="${modality}"]`);
    await l1('CT').locator('[data-choice="disappeared"]').click();
    await expect.poll(focusedCell).toBe('L1:DWI');
    for (let i = 0; i < 3; i++) await page.keyboard.press('n');
    const calls = await page
      .locator('[data-testid="call-cell"][data-lesion-id="L1"]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-call')));
    expect(calls).toEqual(['disappeared', 'not-evaluable', 'not-evaluable', 'not-evaluable']);
    // The pressed call clicked again unsets it, and the focus stays.
    await l1('CT').locator('[data-choice="disappeared"]').click();
    await expect.poll(() => l1('CT').getAttribute('data-call')).toBe('unset');
    expect(await focusedCell()).toBe('L1:CT');

    // Every lesion's derived status is inside the dock at its default width, and the matrix
    // needs no sideways scroll.
    const inView = () =>
      page.evaluate(() => {
        const panel = document.querySelector('[data-testid="lesion-panel"]');
        const matrix = document.querySelector('[data-testid="call-matrix"]');
        if (!panel || !matrix) return 'no panel';
        const box = panel.getBoundingClientRect();
        const out = [...document.querySelectorAll('[data-testid="lesion-status"]')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width === 0 || r.left < box.left || r.right > box.right);
        return `${out.length} statuses out; sideways ${matrix.scrollWidth - matrix.clientWidth}`;
      });
    expect(await inView()).toBe('0 statuses out; sideways 0');

    // Narrowed to its least, the dock scrolls the matrix sideways: a cell given the focus by a
    // key comes into view.
    const edge = page.getByTestId('dock-edge-lesions');
    await edge.focus();
    for (let i = 0; i < 20; i++) await edge.press('ArrowRight');
    await l1('CT').focus();
    await page.keyboard.press('End');
    await expect.poll(focusedCell).toBe('L1:EOB');
    const shown = await l1('EOB').evaluate((cell) => {
      const matrix = cell.closest('[data-testid="call-matrix"]')?.getBoundingClientRect();
      const r = cell.getBoundingClientRect();
      return matrix !== undefined && r.left >= matrix.left - 1 && r.right <= matrix.right + 1;
    });
    expect(shown).toBe(true);

    // Dragged with the mouse, the edge follows the pointer: 180 px left, 180 px wider, and kept.
    // The release comes at once after the last move (as from a quick hand), before the room
    // has drawn that move: the width is the release's, not the last one drawn.
    const narrow = Number(await edge.getAttribute('aria-valuenow'));
    const grip = await edge.boundingBox();
    if (!grip) throw new Error('no dock edge box');
    const y = grip.y + grip.height / 2;
    await page.mouse.move(grip.x + grip.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 - 20, y);
    await Promise.all([page.mouse.move(grip.x + grip.width / 2 - 180, y), page.mouse.up()]);
    await expect
      .poll(async () => Number(await edge.getAttribute('aria-valuenow')))
      .toBe(narrow + 180);
    const kept = await page.evaluate(() => localStorage.getItem('dream-reader.dock.lesions'));
    expect((JSON.parse(kept ?? '{}') as { width?: number }).width).toBe(narrow + 180);

    // The lesion dock's timepoint select is named by its label.
    expect(await page.getByLabel('Timepoint', { exact: true }).getAttribute('data-testid')).toBe(
      'timepoint-select',
    );

    // With the series dock (and its measurement list) folded, the newest measurement's Record
    // is in the lesion dock.
    await page.getByTestId('dock-toggle-series').click();
    const third = lesions[2]?.centre.baseline?.CT;
    const diameter = lesions[2]?.diameterMm.baseline;
    if (!third || diameter === undefined) throw new Error('no truth for the third lesion');
    await lengthAcross(page, 'r0c0', third, diameter);
    const newest = page.getByTestId('newest-measurement');
    await newest.getByTestId('measurement-record').click();
    await newest.getByTestId('measurement-recorded').waitFor();
    expect(await live()).toBe(3);
    await expect.poll(focusedCell).toBe('L3:CT');

    // Or with its key (Ctrl+Enter by default, in the shortcut help), wherever the focus is.
    const fourth = lesions[3]?.centre.baseline?.CT;
    const fourthDiameter = lesions[3]?.diameterMm.baseline;
    if (!fourth || fourthDiameter === undefined) throw new Error('no truth for the fourth lesion');
    await lengthAcross(page, 'r0c0', fourth, fourthDiameter);
    await expect.poll(() => newest.getByTestId('measurement-record').count()).toBe(1);
    await page.keyboard.press('Control+Enter');
    await newest.getByTestId('measurement-recorded').waitFor();
    expect(await live()).toBe(4);
    await expect.poll(focusedCell).toBe('L4:CT');

    expect(errors).toEqual([]);
  }, 150_000);
});
