/**
 * Encapsulated pixel data through the indexer: real JPEG-LS sample files, whole, re-encapsulated
 * into several fragments or frames, cut at several points, and altered the way a hostile file
 * would be. A cut file must be reported truncated (never handed on as an image), a hostile one
 * truncated or corrupt, and a whole one indexed.
 */
import { describe, expect, it } from 'vitest';
import { walkItems, walkStart, type ItemWalkStep } from '../../../src/dicom/encapsulated.ts';
import { HEAD_BYTES, indexFile, type IndexResult } from '../../../src/dicom/indexing/indexFile.ts';
import {
  CT_FILE,
  CT_NEIGHBOURS,
  cutFragment,
  encapsulate,
  itemOffsets,
  MR_FILE,
  readSample,
  split,
  withFrames,
  type Encapsulated,
} from './encapsulatedFiles.ts';

const ct = split(readSample(CT_FILE));
const mr = split(readSample(MR_FILE));
const neighbours = CT_NEIGHBOURS.map((path) => split(readSample(path)));

interface Sample {
  parts: Encapsulated;
  bytes: Uint8Array<ArrayBuffer>;
  fragments: number;
}

function sample(prefix: Uint8Array, fragments: Uint8Array[], frameStarts = [0]): Sample {
  return {
    parts: { prefix, fragments },
    bytes: encapsulate(prefix, fragments, frameStarts),
    fragments: fragments.length,
  };
}

/** The files every cut is made in: one fragment (past the head, inside it), three, three frames. */
const SAMPLES: Record<string, Sample> = {
  'CT, one fragment past the head': sample(ct.prefix, ct.fragments),
  'MR, one fragment inside the head': sample(mr.prefix, mr.fragments),
  'CT, one frame in three fragments': sample(ct.prefix, cutFragment(ct.fragments[0]!, 3)),
  'CT, three frames with an offset table': sample(
    withFrames(ct.prefix, 3),
    [ct, ...neighbours].map((file) => file.fragments[0]!),
    [0, 1, 2],
  ),
};

it('the rebuilt one-fragment files are the sample files byte for byte', () => {
  const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
  expect(same(SAMPLES['CT, one fragment past the head']!.bytes, readSample(CT_FILE))).toBe(true);
  expect(same(SAMPLES['MR, one fragment inside the head']!.bytes, readSample(MR_FILE))).toBe(true);
  expect(readSample(CT_FILE).length).toBeGreaterThan(HEAD_BYTES);
  expect(readSample(MR_FILE).length).toBeLessThan(HEAD_BYTES);
});

/** Where to cut a file (its length after the cut), and what the report must say. */
interface Cut {
  where: string;
  length: (bytes: Uint8Array, items: number[], fragments: number) => number;
  message: (fragments: number) => RegExp;
}

const CUTS: Cut[] = [
  {
    where: 'inside the header',
    length: () => 400,
    message: () => /file ends (early|before its Pixel Data)/,
  },
  {
    where: "inside the offset table item's header",
    length: (_bytes, items) => items[0]! + 4,
    message: () => /Basic Offset Table item's header/,
  },
  {
    where: 'inside the first fragment',
    length: (_bytes, items) => items[1]! + 8 + Math.floor((items[2]! - items[1]! - 8) / 2),
    message: () => /fragment 1 declares \d+ bytes, the file ends after \d+/,
  },
  {
    where: 'right after the first fragment',
    length: (_bytes, items) => items[2]!,
    message: () => /ends after 1 fragment,/,
  },
  {
    where: 'just before the delimiter',
    length: (bytes) => bytes.length - 10,
    message: (n) => new RegExp(`fragment ${n} declares`),
  },
  {
    where: 'inside the delimiter',
    length: (bytes) => bytes.length - 4,
    message: (n) => new RegExp(`inside an item header after ${n} fragments?,`),
  },
  {
    where: 'with only the delimiter missing',
    length: (bytes) => bytes.length - 8,
    message: (n) => new RegExp(`ends after ${n} fragments?, before the sequence delimiter`),
  },
];

