/**
 * Central review in the production build: two prepared, discordant, signed reads of the sample
 * patient DREAM-001 (made in node, see review-fixtures.ts) are loaded as files; every
 * discordance is adjudicated with a reason (reader 1, reader 2 and own calls); one is shown on
 * the images with both readers' marks; the adjudicator being one of the readers is refused; the
 * consensus read is built, signed ("Adjudication"), saved and exported, and the file is checked
 * in node. Then the agreement table, an outcomes CSV (a broken one first) and the endpoint.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { deriveReadStatuses, importReadJson } from '../../src/domain/index.ts';
import { openBrowser, type BrowserSession } from './browser';
import { discordantReads, nodeSha256 } from './review-fixtures';
import { appUrl } from './reading-helpers';

let session: BrowserSession;
beforeEach(async () => {
  session = await openBrowser({ width: 1400, height: 1100 });
});
afterEach(async () => {
  await session.close();
});

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const discordance = (page: Page, id: string) =>
  page.locator(`[data-testid="discordance"][data-discordance-id="${id}"]`);

/** The decisions, by design a mix of reader 1, reader 2 and own calls. */
const DECISIONS = [
  { id: 'L1~L1/EOB', choice: 'reader1', reason: 'HBP: no residual defect at the L1 site' },
  { id: 'L1~L1/status', choice: 'reader1', reason: 'follows from the adjudicated EOB call' },
  { id: 'L2~L2/DWI', choice: 'reader2', reason: 'DWI degraded by respiratory motion' },
  { id: 'L4~L3/CT', choice: 'own', own: 'not-evaluable', reason: 'streak artefact over VII' },
  { id: 'R1:L3', choice: 'reader1', reason: 'L3 clearly seen on all baseline series' },
  { id: 'R2:L4', choice: 'reader1', reason: 'segment V finding is a cyst, not a metastasis' },
] as const;

async function setReader(page: Page, id: string, name: string) {
  await byTestId(page, 'reader-change').click();
  await byTestId(page, 'reader-id').fill(id);
  await byTestId(page, 'reader-name').fill(name);
  await byTestId(page, 'reader-save').click();
  await expect.poll(() => byTestId(page, 'reader-change').textContent()).toContain(id);
}

