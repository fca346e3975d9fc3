/**
 * The same typed header as {@link parseInstanceHeader}, read from the DICOM JSON model (PS3.18
 * §F.2) that a DICOMweb server returns for QIDO-RS and WADO-RS metadata. Pure: no network.
 */
import { groupsOfTags, type TagReader } from './bvalue.ts';
import { headerFromTags, numbers } from './headerFields.ts';
import type { InstanceHeader } from './header.ts';

/** One attribute of the DICOM JSON model: `Value`, or bulk data by URI or inline base64. */
export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** One data set in the DICOM JSON model, keyed by 8 upper-case hex digits (group, element). */
export type DicomJsonInstance = Record<string, DicomJsonElement>;

/** Pixel Data, Float Pixel Data, Double Float Pixel Data (PS3.3 C.7.6.3). */
const PIXEL_DATA_TAGS = ['7FE00010', '7FE00008', '7FE00009'];

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A PN value is an object of component groups; Part 10 joins them with '=' (PS3.5 §6.2). */
function personName(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const { Alphabetic, Ideographic, Phonetic } = value as Record<string, unknown>;
  const groups = [Alphabetic, Ideographic, Phonetic].map((g) => (typeof g === 'string' ? g : ''));
  while (groups.length > 1 && groups[groups.length - 1] === '') groups.pop();
  return groups.join('=');
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return personName(value);
}

/**
 * A {@link TagReader} over DICOM JSON. Text follows dicom-parser's `string()`: values joined by
 * `\` and trimmed; an element present without a value reads as ''. Binary elements that a server
 * sends inline (an unknown private tag becomes VR UN) are decoded as Latin-1 text or as a float
 * by length, as the Part 10 route does.
 */
export function dicomJsonReader(instance: DicomJsonInstance): TagReader {
  let groups: Set<string> | undefined;
  return {
    hasGroup(group) {
      groups ??= groupsOfTags(Object.keys(instance));
      return groups.has(group);
    },
    text(tag) {
      const element = instance[tag.toUpperCase()];
      if (element === undefined) return undefined;
      if (element.Value !== undefined) return element.Value.map(valueText).join('\\').trim();
      if (element.InlineBinary !== undefined) {
        const bytes = decodeBase64(element.InlineBinary);
        // Padding is a trailing NUL or space (PS3.5 §6.2); Latin-1 keeps one char per byte.
        return String.fromCharCode(...bytes)
          .replace(/[\0 ]+$/, '')
          .trim();
      }
      return '';
    },
    float(tag) {
      const element = instance[tag.toUpperCase()];
      if (element === undefined) return undefined;
      const first = element.Value?.[0];
      if (typeof first === 'number') return first;
      if (typeof first === 'string' && first.trim() !== '' && Number.isFinite(Number(first))) {
        return Number(first);
      }
      if (element.InlineBinary === undefined) return undefined;
      const bytes = decodeBase64(element.InlineBinary);
      const view = new DataView(bytes.buffer);
      if (bytes.length === 8) return view.getFloat64(0, true);
      if (bytes.length === 4) return view.getFloat32(0, true);
      return undefined;
    },
  };
}

/**
 * Reads an {@link InstanceHeader} from one instance's DICOM JSON (e.g. one entry of WADO-RS
 * series metadata), with the same fields and b-value rules as `parseInstanceHeader`.
 *
 * - `hasPixelData`: metadata never carries the pixels themselves, so a pixel data element in any
 *   form (usually a BulkDataURI) counts; without one, Rows and Columns > 0 do (an image SOP class).
 * - `transferSyntaxUid`: the argument, else (0002,0010), else (0008,3002) Available Transfer
 *   Syntax UID, else ''. WADO-RS metadata usually has none of them.
 */
export function headerFromDicomJson(
  instance: DicomJsonInstance,
  transferSyntaxUid?: string,
): InstanceHeader {
  const get = dicomJsonReader(instance);
  const count = (tag: string): number => {
    const value = numbers(get.text(tag))?.[0];
    return value !== undefined && Number.isInteger(value) && value >= 0 ? value : 0;
  };
  const rows = count('00280010');
  const columns = count('00280011');
  return headerFromTags(get, {
    rows,
    columns,
    hasPixelData:
      PIXEL_DATA_TAGS.some((tag) => instance[tag] !== undefined) || (rows > 0 && columns > 0),
    transferSyntaxUid:
      transferSyntaxUid ?? (get.text('00020010') || (get.text('00083002')?.split('\\')[0] ?? '')),
  });
}
