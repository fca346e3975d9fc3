/** The bench's static server: the bench page and the generated study on one loopback port. */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.dcm': 'application/dicom',
};

/**
 * Static files from `page` at / and from `study` at /study/, on a free loopback port.
 * @param {string} page
 * @param {string} study
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export function serve(page, study) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [base, rest] = path.startsWith('/study/') ? [study, path.slice(7)] : [page, path];
    const file = normalize(join(base, rest === '/' || rest === '' ? 'index.html' : rest));
    if (!file.startsWith(base + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}
