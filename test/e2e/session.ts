/**
 * Browser sessions for the tests of the calling file: `const browser = useBrowserSession();` then
 * `const { page, errors } = browser();` inside a test. One Chromium is launched for the file and
 * each test gets a fresh context in it (its own storage and IndexedDB, so tests stay independent);
 * launching Chromium once per file instead of once per test saves its start-up on every test.
 * (Apart from browser.ts, which the bench imports outside Vitest.)
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newSession, type BrowserSession } from './browser';

export function useBrowserSession(viewport?: {
  width: number;
  height: number;
}): () => BrowserSession {
  let chromium: Browser | undefined;
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    chromium = undefined;
  });
  beforeEach(async () => {
    if (!chromium) throw new Error('Chromium did not start');
    session = await newSession(chromium, viewport);
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  return () => {
    if (!session) throw new Error('no browser session: call it inside a test');
    return session;
  };
}
