/**
 * cornerstone must work in the dev server too (pre-bundled codecs, module decode worker): open a
 * sample patient through `vite` (not the production build) and expect rendered viewports.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { openBrowser, type BrowserSession } from './browser';

let server: ViteDevServer;
let session: BrowserSession;

beforeAll(async () => {
  server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  session = await openBrowser();
});

afterAll(async () => {
  await session.close();
  await server.close();
});

it('the dev server opens a sample patient with every viewport rendered', async () => {
  const url = server.resolvedUrls?.local[0];
  expect(url).toBeDefined();
  const { page, errors } = session;
  await page.goto(url ?? '');
  await page
    .locator('[data-testid="open-patient"][data-patient-id="DREAM-002"]')
    .click({ timeout: 90_000 });
  const viewports = page.locator('[data-testid="viewport"]');
  await expect.poll(() => viewports.count()).toBeGreaterThan(4);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="viewport"]')].every(
        (element) => element.getAttribute('data-state') !== 'loading',
      ),
    undefined,
    { timeout: 60_000 },
  );
  const states = await viewports.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-state')),
  );
  expect(new Set(states)).toEqual(new Set(['ready']));
  expect(errors).toEqual([]);
});
