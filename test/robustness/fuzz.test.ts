/**
 * Fuzzing the ingestion path: seeded mutations of sample files go through the app's indexer
 * (header parsing, as the index workers run it) and a full data-set parse with pixel extraction
 * (what the image loader does for uncompressed files). Nothing may throw out of the indexer, no
 * case may take longer than the per-file limit, and every failure is a reported problem with a
 * reason and a message. FUZZ_CASES raises the count (default 1,000); FUZZ_SEED changes the seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { indexFile, type IndexResult } from '../../src/dicom/indexing/indexFile.ts';
import { MUTATIONS, lengthFieldOffsets, mutate } from './fuzz.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const PER_FILE_MS = 2000;

const manifest = JSON.parse(readFileSync('sample-dicom/manifest.json', 'utf8')) as {
  files: string[];
};
// One file of every series folder: CT, DWI (both b-value tag styles), ADC, T1/T2, EOB phases.
const seeds = [
  ...new Map(manifest.files.map((f) => [f.split('/').slice(0, 3).join('/'), f])).values(),
];
const originals = seeds.map((name) => {
  const bytes = new Uint8Array(readFileSync(join('sample-dicom', name)));
  return { name, bytes, fields: lengthFieldOffsets(bytes) };
});

/** The pixel data as the loader would see it, or the parse error (both fine; throws are not). */
function decodePixels(
  bytes: Uint8Array,
): { ok: true; pixels: number } | { ok: false; message: string } {
  try {
    const data = dicomParser.parseDicom(bytes);
    const element = data.elements.x7fe00010;
    if (!element) return { ok: false, message: 'no pixel data' };
    const rows = data.uint16('x00280010') ?? 0;
    const columns = data.uint16('x00280011') ?? 0;
    const bits = data.uint16('x00280100') ?? 16;
    const expected = (rows * columns * bits) / 8;
    if (element.dataOffset + element.length > bytes.length || element.length < expected) {
      return { ok: false, message: `pixel data ${element.length} B, expected ${expected}` };
    }
    const view = new Int16Array(
      bytes.buffer.slice(element.dataOffset, element.dataOffset + expected),
    );
    return { ok: true, pixels: view.length };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

describe(`fuzzing ${CASES} mutated files (seed ${SEED})`, () => {
  it('every case indexes without throwing, in time, and every failure is a reported problem', async () => {
    const counts: Record<string, number> = {};
    const slowest = { ms: 0, index: -1 };
    for (let i = 0; i < CASES; i++) {
      const original = originals[i % originals.length];
      if (!original) throw new Error('no sample files');
      const c = mutate(original.bytes, original.fields, i, SEED);
      const label = `case ${i} (${c.mutation}, ${c.detail}) of ${original.name}`;
      const started = performance.now();
      let result: IndexResult;
      try {
        result = await indexFile(new Blob([c.bytes]), original.name);
      } catch (error) {
        throw new Error(`${label}: indexFile threw ${String(error)}`, { cause: error });
      }
      const decoded = result.kind === 'header' ? decodePixels(c.bytes) : undefined;
      const ms = performance.now() - started;
      if (ms > slowest.ms) Object.assign(slowest, { ms, index: i });
      expect(ms, label).toBeLessThan(PER_FILE_MS);
      if (result.kind === 'problem') {
        expect(result.message.length, label).toBeGreaterThan(0);
        expect(['not-dicom', 'truncated', 'corrupt', 'unreadable'], label).toContain(result.reason);
      } else if (result.kind === 'header') {
        expect(typeof result.header.rows, label).toBe('number');
        expect(Number.isFinite(result.header.rescaleSlope), label).toBe(true);
        if (decoded && !decoded.ok) expect(decoded.message.length, label).toBeGreaterThan(0);
      }
      const key = `${c.mutation}:${result.kind === 'problem' ? result.reason : result.kind}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    console.log(
      `fuzz: ${CASES} cases over ${originals.length} files; slowest ${slowest.ms.toFixed(1)} ms (case ${slowest.index})`,
      counts,
    );
    // Every mutation kind ran, and the fuzzer did produce both accepted and rejected files.
    for (const m of MUTATIONS) {
      expect(Object.keys(counts).some((k) => k.startsWith(`${m}:`))).toBe(
        CASES >= MUTATIONS.length,
      );
    }
    expect(Object.keys(counts).some((k) => k.endsWith(':header'))).toBe(true);
    expect(Object.keys(counts).some((k) => /:(truncated|corrupt|not-dicom)$/.test(k))).toBe(true);
  }, 300_000);

  it('the same seed gives the same bytes (a failing case can be replayed)', () => {
    const original = originals[0];
    if (!original) throw new Error('no sample files');
    for (const i of [0, 1, 2, 3, 4, 5, 97]) {
      const a = mutate(original.bytes, original.fields, i, SEED);
      const b = mutate(original.bytes, original.fields, i, SEED);
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    }
  });
});
