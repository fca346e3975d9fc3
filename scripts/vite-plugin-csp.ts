/**
 * The Content-Security-Policy of the production build: no inline or injected script (only the
 * bundle's own files, plus WebAssembly compilation for the image codecs), no plugins, no
 * framing. Written into the built index.html as a <meta> tag, so it holds on any static host,
 * and sent as a header by `vite preview` (which adds frame-ancestors, a header-only directive).
 * The dev server is left without it: Vite's hot reload injects inline script.
 */
import type { Plugin } from 'vite';

/**
 * connect-src stays open to http(s): a site's DICOMweb server can be anywhere the reader points
 * the app at. Styles may be inline because cornerstone positions its canvases and SVG layers with
 * style attributes; script may not.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self' blob:",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self' http: https: blob: data:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

export function cspText(header = false): string {
  const directives = header ? { ...CSP_DIRECTIVES, 'frame-ancestors': "'none'" } : CSP_DIRECTIVES;
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

export function cspPlugin(): Plugin {
  return {
    name: 'dream-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.server) return html; // dev server: see above
        return {
          html,
          tags: [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: cspText() },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', cspText(true));
        next();
      });
    },
  };
}
