/**
 * Accessibility (WCAG 2.2 AA): axe-core finds no violation on the study list (English
 * and Japanese), the reading screen of DREAM-001 with a lesion in the lesion panel, every dialog
 * of the reading screen (shortcut help, tag browser, sign, remove lesion, reader identity) and the
 * central review screen with two reads loaded, a discordance shown on the images and the consensus
 * read built; also the DICOMweb results table and a signed read's amend dialog.
 *
 * axe runs in the page itself, under the production build's Content-Security-Policy: its source
 * goes in through page.evaluate (DevTools' Runtime.evaluate, which the CSP does not govern), not
 * through a <script> tag the CSP would block. Nothing is excluded from the scan.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { expectAllReady, appUrl } from './reading-helpers';
import { discordantReads } from './review-fixtures';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

interface AxeSummary {
  violations: AxeViolation[];
  passed: string[];
  /** Rules axe could not decide on some node, each with those nodes' targets. */
  undecided: { id: string; targets: string[] }[];
}

/** Runs axe on the whole page (axe is loaded into it once). */
async function runAxe(page: Page): Promise<AxeSummary> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
      elementRef: true,
    })) as {
      violations: AxeViolation[];
      passes: { id: string }[];
      incomplete: {
        id: string;
        nodes: {
          target: unknown[];
          element?: Element;
          any: { data?: { messageKey?: string } | null }[];
        }[];
      }[];
    };
    return {
      violations: result.violations,
      passed: result.passes.map((rule) => rule.id),
      undecided: result.incomplete.map((rule) => ({
        id: rule.id,
        targets: rule.nodes.map(
          (node) =>
            `${JSON.stringify(node.target)}` +
            (node.element?.closest('dialog[open]') ? ' in a modal' : '') +
            ` (${node.any.map((c) => c.data?.messageKey ?? '?').join(',')})`,
        ),
      })),
    };
  }, TAGS);
}

/**
 * Contrast axe cannot compute, by axe's reason, and why each is fine (checked by hand):
 *  - imgNode, bgImage: text over the images (a canvas under it): the viewport overlays have a
 *    70% black backing (app.css, .viewport-overlays span), the review's mark labels a black halo;
 *  - nonBmp: icon glyphs (status icons, the review legend's ○ □), each beside the words that say
 *    the same thing, in the text colour or in #4dd0ff / #ffb347 (over 8:1 on the panel);
 *  - bgOverlap in a modal <dialog>: axe's element stack does not model the top layer, so over a
 *    long page it sees the page under the dialog as overlapping it (axe-core issue #4441 and
 *    kin). The same dialogs are decided (and pass) over the study list, in the first test;
 *  - elmPartiallyObscured: text partly scrolled out of a panel that scrolls inside itself (the
 *    reading room's docks fit the window, so a long lesion panel scrolls); the same cells are
 *    decided, and pass, while in view (the reading screen, earlier in the same test).
 */
const UNDECIDABLE_CONTRAST =
  /( in a modal \(bgOverlap\)|\((imgNode|bgImage|nonBmp|elmPartiallyObscured)\))$/;

/**
 * Expects no violation, printing each one (id, impact, target) when there are some. Whatever axe
 * leaves undecided must be explained (UNDECIDABLE_CONTRAST), and colour contrast must have been
 * checked on the screen, not skipped.
 */
async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations, passed, undecided } = await runAxe(page);
  const found = violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help} at ${JSON.stringify(node.target)}` +
        (node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
    ),
  );
  const unexplained = undecided.flatMap(({ id, targets }) =>
    targets
      .filter((target) => id !== 'color-contrast' || !UNDECIDABLE_CONTRAST.test(target))
      .map((target) => `${id} undecided at ${target}`),
  );
  console.log(
    `axe on ${what}: ${found.length} violations, ${passed.length} rules passed` +
      (undecided.length > 0 ? `, undecided: ${undecided.map((u) => u.id).join(', ')}` : ''),
  );
  if (found.length > 0) console.log(`  ${found.join('\n  ')}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
  expect(unexplained, `axe left these undecided on ${what}`).toEqual([]);
  expect([...passed, ...undecided.map((u) => u.id)]).toContain('color-contrast');
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

const browser = useBrowserSession();

async function waitForStudyList(page: Page) {
  await expect
    .poll(() => byTestId(page, 'open-patient').count(), { timeout: 60_000 })
    .toBeGreaterThan(0);
}

async function setReader(page: Page, id: string, name: string) {
  await byTestId(page, 'reader-change').click();
  await byTestId(page, 'reader-modal').locator('[data-testid="reader-id"]').fill(id);
  await byTestId(page, 'reader-modal').locator('[data-testid="reader-name"]').fill(name);
  await byTestId(page, 'reader-modal').locator('[data-testid="reader-save"]').click();
  await expect.poll(() => byTestId(page, 'reader-change').textContent()).toContain(id);
}

