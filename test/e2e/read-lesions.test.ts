/**
 * A reader's read of DREAM-001 in the production build: identity (not to be skipped), lesions,
 * calls by keyboard, derived statuses against ground-truth.json, a reload in the middle, JSON
 * export, signing, a signed read that looks read-only, an import of a broken file that changes
 * nothing, and a second tab of the same read.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { appUrl, CALL_KEY, MODALITIES, truthReads } from './reading-helpers';

const lesions = truthReads('DREAM-001');

const browser = useBrowserSession();
/** User actions: clicks (including focusing a control and choosing an option) and key presses. */
let actions = { clicks: 0, keys: 0 };
beforeEach(() => {
  actions = { clicks: 0, keys: 0 };
});

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function click(page: Page, selector: string) {
  actions.clicks++;
  await page.locator(selector).click({ timeout: 60_000 });
}
async function type(page: Page, selector: string, text: string) {
  actions.clicks++;
  await page.locator(selector).fill(text);
  actions.keys += text.length;
}
async function press(page: Page, key: string) {
  actions.keys++;
  await page.keyboard.press(key);
}

async function openPatient(page: Page, id: string) {
  await click(page, `[data-testid="open-patient"][data-patient-id="${id}"]`);
  await byTestId(page, 'lesion-panel').waitFor({ timeout: 60_000 });
}

/** Sets the reader identity in the prompt the lesion panel shows before a read starts. */
async function setIdentity(page: Page) {
  const prompt = byTestId(page, 'reader-dialog');
  await prompt.waitFor();
  // The first field has the focus, so the reader can type at once.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
    .toBe('reader-id');
  await type(page, '[data-testid="reader-id"]', 'R01');
  await type(page, '[data-testid="reader-name"]', 'Dr Ito');
  await click(page, '[data-testid="reader-save"]');
  await byTestId(page, 'add-lesion').waitFor();
}

const savedText = (page: Page) => byTestId(page, 'save-status').textContent();
const statuses = (page: Page) =>
  byTestId(page, 'lesion-status').evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-status'), el.getAttribute('data-ct-dlm') === 'true']),
  );
const calls = (page: Page) =>
  byTestId(page, 'call-cell').evaluateAll((els) => els.map((el) => el.getAttribute('data-call')));

/** Focuses the row's first call cell and types the lesion's preop calls (P/D move on). */
async function enterCalls(page: Page, row: number) {
  actions.clicks++;
  await page.locator(`[data-testid="call-cell"][data-cell="${row}:0"]`).focus();
  const lesion = lesions[row];
  if (!lesion) throw new Error(`no ground-truth lesion ${row}`);
  for (const modality of MODALITIES) {
    const call = lesion.calls.preop[modality];
    if (!call) throw new Error(`no call for ${modality}`);
    await press(page, CALL_KEY[call]);
  }
}

