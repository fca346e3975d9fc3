/**
 * Debian's Chromium driven by playwright-core (no browser download). Each test gets a fresh
 * browser profile and a record of every console error, page error and failed request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

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

export async function openBrowser(
  viewport = { width: 1400, height: 1000 },
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'dream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
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
