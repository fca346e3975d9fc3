/**
 * A linked study's first images, asked for as soon as its metadata is in (src/main.tsx), while the
 * app's code still loads and before the catalogue and the reading grid exist: the frame is then
 * already here when the first viewport asks for it (src/viewer/earlyFrames.ts hands it to the
 * image loader). The first image shown is the middle slice of a series' stack
 * (src/viewer/stackLoad.ts); which stack a viewport shows is decided later, by the hanging
 * protocol, so this asks for the middle slice of the study's first few stacks, sorted as the
 * catalogue sorts them (sortStack in src/dicom/catalog.ts). A wrong guess costs one request: a
 * frame is used only for the image id it was fetched for. No client library, so the start page
 * stays small.
 */
import { dicomWebRoot } from './dicomwebRoot';
import type { PrefetchSettings, StudyMetadataAnswers } from './dicomwebPrefetch';

/** One frame as the WADO-RS frame request answers it: its bytes and their transfer syntax. */
export interface EarlyFrame {
  readonly pixelData: Uint8Array;
  readonly transferSyntaxUid: string;
}

/** Frames fetched early, by `wadors:` image id; each is handed out once. */
export interface EarlyFrames {
  /** The frame fetched for `imageId` (undefined when it failed), or undefined if none was asked. */
  take(imageId: string): Promise<EarlyFrame | undefined> | undefined;
}

/** The image loader's Accept header for frames (its wadors getPixelData). */
export const FRAME_ACCEPT = 'multipart/related; type=application/octet-stream; transfer-syntax=*';

/** Stacks whose middle slice is asked for, per study: the grids show a few. */
const MAX_STACKS = 4;

type Json = Record<string, { Value?: unknown[] } | undefined>;

const first = (json: Json, tag: string): unknown => json[tag]?.Value?.[0];
const text = (json: Json, tag: string): string => {
  const value = first(json, tag);
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
};
const numbers = (json: Json, tag: string, count: number): number[] | undefined => {
  const values = (json[tag]?.Value ?? []).map(Number);
  return values.length === count && values.every(Number.isFinite) ? values : undefined;
};
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The instance in the middle of a stack sorted along the slice normal, as the catalogue does. */
function middleOf(stack: readonly Json[]): Json | undefined {
  const iop = stack.map((json) => numbers(json, '00200037', 6)).find((v) => v !== undefined);
  const [r0 = 0, r1 = 0, r2 = 0, c0 = 0, c1 = 0, c2 = 0] = iop ?? [];
  const normal = iop && [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const along = (p: number[] | undefined): number | undefined => {
    if (!normal || !p) return undefined;
    const [x = 0, y = 0, z = 0] = p;
    const [nx = 0, ny = 0, nz = 0] = normal;
    return x * nx + y * ny + z * nz;
  };
  const keyed = stack.map((json) => {
    const number = Number(text(json, '00200013'));
    return {
      json,
      d: along(numbers(json, '00200032', 3)),
      n: text(json, '00200013') !== '' && Number.isFinite(number) ? number : Infinity,
      uid: text(json, '00080018'),
    };
  });
  keyed.sort((a, b) => {
    if (a.d !== undefined && b.d !== undefined && Math.abs(a.d - b.d) > 1e-4) return a.d - b.d;
    if (a.d === undefined && b.d !== undefined) return 1;
    if (a.d !== undefined && b.d === undefined) return -1;
    if (a.n !== b.n) return a.n < b.n ? -1 : 1;
    return cmp(a.uid, b.uid);
  });
  return keyed[Math.floor(keyed.length / 2)]?.json;
}

/**
 * The `wadors:` image ids of the middle slice of the study's first stacks: instances grouped by
 * series, and by (0018,9087) b-value within a series (DWI), in the order they came. Stacks with a
 * multi-frame instance or without pixels are left out (the catalogue shows them per frame).
 */
export function likelyFirstImages(
  root: string,
  studyUid: string,
  metadata: readonly unknown[],
  max = MAX_STACKS,
): string[] {
  const stacks = new Map<string, Json[]>();
  for (const item of metadata) {
    if (typeof item !== 'object' || item === null) continue;
    const json = item as Json;
    const key = `${text(json, '0020000E')}|${text(json, '00189087')}`;
    const stack = stacks.get(key);
    if (stack) stack.push(json);
    else stacks.set(key, [json]);
  }
  const ids: string[] = [];
  for (const stack of stacks.values()) {
    if (ids.length >= max) break;
    const single = stack.every((json) => (Number(text(json, '00280008')) || 1) <= 1);
    const pixels = stack.every((json) => json['7FE00010'] !== undefined);
    const middle = single && pixels ? middleOf(stack) : undefined;
    if (!middle) continue;
    const [series, sop] = [text(middle, '0020000E'), text(middle, '00080018')];
    if (series === '' || sop === '') continue;
    ids.push(`wadors:${root}/studies/${studyUid}/series/${series}/instances/${sop}/frames/1`);
  }
  return ids;
}

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, end));