describe('reading DREAM-001', () => {
  it('lesions, keyboard calls, reload, statuses = ground truth, export, sign, read-only', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl());
    await openPatient(page, 'DREAM-001');
    await setIdentity(page);
    expect(await byTestId(page, 'read-state').textContent()).toBe('Draft');

    for (const lesion of lesions) {
      await click(page, '[data-testid="add-lesion"]');
      const select = page.locator(
        `[data-testid="lesion-row"][data-lesion-id="${lesion.id}"] [data-testid="segment-select"]`,
      );
      actions.clicks++;
      await select.selectOption(lesion.segment);
    }
    expect(await byTestId(page, 'lesion-row').count()).toBe(4);

    await enterCalls(page, 0);
    await enterCalls(page, 1);
    await expect.poll(() => savedText(page)).toBe('Saved');
    const callsBefore = await calls(page);

    // The viewports come back too: page the baseline CT down (not part of the read's actions).
    const baselineCt = page.locator(
      '[data-testid="reading-cell"][data-cell-id="r0c0"] [data-testid="viewport"]',
    );
    await expect
      .poll(() => baselineCt.getAttribute('data-state'), { timeout: 60_000 })
      .toBe('ready');
    const startSlice = Number(await baselineCt.getAttribute('data-index'));
    await baselineCt.focus();
    await page.keyboard.press('PageDown');
    await expect
      .poll(async () => Number(await baselineCt.getAttribute('data-index')))
      .not.toBe(startSlice);
    const leftAt = await baselineCt.getAttribute('data-index');

    // Reload in the middle: the page comes back on the patient (the address names it) with the
    // read whole; the worklist says "In progress".
    await page.reload();
    await byTestId(page, 'add-lesion').waitFor({ timeout: 60_000 });
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(4);
    expect(await calls(page)).toEqual(callsBefore);
    // The undo history stays with the page it was made in, and the Undo button says so.
    expect(await byTestId(page, 'undo').isDisabled()).toBe(true);
    expect(await byTestId(page, 'undo').getAttribute('title')).toMatch(
      /^Nothing to undo since this page was opened/,
    );
    await byTestId(page, 'back').click();
    await expect
      .poll(
        () =>
          page
            .locator(
              '[data-testid="open-patient"][data-patient-id="DREAM-001"] [data-testid="worklist-state"]',
            )
            .getAttribute('data-state'),
        { timeout: 60_000 },
      )
      .toBe('in-progress');
    await openPatient(page, 'DREAM-001');
    await expect.poll(() => byTestId(page, 'lesion-row').count()).toBe(4);
    expect(await calls(page)).toEqual(callsBefore);
    expect(
      await byTestId(page, 'segment-select').evaluateAll((els) =>
        els.map((el) => (el as HTMLSelectElement).value),
      ),
    ).toEqual(lesions.map((l) => l.segment));
    expect(await savedText(page)).toBe('Saved');
    await expect
      .poll(() => baselineCt.getAttribute('data-index'), { timeout: 60_000 })
      .toBe(leftAt);

    await enterCalls(page, 2);
    await enterCalls(page, 3);
    expect(await statuses(page)).toEqual(lesions.map((l) => [l.expected.status, l.expected.ctDlm]));
    await expect.poll(() => savedText(page)).toBe('Saved');
    mkdirSync('test-results', { recursive: true });
    await byTestId(page, 'lesion-panel').screenshot({ path: 'test-results/read-lesion-panel.png' });

    // Export JSON: the file's statuses are ground truth too.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      click(page, '[data-testid="export-json"]'),
    ]);
    expect(download.suggestedFilename()).toBe('DREAM-001-R01-v1.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      statuses: { lesionId: string; status: string; ctDlm: boolean }[];
      reader: { id: string; name: string };
      audit: unknown[];
    };
    expect(file.statuses.map((s) => [s.lesionId, s.status, s.ctDlm])).toEqual(
      lesions.map((l) => [l.id, l.expected.status, l.expected.ctDlm]),
    );
    expect(file.reader).toEqual({ id: 'R01', name: 'Dr Ito' });
    // create-read, the QC of DREAM-001's 4 exams (docs/domain.md §11), 4 lesions, 4 segments, 16 calls.
    expect(file.audit.length).toBe(1 + 4 + 4 + 4 + 16);

    // Sign: the signer's name is prefilled.
    await click(page, '[data-testid="sign"]');
    expect(await byTestId(page, 'signer-name').inputValue()).toBe('Dr Ito');
    // Lesions without a baseline place or size: signed anyway, with the reason.
    await byTestId(page, 'sign-anyway-reason').fill('sizes at the tumour board');
    await click(page, '[data-testid="sign-confirm"]');
    await expect
      .poll(() => byTestId(page, 'read-state').textContent())
      .toMatch(/^Signed by Dr Ito/);
    await expect.poll(() => savedText(page)).toBe('Saved');

    // A signed read looks read-only: its controls are disabled, a lock note stands beside
    // Amend, and a call key changes nothing (no error either).
    await expect.poll(() => byTestId(page, 'read-lock').textContent()).toContain('read-only');
    expect(await byTestId(page, 'amend').isVisible()).toBe(true);
    expect(await byTestId(page, 'call-matrix').getAttribute('aria-readonly')).toBe('true');
    const enabled = (id: string) =>
      byTestId(page, id).evaluateAll(
        (els) => els.filter((el) => !(el as HTMLButtonElement).disabled).length,
      );
    expect(await enabled('add-lesion')).toBe(0);
    expect(await enabled('segment-select')).toBe(0);
    expect(await enabled('remove-lesion')).toBe(0);
    expect(await page.locator('[data-testid="call-cell"] button:not([disabled])').count()).toBe(0);
    // The comment too: greyed and disabled, with the reason beside it, not a box that ignores keys.
    expect(await byTestId(page, 'cell-comment').isDisabled()).toBe(true);
    expect(await byTestId(page, 'cell-comment-locked').textContent()).toContain('read-only');
    const signedCalls = await calls(page);
    actions.clicks++;
    await page.locator('[data-testid="call-cell"][data-cell="2:0"]').focus();
    await press(page, 'd');
    expect(await calls(page)).toEqual(signedCalls);
    expect(await byTestId(page, 'refusal').count()).toBe(0);
    await expect.poll(() => savedText(page)).toBe('Saved');

    console.log(`DREAM-001 read: ${actions.clicks} clicks + ${actions.keys} key presses`);

    // Amend (a reason is required): a new version that can be edited again.
    await click(page, '[data-testid="amend"]');
    expect(await byTestId(page, 'amend-confirm').isDisabled()).toBe(true);
    await type(page, '[data-testid="amend-reason"]', 'L3 re-read');
    await click(page, '[data-testid="amend-confirm"]');
    await expect
      .poll(() => byTestId(page, 'read-state').textContent())
      .toBe('Amendment, version 2: L3 re-read');
    actions.clicks++;
    await page.locator('[data-testid="call-cell"][data-cell="2:0"]').focus();
    await press(page, 'd');
    await expect
      .poll(() =>
        page.locator('[data-testid="call-cell"][data-cell="2:0"]').getAttribute('data-call'),
      )
      .toBe('disappeared');
    await expect.poll(() => savedText(page)).toBe('Saved');
    // The signed version 1 is kept as signed, beside the amendment being edited.
    const [signedV1] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="signed-version"][data-version="1"]').click(),
    ]);
    const v1 = JSON.parse(readFileSync(await signedV1.path(), 'utf8')) as {
      version: number;
      state: { kind: string };
    };
    expect([v1.version, v1.state.kind]).toEqual([1, 'signed']);
    expect(errors).toEqual([]);
    // Opens the patient (and its viewports) twice on a shared 2-core machine.
  }, 180_000);
});

