/**
 * Durability: a scripted read of DREAM-001 is interrupted by page reloads at seeded random
 * points (some right after an action, before its save finished). After every reload the read
 * must hold at least everything the UI last showed as saved: nothing shown as saved is lost.
 *
 * Every reload re-opens the app and the patient (seconds of CPU each), so the points are placed
 * rather than scattered: each kind of step (a lesion added, a segment chosen, a call made) is
 * reloaded after once with its save confirmed and once right after the action (its save may
 * still be pending), at a step of that kind the seed picks; the rest of DURABILITY_POINTS
 * (default 8) fall at random. DURABILITY_SEED changes the steps; DURABILITY_POINTS=24 reloads
 * after every step.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './session';
import { truthPatient, appUrl } from './reading-helpers';
import { prng } from '../robustness/fuzz';

const SEED = Number(process.env.DURABILITY_SEED ?? 1527);
const KINDS = ['add', 'segment', 'call'] as const;
/** Reloads: at least one per kind of step and wait mode. */
const POINTS = Math.max(KINDS.length * 2, Number(process.env.DURABILITY_POINTS ?? 8));
const truth = truthPatient('DREAM-001') as unknown as {
  lesions: { id: string; segment: string; calls: { preop: Record<string, string> } }[];
};
const MODALITIES = ['CT', 'DWI', 'T1/T2', 'EOB'] as const;
const KEY: Record<string, string> = { present: 'p', disappeared: 'd' };

type Step =
  | { kind: 'add'; lesion: number }
  | { kind: 'segment'; lesion: number; segment: string }
  | { kind: 'call'; lesion: number; col: number; key: string };

/** The read as a list of single user actions. */
const steps: Step[] = truth.lesions.flatMap((lesion, i): Step[] => [
  { kind: 'add', lesion: i },
  { kind: 'segment', lesion: i, segment: lesion.segment },
  ...MODALITIES.map((m, col): Step => {
    const call = lesion.calls.preop[m];
    if (!call) throw new Error(`no ${m} call for ${lesion.id}`);
    return { kind: 'call', lesion: i, col, key: KEY[call] ?? 'n' };
  }),
]);

/** What the lesion panel shows: per lesion its segment and calls. */
async function shown(page: Page) {
  return page.locator('[data-testid="lesion-row"]').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-lesion-id'),
      segment: (row.querySelector('[data-testid="segment-select"]') as HTMLSelectElement).value,
      calls: [...row.querySelectorAll('[data-testid="call-cell"]')].map((c) =>
        c.getAttribute('data-call'),
      ),
    })),
  );
}

/** Opens DREAM-001 from the list, unless the page came back on it (the URL follows the patient). */
async function openPatient(page: Page) {
  const open = page.locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]');
  const panel = page.getByTestId('add-lesion');
  await expect
    .poll(async () => (await open.count()) + (await panel.count()), { timeout: 60_000 })
    .toBeGreaterThan(0);
  if ((await panel.count()) === 0) await open.click();
  await panel.waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('save-status').getAttribute('data-save')).toBe('saved');
}

/**
 * Reload points, in step order: after which step, and whether to wait for "Saved" first. One
 * per kind of step and wait mode at a step of that kind the seed picks, then seeded random ones
 * up to POINTS, at most one per step.
 */
function reloadPoints(random: () => number): { step: number; wait: boolean }[] {
  const chosen = new Map<number, boolean>();
  const pick = (candidates: number[]) => candidates[Math.floor(random() * candidates.length)];
  for (const kind of KINDS) {
    for (const wait of [true, false]) {
      const free = steps.flatMap((s, i) => (s.kind === kind && !chosen.has(i) ? [i] : []));
      const step = pick(free);
      if (step === undefined) throw new Error(`no ${kind} step left for a reload`);
      chosen.set(step, wait);
    }
  }
  while (chosen.size < Math.min(POINTS, steps.length)) {
    const step = pick(steps.map((_, i) => i).filter((i) => !chosen.has(i)));
    if (step !== undefined) chosen.set(step, random() < 0.5);
  }
  return [...chosen].sort((a, b) => a[0] - b[0]).map(([step, wait]) => ({ step, wait }));
}

/** The save indicator's state ('saved' once the read is stored). */
const saveState = (page: Page) => page.getByTestId('save-status').getAttribute('data-save');

