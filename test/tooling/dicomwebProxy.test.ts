import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preview, type PreviewServer } from 'vite';
import {
  announcedIdleMs,
  dicomWebProxyMiddleware,
  dicomWebProxyPlugin,
  forwardedPath,
} from '../../scripts/dicomweb-proxy.ts';

/** A body several times the proxy's send buffer (1 MB), every byte telling its place. */
const LARGE = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251));

function portOf(server: { address(): unknown }): number {
  const address = server.address();
  return typeof address === 'object' && address !== null && 'port' in address
    ? Number(address.port)
    : 0;
}

describe('forwardedPath', () => {
  it.each([
    ['/dicom-web/studies?PatientID=1', '/', '/dicom-web/studies?PatientID=1'],
    ['/dicom-web', '/', '/dicom-web'],
    ['/wado?requestType=WADO', '/', '/wado?requestType=WADO'],
    ['/orthanc/system', '/', '/system'],
    ['/orthanc', '/', '/'],
    ['/orthanc?x=1', '/', '/?x=1'],
    ['/dicom-web/studies', '/pacs/', '/pacs/dicom-web/studies'],
    ['/dicom-webx/studies', '/', undefined],
    ['/wadoo', '/', undefined],
    ['/index.html', '/', undefined],
  ])('%s (server path %s) -> %s', (url, targetPath, path) => {
    expect(forwardedPath(url, targetPath)).toBe(path);
  });
});

describe('announcedIdleMs', () => {
  it.each([
    ['timeout=1', 1000],
    ['timeout=5, max=100', 5000],
    ['max=100, timeout=2', 2000],
    ['max=100', undefined],
    [undefined, undefined],
  ])('Keep-Alive: %s -> %s ms', (header, ms) => {
    expect(announcedIdleMs(header === undefined ? {} : { 'keep-alive': header })).toBe(ms);
  });
});

describe('the npm start DICOMweb proxy (vite preview)', () => {
  let upstream: Server;
  let app: PreviewServer;
  let base = '';
  /** Connections the upstream server accepted, and the paths and Connection headers it saw. */
  let connections = 0;
  const seen: { path: string; connection: string | undefined; authorization?: string }[] = [];
  /** Whether the upstream drops the next request that arrives on a connection used before. */
  let dropReused = false;
  const used = new WeakSet<object>();
  /** POST bodies the upstream received, and whether each came on a connection used before. */
  const posted: { reused: boolean; body: string }[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const reused = used.has(req.socket);
      if (dropReused && reused) {
        // As a server whose idle timeout closed the connection just as the request came.
        dropReused = false;
        req.socket.destroy();
        return;
      }
      used.add(req.socket);
      seen.push({
        path: req.url ?? '',
        connection: req.headers.connection,
        authorization: req.headers.authorization,
      });
      if (req.url === '/dicom-web/large') {
        res.writeHead(200, { 'content-length': LARGE.length }).end(LARGE);
        return;
      }
      if (req.url === '/dicom-web/cut') {
        // Announces more than it sends, then breaks off, as a server that fails mid-answer.
        res.writeHead(200, { 'content-length': 100_000 });
        res.write(Buffer.alloc(1000, 1), () => req.socket.destroy());
        return;
      }
      if (req.method === 'POST') {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          posted.push({ reused, body: Buffer.concat(chunks).toString() });
          res.writeHead(200).end();
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/dicom' }).end(Buffer.alloc(4096, 7));
    });
    // Orthanc announces `Keep-Alive: timeout=1`, which Node's own agent never reuses a socket for.
    upstream.keepAliveTimeout = 1000;
    upstream.on('connection', () => connections++);
    await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
    const outDir = mkdtempSync(join(tmpdir(), 'dream-proxy-test-'));
    writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>proxy test</title>');
    app = await preview({
      configFile: false,
      root: outDir,
      logLevel: 'silent',
      build: { outDir },
      plugins: [dicomWebProxyPlugin(`http://127.0.0.1:${portOf(upstream)}`)],
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    base = `http://127.0.0.1:${portOf(app.httpServer)}`;
  });

  afterAll(async () => {
    await app.close();
    upstream.closeAllConnections();
    await new Promise((ok) => upstream.close(ok));
  });

  it('leaves other paths to vite preview', async () => {
    const response = await fetch(`${base}/index.html`);
    expect(await response.text()).toContain('proxy test');
  });

  it('forwards each path (the /orthanc prefix dropped) over kept-alive connections', async () => {
    const paths = Array.from({ length: 12 }, (_, i) => `/dicom-web/studies/1/instances/${i}`);
    for (const path of [...paths, '/wado?requestType=WADO', '/orthanc/system']) {
      const response = await fetch(base + path);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(4096);
    }
    expect(seen.map((s) => s.path)).toEqual([...paths, '/wado?requestType=WADO', '/system']);
    // Vite's own proxy without an agent asks the server to close every connection.
    expect(seen.filter((s) => s.connection === 'close')).toEqual([]);
    expect(connections).toBeLessThan(seen.length);
  });

  it('forwards the bearer token as sent', async () => {
    const response = await fetch(`${base}/dicom-web/studies?token`, {
      headers: { Authorization: 'Bearer secret-1' },
    });
    expect(response.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({
      path: '/dicom-web/studies?token',
      authorization: 'Bearer secret-1',
    });
  });

  it('relays an answer larger than its send buffer whole and in order', async () => {
    const response = await fetch(`${base}/dicom-web/large`);
    expect(response.headers.get('content-length')).toBe(String(LARGE.length));
    expect(Buffer.from(await response.arrayBuffer()).equals(LARGE)).toBe(true);
  });

  it('breaks off an answer the server broke off, never passing it as whole', async () => {
    const response = await fetch(`${base}/dicom-web/cut`);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('answers 502 when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = portOf(closed);
    await new Promise((ok) => closed.close(ok));
    const proxy = createServer((req, res) =>
      dicomWebProxyMiddleware(`http://127.0.0.1:${port}`)(req, res, () => res.end()),
    );
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    try {
      const response = await fetch(`http://127.0.0.1:${portOf(proxy)}/dicom-web/studies`);
      expect(response.status).toBe(502);
    } finally {
      await new Promise((ok) => proxy.close(ok));
    }
  });

  it('sends a GET again on a new connection when the server closed the kept one', async () => {
    await fetch(`${base}/dicom-web/studies`);
    const before = connections;
    dropReused = true;
    const response = await fetch(`${base}/dicom-web/studies/again`);
    expect(response.status).toBe(200);
    expect(dropReused).toBe(false);
    expect(connections).toBe(before + 1);
    expect(seen.at(-1)?.path).toBe('/dicom-web/studies/again');
  });

  it('sends a request with a body (STOW-RS) whole, never on a kept connection', async () => {
    await fetch(`${base}/dicom-web/studies`);
    const response = await fetch(`${base}/dicom-web/studies`, {
      method: 'POST',
      body: 'a DICOM part',
    });
    expect(response.status).toBe(200);
    expect(posted).toEqual([{ reused: false, body: 'a DICOM part' }]);
  });
});
