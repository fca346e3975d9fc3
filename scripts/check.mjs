/**
 * `npm run check` (and so `npm test`): the type check, lint, format check and both Vitest projects
 * at once instead of one after another, each line of their output prefixed with its name, and a
 * summary at the end; fails if any of them fails. Why at once (docs/testing.md): the browser tests
 * run one file at a time and leave a core idle for much of their run, so the other checks fill it.
 * The browser tests set the pace, so they start first and keep the normal priority. The unit
 * tests run slightly niced (5): they yield to the browser tests but are not starved on a loaded
 * machine, where their timeouts would then fail them. The static checks have no timeouts and run
 * at the lowest priority (19), on the CPU left over.
 *
 * Each check is its package.json script, so `npm run <script>` still runs one of them alone;
 * `node scripts/check.mjs lint format` runs the named checks only, the same way.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** In start order: the browser tests first, they are the longest chain. */
const CHECKS = [
  { name: 'e2e', script: 'test:e2e', nice: 0 },
  { name: 'unit', script: 'test:unit', nice: 5 },
  { name: 'typecheck', script: 'typecheck', nice: 19 },
  { name: 'lint', script: 'lint', nice: 19 },
  { name: 'format', script: 'format:check', nice: 19 },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !CHECKS.some((check) => check.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown check ${unknown.join(', ')}: ${CHECKS.map((c) => c.name).join(', ')}\n`,
  );
  process.exit(2);
}
const chosen = wanted.length === 0 ? CHECKS : CHECKS.filter((check) => wanted.includes(check.name));
const width = Math.max(...chosen.map((check) => check.name.length));
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const children = new Set();
// Ctrl+C reaches every check through the terminal's process group; a kill of this process alone
// (a CI cancel) is passed on, so no Vitest, Chromium or Orthanc is left behind.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exitCode = 1;
  });
}

/** Runs one check, prefixing each line it prints; resolves with its exit code and duration. */
function run(check) {
  const begin = Date.now();
  // `nice` (coreutils) sets the priority before npm starts: every process under it inherits it.
  const npm = ['npm', 'run', '--silent', check.script];
  const [command, ...args] = check.nice === 0 ? npm : ['nice', '-n', String(check.nice), ...npm];
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Piped, the tools would drop their colours; keep them when this runs in a terminal.
    env: process.stdout.isTTY ? { FORCE_COLOR: '1', ...process.env } : process.env,
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const prefix = `[${check.name.padEnd(width)}] `;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
      out.write(`${prefix}${line}\n`),
    );
  }
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`${prefix}could not start: ${error.message}\n`);
      resolve({ check, code: 1, ms: Date.now() - begin });
    });
    child.on('close', (code, signal) => {
      const ms = Date.now() - begin;
      process.stdout.write(`${prefix}${code === 0 ? 'passed' : 'FAILED'} after ${seconds(ms)}\n`);
      resolve({ check, code: code ?? (signal ? 1 : 0), ms });
    });
  });
}

const results = await Promise.all(chosen.map(run));
const failed = results.filter((result) => result.code !== 0);
process.stdout.write(`\ncheck: ${seconds(Date.now() - started)} in all\n`);
for (const { check, code, ms } of results) {
  process.stdout.write(
    `  ${check.name.padEnd(width)}  ${code === 0 ? 'ok    ' : 'FAILED'}  ${seconds(ms)}\n`,
  );
}
process.exitCode = failed.length === 0 ? 0 : 1;