describe('baseline question', () => {
  it('the reader identity cannot be skipped; at baseline the table asks where a lesion is seen, at pre-op whether it is present', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl());
    await openPatient(page, 'DREAM-001');
    // The identity cannot be dismissed with Esc before it is set, and both fields are required
    // (one page for both checks: opening the patient again would cost a test its own).
    await byTestId(page, 'reader-dialog').waitFor();
    await page.keyboard.press('Escape');
    expect(await byTestId(page, 'reader-dialog').isVisible()).toBe(true);
    expect(await byTestId(page, 'add-lesion').count()).toBe(0);
    await page.locator('[data-testid="reader-id"]').fill('R02');
    await page.locator('[data-testid="reader-save"]').click();
    expect(
      await page.locator('[data-testid="reader-dialog"] [role="alert"]').textContent(),
    ).toContain('required');
    await type(page, '[data-testid="reader-name"]', 'Dr Ito');
    await click(page, '[data-testid="reader-save"]');
    await byTestId(page, 'add-lesion').waitFor();
    await click(page, '[data-testid="add-lesion"]');
    const matrix = byTestId(page, 'call-matrix');
    const choices = (modality: string) =>
      page
        .locator(`[data-testid="call-cell"][data-modality="${modality}"] button`)
        .evaluateAll((els) => els.map((el) => el.getAttribute('title')));
    // The pressed call's words (its tooltip adds that a click unsets it).
    const pressed = (modality: string) =>
      page
        .locator(
          `[data-testid="call-cell"][data-modality="${modality}"] button[aria-pressed="true"] .visually-hidden`,
        )
        .textContent();

    actions.clicks++;
    await byTestId(page, 'timepoint-select').selectOption('baseline');
    await expect.poll(() => matrix.getAttribute('data-question')).toBe('seen');
    expect(await choices('DWI')).toEqual(['Seen', 'Not seen', 'Not evaluable']);
    expect(await byTestId(page, 'baseline-size').count()).toBe(1);
    // Seen on CT, not seen on DWI (the same keys as later: P, D).
    actions.clicks++;
    await page.locator('[data-testid="call-cell"][data-modality="CT"]').focus();
    await press(page, 'p');
    await press(page, 'd');
    await expect.poll(() => pressed('DWI')).toBe('Not seen');
    expect(await pressed('CT')).toBe('Seen');
    // Baseline calls do not make a status: the pre-op calls are still missing.
    expect(await byTestId(page, 'lesion-status').getAttribute('data-status')).toBe('incomplete');

    actions.clicks++;
    await byTestId(page, 'timepoint-select').selectOption('preop');
    await expect.poll(() => matrix.getAttribute('data-question')).toBe('present');
    expect(await choices('DWI')).toEqual(['Present', 'Disappeared', 'Not evaluable']);
    expect(await byTestId(page, 'baseline-size').count()).toBe(0);
    expect(
      await page
        .locator('[data-testid="call-cell"][data-modality="DWI"]')
        .getAttribute('data-call'),
    ).toBe('unset');
    await expect.poll(() => savedText(page)).toBe('Saved');
    expect(errors).toEqual([]);
  });
});

