import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { expandZip, hasZipName, hasZipSignature } from '../../../src/dicom/indexing/zip.ts';

describe('ZIP detection', () => {
  it('recognises the local file header signature PK\\x03\\x04', () => {
    const zip = zipSync({ 'a.txt': strToU8('a') });
    expect(hasZipSignature(zip.subarray(0, 4))).toBe(true);
    expect(hasZipSignature(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBe(false);
    expect(hasZipSignature(new Uint8Array(132))).toBe(false);
    expect(hasZipSignature(new Uint8Array(0))).toBe(false);
  });

  it.each([
    ['study.zip', true],
    ['STUDY.ZIP', true],
    ['dir/x.Zip', true],
    ['zip', false],
    ['IM0001.dcm', false],
    ['archive.zip.dcm', false],
  ])('%s named as ZIP: %s', (name, expected) => {
    expect(hasZipName(name)).toBe(expected);
  });
});

describe('expandZip', () => {
  it('names entries archive/inner/path, drops folders and __MACOSX, sorted', () => {
    const zip = zipSync({
      'DREAM/b/IM2.dcm': strToU8('two'),
      'DREAM/a/IM1.dcm': strToU8('one'),
      'DREAM/empty/': new Uint8Array(0),
      '__MACOSX/DREAM/._IM1.dcm': strToU8('fork'),
    });
    const entries = expandZip('up/load.zip', zip);
    expect(entries.map((e) => e.name)).toEqual([
      'up/load.zip/DREAM/a/IM1.dcm',
      'up/load.zip/DREAM/b/IM2.dcm',
    ]);
    expect(new TextDecoder().decode(entries[0]?.bytes)).toBe('one');
  });

  it('throws on a corrupt archive', () => {
    const zip = zipSync({ 'a.dcm': strToU8('x'.repeat(100)) });
    expect(() => expandZip('bad.zip', zip.subarray(0, 30))).toThrow();
  });
});
