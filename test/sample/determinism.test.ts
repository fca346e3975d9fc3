/**
 * The generator is deterministic: a fresh run reproduces the committed sample-dicom/ byte for
 * byte. To keep CI fast only DREAM-003 is regenerated: it takes the most code paths (CT 512² and
 * MR 256² with DWI on its 128² grid, JPEG-LS, per-b-value DWI series with GE's private tag, CT-
 * and MR-only timepoints) at the size of the smallest patient; a full run takes about three times
 * as long. Also: the manifest lists exactly the DICOM files on disk.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from './sample-reader.ts';
import { readJson, SAMPLE_DIR } from './sample-reader.ts';

const run = promisify(execFile);
const GENERATOR = resolve(import.meta.dirname, '../../scripts/sample/generate.mjs');
const PATIENT = 'DREAM-003';

/** Every file below dir, as sorted paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('sample generator', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'dream-sample-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`reproduces ${PATIENT} of the committed sample-dicom/ byte for byte`, async () => {
    await run(process.execPath, [GENERATOR, outDir, '--patient', PATIENT]);
    const fresh = listFiles(outDir).filter((f) => f.endsWith('.dcm'));
    const committed = listFiles(SAMPLE_DIR).filter((f) => f.startsWith(`${PATIENT}/`));
    expect(fresh).toEqual(committed);
    const differing = fresh.filter((f) => sha256(join(outDir, f)) !== sha256(join(SAMPLE_DIR, f)));
    expect(differing).toEqual([]);

    const freshTruth = json<GroundTruth>(join(outDir, 'ground-truth.json'));
    const committedTruth = readJson<GroundTruth>('ground-truth.json');
    expect(freshTruth.patients).toEqual(
      committedTruth.patients.filter((p) => p.patientId === PATIENT),
    );
    expect(json<{ files: string[] }>(join(outDir, 'manifest.json')).files).toEqual(committed);
  }, 300_000);

  it('manifest.json lists exactly the .dcm files, sorted', () => {
    const { files } = readJson<{ files: string[] }>('manifest.json');
    const onDisk = listFiles(SAMPLE_DIR).filter((f) => f.endsWith('.dcm'));
    expect(files).toEqual(onDisk);
    expect([...files].sort()).toEqual(files);
  });
});