describe('axe-core (WCAG 2.2 AA)', () => {
  it('the study list, in English and Japanese, and the reader dialog', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl());
    await waitForStudyList(page);
    await expectNoViolations(page, 'the study list');

    await byTestId(page, 'reader-change').click();
    await byTestId(page, 'reader-modal').locator('[data-testid="reader-id"]').waitFor();
    await expectNoViolations(page, 'the reader dialog');
    await byTestId(page, 'reader-modal').locator('[data-testid="reader-id"]').fill('R01');
    await byTestId(page, 'reader-modal').locator('[data-testid="reader-name"]').fill('Dr Ito');
    await byTestId(page, 'reader-modal').locator('[data-testid="reader-save"]').click();
    // With a reader, each patient shows its worklist state.
    await byTestId(page, 'worklist-state').first().waitFor();
    await expectNoViolations(page, 'the study list with a reader');

    // The DICOMweb panel with a results table (the test Orthanc, through the preview proxy).
    const panel = byTestId(page, 'dicomweb-panel');
    await panel.getByLabel('Server URL').fill(`${inject('baseUrl')}dicom-web`);
    await panel.getByLabel('Patient ID').fill('DREAM-002');
    await panel.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => byTestId(page, 'dicomweb-study').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectNoViolations(page, 'the study list with DICOMweb results');

    await page.goto(appUrl(`lang=ja`));
    await waitForStudyList(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expectNoViolations(page, 'the study list in Japanese');
    expect(errors).toEqual([]);
  });

  it('the reading screen with the lesion panel, and its dialogs', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl());
    await waitForStudyList(page);
    await page
      .locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]')
      .click({ timeout: 60_000 });
    // The lesion panel's own reader prompt (a dialog in the page).
    await byTestId(page, 'reader-dialog').waitFor();
    await expectAllReady(page);
    await expectNoViolations(page, 'the reading screen before a reader is set');
    await byTestId(page, 'reader-id').fill('R01');
    await byTestId(page, 'reader-name').fill('Dr Ito');
    await byTestId(page, 'reader-save').click();
    await byTestId(page, 'add-lesion').click();
    await byTestId(page, 'add-lesion').click();
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(2);
    await page.locator('[data-testid="call-cell"][data-cell="0:0"]').focus();
    await page.keyboard.press('p');
    await page.keyboard.press('d');
    await expect.poll(() => byTestId(page, 'save-status').textContent()).toBe('Saved');
    await expectNoViolations(page, 'the reading screen');

    await byTestId(page, 'shortcut-help-button').click();
    await byTestId(page, 'shortcut-help').waitFor();
    await expectNoViolations(page, 'the shortcut help dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(page, 'shortcut-help').count()).toBe(0);

    await byTestId(page, 'tags-button').first().click();
    await byTestId(page, 'tag-browser').waitFor();
    await expectNoViolations(page, 'the tag browser');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(page, 'tag-browser').count()).toBe(0);

    await byTestId(page, 'sign').click();
    await byTestId(page, 'signer-name').waitFor();
    await expectNoViolations(page, 'the sign dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(page, 'signer-name').count()).toBe(0);

    await byTestId(page, 'remove-lesion').first().click();
    await byTestId(page, 'remove-reason').waitFor();
    await expectNoViolations(page, 'the remove-lesion dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(page, 'remove-reason').count()).toBe(0);

    await byTestId(page, 'reader-change').click();
    await byTestId(page, 'reader-modal').locator('[data-testid="reader-id"]').waitFor();
    await expectNoViolations(page, 'the reader dialog over the reading screen');
    await page.keyboard.press('Escape');

    // Signed: the read's state, its versions, and the amend dialog.
    await byTestId(page, 'sign').click();
    await expectNoViolations(page, 'the sign dialog listing what is missing');
    await byTestId(page, 'sign-anyway-reason').fill('sizes at the tumour board');
    await byTestId(page, 'sign-confirm').click();
    await expect.poll(() => byTestId(page, 'read-state').textContent()).toMatch(/^Signed/);
    await expectNoViolations(page, 'the reading screen of a signed read');
    await byTestId(page, 'amend').click();
    await byTestId(page, 'amend-dialog').locator('textarea, input').first().waitFor();
    await expectNoViolations(page, 'the amend dialog');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });

  it('the review screen with two reads and a discordance on the images', async () => {
    const { page, errors } = browser();
    const { reader1, reader2 } = await discordantReads();
    await page.goto(appUrl());
    await waitForStudyList(page);
    await setReader(page, 'ADJ1', 'Dr Adjudicator');
    await byTestId(page, 'review-mode').click();
    await byTestId(page, 'review-screen').waitFor();
    await expectNoViolations(page, 'the empty review screen');

    await byTestId(page, 'review-files').setInputFiles([
      { name: 'r01.json', mimeType: 'application/json', buffer: Buffer.from(reader1.json) },
      { name: 'r02.json', mimeType: 'application/json', buffer: Buffer.from(reader2.json) },
    ]);
    await expect.poll(() => byTestId(page, 'discordance').count()).toBeGreaterThan(0);
    const first = byTestId(page, 'discordance').first();
    await first.getByTestId('show-discordance').click();
    await expect
      .poll(() => byTestId(page, 'review-viewport').getAttribute('data-state'), {
        timeout: 45_000,
      })
      .toBe('ready');
    await expectNoViolations(page, 'the review screen');

    // Every discordance decided (reader 1, with a reason) and the consensus built.
    const items = await byTestId(page, 'discordance').all();
    for (const item of items) {
      await item.getByTestId('choice-reader1').check();
      await item.getByTestId('decision-reason').fill('as reader 1');
    }
    await byTestId(page, 'review-build').click();
    await byTestId(page, 'review-consensus').waitFor();
    await expectNoViolations(page, 'the review screen with a consensus read');
    expect(errors).toEqual([]);
  });
});