async function act(page: Page, step: Step) {
  if (step.kind === 'add') return page.getByTestId('add-lesion').click();
  const row = page.locator('[data-testid="lesion-row"]').nth(step.lesion);
  if (step.kind === 'segment') return row.getByTestId('segment-select').selectOption(step.segment);
  await row.locator(`[data-testid="call-cell"][data-cell="${step.lesion}:${step.col}"]`).focus();
  await page.keyboard.press(step.key);
}

const browser = useBrowserSession();

describe('durability', () => {
  it(`loses nothing shown as saved over ${POINTS} seeded reloads (seed ${SEED})`, async () => {
    const { page, errors } = browser();
    // Leaving while a save is pending asks first (beforeunload): the reader says leave.
    page.on('dialog', (dialog) => void dialog.accept());
    const points = reloadPoints(prng(SEED));
    // Every kind of step is reloaded after both with its save confirmed and without waiting.
    const covered = new Set(points.map((p) => `${steps[p.step]?.kind} ${p.wait}`));
    expect(covered.size).toBe(KINDS.length * 2);

    await page.goto(appUrl());
    await page
      .locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]')
      .click({ timeout: 60_000 });
    // One viewport: the reading screen keeps its layout over reloads, and the read is the point.
    await page.getByTestId('layout-1x1').click();
    await page.getByTestId('reader-id').fill('R05');
    await page.getByTestId('reader-name').fill('Dr Durable');
    await page.getByTestId('reader-save').click();
    await page.getByTestId('add-lesion').waitFor();

    const pending = [...points];
    let savedView = await shown(page);
    let done = 0;
    let reloads = 0;
    let unsavedAtReload = 0;
    while (done < steps.length) {
      const step = steps[done] as Step;
      // After a reload that lost an unsaved step, redo from what the read holds.
      await act(page, step);
      done++;
      // Each point is used once, even when a lost step is done again after it.
      const at = pending.findIndex((p) => p.step === done - 1);
      const point = at === -1 ? undefined : pending.splice(at, 1)[0];
      if (point && !point.wait) {
        // Reload as soon as the action is done (one look at the save state, no more), so that
        // its save may still be pending: what was shown as saved before it must survive.
        if ((await saveState(page)) !== 'saved') unsavedAtReload++;
      } else {
        if ((await saveState(page)) === 'saved') savedView = await shown(page);
        if (!point) continue;
        await expect.poll(() => saveState(page)).toBe('saved');
        savedView = await shown(page);
      }
      await page.reload();
      reloads++;
      await openPatient(page);
      const now = await shown(page);
      // Everything shown as saved is there (a step after it may be there too, if its save won).
      expect(now.length).toBeGreaterThanOrEqual(savedView.length);
      for (const [i, lesion] of savedView.entries()) {
        const got = now[i];
        expect(got?.id).toBe(lesion.id);
        if (lesion.segment) expect(got?.segment).toBe(lesion.segment);
        lesion.calls.forEach((call, col) => {
          if (call !== 'unset') expect(got?.calls[col]).toBe(call);
        });
      }
      // Continue the script from what the read actually holds.
      savedView = now;
      done = steps.findIndex((s) => !holds(now, s));
      if (done === -1) done = steps.length;
    }
    await expect.poll(() => saveState(page)).toBe('saved');
    const final = await shown(page);
    expect(final.map((l) => l.segment)).toEqual(truth.lesions.map((l) => l.segment));
    console.log(
      `durability: ${reloads} reloads (${unsavedAtReload} with a save still pending), ${steps.length} steps, after steps ${points.map((p) => `${p.step}${p.wait ? '' : '!'}`).join(' ')}`,
    );
    expect(reloads).toBe(points.length);
    expect(errors).toEqual([]);
  }, 300_000);
});

/** Whether the read shown already has what a step does. */
function holds(view: Awaited<ReturnType<typeof shown>>, step: Step): boolean {
  const lesion = view[step.lesion];
  if (step.kind === 'add') return lesion !== undefined;
  if (step.kind === 'segment') return lesion?.segment === step.segment;
  const expected =
    step.key === 'p' ? 'present' : step.key === 'd' ? 'disappeared' : 'not-evaluable';
  return lesion?.calls[step.col] === expected;
}