function expectProblem(result: IndexResult, reason: string, message: RegExp): void {
  expect(result.kind).toBe('problem');
  if (result.kind !== 'problem') return;
  expect(result.reason).toBe(reason);
  expect(result.message).toMatch(message);
}

describe.each(Object.entries(SAMPLES))('%s', (_name, { parts, bytes, fragments }) => {
  const items = itemOffsets(bytes, parts.prefix.length);

  it('is indexed when whole', async () => {
    expect(items).toHaveLength(fragments + 2);
    const result = await indexFile(new Blob([bytes]), 'whole.dcm');
    expect(result.kind).toBe('header');
    if (result.kind === 'header') expect(result.header.patientId).toBe('DREAM-001');
  });

  it.each(CUTS)('is truncated when cut $where', async ({ length, message }) => {
    const cut = length(bytes, items, fragments);
    expect(cut).toBeLessThan(bytes.length);
    const result = await indexFile(new Blob([bytes.subarray(0, cut)]), 'cut.dcm');
    expectProblem(result, 'truncated', message(fragments));
  });
});

/** A copy of `bytes` with 16-bit little-endian values set at `at` plus each offset. */
function patched(
  bytes: Uint8Array<ArrayBuffer>,
  at: number,
  values: Array<[number, number]>,
): Uint8Array<ArrayBuffer> {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (const [offset, value] of values) view.setUint16(at + offset, value, true);
  return copy;
}

/** A copy of `bytes` with the length of the item header at `at` set. */
function lengthAt(
  bytes: Uint8Array<ArrayBuffer>,
  at: number,
  length: number,
): Uint8Array<ArrayBuffer> {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at + 4, length, true);
  return copy;
}

describe.each([
  ['CT', SAMPLES['CT, one fragment past the head']!],
  ['MR', SAMPLES['MR, one fragment inside the head']!],
])('a hostile %s file', (_name, { parts, bytes }) => {
  const [table, fragment] = itemOffsets(bytes, parts.prefix.length) as [number, number];

  it.each<[string, () => Uint8Array<ArrayBuffer>, 'truncated' | 'corrupt', RegExp]>([
    [
      'a fragment length pointing past the end',
      () => lengthAt(bytes, fragment, 0x7ffffff0),
      'truncated',
      /fragment 1 declares 2147483632 bytes/,
    ],
    [
      'a fragment length of 0xFFFFFFFE (past the end, wraps in 32 bits)',
      () => lengthAt(bytes, fragment, 0xfffffffe),
      'truncated',
      /fragment 1 declares 4294967294 bytes/,
    ],
    [
      'a fragment of undefined length',
      () => lengthAt(bytes, fragment, 0xffffffff),
      'corrupt',
      /fragment 1 has an undefined length/,
    ],
    [
      'a wrong item tag on the fragment',
      () => patched(bytes, fragment, [[2, 0xe00d]]),
      'corrupt',
      /fragment 1 has tag \(FFFE,E00D\)/,
    ],
    [
      'a data element where the offset table item should be',
      () =>
        patched(bytes, table, [
          [0, 0x0028],
          [2, 0x0010],
        ]),
      'corrupt',
      /Basic Offset Table item has tag \(0028,0010\)/,
    ],
    [
      'the delimiter in place of the offset table',
      () => patched(bytes, table, [[2, 0xe0dd]]),
      'corrupt',
      /Basic Offset Table item has tag \(FFFE,E0DD\)/,
    ],
    [
      'no fragment',
      () => encapsulate(parts.prefix, []),
      'corrupt',
      /holds 0 fragments for 1 frame\./,
    ],
    [
      'fewer fragments than frames',
      () => encapsulate(withFrames(parts.prefix, 3), parts.fragments),
      'corrupt',
      /holds 1 fragment for 3 frames/,
    ],
  ])('with %s is reported %s', async (_what, make, reason, message) => {
    const result = await indexFile(new Blob([make()]), 'hostile.dcm');
    expectProblem(result, reason, message);
  });

  it('followed by trailing padding after the delimiter is indexed', async () => {
    // (FFFC,FFFC) Data Set Trailing Padding, OB, 16 bytes.
    const padding = new Uint8Array(28);
    padding.set([0xfc, 0xff, 0xfc, 0xff, 0x4f, 0x42, 0, 0, 16, 0, 0, 0]);
    const result = await indexFile(new Blob([bytes, padding]), 'padded.dcm');
    expect(result.kind).toBe('header');
  });
});

