/**
 * The DICOMweb proxy of `npm run dev` and `npm start` (vite preview): Orthanc sends no CORS
 * headers, so the app stays same-origin and its server forwards `/dicom-web`, `/wado` and
 * `/orthanc` (prefix dropped) to the DICOMweb server. The bench measures `npm start`'s against a
 * plain Node proxy (scripts/bench/proxy.mjs).
 *
 * `npm start` forwards with a small middleware of its own (dicomWebProxyPlugin): each request
 * piped to the server over a keep-alive agent, as the plain proxy does. Vite's built-in proxy
 * (kept for the dev server, dicomWebProxy) opens a connection per request and sends
 * `Connection: close` unless it is given an agent, and moved bulk frames at about 0.9 of the plain
 * proxy even with one. The plugin's middleware sits where Vite's proxy would: after Vite's CORS
 * and host checks.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Plugin, ProxyOptions } from 'vite';

/** Connections kept open to the server: a browser sends at most 6 per origin, a few tabs more. */
const MAX_SOCKETS = 32;

/** Request paths forwarded, and the prefix each drops. */
const ROUTES: readonly { prefix: string; strip: boolean }[] = [
  { prefix: '/dicom-web', strip: false },
  { prefix: '/wado', strip: false },
  { prefix: '/orthanc', strip: true },
];

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are not forwarded. */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

function keepAliveAgent(target: URL): HttpAgent {
  const options = { keepAlive: true, maxSockets: MAX_SOCKETS };
  return target.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
}

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

/**
 * The path to ask the server for, or undefined when `url` is not forwarded: the route's prefix
 * must be followed by `/`, `?` or nothing.
 */
export function forwardedPath(url: string, targetPath = '/'): string | undefined {
  for (const { prefix, strip } of ROUTES) {
    const next = url.charAt(prefix.length);
    if (!url.startsWith(prefix) || (next !== '' && next !== '/' && next !== '?')) continue;
    let rest = strip ? url.slice(prefix.length) : url;
    if (!rest.startsWith('/')) rest = `/${rest}`;
    return targetPath.replace(/\/+$/, '') + rest;
  }
  return undefined;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** A connect middleware that pipes the forwarded paths to `target`. */
export function dicomWebProxyMiddleware(target: string): Middleware {
  const base = new URL(target);
  const agent = keepAliveAgent(base);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return (req, res, next) => {
    const path = forwardedPath(req.url ?? '', base.pathname);
    if (path === undefined) {
      next();
      return;
    }
    const upstream = send(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        path,
        method: req.method,
        headers: { ...endToEnd(req.headers), host: base.host },
        agent,
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, endToEnd(response.headers));
        response.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
    // A client that goes away stops the request to the server.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}

/** `npm start`'s proxy (vite preview). */
export function dicomWebProxyPlugin(target: string): Plugin {
  return {
    name: 'dream-dicomweb-proxy',
    configurePreviewServer(server) {
      server.middlewares.use(dicomWebProxyMiddleware(target));
    },
  };
}

/** The dev server's proxy: Vite's own, with one keep-alive agent for the three paths. */
export function dicomWebProxy(target: string): Record<string, ProxyOptions> {
  const agent = keepAliveAgent(new URL(target));
  return {
    '/dicom-web': { target, changeOrigin: true, agent },
    '/wado': { target, changeOrigin: true, agent },
    '/orthanc': {
      target,
      changeOrigin: true,
      agent,
      rewrite: (path: string) => path.replace(/^\/orthanc/, ''),
    },
  };
}
