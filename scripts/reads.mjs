/**
 * `npm run reads -- <command> [--json] FILES...`: the batch CLI (src/cli/reads.ts),
 * for data managers. This entry supplies node's services (file reading and writing, sha256) to
 * `runReads`.
 *
 * Loading the TypeScript: vite's `runnerImport` (as the benches do) costs 1.5-3 s at every start,
 * too slow for a command run in loops over files. So the entry bundles src/cli/reads.ts once with
 * vite's own `build` (SSR mode: node ESM, zod left external) into
 * node_modules/.cache/dream-reads/reads.mjs and then imports that plain JS (about 0.3 s of CPU).
 * The bundle is rebuilt (about 1 s) when any module it was built from has changed or is gone
 * since the build started (the module list is kept beside it in manifest.json). No new
 * dependency, no build step to remember.
 *
 * Exit status: 0 no problem, 1 a problem in a file, 2 usage error (see `--help`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = resolve(ROOT, 'src/cli/reads.ts');
const CACHE = resolve(ROOT, 'node_modules/.cache/dream-reads');
const BUNDLE = join(CACHE, 'reads.mjs');
const MANIFEST = join(CACHE, 'manifest.json');

/** @param {string} text */
const sha256 = (text) => Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));

/** Writes a file of the SR commands, creating its folder. */
async function writeOut(/** @type {string} */ path, /** @type {Uint8Array | string} */ data) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/** Whether the cached bundle was built from the current sources. */
function bundleIsFresh() {
  try {
    /** @type {{builtFrom: number, modules: string[]}} */
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    if (!statSync(BUNDLE, { throwIfNoEntry: false })) return false;
    if (!manifest.modules.includes(ENTRY)) return false;
    return manifest.modules.every((file) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat !== undefined && stat.mtimeMs < manifest.builtFrom;
    });
  } catch {
    return false;
  }
}

/** Bundles src/cli/reads.ts into the cache (written to a temporary folder, then renamed). */
async function buildBundle() {
  const { build } = await import('vite');
  const builtFrom = Date.now();
  const outDir = join(CACHE, `build-${process.pid}`);
  const result = await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    publicDir: false,
    build: {
      ssr: ENTRY,
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'reads.mjs' } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunk = outputs.find((o) => o.type === 'chunk' && o.fileName === 'reads.mjs');
  if (chunk === undefined || chunk.type !== 'chunk') throw new Error('reads: bundle not built');
  const modules = chunk.moduleIds.filter((id) => id.startsWith(`${ROOT}/`));
  mkdirSync(CACHE, { recursive: true });
  renameSync(join(outDir, 'reads.mjs'), BUNDLE);
  rmSync(outDir, { recursive: true, force: true });
  const manifest = join(CACHE, `manifest-${process.pid}.json`);
  writeFileSync(manifest, JSON.stringify({ builtFrom, modules }, null, 2));
  renameSync(manifest, MANIFEST);
}

async function main() {
  if (!bundleIsFresh()) await buildBundle();
  // The query defeats node's module cache only in the (theoretical) case of a rebuild in-process.
  const cli = await import(`${pathToFileURL(BUNDLE).href}?v=${statSync(BUNDLE).mtimeMs}`);
  /** @type {{exitCode: number, stdout: string, stderr: string}} */
  const result = await cli.runReads(process.argv.slice(2), (file) => readFile(file, 'utf8'), {
    sha256,
    readBytes: async (file) => new Uint8Array(await readFile(file)),
    writeFile: writeOut,
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
