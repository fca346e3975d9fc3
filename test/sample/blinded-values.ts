/**
 * The values of the sample that a blinded reader may not see (src/domain/blinding.ts), read from
 * the sample files themselves with dicom-parser: one file per series folder. Used by the blinding
 * unit tests and the browser test (test/e2e/blinding.test.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { BLINDED_ATTRIBUTES } from '../../src/domain/blinding.ts';
import { readJson, SAMPLE_DIR } from './sample-reader.ts';

export interface BlindedValues {
  /** Keyword -> the distinct non-empty values the sample has for it. */
  readonly byKeyword: Readonly<Record<string, readonly string[]>>;
  /** Every value as stored, and dates and times as the app would format them. */
  readonly needles: readonly string[];
}

/** YYYYMMDD -> YYYY-MM-DD; HHMMSS[.f] -> HH:MM:SS; else nothing. */
export function formattedForms(keyword: string, value: string): string[] {
  if (keyword.endsWith('Date') && /^\d{8}$/.test(value)) {
    return [`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`];
  }
  if (keyword.endsWith('Time') && /^\d{6}/.test(value)) {
    return [`${value.slice(0, 2)}:${value.slice(2, 4)}:${value.slice(4, 6)}`];
  }
  return [];
}

export function sampleBlindedValues(): BlindedValues {
  const { files } = readJson<{ files: string[] }>('manifest.json');
  const firstOfSeries = new Map<string, string>();
  for (const file of files)
    if (!firstOfSeries.has(dirname(file))) firstOfSeries.set(dirname(file), file);
  const found = new Map<string, Set<string>>();
  for (const file of firstOfSeries.values()) {
    const bytes = new Uint8Array(readFileSync(join(SAMPLE_DIR, file)));
    const data = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
    for (const { keyword, tag } of BLINDED_ATTRIBUTES) {
      const value = data.string(`x${tag.toLowerCase()}`)?.trim();
      if (!value) continue;
      const values = found.get(keyword) ?? new Set<string>();
      values.add(value);
      found.set(keyword, values);
    }
  }
  const byKeyword = Object.fromEntries([...found].map(([k, v]) => [k, [...v].sort()]));
  const needles = new Set<string>();
  for (const [keyword, values] of found) {
    for (const value of values) {
      needles.add(value);
      for (const form of formattedForms(keyword, value)) needles.add(form);
    }
  }
  return { byKeyword, needles: [...needles].sort() };
}

/**
 * The needles found in `text`. A needle of digits only counts where no digit touches it, so a
 * date inside a long UID number is not a hit.
 */
export function findBlinded(text: string, needles: readonly string[]): string[] {
  return needles.filter((needle) => {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<!\\d)${escaped}(?!\\d)`).test(text);
  });
}
