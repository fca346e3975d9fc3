/**
 * A whole read of DREAM-001 with the keyboard alone, in the production build: after page.goto
 * only page.keyboard is used (locators only read state and wait), and a script in the page
 * checks that no mouse or pointer event ever happened. Every key press counts as a user action
 * (typing 'R01' is 3); the read (open the patient, reader identity, 4 lesions with their
 * segments, the pre-operative calls on CT, DWI, T1/T2 and EOB, export, sign) must take at most
 * 60. Then the shortcuts themselves: focus between the panes, timepoints, lesions, modalities,
 * and rebinding a key in the help dialog (kept in localStorage), with the focus coming back to
 * where it was after each dialog, and Esc back to the patient list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { appUrl, CALL_KEY, MODALITIES, SEGMENT_KEYS, truthReads } from './reading-helpers';

const lesions = truthReads('DREAM-001');
const BUDGET = 60;

declare global {
  interface Window {
    __mouseEvents?: string[];
  }
}

let session: BrowserSession;
beforeEach(async () => {
  session = await openBrowser();
});
afterEach(async () => {
  await session.close();
});

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
/** What has the focus: its test id and, for matrix cells, the cell. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const id = el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? '';
    const cell = el?.getAttribute('data-cell');
    return cell ? `${id}@${cell}` : id;
  });

describe('keyboard-only read', () => {
  it('reads DREAM-001, exports and signs within the action budget', async () => {
    const { page, errors } = session;
    // Any mouse or pointer event in the page is a failure (a click that Enter or Space makes
    // on a button has detail 0 and no pointer: it is not counted).
    await page.addInitScript(() => {
      const seen: string[] = [];
      window.__mouseEvents = seen;
      const types = ['pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup'];
      for (const type of [...types, 'mousemove', 'wheel', 'contextmenu', 'dblclick']) {
        window.addEventListener(type, () => seen.push(type), true);
      }
      window.addEventListener('click', (e) => e.detail > 0 && seen.push('click'), true);
    });
    let keys = 0;
    const press = async (key: string) => {
      keys++;
      await page.keyboard.press(key);
    };
    const type = async (text: string) => {
      keys += text.length;
      await page.keyboard.type(text);
    };
    const focusIs = (expected: string) =>
      expect.poll(() => focused(page), { timeout: 30_000 }).toBe(expected);

    await page.goto(appUrl());
    const started = Date.now();

    // The patient list gives the first patient the focus: Enter opens it.
    await focusIs('open-patient');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-patient-id'))).toBe(
      'DREAM-001',
    );
    await press('Enter');

    // Who is reading: the first field has the focus; Tab to the name, Enter starts the read.
    await focusIs('reader-id');
    await type('R01');
    await press('Tab');
    await type('Dr Ito');
    await press('Enter');
    // The prompt gives the focus to the images (nothing is lost when it goes); the lesion
    // keys work from there.
    await focusIs('viewport');
    await byTestId(page, 'add-lesion').waitFor();

    for (const [row, lesion] of lesions.entries()) {
      await press('a'); // add a lesion: the focus goes to its first call cell
      await focusIs(`call-cell@${row}:0`);
      const segmentKeys = SEGMENT_KEYS[lesion.segment];
      if (!segmentKeys) throw new Error(`no key for segment ${lesion.segment}`);
      for (const key of segmentKeys) await press(key);
      for (const modality of MODALITIES) {
        const call = lesion.calls.preop[modality];
        if (!call) throw new Error(`no ${modality} call for ${lesion.id}`);
        await press(CALL_KEY[call]); // the call, then on to the next cell
      }
    }

    expect(await byTestId(page, 'lesion-panel').getAttribute('data-timepoint')).toBe('preop');
    expect(
      await byTestId(page, 'segment-select').evaluateAll((els) =>
        els.map((el) => (el as HTMLSelectElement).value),
      ),
    ).toEqual(lesions.map((l) => l.segment));
    expect(
      await byTestId(page, 'call-cell').evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-call')),
      ),
    ).toEqual(lesions.flatMap((l) => MODALITIES.map((m) => l.calls.preop[m])));
    expect(
      await byTestId(page, 'lesion-status').evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-status'),
          el.getAttribute('data-ct-dlm') === 'true',
        ]),
      ),
    ).toEqual(lesions.map((l) => [l.expected.status, l.expected.ctDlm]));
    await expect.poll(() => byTestId(page, 'save-status').getAttribute('data-save')).toBe('saved');

    // X exports the read as JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), press('x')]);
    expect(download.suggestedFilename()).toBe('DREAM-001-R01-v1.json');
    // The read bar says so (a key press shows no button doing anything).
    await expect
      .poll(() => byTestId(page, 'export-done').textContent())
      .toContain('DREAM-001-R01-v1.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      statuses: { lesionId: string; status: string; ctDlm: boolean }[];
      lesions: { id: string; segment?: string }[];
      reader: { id: string; name: string };
    };
    expect(file.statuses.map((s) => [s.lesionId, s.status, s.ctDlm])).toEqual(
      lesions.map((l) => [l.id, l.expected.status, l.expected.ctDlm]),
    );
    expect(file.lesions.map((l) => [l.id, l.segment])).toEqual(
      lesions.map((l) => [l.id, l.segment]),
    );
    expect(file.reader).toEqual({ id: 'R01', name: 'Dr Ito' });

    // S opens the sign dialog with the name filled in. The read has no baseline places or
    // sizes, so the dialog lists them and focuses the reason to sign anyway; typing it and Enter
    // signs. The focus comes back to the cell it left.
    const before = await focused(page);
    await press('s');
    await focusIs('sign-anyway-reason');
    expect(await byTestId(page, 'signer-name').inputValue()).toBe('Dr Ito');
    // One line sums up what is signed: the lesions and their statuses.
    expect(await byTestId(page, 'sign-summary').textContent()).toMatch(/^Signing 4 lesions: \d/);
    expect(await byTestId(page, 'sign-gaps').locator('li').count()).toBeGreaterThan(0);
    await type('no size');
    await press('Enter');
    await expect
      .poll(() => byTestId(page, 'read-state').textContent())
      .toMatch(/^Signed by Dr Ito/);
    await focusIs(before);
    await expect.poll(() => byTestId(page, 'save-status').getAttribute('data-save')).toBe('saved');

    console.log(
      `DREAM-001 keyboard-only read: ${keys} user actions (key presses, typed characters ` +
        `included; 0 clicks) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(keys).toBeLessThanOrEqual(BUDGET);
    expect(await page.evaluate(() => window.__mouseEvents)).toEqual([]);

    // --- The other commands (viewing only: the read is signed) --------------------------------
    // F6: focus to the images and back to the same cell.
    await page.keyboard.press('F6');
    await focusIs('viewport');
    await page.keyboard.press('F6');
    await focusIs(before);
    // ] and [: the matrix shows the other timepoint, and back.
    const panel = byTestId(page, 'lesion-panel');
    await page.keyboard.press(']');
    await expect.poll(() => panel.getAttribute('data-timepoint')).toBe('baseline');
    await page.keyboard.press('[');
    await expect.poll(() => panel.getAttribute('data-timepoint')).toBe('preop');
    // J / K: next / previous lesion (wrapping), M: next modality; the focus follows.
    await page.keyboard.press('j');
    await focusIs('call-cell@0:3');
    await page.keyboard.press('m');
    await focusIs('call-cell@0:0');
    await page.keyboard.press('k');
    await focusIs('call-cell@3:0');

    // ?: the shortcut map. Rebind "Next lesion": P is refused (the viewer's probe), Q is taken.
    await page.keyboard.press('?');
    const help = byTestId(page, 'shortcut-help');
    await expect.poll(() => help.isVisible()).toBe(true);
    await page.keyboard.press('Tab'); // from Close to the first Change (Next lesion)
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-command')),
      )
      .toBe('nextLesion');
    await page.keyboard.press('Enter');
    await page.keyboard.press('p');
    await expect
      .poll(() => byTestId(page, 'shortcut-message').textContent())
      .toContain('already the key of “Tool: Probe”');
    await page.keyboard.press('Enter');
    await page.keyboard.press('q');
    await expect.poll(() => byTestId(page, 'shortcut-message').textContent()).toContain('now Q');
    expect(
      await help
        .locator('tr[data-command="nextLesion"] [data-testid="shortcut-keys"]')
        .textContent(),
    ).toBe('Q');
    expect(
      JSON.parse(
        (await page.evaluate(() => localStorage.getItem('dream-reader.shortcuts'))) ?? '{}',
      ),
    ).toEqual({ version: 1, keys: { nextLesion: ['q'] } });
    // Esc closes the dialog; the focus is back on the cell, and Q now moves to the next lesion.
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await focusIs('call-cell@3:0');
    await page.keyboard.press('q');
    await focusIs('call-cell@0:0');
    await page.keyboard.press('j');
    expect(await focused(page)).toBe('call-cell@0:0');

    // Esc with no dialog, drawing, link or maximised view: back to the patient list, the focus
    // on the patient just read (Enter opens it again).
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(page, 'reading-grid').count()).toBe(0);
    await focusIs('open-patient');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-patient-id'))).toBe(
      'DREAM-001',
    );

    expect(await page.evaluate(() => window.__mouseEvents)).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
