/**
 * One fresh browser session per test of the calling file: `const browser = useBrowserSession();`
 * then `const { page, errors } = browser();` inside a test. (Apart from browser.ts, which the
 * bench imports outside Vitest.)
 */
import { afterEach, beforeEach } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';

export function useBrowserSession(): () => BrowserSession {
  let session: BrowserSession | undefined;
  beforeEach(async () => {
    session = await openBrowser();
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
