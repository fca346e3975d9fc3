/**
 * The reading screen's default DLM hanging protocol: rows baseline/pre-op, columns CT portal
 * venous, DWI highest b, ADC, EOB hepatobiliary, filled with the series ground truth names; then,
 * in DREAM-002's page, the keys that scroll and window the active viewport, one frame per step
 * (keys pressed back to back, faster than the viewport draws, all count: the viewport ends on
 * the slice the last key asked for, none lost to coalescing, and Home/End after a burst still
 * land where they say), and the dialogs that give the focus back.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import {
  cellViewport,
  lastSliceOf,
  openReading,
  seriesKeyOf,
  sliceIndex,
  truthPatient,
} from './reading-helpers';
import { canvasStats } from './viewports';

const browser = useBrowserSession();

const ROWS = ['baseline', 'preop'];
const COLUMNS = ['CT_PORTAL', 'DWI', 'ADC', 'EOB_HBP'];

/** Every cell of the open patient's 2x4 grid shows the ground-truth series of its role. */
async function expectProtocolCells(page: Page, id: string): Promise<void> {
  const truth = truthPatient(id);
  for (const [row, timepoint] of ROWS.entries()) {
    for (const [column, role] of COLUMNS.entries()) {
      const viewport = cellViewport(page, `r${row}c${column}`);
      expect(await viewport.getAttribute('data-series-key')).toBe(
        seriesKeyOf(truth, timepoint, role),
      );
      expect(await viewport.getAttribute('data-timepoint')).toBe(timepoint);
      expect(await viewport.getAttribute('data-role-key')).toMatch(
        role === 'DWI' ? /^DWI_\d+$/ : new RegExp(`^${role}$`),
      );
    }
  }
  expect(await page.locator('[data-testid="viewport"]').count()).toBe(8);
  // The ADC map (RescaleSlope 0.5, cornerstone3D #1925/#2706) must not render black.
  await expect
    .poll(async () => (await canvasStats(page, 2)).lit, { timeout: 10_000 })
    .toBeGreaterThan(0.05);
  mkdirSync('test-results', { recursive: true });
  await page.locator('.patient-view').screenshot({ path: `test-results/reading-${id}.png` });
}

describe('DLM protocol', () => {
  it('DREAM-001: every cell shows its ground-truth role', async () => {
    const { page, errors } = browser();
    await openReading(page, 'DREAM-001');
    await expectProtocolCells(page, 'DREAM-001');
    expect(errors).toEqual([]);
  });
});

// One open of DREAM-002 for all of these: none of the checks needs a fresh page, and the grid's
// check comes first, before any key changes a viewport.
describe('DREAM-002: protocol, keyboard and dialogs', () => {
  it('every cell shows its ground-truth role; keys scroll and window the active viewport, a burst of arrow keys ends on the latest slice asked for; the help and the tag browser give the focus back', async () => {
    const { page, errors } = browser();
    await openReading(page, 'DREAM-002');
    await expectProtocolCells(page, 'DREAM-002');

    const ct = cellViewport(page, 'r0c0');
    const cell = page.locator('[data-testid="reading-cell"][data-cell-id="r0c0"]');
    await ct.focus();
    const last = lastSliceOf('DREAM-002', 'baseline', 'CT_PORTAL');
    await page.keyboard.press('End');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(last);
    await page.keyboard.press('PageUp');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(last - 5);
    await page.keyboard.press('Home');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(0);

    // One frame per step: pressed without waiting for a draw, the steps arrive within a few
    // frames; none is lost, and End after a burst still lands where it says.
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(12);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => sliceIndex(page, 'r0c0')).toBe(last - 1);

    await page.keyboard.press('2'); // CT liver window 150/88
    await expect.poll(() => cell.locator('.overlay-br').textContent()).toContain('W 150 L 88');
    await page.keyboard.press('1'); // CT abdomen 400/40
    await expect.poll(() => cell.locator('.overlay-br').textContent()).toContain('W 400 L 40');
    await page.keyboard.press('i');
    await expect.poll(() => cell.locator('.overlay-br').textContent()).toContain('inverted');

    // Dialogs, in the same page (none of the above matters to them): the shortcut help and the
    // tag browser take the focus and give it back.
    const opener = page.getByTestId('shortcut-help-button');
    await opener.click();
    const help = page.getByTestId('shortcut-help');
    await expect.poll(() => help.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await opener.evaluate((e) => e === document.activeElement)).toBe(true);

    const tagsButton = cell.getByTestId('tags-button');
    await tagsButton.click();
    const tags = page.getByTestId('tag-browser');
    await expect.poll(() => tags.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await tags.locator('tr[data-tag="imagePositionPatient"] td').textContent()).toMatch(
      /^-?[\d.]+\\-?[\d.]+\\-?[\d.]+$/,
    );
    await tags.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => tags.count()).toBe(0);
    expect(await tagsButton.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    // The work of two tests before (the grid's check, the keys), in one page: a ceiling to match.
  }, 120_000);
});
