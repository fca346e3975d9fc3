/**
 * The `npm start` proxy against a plain Node proxy, in Node: the same upstream (a Node static
 * server of the bench CT's files under /dicom-web/, standing in for the DICOMweb server), the same
 * client (fetch, 6 requests in flight as a browser per origin), all files through each proxy per
 * run, the two proxies taking turns. App: `vite preview` with the app's own vite.config.ts (every
 * middleware `npm start` runs before the proxy's, scripts/dicomweb-proxy.ts); baseline:
 * http.request piped both ways with Node's keep-alive agent. The upstream announces a 1 s idle
 * timeout (`Keep-Alive: timeout=1`) as Orthanc does, which decides whether a proxy's connections
 * to it are reused.
 */
import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize, relative, sep } from 'node:path';
import { preview } from 'vite';
import { median } from './median.mjs';

/** @param {import('node:http').Server} server @returns {Promise<number>} */
function listen(server) {
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      ok(typeof address === 'object' && address ? address.port : 0);
    }),
  );
}

/** @param {string} dir */
function upstream(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.replace(/^\/dicom-web\//, '')));
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/dicom' });
    createReadStream(file).pipe(res);
  });
  // Orthanc's announcement (its HTTP server closes an idle connection after 1 s).
  server.keepAliveTimeout = 1000;
  return server;
}

/** @param {number} port */
function plainProxy(port) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return createServer((req, res) => {
    const out = request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
}

/** Fetches every path from `base`, 6 at a time; returns ms and bytes. */
async function fetchAll(base, paths) {
  const start = performance.now();
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const response = await fetch(base + path);
      if (!response.ok) throw new Error(`${response.status} for ${path}`);
      bytes += (await response.arrayBuffer()).byteLength;
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return { ms: performance.now() - start, bytes };
}

/**
 * @param {{root: string, studyDir: string, files: string[], runs: number, log: (...args: unknown[]) => void}} options
 */
export async function benchProxy({ root, studyDir, files, runs, log }) {
  const paths = files.map(
    (f) =>
      `/dicom-web/${relative(studyDir, f.startsWith('/') ? f : join(studyDir, f))
        .split(sep)
        .join('/')}`,
  );
  const origin = upstream(studyDir);
  const originPort = await listen(origin);
  const target = `http://127.0.0.1:${originPort}`;
  const plain = plainProxy(originPort);
  const plainBase = `http://127.0.0.1:${await listen(plain)}`;
  const outDir = mkdtempSync(join(tmpdir(), 'dream-proxy-'));
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>proxy bench</title>');
  // vite.config.ts reads the server to proxy from the environment, as `npm start` does.
  const orthanc = process.env.DREAM_ORTHANC_URL;
  process.env.DREAM_ORTHANC_URL = target;
  const app = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  }).finally(() => {
    if (orthanc === undefined) delete process.env.DREAM_ORTHANC_URL;
    else process.env.DREAM_ORTHANC_URL = orthanc;
  });
  const address = app.httpServer.address();
  const appBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    await fetchAll(appBase, paths);
    await fetchAll(plainBase, paths);
    const appRuns = [];
    const baseRuns = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? [appBase, plainBase] : [plainBase, appBase];
      for (const base of order) {
        const r = await fetchAll(base, paths);
        (base === appBase ? appRuns : baseRuns).push(r.ms);
      }
    }
    const mb = ((await fetchAll(plainBase, paths.slice(0, 1))).bytes * paths.length) / 1e6;
    const ratio = median(appRuns.map((a, i) => baseRuns[i] / a));
    log(`proxy: app ${median(appRuns).toFixed(0)} ms, plain ${median(baseRuns).toFixed(0)} ms`);
    return {
      id: 'proxy',
      label: `${paths.length} CT files through the npm start proxy`,
      unit: 'ms',
      higherIsBetter: false,
      app: median(appRuns),
      baseline: median(baseRuns),
      ratio,
      ratioOfMedians: median(baseRuns) / median(appRuns),
      runCount: runs,
      target: 1,
      absoluteTarget: false,
      targetMet: ratio >= 1,
      note: `About ${mb.toFixed(0)} MB: every file of the bench CT fetched by Node's fetch, 6 in flight, through vite preview with the app's vite.config.ts (its proxy: scripts/dicomweb-proxy.ts) vs a plain Node proxy (http.request piped, Node's keep-alive agent), both in front of one Node static server announcing Orthanc's 1 s keep-alive; the two proxies take turns. Ratio = baseline / app (1 = as fast as the plain proxy).`,
      runs: { app: appRuns, baseline: baseRuns },
    };
  } finally {
    await app.close();
    await new Promise((ok) => plain.close(() => ok(undefined)));
    await new Promise((ok) => origin.close(() => ok(undefined)));
  }
}
