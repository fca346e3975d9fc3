/**
 * The DICOMweb proxy of `npm run dev` and `npm start` (vite preview): Orthanc sends no CORS
 * headers, so the app stays same-origin and its server forwards `/dicom-web`, `/wado` and
 * `/orthanc` to the DICOMweb server. One definition for vite.config.ts and the bench, which
 * measures it against a plain Node proxy (scripts/bench/proxy.mjs).
 *
 * Vite's proxy opens a new connection to the server for every request and asks it to close
 * (`Connection: close`) unless it is given an agent; a series' frames are hundreds of requests,
 * so the three paths share one keep-alive agent.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ProxyOptions } from 'vite';

/** Connections kept open to the server: a browser sends at most 6 per origin, a few tabs more. */
const MAX_SOCKETS = 32;

export function dicomWebProxy(target: string): Record<string, ProxyOptions> {
  const secure = new URL(target).protocol === 'https:';
  const options = { keepAlive: true, maxSockets: MAX_SOCKETS };
  const agent = secure ? new HttpsAgent(options) : new HttpAgent(options);
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
