/**
 * How the built app reaches the browser sooner (docs/startup.md): its code asked for early
 * (preloadAppPlugin), and its scripts and styles compressed once, when the app is built, instead
 * of on every request (precompressPlugin): the build writes `<file>.gz` beside each of them and
 * `npm start` (vite preview) sends that file to a browser that accepts gzip. Vite's preview server
 * otherwise gzips each response as it goes out, which on a busy machine made the 4.6 MB app
 * script a slow part of a start. A static server can serve the same files (nginx `gzip_static`).
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What is compressed, and the type it is sent as. */
const TYPES: ReadonlyMap<string, string> = new Map([
  ['.js', 'text/javascript'],
  ['.css', 'text/css'],
]);

/** Smaller files gain nothing worth a request's extra header. */
const MIN_BYTES = 1024;

const typeOf = (path: string): string | undefined => TYPES.get(path.slice(path.lastIndexOf('.')));

/**
 * The start page's script loads the app (src/main.tsx's `import()`): a `modulepreload` link for
 * each chunk the entry imports that way lets the browser fetch and compile the app's code while
 * the entry and the styles still load, instead of after.
 */
export function preloadAppPlugin(): Plugin {
  let base = '/';
  return {
    name: 'dream-preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml(html, context) {
      const chunk = context.chunk;
      if (!chunk) return html;
      return {
        html,
        tags: chunk.dynamicImports.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
          injectTo: 'head' as const,
        })),
      };
    },
  };
}

export function precompressPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'dream-precompress',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!typeOf(name)) continue;
        const path = join(outDir, name);
        const bytes = readFileSync(path);
        if (bytes.length < MIN_BYTES) continue;
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const type = typeOf(path);
        const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        if (!type || !accepts || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        const file = join(outDir, decodeURIComponent(path));
        // Only files under the build's folder, and only when the build wrote their .gz.
        if (!file.startsWith(`${outDir}/`) || !existsSync(`${file}.gz`)) return next();
        res.setHeader('Content-Type', type);
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Content-Length', statSync(`${file}.gz`).size);
        if (req.method === 'HEAD') return void res.end();
        createReadStream(`${file}.gz`).pipe(res);
      });
    },
  };
}
