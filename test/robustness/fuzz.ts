/**
 * Seeded mutations of real DICOM files for the fuzz tests: bit flips, truncation, corrupted
 * element length fields, zeroed runs and byte insertions/deletions. Pure and deterministic:
 * the same seed always gives the same bytes, so a failing case can be replayed by its number.
 */
import * as dicomParser from 'dicom-parser';

/** mulberry32: a small seeded PRNG with good enough spread for test inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MUTATIONS = [
  'bit-flips',
  'truncate',
  'length-field',
  'zero-run',
  'insert',
  'delete',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Offsets of every element's length field (explicit VR little endian), found on the original. */
export function lengthFieldOffsets(bytes: Uint8Array): { offset: number; size: 2 | 4 }[] {
  const data = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  const out: { offset: number; size: 2 | 4 }[] = [];
  for (const element of Object.values(data.elements)) {
    // Explicit VR: OB/OW/OF/SQ/UT/UN have 2 reserved bytes and a 4-byte length before the value.
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR', 'OD', 'OL', 'OV'].includes(
      element.vr ?? '',
    );
    const offset = element.dataOffset - (long ? 4 : 2);
    if (offset > 0) out.push({ offset, size: long ? 4 : 2 });
  }
  return out;
}

export interface FuzzCase {
  readonly index: number;
  readonly mutation: Mutation;
  readonly detail: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** The `index`-th case made from `original` (its length fields passed in, found once). */
export function mutate(
  original: Uint8Array,
  fields: readonly { offset: number; size: 2 | 4 }[],
  index: number,
  seed = 20261127,
): FuzzCase {
  const random = prng(seed + index * 7919);
  const int = (n: number) => Math.floor(random() * n);
  const mutation = MUTATIONS[index % MUTATIONS.length] ?? 'bit-flips';
  const bytes = new Uint8Array(original);
  // Most structure sits in the first few KB; aim there half of the time.
  const where = () => (random() < 0.5 ? int(Math.min(4096, bytes.length)) : int(bytes.length));
  switch (mutation) {
    case 'bit-flips': {
      const flips = 1 + int(16);
      for (let i = 0; i < flips; i++) {
        const at = where();
        bytes[at] = (bytes[at] ?? 0) ^ (1 << int(8));
      }
      return { index, mutation, detail: `${flips} flips`, bytes };
    }
    case 'truncate': {
      const length = int(original.length);
      return { index, mutation, detail: `cut at ${length}`, bytes: bytes.slice(0, length) };
    }
    case 'length-field': {
      const field = fields[int(fields.length)];
      if (!field) return { index, mutation, detail: 'no field', bytes };
      const view = new DataView(bytes.buffer);
      const values =
        field.size === 2
          ? [0, 1, 0xffff, int(0x10000)]
          : [0, 1, 0xffffffff, 0x7fffffff, int(2 ** 32)];
      const value = values[int(values.length)] ?? 0;
      if (field.size === 2) view.setUint16(field.offset, value, true);
      else view.setUint32(field.offset, value, true);
      return { index, mutation, detail: `length@${field.offset}=${value}`, bytes };
    }
    case 'zero-run': {
      const at = where();
      const length = 1 + int(256);
      bytes.fill(0, at, at + length);
      return { index, mutation, detail: `${length} zeros@${at}`, bytes };
    }
    case 'insert': {
      const at = where();
      const extra = Uint8Array.from({ length: 1 + int(8) }, () => int(256));
      const out = new Uint8Array(bytes.length + extra.length);
      out.set(bytes.subarray(0, at), 0);
      out.set(extra, at);
      out.set(bytes.subarray(at), at + extra.length);
      return { index, mutation, detail: `${extra.length} bytes@${at}`, bytes: out };
    }
    case 'delete': {
      const at = where();
      const length = 1 + int(8);
      const out = new Uint8Array(Math.max(0, bytes.length - length));
      out.set(bytes.subarray(0, at), 0);
      out.set(bytes.subarray(at + length), at);
      return { index, mutation, detail: `${length} bytes@${at}`, bytes: out };
    }
  }
}
