/**
 * The DICOMweb proxy of `npm run dev` and `npm start` (vite preview): Orthanc sends no CORS
 * headers, so the app stays same-origin and its server forwards `/dicom-web`, `/wado` and
 * `/orthanc` (prefix dropped) to the DICOMweb server. The bench measures `npm start`'s against a
 * plain Node proxy (scripts/bench/proxy.mjs).
 *
 * `npm start` forwards with a small middleware of its own (dicomWebProxyPlugin): each request
 * sent to the server over a keep-alive agent and its answer relayed (relay). Vite's built-in proxy
 * (kept for the dev server, dicomWebProxy) opens a connection per request and sends
 * `Connection: close` unless it is given an agent, and moved bulk frames at about 0.9 of the plain
 * proxy even with one. The plugin's middleware comes first of the plugins' (order 'pre'), after
 * only Vite's CORS and host checks, which Vite installs before any plugin's and which keep a page
 * of another site (DNS rebinding) from reading the PACS through it.
 *
 * Orthanc answers `Keep-Alive: timeout=1`, and Node's agent (20.x) keeps no socket whose server
 * announces under 2 s (it lets go a second early), so every proxied frame opened a new connection
 * to Orthanc, the plain proxy's too. The agent here keeps such a socket for half the announced
 * idle time instead (reusingAgent), and a GET that meets a socket the server closed meanwhile is
 * sent once more on a new one; a request with a body never goes on a kept socket.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { AgentOptions, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
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

/** Idle time of a kept connection when the server announces none. */
const IDLE_MS = 4000;

/** The idle timeout a response announces (`Keep-Alive: timeout=N`, seconds), in ms. */
export function announcedIdleMs(headers: IncomingHttpHeaders): number | undefined {
  const match = /(?:^|[,\s])timeout=(\d+)/i.exec(String(headers['keep-alive'] ?? ''));
  return match ? Number(match[1]) * 1000 : undefined;
}

/** A keep-alive agent told, per socket, the idle time its server announced. */
export interface ReusingAgent extends HttpAgent {
  /** Records what the server announced with its response on `socket`. */
  announced(socket: Socket, headers: IncomingHttpHeaders): void;
}

/**
 * An agent that keeps a socket for half of what its server's last response announced (Orthanc:
 * 1 s, so 500 ms), where Node's own drops any socket announced under 2 s. A free socket whose
 * timeout passes is destroyed by the agent.
 */
function reusingAgent(Base: typeof HttpAgent, options: AgentOptions): ReusingAgent {
  const idle = new WeakMap<Socket, number | undefined>();
  class Reusing extends Base implements ReusingAgent {
    announced(socket: Socket, headers: IncomingHttpHeaders): void {
      idle.set(socket, announcedIdleMs(headers));
    }
    override keepSocketAlive(socket: Socket): boolean {
      // Not told (Vite's own proxy in the dev server): Node's rule.
      if (!idle.has(socket)) {
        // Typed as void in @types/node; Node returns whether the socket is kept.
        return (super.keepSocketAlive(socket) as unknown) !== false;
      }
      const announced = idle.get(socket);
      if (announced === 0) return false;
      socket.setKeepAlive(true, 1000);
      socket.unref();
      socket.setTimeout(announced === undefined ? IDLE_MS : Math.min(IDLE_MS, announced / 2));
      return true;
    }
  }
  return new Reusing(options);
}

export function keepAliveAgent(target: URL): ReusingAgent {
  const options = { keepAlive: true, maxSockets: MAX_SOCKETS };
  return reusingAgent(target.protocol === 'https:' ? HttpsAgent : HttpAgent, options);
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

/**
 * Bytes a response may hold not yet sent to the browser before the proxy stops reading the
 * server's answer: one whole 512x512 16-bit frame and more. `pipe` stops at the socket's 16 KB,
 * so each 64 KB read from the server paused and resumed it.
 */
const SEND_BUFFER = 1 << 20;

/**
 * Copies the server's answer to the browser. The status line, headers and first bytes leave in
 * one write (the response is corked until the first chunk is queued); reading from the server
 * pauses only when SEND_BUFFER bytes wait to be sent, and resumes once they are.
 */
function relay(from: IncomingMessage, to: ServerResponse): void {
  to.cork();
  let corked = true;
  const uncork = () => {
    if (corked) to.uncork();
    corked = false;
  };
  from.on('data', (chunk: Buffer) => {
    const sent = to.write(chunk);
    if (corked) process.nextTick(uncork);
    if (!sent && to.writableLength >= SEND_BUFFER) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
  from.on('end', () => {
    uncork();
    to.end();
  });
  // The server broke off mid-answer: the browser must not take a cut answer for a whole one.
  from.on('error', () => to.destroy());
  from.on('aborted', () => to.destroy());
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
    // Sent again once, on a connection of its own, when a kept one turns out closed by the server
    // (its idle timer can beat ours on a loaded machine), which only a request without a body can
    // be. Not through the agent: its next free socket may be just as stale. A request with a body
    // (STOW-RS) is never sent on a kept socket, so it cannot meet a stale one.
    const resendable = req.method === 'GET' || req.method === 'HEAD';
    const forward = (attempt: number) => {
      const upstream = send(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          path,
          method: req.method,
          headers: { ...endToEnd(req.headers), host: base.host },
          agent: resendable && attempt === 0 ? agent : false,
        },
        (response) => {
          if (resendable && attempt === 0) agent.announced(response.socket, response.headers);
          res.writeHead(response.statusCode ?? 502, endToEnd(response.headers));
          relay(response, res);
        },
      );
      upstream.on('error', () => {
        if (resendable && attempt === 0 && upstream.reusedSocket && !res.headersSent) {
          forward(1);
          return;
        }
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end();
      });
      // A client that goes away stops the request to the server.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (resendable) upstream.end();
      else req.pipe(upstream);
    };
    forward(0);
  };
}

/** `npm start`'s proxy (vite preview). */
export function dicomWebProxyPlugin(target: string): Plugin {
  return {
    name: 'dream-dicomweb-proxy',
    // Before the other plugins' middlewares (the CSP header, the sample and elastix files), so a
    // forwarded request passes only Vite's CORS and host checks on its way.
    configurePreviewServer: {
      order: 'pre',
      handler(server) {
        server.middlewares.use(dicomWebProxyMiddleware(target));
      },
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
