/**
 * Every file of the sample study passes dicom3tools' dciodvfy without errors. The tool must be
 * installed (apt: dicom3tools): a missing validator fails the test instead of skipping it.
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readJson, SAMPLE_DIR } from './sample-reader.ts';

const run = promisify(execFile);
const { files } = readJson<{ files: string[] }>('manifest.json');
const MARKER = '@@dream-end-of-file@@';
/** Files per shell: one process start per batch instead of per file keeps the test fast. */
const BATCH = 40;

/** Runs dciodvfy over a batch in one shell; returns its report per file. */
async function verifyBatch(batch: string[]): Promise<Map<string, string>> {
  const script = `for f; do dciodvfy "$f" 2>&1; echo "${MARKER} $f"; done`;
  const paths = batch.map((f) => join(SAMPLE_DIR, f));
  const { stdout } = await run('sh', ['-c', script, 'sh', ...paths], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const reports = new Map<string, string>();
  let current: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MARKER)) {
      reports.set(line.slice(MARKER.length + 1), current.join('\n'));
      current = [];
    } else current.push(line);
  }
  return reports;
}

/** All batches through a small pool of concurrent shells. */
async function verifyAll(): Promise<Map<string, string>> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const reports = new Map<string, string>();
  const workers = Array.from({ length: Math.max(2, availableParallelism()) }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      for (const [file, report] of await verifyBatch(batch)) reports.set(file, report);
    }
  });
  await Promise.all(workers);
  return reports;
}

describe('dciodvfy', () => {
  it('is installed', async () => {
    const { stdout, stderr } = await run('sh', ['-c', 'command -v dciodvfy || true']);
    expect(stdout.trim(), `dciodvfy missing (apt-get install dicom3tools) ${stderr}`).not.toBe('');
  });

  it('reports no error on any file of the sample study', async () => {
    const reports = await verifyAll();
    expect(reports.size).toBe(files.length);
    const failures: string[] = [];
    for (const file of files) {
      const report = reports.get(join(SAMPLE_DIR, file)) ?? '';
      // dciodvfy names the IOD it checked first; without it the tool did not really run.
      if (!/^(CT|MR)Image$/m.test(report)) failures.push(`${file}: no IOD line: ${report}`);
      const errors = report.split('\n').filter((line) => /^Error/.test(line));
      if (errors.length > 0) failures.push(`${file}: ${errors.join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
