/**
 * Starts a throw-away Orthanc with the sample study, then builds the production bundle once and
 * serves it with `vite preview` on 127.0.0.1 (a free port) for every browser test. Orthanc starts
 * first because vite.config.ts reads DREAM_ORTHANC_URL for its /dicom-web proxy when it loads.
 * The URLs reach the tests through vitest's provide/inject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startOrthanc, uploadSample } from '../../scripts/orthanc.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    orthancUrl: string;
  }
}

/**
 * `vite build` as `npm start` runs it. Vitest sets NODE_ENV=test, and Vite then bundles React's
 * development build (StrictMode double effects and all), so the production build is asked for.
 */
async function productionBuild(outDir: string): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      logLevel: 'warn',
      configFile: 'vite.config.ts',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const orthanc = await startOrthanc();
  // A build folder of our own: two e2e runs at once (two people, or CI) must not empty each
  // other's dist/ while a preview server is serving it.
  const outDir = mkdtempSync(join(tmpdir(), 'dream-e2e-dist-'));
  try {
    process.env.DREAM_ORTHANC_URL = orthanc.url;
    // The upload (about 5 s) and the build do not depend on each other.
    await Promise.all([uploadSample(orthanc.url), productionBuild(outDir)]);
    const server: PreviewServer = await preview({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
      build: { outDir },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report a URL');
    project.provide('baseUrl', url);
    project.provide('orthancUrl', orthanc.url);
    return async () => {
      await server.close();
      await orthanc.stop();
      rmSync(outDir, { recursive: true, force: true });
    };
  } catch (error) {
    await orthanc.stop();
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
