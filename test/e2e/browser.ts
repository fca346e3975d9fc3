/**
 * Debian's Chromium driven by playwright-core (no browser download). Each test gets a fresh
 * browser profile (a context of its own: storage, IndexedDB, cookies) and a record of every console
 * error, page error and failed request. `launchBrowser` + `newSession` share one Chromium between
 * the tests of a file (session.ts); `openBrowser` launches one for a single session (the bench,
 * tests that need a window size of their own from the start).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.DREAM_CHROMIUM ?? '/usr/bin/chromium';

// The network here is closed: without the background-networking flags Chromium keeps trying to
// reach Google's hosts (env notes); --no-sandbox because the tests run as root.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and failed requests, in order. */
  errors: string[];
  close(): Promise<void>;
}

const HEADLESS = { executablePath: CHROMIUM_PATH, headless: true, args: ARGS } as const;

/** Records the page's console errors, uncaught errors and failed requests in `errors`. */
function recordErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // Aborted by the page itself: a navigation or reload cancels the background prefetch
    // (src/viewer/prefetch.ts) still in flight. Not a failure of the server or the network.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`requestfailed: ${request.url()} ${reason}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker console: ${message.text()}`);
    }),
  );
}

/** One Chromium for many sessions (each in its own context: nothing stored is shared). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(HEADLESS);
}

/** A fresh context (empty storage) and page in a running Chromium. */
export async function newSession(
  browser: Browser,
  viewport = { width: 1400, height: 1000 },
): Promise<BrowserSession> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  recordErrors(page, errors);
  return { context, page, errors, close: () => context.close() };
}

/** A Chromium of its own with a fresh profile, for one session. */
export async function openBrowser(
  viewport = { width: 1400, height: 1000 },
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'dream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { ...HEADLESS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  recordErrors(page, errors);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
