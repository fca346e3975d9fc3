/**
 * The DICOMweb proxy of `npm run dev` and `npm start` (vite preview): Orthanc sends no CORS
 * headers, so the app stays same-origin and its server forwards `/dicom-web`, `/wado` and
 * `/orthanc` to the DICOMweb server. One definition for vite.config.ts and the bench, which
 * measures it against a plain Node proxy (scripts/bench/proxy.mjs).
 */
import type { ProxyOptions } from 'vite';

export function dicomWebProxy(target: string): Record<string, ProxyOptions> {
  return {
    '/dicom-web': { target, changeOrigin: true },
    '/wado': { target, changeOrigin: true },
    '/orthanc': {
      target,
      changeOrigin: true,
      rewrite: (path: string) => path.replace(/^\/orthanc/, ''),
    },
  };
}
