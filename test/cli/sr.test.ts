/**
 * The CLI's SR commands: `sr` writes one SR per read file named after read id and version,
 * `from-sr` writes the read file back (the same read, checked by the app's import); usage errors
 * and problem files; and one real run of the node entry, sr then from-sr.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { exportReadJson, type Read } from '../../src/domain/index.ts';
import { sha256 } from '../domain/fixtures.ts';
import { designedReads } from '../dicom/sr/fixtures.ts';
import { fixtureDir, writeFixture } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = fixtureDir();
const EXPORTED_AT = '2026-04-01T00:00:00.000Z';
let reads: Read[] = [];
const files: string[] = [];

const io = {
  sha256,
  readBytes: async (file: string) => new Uint8Array(await readFile(file)),
  writeFile: (file: string, data: Uint8Array | string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    return Promise.resolve();
  },
};
const run = (...argv: string[]) => runReads(argv, (file) => readFile(file, 'utf8'), io);
/** A read file without its export time (from-sr writes the read's last change as that time). */
const content = (text: string) => ({ ...(JSON.parse(text) as object), exportedAt: undefined });

beforeAll(async () => {
  reads = await designedReads();
  reads.forEach((read, i) => {
    const text = exportReadJson(read, { now: () => EXPORTED_AT });
    files.push(writeFixture(dir, `read-${i}.json`, text));
  });
  writeFixture(dir, 'broken.json', '{"schemaVersion": 1}');
}, 60_000);

describe('sr and from-sr', () => {
  // Four SR exports and imports: CPU work a busy 2-core machine takes past the default 5 s.
  it(
    'sr writes <read id>-v<version>.dcm per read file, from-sr gives the read files back',
    { timeout: 30_000 },
    async () => {
      const srDir = join(dir, 'sr');
      const sr = await run('sr', '--out', srDir, ...files);
      expect(sr.stderr).toBe('');
      expect(sr.exitCode).toBe(0);
      // A draft and the signed record of one version share the name: the later file given wins
      // (here the signed ones: files 1 and 3).
      expect(readdirSync(srDir).sort()).toEqual(['sr-1-v1.dcm', 'sr-1-v2.dcm']);
      expect(sr.stdout).toContain('4 written, no problems');

      const back = join(dir, 'back');
      const [signed1, signed2] = [files[1] ?? '', files[3] ?? ''];
      const fromSr = await run(
        'from-sr',
        '--out',
        back,
        ...readdirSync(srDir).map((f) => join(srDir, f)),
      );
      expect(fromSr.stderr).toBe('');
      expect(fromSr.exitCode).toBe(0);
      expect(readdirSync(back).sort()).toEqual(['sr-1-v1.json', 'sr-1-v2.json']);
      for (const [name, original] of [
        ['sr-1-v1.json', signed1],
        ['sr-1-v2.json', signed2],
      ] as const) {
        expect(content(readFileSync(join(back, name), 'utf8'))).toEqual(
          content(readFileSync(original, 'utf8')),
        );
      }
      const validate = await run('validate', join(back, 'sr-1-v2.json'));
      expect(validate.exitCode).toBe(0);
    },
  );

  it('--json lists what was written', async () => {
    const result = await run('sr', '--json', '--out', join(dir, 'json'), files[3] ?? '');
    const report = JSON.parse(result.stdout) as { ok: boolean; written: { to: string }[] };
    expect(report.ok).toBe(true);
    expect(report.written.map((w) => w.to)).toEqual([join(dir, 'json', 'sr-1-v2.dcm')]);
  });

  it.each([
    [['sr', 'a.json'], 'sr needs --out DIR'],
    [['from-sr', 'a.dcm'], 'from-sr needs --out DIR'],
    [['status', '--out', 'x', 'a.json'], '--out belongs to the sr and from-sr commands'],
    [['sr', '--out'], '--out needs a folder'],
    [['sr', '--out', 'x'], 'sr: no files given'],
  ])('usage error %j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ['sr', 'broken.json', /broken\.json: \$/],
    ['from-sr', 'broken.json', /broken\.json: \$: not a DICOM file/],
    ['from-sr', 'missing.dcm', /missing\.dcm: \$: cannot read the file/],
  ])('%s of %s is a problem of that file', async (command, name, problem) => {
    const result = await run(command, '--out', join(dir, 'problems'), join(dir, name));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(problem);
    expect(result.stdout).toContain('0 written');
  });
});

describe('node entry (end to end)', () => {
  const node = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, ['scripts/reads.mjs', ...args], { cwd: ROOT }, (error, out, err) =>
        done({ code: error === null ? 0 : Number(error.code), stdout: out, stderr: err }),
      );
    });

  it('runs sr then from-sr for real', async () => {
    const out = join(dir, 'node');
    const sr = await node('sr', '--out', out, files[3] ?? '');
    expect(sr.stderr).toBe('');
    expect(sr.code).toBe(0);
    const back = await node('from-sr', '--out', out, join(out, 'sr-1-v2.dcm'));
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    expect(content(readFileSync(join(out, 'sr-1-v2.json'), 'utf8'))).toEqual(
      content(readFileSync(files[3] ?? '', 'utf8')),
    );
  }, 60_000);
});