/** A Blob that records the byte ranges read from it. */
class CountingBlob extends Blob {
  readonly reads: Array<[number, number]> = [];
  override slice(start = 0, end = this.size, type?: string): Blob {
    this.reads.push([start, Math.min(end, this.size)]);
    return super.slice(start, end, type);
  }
}

describe('what the walk reads past the head', () => {
  it('reads only the last 8 bytes of a one-fragment file larger than the head', async () => {
    const bytes = readSample(CT_FILE);
    const blob = new CountingBlob([bytes]);
    expect((await indexFile(blob, 'ct.dcm')).kind).toBe('header');
    expect(blob.reads).toEqual([
      [0, HEAD_BYTES],
      [bytes.length - 8, bytes.length],
    ]);
  });

  it('reads nothing more for a file inside the head', async () => {
    const blob = new CountingBlob([readSample(MR_FILE)]);
    expect((await indexFile(blob, 'mr.dcm')).kind).toBe('header');
    expect(blob.reads).toEqual([[0, Math.min(HEAD_BYTES, blob.size)]]);
  });

  it('walks 40,000 empty fragments past the head in windows, without reading them one by one', async () => {
    const empty = Array.from({ length: 40_000 }, () => new Uint8Array(0));
    const bytes = encapsulate(ct.prefix, [...ct.fragments, ...empty]);
    const blob = new CountingBlob([bytes]);
    expect((await indexFile(blob, 'many.dcm')).kind).toBe('header');
    const pastHead = bytes.length - ct.prefix.length - 8 - ct.fragments[0]!.length - 8;
    // Every item header was read once, a window at a time.
    expect(blob.reads.length).toBeLessThan(pastHead / 8 / 100);
    expect(blob.reads.length).toBeGreaterThan(1);
  });
});

describe('walkItems', () => {
  /** The walk over `bytes` given windows of `size` bytes, read on demand. */
  function walkInWindows(bytes: Uint8Array, dataOffset: number, size: number): ItemWalkStep {
    let step = walkItems(
      walkStart(dataOffset),
      { start: 0, bytes: bytes.subarray(0, size) },
      bytes.length,
    );
    for (let reads = 0; step.kind === 'need'; reads++) {
      if (reads > bytes.length) throw new Error('the walk does not move');
      const start = step.at.offset;
      step = walkItems(
        step.at,
        { start, bytes: bytes.subarray(start, start + size) },
        bytes.length,
      );
    }
    return step;
  }

  const { parts, bytes } = SAMPLES['CT, one frame in three fragments']!;
  const items = itemOffsets(bytes, parts.prefix.length);

  it.each([8, 9, 12, 100, 4096, bytes.length])(
    'gives the same answer whatever the window (%i bytes), whole or cut',
    (size) => {
      const walk = (b: Uint8Array): ItemWalkStep => walkInWindows(b, parts.prefix.length, size);
      expect(walk(bytes)).toEqual({ kind: 'complete', fragments: 3, end: bytes.length });
      for (const cut of [items[1]! + 3, items[2]! + 100, items[3]!, bytes.length - 1]) {
        const whole = walkItems(
          walkStart(parts.prefix.length),
          { start: 0, bytes: bytes.subarray(0, cut) },
          cut,
        );
        expect(whole.kind).toBe('truncated');
        expect(walk(bytes.subarray(0, cut))).toEqual(whole);
      }
    },
  );

  it('asks for the offset of the first item header it does not hold', () => {
    const step = walkItems(
      walkStart(parts.prefix.length),
      { start: 0, bytes: bytes.subarray(0, items[2]! + 7) },
      bytes.length,
    );
    expect(step).toEqual({ kind: 'need', at: { offset: items[2], items: 2 } });
  });
});