function indexOf(bytes: Uint8Array, needle: string, from: number): number {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  const last = bytes.length - codes.length;
  outer: for (let i = from; i <= last; i++) {
    for (let k = 0; k < codes.length; k++) if (bytes[i + k] !== codes[k]) continue outer;
    return i;
  }
  return -1;
}

/** A content type's `transfer-syntax` parameter. */
function transferSyntaxOf(contentType: string | undefined): string | undefined {
  const match = /(?:^|;)\s*transfer-syntax\s*=\s*"?([0-9.]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/**
 * The frame in a WADO-RS frame answer, read as the image loader reads it (its extractMultipart):
 * the first part's bytes, up to the next boundary. Undefined unless the part names its transfer
 * syntax (the loader would guess one from the media type; that case is left to the loader).
 */
export function frameOfAnswer(contentType: string, body: Uint8Array): EarlyFrame | undefined {
  if (!contentType.includes('multipart')) {
    const transferSyntaxUid = transferSyntaxOf(contentType);
    return transferSyntaxUid ? { pixelData: body, transferSyntaxUid } : undefined;
  }
  const headerEnd = indexOf(body, '\r\n\r\n', 0);
  if (headerEnd === -1) return undefined;
  const headers = ascii(body, 0, headerEnd).split('\r\n');
  const boundary = headers.find((line) => line.startsWith('--'));
  const partType = headers
    .find((line) => line.startsWith('Content-Type:'))
    ?.slice(13)
    .trim();
  const transferSyntaxUid = transferSyntaxOf(partType);
  if (!boundary || !transferSyntaxUid) return undefined;
  const end = indexOf(body, boundary, headerEnd + 4);
  if (end === -1) return undefined;
  return { pixelData: body.slice(headerEnd + 4, end - 2), transferSyntaxUid };
}

/**
 * Once each study's metadata is in, asks for the middle slice of its first stacks
 * ({@link likelyFirstImages}), with the image loader's Accept header and the link's token.
 * Never rejects: a failed frame is undefined, and the loader then asks for it itself.
 */
export function prefetchFirstFrames(
  settings: PrefetchSettings,
  studies: StudyMetadataAnswers,
  fetchFn: typeof fetch = fetch,
): EarlyFrames {
  const root = dicomWebRoot(settings.url);
  const headers: Record<string, string> = { Accept: FRAME_ACCEPT };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  const frames = new Map<string, Promise<EarlyFrame | undefined>>();
  for (const [studyUid, answer] of studies) {
    void answer.then((metadata) => {
      for (const imageId of likelyFirstImages(root, studyUid, metadata ?? [])) {
        const frame = fetchFn(imageId.slice('wadors:'.length), { headers })
          .then(async (response) => {
            if (!response.ok) return undefined;
            const body = new Uint8Array(await response.arrayBuffer());
            return frameOfAnswer(response.headers.get('Content-Type') ?? '', body);
          })
          .catch(() => undefined);
        frames.set(imageId, frame);
      }
    });
  }
  return {
    take(imageId) {
      const frame = frames.get(imageId);
      frames.delete(imageId);
      return frame;
    },
  };
}