describe('import, second tab', () => {
  it('a broken JSON file shows every problem with its path and changes nothing; a second tab is warned that the read is being edited elsewhere, and can take over', async () => {
    const { page, context, errors } = browser();
    await page.goto(appUrl());
    await openPatient(page, 'DREAM-001');
    await setIdentity(page);
    await click(page, '[data-testid="add-lesion"]');
    await enterCalls(page, 0);
    // Ctrl+Z undoes the last call (as a new audited command), Ctrl+Shift+Z redoes it.
    const entered = await calls(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => calls(page)).toEqual([...entered.slice(0, 3), 'unset']);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => calls(page)).toEqual(entered);
    await expect.poll(() => savedText(page)).toBe('Saved');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      click(page, '[data-testid="export-json"]'),
    ]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      lesions: { segment?: string; assessments: Record<string, unknown> }[];
      statuses: { status: string }[];
      audit: { action: string }[];
    };
    expect(file.audit.map((e) => e.action).slice(-2)).toEqual(['set-call', 'set-call']);
    // create-read, the QC of the 4 exams (docs/domain.md §11), a lesion, 4 calls, undo and redo.
    expect(file.audit.length).toBe(1 + 4 + 1 + 4 + 2);
    const before = { calls: await calls(page), statuses: await statuses(page) };
    const broken = structuredClone(file);
    if (broken.lesions[0]) broken.lesions[0].segment = 'IX';
    if (broken.statuses[0]) broken.statuses[0].status = 'visible';

    await byTestId(page, 'import-json').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const problems = byTestId(page, 'import-problems').locator('li');
    await expect.poll(() => problems.count()).toBeGreaterThan(0);
    const paths = await problems.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-path')),
    );
    expect(paths).toContain('lesions[0].segment');
    expect(await byTestId(page, 'import-result').textContent()).toContain('nothing was changed');
    expect({ calls: await calls(page), statuses: await statuses(page) }).toEqual(before);
    await expect.poll(() => savedText(page)).toBe('Saved');

    // The same read (one lesion, saved) opened in a second tab of the same profile: one open of
    // the patient fewer than a test of its own.
    const second = await context.newPage();
    await second.goto(appUrl());
    await openPatient(second, 'DREAM-001');
    await expect.poll(() => byTestId(second, 'conflict').count(), { timeout: 30_000 }).toBe(1);
    // Editing in the second tab is refused until it takes over; the first tab is then warned.
    await click(second, '[data-testid="add-lesion"]');
    await expect.poll(() => byTestId(second, 'refusal').textContent()).toContain('take over');
    expect(await byTestId(second, 'lesion-row').count()).toBe(1);
    await click(second, '[data-testid="take-over"]');
    await expect.poll(() => byTestId(page, 'conflict').count()).toBe(1);
    await click(second, '[data-testid="add-lesion"]');
    await expect.poll(() => byTestId(second, 'lesion-row').count()).toBe(2);
    await expect.poll(() => savedText(second)).toBe('Saved');
    expect(errors).toEqual([]);
    // Two opens of the patient (two tabs) on a shared 2-core machine.
  }, 120_000);
});
