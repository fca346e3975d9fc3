/**
 * Serves the bundled sample study (`sample-dicom/`, kept at the top level as product data) at
 * `/sample-dicom/` in the dev server and in `vite preview`, and copies it into the build output.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Connect, Plugin, ResolvedConfig } from 'vite';

export const SAMPLE_URL_PREFIX = '/sample-dicom/';

function contentType(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.dcm')) return 'application/dicom';
  return 'application/octet-stream';
}

function middleware(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    if (!url.startsWith(SAMPLE_URL_PREFIX)) return next();
    const relative = normalize(decodeURIComponent(url.slice(SAMPLE_URL_PREFIX.length)));
    const file = resolve(root, relative);
    // Never serve anything outside the sample folder (no ../ escapes).
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const size = statSync(file).size;
    res.setHeader('Content-Type', contentType(file));
    res.setHeader('Accept-Ranges', 'bytes');
    // Single byte ranges, as static hosts serve them: the app reads headers with `Range`.
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
      if (start > end) {
        res.statusCode = 416;
        res.setHeader('Content-Range', `bytes */${size}`);
        res.end();
        return;
      }
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
      res.setHeader('Content-Length', String(end - start + 1));
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.setHeader('Content-Length', String(size));
    createReadStream(file).pipe(res);
  };
}

export function sampleStudyPlugin(sampleDir: string): Plugin {
  const root = resolve(sampleDir);
  let config: ResolvedConfig | undefined;
  return {
    name: 'dream-sample-study',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use(middleware(root));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(root));
    },
    closeBundle() {
      if (!config || config.command !== 'build' || !existsSync(root)) return;
      const outDir = resolve(config.root, config.build.outDir);
      cpSync(root, join(outDir, SAMPLE_URL_PREFIX), { recursive: true });
    },
  };
}
