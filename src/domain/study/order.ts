/**
 * The seeded read order (docs/campaign.md §Read order). Each reader reads their cases in a
 * random order that the study file fixes: the reader's patient ids, sorted by code point (so the
 * order of `cases` in the file does not matter), shuffled by Fisher-Yates with mulberry32
 * (src/domain/stats/cluster.ts) seeded with FNV-1a (32 bit) of `<readOrder.seed>:<reader id>`.
 * Same file, same reader: same order, in every browser and in the CLI.
 */
import { mulberry32 } from '../stats/cluster.ts';
import type { Study } from './schema.ts';

/** FNV-1a, 32 bit, over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A new array with `items` in a random order fixed by `seed` (Fisher-Yates, mulberry32). */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** The seed of one reader's order. */
export function readerSeed(study: Study, readerId: string): number {
  return fnv1a32(`${study.readOrder.seed}:${readerId}`);
}

/** The patient ids `readerId` reads, in the order they read them (empty for an adjudicator). */
export function readOrder(study: Study, readerId: string): string[] {
  const mine = study.cases
    .filter((entry) => entry.readers.includes(readerId))
    .map((entry) => entry.patientId)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return seededShuffle(mine, readerSeed(study, readerId));
}
