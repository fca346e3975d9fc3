/**
 * Reading an SR file with dcmjs and walking its naturalized content items.
 *
 * dcmjs 0.52 decodes the strings inside sequences (every content item) as windows-1252 whatever
 * the Specific Character Set says; `readPart10` gives those strings back their UTF-8 text.
 */
import dcmjs from 'dcmjs';
import { sameCode, type Code } from './codes.ts';
import type { Item } from './content.ts';

const isItem = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The windows-1252 text of each byte (TextDecoder 'latin1'), and back. */
const BYTE_OF = (() => {
  const decoded = new TextDecoder('latin1').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  return new Map([...decoded].map((char, byte) => [char, byte]));
})();
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 text of a string that was decoded as windows-1252 (unchanged if it was not). */
export function utf8FromLatin1(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const bytes: number[] = [];
  for (const char of text) {
    const byte = BYTE_OF.get(char);
    if (byte === undefined) return text;
    bytes.push(byte);
  }
  try {
    return UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return text;
  }
}

function repairStrings(value: unknown): unknown {
  if (typeof value === 'string') return utf8FromLatin1(value);
  if (Array.isArray(value)) return value.map(repairStrings);
  if (isItem(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repairStrings(v)]));
  }
  return value;
}

/** A Part 10 file as a naturalized dataset; throws on what dcmjs cannot read. */
export function readPart10(bytes: Uint8Array): Item {
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const dataset = DicomMetaDictionary.naturalizeDataset(
    DicomMessage.readFile(buffer as ArrayBuffer).dict,
  );
  const utf8 = text(dataset, 'SpecificCharacterSet')?.includes('192') === true;
  if (!utf8) return dataset;
  return Object.fromEntries(
    Object.entries(dataset).map(([key, value]) => [
      key,
      Array.isArray(value) && value.some(isItem) ? repairStrings(value) : value,
    ]),
  );
}

/** The items of a sequence attribute. */
export const sequence = (item: Item, key: string): Item[] => {
  const value = item[key];
  return Array.isArray(value) ? value.filter(isItem) : isItem(value) ? [value] : [];
};

/** A single string value, trimmed of DICOM padding. */
export function text(item: Item | undefined, key: string): string | undefined {
  const value: unknown = item?.[key];
  const single: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof single === 'string') return single.trim();
  if (isItem(single) && typeof single.Alphabetic === 'string') return single.Alphabetic.trim();
  return undefined;
}

/**
 * The whole value of a text attribute (UT, ST, LT have no multiplicity, but dcmjs splits every
 * string at backslashes when it reads: joined back here).
 */
export function fullText(item: Item | undefined, key: string): string | undefined {
  const value: unknown = item?.[key];
  if (typeof value === 'string') return value.trimEnd();
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
  return value.join('\\').trimEnd();
}

/** A single number value. */
export function number(item: Item | undefined, key: string): number | undefined {
  const value: unknown = item?.[key];
  const single: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof single === 'number') return single;
  if (typeof single === 'string' && single.trim() !== '') return Number(single);
  return undefined;
}

/** The code of a code sequence attribute. */
export function codeOf(item: Item, key: string): Partial<Code> | undefined {
  const first = sequence(item, key)[0];
  if (first === undefined) return undefined;
  return {
    CodeValue: text(first, 'CodeValue') ?? '',
    CodingSchemeDesignator: text(first, 'CodingSchemeDesignator') ?? '',
    CodeMeaning: text(first, 'CodeMeaning') ?? '',
  };
}

/** Concept name, value code and children of a content item. */
export const concept = (item: Item) => codeOf(item, 'ConceptNameCodeSequence');
export const valueCode = (item: Item) => codeOf(item, 'ConceptCodeSequence');
export const children = (item: Item) => sequence(item, 'ContentSequence');

/** The content items with a concept name. */
export const named = (items: readonly Item[], name: Code) =>
  items.filter((item) => sameCode(concept(item), name));

/** The value of a NUM item: Floating Point Value (exact) if present, else Numeric Value. */
export function measured(item: Item): number | undefined {
  const value = sequence(item, 'MeasuredValueSequence')[0];
  return number(value, 'FloatingPointValue') ?? number(value, 'NumericValue');
}
