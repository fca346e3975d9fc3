/**
 * Japanese complete: every screen rendered with `?lang=ja` (the study list, the reader dialog,
 * the reading room of DREAM-001 with lesions and calls, its dialogs, the review screen) shows no
 * visible English — text, placeholder, title or aria-label — beyond the names and codes
 * test/e2e/untranslated.ts allows, each with its reason. The check reads the DOM, so it does not
 * depend on a CJK font (headless Chromium has none and draws boxes).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { expectAllReady } from './reading-helpers';
import { untranslated } from './untranslated';

const browser = useBrowserSession();
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/**
 * Study data, not the app's words, left out of the check: DICOM header values and the tag
 * dictionary's keywords in the tag browser, and the series descriptions in the tree and menus.
 */
const DATA = ['[data-testid="tag-browser"] tbody', '.series-text .muted', 'option[data-series]'];

/** Every visible string of the page: text nodes of rendered elements, and three attributes. */
async function visibleStrings(page: Page): Promise<{ text: string; where: string }[]> {
  return page.evaluate((data) => {
    const found: { text: string; where: string }[] = [];
    const skip = (e: Element) => data.some((s) => e.closest(s));
    const where = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}` +
      (e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : '');
    const shown = (e: Element) =>
      e.tagName === 'OPTION' ? !!e.closest('select')?.checkVisibility() : e.checkVisibility();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || skip(parent) || !shown(parent)) continue;
      if (parent.closest('script, style')) continue;
      found.push({ text, where: where(parent) });
    }
    for (const e of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (skip(e) || !shown(e)) continue;
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const text = e.getAttribute(name)?.trim();
        if (text) found.push({ text, where: `${where(e)}@${name}` });
      }
    }
    return found;
  }, DATA);
}

/** Expects no English on the screen, listing each string found and where. */
async function expectJapanese(page: Page, screen: string): Promise<void> {
  const why = untranslated();
  const strings = await visibleStrings(page);
  // The screen is there and in Japanese (kana or kanji), so an empty finding means something.
  expect(strings.filter((s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s.text)).length).toBeGreaterThan(
    3,
  );
  const english = strings.flatMap(({ text, where }) => {
    const reason = why(text);
    return reason ? [`${JSON.stringify(text)} (${reason}) at ${where}`] : [];
  });
  expect(english, `English on ${screen}`).toEqual([]);
}

describe('Japanese complete', () => {
  it('every screen shows Japanese only, beyond listed names and codes', async () => {
    const { page, errors } = browser();
    await page.goto(`${inject('baseUrl')}?lang=ja&registration=off`);
    await expect
      .poll(() => byTestId(page, 'open-patient').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expectJapanese(page, 'the study list');

    await byTestId(page, 'reader-change').click();
    const modal = byTestId(page, 'reader-modal');
    await modal.locator('[data-testid="reader-id"]').waitFor();
    await expectJapanese(page, 'the reader dialog');
    await modal.locator('[data-testid="reader-id"]').fill('R01');
    await modal.locator('[data-testid="reader-name"]').fill('Dr Ito');
    await modal.locator('[data-testid="reader-save"]').click();
    await byTestId(page, 'worklist-state').first().waitFor();
    await expectJapanese(page, 'the study list with a reader');

    await page.locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]').click();
    await expectAllReady(page);
    await byTestId(page, 'add-lesion').click();
    await byTestId(page, 'add-lesion').click();
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(2);
    await page.locator('[data-testid="call-cell"][data-cell="0:0"]').focus();
    await page.keyboard.press('p');
    await page.keyboard.press('d');
    await expectJapanese(page, 'the reading room');

    for (const [button, dialog] of [
      ['shortcut-help-button', 'shortcut-help'],
      ['tags-button', 'tag-browser'],
      ['sign', 'signer-name'],
      ['remove-lesion', 'remove-reason'],
    ] as const) {
      await byTestId(page, button).first().click();
      await byTestId(page, dialog).waitFor();
      await expectJapanese(page, `the ${dialog} dialog`);
      await page.keyboard.press('Escape');
      await expect.poll(() => byTestId(page, dialog).count()).toBe(0);
    }

    await page.goto(`${inject('baseUrl')}?lang=ja&registration=off`);
    await byTestId(page, 'review-mode').click();
    await byTestId(page, 'review-screen').waitFor();
    await expectJapanese(page, 'the review screen');
    expect(errors).toEqual([]);
  });
});
