/**
 * Vite build of the bench page (scripts/bench/page), which imports the app's modules from src/.
 * The dependency and worker settings come from the app's vite.config.ts; the output goes to a
 * temporary folder outside the repository.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vite';
import appConfig from '../../vite.config.ts';

export const BENCH_OUT_DIR = join(tmpdir(), 'dream-bench-page');

export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  base: './',
  logLevel: 'warn',
  optimizeDeps: appConfig.optimizeDeps,
  // The build's "plugin timings" notes are noise in the bench's output.
  worker: { ...appConfig.worker, rolldownOptions: { checks: { bundlerTimings: false } } },
  build: {
    ...appConfig.build,
    outDir: BENCH_OUT_DIR,
    emptyOutDir: true,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
