/**
 * Hanging protocols in the browser: a deep link to one study with one CT series opens a 1x1 grid;
 * the sample opens in the DLM protocol with no empty cell, and the protocol select reaches the
 * T1/T2 protocol, which a new tab then opens the study with (kept per study in localStorage).
 * Which protocol wins on which study is a Node test (test/domain/hanging/match.test.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { expectAllReady, openReading, truthPatient, appUrl } from './reading-helpers';

const browser = useBrowserSession();

const grid = (page: Page) => page.getByTestId('reading-grid');
const viewports = (page: Page) => page.locator('[data-testid="viewport"]');
const emptyCells = (page: Page) => page.locator('[data-testid="viewport-empty"]');
const roleKeys = (page: Page) =>
  viewports(page).evaluateAll((all) => all.map((e) => e.getAttribute('data-role-key')));

describe('hanging protocols', () => {
  it('a single-series study link opens 1x1 with no empty cell', async () => {
    const { page, errors } = browser();
    // The pre-op CT exam of DREAM-001 is one study with one series (portal venous).
    const exam = truthPatient('DREAM-001')
      .timepoints.find((t) => t.timepoint === 'preop')
      ?.exams.find((e) => e.kind === 'CT') as unknown as { studyInstanceUid: string } | undefined;
    if (!exam) throw new Error('no pre-op CT exam in the ground truth');
    const server = `${inject('baseUrl')}dicom-web`;
    await page.goto(
      appUrl(`sample=off&dicomweb=${encodeURIComponent(server)}`) +
        `&StudyInstanceUIDs=${exam.studyInstanceUid}`,
    );
    await expect.poll(() => viewports(page).count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expectAllReady(page);
    expect(await grid(page).getAttribute('data-layout')).toBe('1x1');
    expect(await grid(page).getAttribute('data-protocol')).toBe('ct');
    expect(await viewports(page).count()).toBe(1);
    expect(await emptyCells(page).count()).toBe(0);
    expect(await roleKeys(page)).toEqual(['CT_PORTAL']);
    expect(errors).toEqual([]);
  });

  it('the sample opens with no empty cell; the select reaches T1/T2 and is kept for the study', async () => {
    const { page, errors, context } = browser();
    await openReading(page, 'DREAM-001');
    expect(await grid(page).getAttribute('data-layout')).toBe('2x4');
    expect(await grid(page).getAttribute('data-protocol')).toBe('dlm');
    expect(await emptyCells(page).count()).toBe(0);
    expect(await roleKeys(page)).not.toContain('T2');

    const select = page.getByTestId('protocol-select');
    const offered = await select
      .locator('option')
      .evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['dlm', 'dlm-t1t2', 'mr', 'ct', 'series']);
    await select.selectOption('dlm-t1t2');
    await expect.poll(() => grid(page).getAttribute('data-protocol')).toBe('dlm-t1t2');
    await expectAllReady(page);
    const row = ['CT_PORTAL', 'T2', 'T1', 'EOB_HBP'];
    expect(await roleKeys(page)).toEqual([...row, ...row]);
    expect(await emptyCells(page).count()).toBe(0);

    // A new tab (its own sessionStorage, the same localStorage) opens the study in T1/T2.
    const other = await context.newPage();
    other.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await openReading(other, 'DREAM-001');
    expect(await grid(other).getAttribute('data-protocol')).toBe('dlm-t1t2');
    expect(await other.getByTestId('protocol-select').inputValue()).toBe('dlm-t1t2');
    await other.close();
    expect(errors).toEqual([]);
  });
});
