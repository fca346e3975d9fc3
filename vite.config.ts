import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { dicomWebProxy, dicomWebProxyPlugin } from './scripts/dicomweb-proxy.ts';
import { cspPlugin } from './scripts/vite-plugin-csp.ts';
import { elastixPipelinePlugin } from './scripts/vite-plugin-elastix.ts';
import { precompressPlugin, preloadAppPlugin } from './scripts/vite-plugin-delivery.ts';
import { lazyDisplaySetRulesPlugin } from './scripts/vite-plugin-lazy-rules.ts';
import { sampleStudyPlugin } from './scripts/vite-plugin-sample.ts';

// Orthanc (or any DICOMweb server reachable from the machine that serves the app). Orthanc sends
// no CORS headers, so the dev and preview servers proxy it and the app stays same-origin (the
// preview server, `npm start`, with its own middleware: scripts/dicomweb-proxy.ts).
const orthanc = process.env.DREAM_ORTHANC_URL ?? 'http://127.0.0.1:8042';

export default defineConfig({
  plugins: [
    react(),
    sampleStudyPlugin('sample-dicom'),
    elastixPipelinePlugin(),
    cspPlugin(),
    dicomWebProxyPlugin(orthanc),
    precompressPlugin(),
    preloadAppPlugin(),
    lazyDisplaySetRulesPlugin(),
  ],
  optimizeDeps: {
    // The decode worker imports these CJS/UMD Emscripten glues; without pre-bundling them the
    // worker dies silently in dev and setStack never resolves (docs/stack.md §1).
    include: [
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
      'dicom-parser',
    ],
  },
  worker: { format: 'es' },
  build: {
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    // Non-ASCII characters escaped (\uXXXX): a script with a single character above U+00FF (the
    // Japanese strings) is kept by the browser as UTF-16, twice its size on the page's JS heap
    // (9 MB instead of 4.5 MB for the main chunk).
    rolldownOptions: { output: { charset: 'ascii' } },
  },
  server: { proxy: dicomWebProxy(orthanc) },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          environment: 'node',
          // Vitest's default is one worker fewer than the cores, one worker on a 2-core machine,
          // while the main process only waits: use every core (docs/testing.md).
          maxWorkers: availableParallelism(),
          // `npm test` (scripts/check.mjs) runs these slightly niced beside the browser tests: a
          // test that takes 2 s alone may take several times that while a page loads. Vitest's
          // 5 s default then fails tests that are only slow (it did on the loaded shared
          // machine); a timeout here catches a hang, nothing else (no unit test asserts speed).
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
