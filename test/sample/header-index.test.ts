/**
 * sample-dicom/headers.json equals what parsing every sample file gives (so the app may catalogue
 * the sample from it). UPDATE_SAMPLE_INDEX=1 rewrites it (`npm run sample` does).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInstanceHeader } from '../../src/dicom/header.ts';
import { isHeaderIndex, makeHeaderIndex } from '../../src/dicom/headerIndex.ts';
import { readJson, SAMPLE_DIR } from './sample-reader.ts';

const INDEX = join(SAMPLE_DIR, 'headers.json');

describe('sample header index', () => {
  const { files } = readJson<{ files: string[] }>('manifest.json');
  const parsed = makeHeaderIndex(
    new Map(
      files.map((file) => [
        file,
        parseInstanceHeader(new Uint8Array(readFileSync(join(SAMPLE_DIR, file)))),
      ]),
    ),
  );
  // Through JSON, as the app reads it: undefined fields are absent there.
  const expected: unknown = JSON.parse(JSON.stringify(parsed));
  if (process.env.UPDATE_SAMPLE_INDEX) writeFileSync(INDEX, `${JSON.stringify(parsed)}\n`);

  it('lists every file of the manifest with the header parsed from the file', () => {
    const stored: unknown = JSON.parse(readFileSync(INDEX, 'utf8'));
    expect(isHeaderIndex(stored)).toBe(true);
    expect(stored).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['wrong format', { format: 'x', headers: {} }],
    ['headers not an object', { format: 'dream-header-index 1', headers: 3 }],
    ['a header without its UIDs', { format: 'dream-header-index 1', headers: { a: { rows: 1 } } }],
  ])('rejects %s', (_name, value) => {
    expect(isHeaderIndex(value)).toBe(false);
  });
});
