/**
 * Serves elastix's WebAssembly pipeline (from the @itk-wasm/elastix package) from the app itself
 * at `/itk-elastix/`: its Emscripten module (elastix.js) and the zstd-compressed binary
 * (elastix.wasm.zst) that itk-wasm fetches. Dev and preview serve them from node_modules; the
 * build copies them into the output, so no CDN is ever asked (the CSP allows only 'self'). The
 * registration worker (src/viewer/registration/registrationWorker.ts) points itk-wasm here.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Connect, Plugin } from 'vite';

export const ELASTIX_URL_PREFIX = '/itk-elastix/';
/** The files the rigid registration needs, and their types. */
const FILES: Record<string, string> = {
  'elastix.js': 'text/javascript',
  'elastix.wasm.zst': 'application/octet-stream',
};

function pipelinesDir(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry points (in dist/), beside which pipelines/ lies.
  return join(dirname(require.resolve('@itk-wasm/elastix')), 'pipelines');
}

function middleware(dir: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    if (!url.startsWith(ELASTIX_URL_PREFIX)) return next();
    const name = url.slice(ELASTIX_URL_PREFIX.length);
    const type = FILES[name];
    if (!type) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', type);
    createReadStream(join(dir, name)).pipe(res);
  };
}

export function elastixPipelinePlugin(): Plugin {
  const dir = pipelinesDir();
  return {
    name: 'dream-elastix-pipeline',
    configureServer(server) {
      server.middlewares.use(middleware(dir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(dir));
    },
    generateBundle() {
      for (const name of Object.keys(FILES)) {
        this.emitFile({
          type: 'asset',
          fileName: `${ELASTIX_URL_PREFIX.slice(1)}${name}`,
          source: readFileSync(join(dir, name)),
        });
      }
    },
  };
}
