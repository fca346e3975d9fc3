/**
 * A DICOMweb server that fails: stopped (nothing listening), 401, a 500 that a retry gets past,
 * and an answer slower than the reader's time limit. Each gives a clear message naming the
 * server, a retry, and the sample patients already in the library stay usable. The failing
 * server is a small local HTTP server started here (with CORS, as a real cross-origin PACS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useBrowserSession } from './session';
import { appUrl } from './reading-helpers';

const STUDY = [
  {
    '0020000D': { vr: 'UI', Value: ['1.2.826.0.1.3680043.10.1'] },
    '00100020': { vr: 'LO', Value: ['FAKE-1'] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Fake^One' }] },
    '00080020': { vr: 'DA', Value: ['20250101'] },
  },
];

let server: Server;
let base: string;
let deadPort: number;
const hits = new Map<string, number>();
const slowTimers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Accept, Content-Type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
    const mode = (req.url ?? '').split('/')[1] ?? '';
    const count = (hits.get(mode) ?? 0) + (req.method === 'OPTIONS' ? 0 : 1);
    hits.set(mode, count);
    const ok = () =>
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(JSON.stringify(STUDY));
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else if (mode === 'auth') res.writeHead(401).end('no');
    else if (mode === 'flaky' && count === 1) res.writeHead(500).end('boom');
    else if (mode === 'slow') {
      const timer = setTimeout(() => {
        slowTimers.delete(timer);
        ok();
      }, 5000);
      slowTimers.add(timer);
    } else ok();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was free a moment ago: nothing listens there (a stopped PACS).
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  deadPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
});
afterAll(async () => {
  for (const timer of slowTimers) clearTimeout(timer);
  await new Promise<void>((done) => server.close(() => done()));
});

const browser = useBrowserSession();

describe('PACS failures', () => {
  it('stopped, 401, 500 then retry, too slow: clear messages, retry, library intact', async () => {
    const { page, errors } = browser();
    await page.goto(appUrl());
    const cards = page.locator('[data-testid="open-patient"]');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(3);
    const panel = page.getByTestId('dicomweb-panel');
    const alert = panel.getByTestId('dicomweb-error');
    const search = async (url: string, token = '', seconds = '30') => {
      await panel.getByLabel('Server URL').fill(url);
      await panel.getByLabel('Access token (optional)').fill(token);
      await panel.getByLabel('Time limit per request (s)').fill(seconds);
      await panel.getByRole('button', { name: 'Search' }).click();
    };

    // Stopped: nothing listens.
    const stopped = `http://127.0.0.1:${deadPort}/dicom-web`;
    await search(stopped);
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('Could not reach');
    expect(await alert.textContent()).toContain(stopped);
    expect(await panel.getByTestId('dicomweb-retry').isVisible()).toBe(true);

    // 401: the token is refused, and never shown.
    await search(`${base}/auth`, 'secret-token-xyz');
    await expect.poll(() => alert.textContent()).toContain('refused access (HTTP 401)');
    expect(await page.locator('body').textContent()).not.toContain('secret-token-xyz');

    // 500 once: the message, then Retry gets the answer.
    await search(`${base}/flaky`);
    await expect.poll(() => alert.textContent()).toContain('failed (HTTP 500)');
    await panel.getByTestId('dicomweb-retry').click();
    await expect.poll(() => panel.getByTestId('dicomweb-study').count()).toBe(1);
    expect(await alert.count()).toBe(0);
    expect(hits.get('flaky')).toBe(2);

    // Slower than the time limit the reader set.
    await search(`${base}/slow`, '', '1');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('within 1 s');
    expect(await panel.getByTestId('dicomweb-study').count()).toBe(0);

    // What the library had is still there and opens.
    expect(await cards.count()).toBe(3);
    await cards.first().click();
    await expect
      .poll(() => page.locator('[data-testid="viewport"][data-state="ready"]').count(), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    // The browser logs each failed request itself; nothing else may go wrong.
    expect(errors.filter((e) => !/Failed to load resource|net::ERR/.test(e))).toEqual([]);
  });
});