describe('central review', () => {
  it('two prepared, discordant reads of the sample are adjudicated to a consensus read and exported', async () => {
    const started = Date.now();
    const { page, errors } = session;
    const { reader1, reader2 } = await discordantReads();
    await page.goto(appUrl('', { registration: true })); // the pre-op EOB marks need it
    // The adjudicator is first (wrongly) one of the readers: the domain's refusal is shown.
    await setReader(page, 'R01', 'Dr Ito');
    await byTestId(page, 'review-mode').click();
    await byTestId(page, 'review-screen').waitFor();

    await byTestId(page, 'review-files').setInputFiles([
      { name: 'r01.json', mimeType: 'application/json', buffer: Buffer.from(reader1.json) },
      { name: 'r02.json', mimeType: 'application/json', buffer: Buffer.from(reader2.json) },
    ]);
    await expect.poll(() => byTestId(page, 'discordance').count()).toBe(DECISIONS.length);
    expect(
      await byTestId(page, 'discordance').evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-discordance-id')),
      ),
    ).toEqual(DECISIONS.map((d) => d.id));
    expect(await byTestId(page, 'review-read').count()).toBe(2);
    const eob = discordance(page, 'L1~L1/EOB');
    expect(await eob.getByTestId('value-1').textContent()).toContain('Disappeared');
    expect(await eob.getByTestId('value-2').textContent()).toContain('Present');
    expect(await byTestId(page, 'review-progress').textContent()).toBe('0 of 6 decided');

    // Every discordance decided, with its reason; the keyboard moves between the controls.
    for (const decision of DECISIONS) {
      const item = discordance(page, decision.id);
      await item.getByTestId(`choice-${decision.choice}`).check();
      if (decision.choice === 'own') await item.getByTestId('own-value').selectOption(decision.own);
      await item.getByTestId('decision-reason').fill(decision.reason);
    }
    expect(await byTestId(page, 'review-progress').textContent()).toBe('6 of 6 decided');
    expect(await discordance(page, 'R2:L4').getByTestId('choice-own').isDisabled()).toBe(true);

    // The discordance on the images: the pre-op EOB with both readers' marks at L1, brought
    // over from the baseline CT by the exams' registration (review-show.test.ts checks where).
    await eob.getByTestId('show-discordance').click();
    const viewport = byTestId(page, 'review-viewport');
    await expect.poll(() => viewport.getAttribute('data-state'), { timeout: 45_000 }).toBe('ready');
    await expect
      .poll(() => byTestId(page, 'review-mark').count(), { timeout: 240_000, interval: 1000 })
      .toBe(2);
    const box = await viewport.boundingBox();
    const marks = await byTestId(page, 'review-mark').evaluateAll((els) =>
      els.map((el) => [Number(el.getAttribute('data-x')), Number(el.getAttribute('data-y'))]),
    );
    for (const [x, y] of marks) {
      expect(x).toBeGreaterThan(0);
      expect(y).toBeGreaterThan(0);
      expect(x).toBeLessThan(box?.width ?? 0);
      expect(y).toBeLessThan(box?.height ?? 0);
    }
    mkdirSync('test-results', { recursive: true });
    await byTestId(page, 'review-viewer').screenshot({ path: 'test-results/review-viewer.png' });

    // Signed in as one of the readers: the screen says at once that this identity cannot
    // adjudicate the case, and the build is refused.
    await expect
      .poll(() => byTestId(page, 'review-adjudicator').getAttribute('data-conflict'))
      .toBe('reader');
    await byTestId(page, 'review-build').click();
    await expect
      .poll(() =>
        byTestId(page, 'review-build-problems')
          .locator('li')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-code'))),
      )
      .toEqual(['adjudicator-is-reader']);
    expect(await byTestId(page, 'review-consensus').count()).toBe(0);

    await setReader(page, 'ADJ1', 'Dr Adjudicator');
    await byTestId(page, 'review-build').click();
    await byTestId(page, 'review-consensus').waitFor();
    expect(
      await byTestId(page, 'review-consensus-lesion').evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-lesion-id'), el.getAttribute('data-status')]),
      ),
    ).toEqual([
      ['L1', 'cDLM'],
      ['L2', 'partial DLM'],
      ['L3', 'visible'],
      ['L4', 'partial DLM'],
    ]);
    await byTestId(page, 'review-sign').click();
    expect(await byTestId(page, 'review-signer-name').inputValue()).toBe('Dr Adjudicator');
    await byTestId(page, 'review-sign-confirm').click();
    await expect
      .poll(() => byTestId(page, 'review-consensus-state').getAttribute('data-state'))
      .toBe('signed');
    await expect
      .poll(() => byTestId(page, 'review-consensus-save').getAttribute('data-save'))
      .toBe('saved');

    // The signed consensus is in this browser's store now, and loads back as a consensus read.
    await byTestId(page, 'review-load-browser').click();
    await expect
      .poll(() => byTestId(page, 'review-browser-count').textContent())
      .toBe('Reads found in this browser: 1.');
    await expect.poll(() => byTestId(page, 'review-read').count()).toBe(3);
    expect(await byTestId(page, 'review-read').last().textContent()).toContain('consensus read');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTestId(page, 'review-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('DREAM-001-consensus-ADJ1-v1.json');
    const text = readFileSync(await download.path(), 'utf8');
    const imported = await importReadJson(text, { sha256: nodeSha256 });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const consensus = imported.read;
    expect(consensus.reader).toEqual({ id: 'ADJ1', name: 'Dr Adjudicator' });
    expect(consensus.state.kind === 'signed' && consensus.state.signature.meaning).toBe(
      'Adjudication',
    );
    expect(
      deriveReadStatuses(consensus).map((s) => [s.lesionId, s.derived.status, s.derived.ctDlm]),
    ).toEqual([
      ['L1', 'cDLM', true],
      ['L2', 'partial DLM', true],
      ['L3', 'visible', false],
      ['L4', 'partial DLM', false],
    ]);
    const reasons = consensus.audit.map((entry) => entry.reason ?? '').join('\n');
    for (const decision of DECISIONS) {
      expect(reasons).toContain(`adjudication ${decision.id}`);
      expect(reasons).toContain(decision.reason);
    }
    expect(reasons).toContain(`read ${reader1.read.readId} v1`);
    expect(
      consensus.lesions.find((l) => l.id === 'L4')?.assessments.preop?.modalities.CT?.call,
    ).toBe('not-evaluable');

    // Agreement over the 3 matched pairs; acceptance R01 4 of 6, R02 1 of 6.
    const agreement = await byTestId(page, 'agreement-row').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-item'), Number(el.getAttribute('data-percent'))]),
    );
    expect(agreement.map(([item, pct]) => [item, Math.round(Number(pct) * 10) / 10])).toEqual([
      ['CT', 66.7],
      ['DWI', 66.7],
      ['T1T2', 100],
      ['EOB', 66.7],
      ['status', 66.7],
    ]);
    expect(await byTestId(page, 'adjudication-rate').getAttribute('data-rate')).toBe('1');
    expect(
      await byTestId(page, 'acceptance-row').evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-reader-id'), el.getAttribute('data-rate')]),
      ),
    ).toEqual([
      ['R01', String(4 / 6)],
      ['R02', String(1 / 6)],
    ]);

    // Outcomes: a broken CSV changes nothing and names row and column; then a good one.
    const csv = byTestId(page, 'outcomes-csv');
    await csv.setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'patientId,lesionId,management,pathology,followUpMonths\nDREAM-001,L1,cut out,non-viable,\nDREAM-001,L2,left-in-situ,,soon\n',
      ),
    });
    const problems = byTestId(page, 'outcome-problems').locator('li');
    await expect.poll(() => problems.count()).toBe(2);
    expect(
      await problems.evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-row'), el.getAttribute('data-column')]),
      ),
    ).toEqual([
      ['2', 'management'],
      ['3', 'followUpMonths'],
    ]);
    expect(await byTestId(page, 'endpoint-row').first().getAttribute('data-evaluable')).toBe('0');
    await csv.setInputFiles({
      name: 'outcomes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'patientId,lesionId,management,pathology,localRecurrence,recurrenceDate,followUpMonths,ceIous\n' +
          'DREAM-001,L1,resected,non-viable,,,,not seen\n' +
          'DREAM-001,L2,left in situ,,yes,2026-03-01,9,seen\n',
      ),
    });
    await byTestId(page, 'outcomes-imported').waitFor();
    const endpoint = () =>
      byTestId(page, 'endpoint-row').evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-row'),
          el.getAttribute('data-non-viable'),
          el.getAttribute('data-evaluable'),
        ]),
      );
    expect(await endpoint()).toEqual([
      ['cdlm', '1', '1'],
      ['ct-dlm', '1', '2'],
      ['cdlm-ceious-not-seen', '1', '1'],
    ]);
    // Entered by hand: CE-IOUS saw L1, so row 3 loses it.
    await page
      .locator('[data-testid="outcome-row"][data-lesion-id="L1"] [data-testid="outcome-ceIous"]')
      .selectOption('seen');
    await expect.poll(endpoint).toEqual([
      ['cdlm', '1', '1'],
      ['ct-dlm', '1', '2'],
      ['cdlm-ceious-not-seen', '0', '0'],
    ]);
    expect(await byTestId(page, 'endpoint-chart').getAttribute('aria-label')).toContain(
      'CT-DLM (CT alone) 50.0%',
    );
    await page.screenshot({ path: 'test-results/review-screen.png', fullPage: true });
    expect(errors).toEqual([]);
    console.log(`central review test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 360_000);
});
