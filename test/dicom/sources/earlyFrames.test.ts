/**
 * The likely first frames of a linked study, asked for by the start page
 * (src/dicom/sources/earlyFrames.ts): which image ids, how an answer is read, and that the guess
 * is the slice the catalogue puts in the middle of the stack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { splitByBValue, type CatalogInstance } from '../../../src/dicom/catalog';
import { headerFromDicomJson, type DicomJsonInstance } from '../../../src/dicom/dicomJson';
import {
  FRAME_ACCEPT,
  frameOfAnswer,
  likelyFirstImages,
  prefetchFirstFrames,
} from '../../../src/dicom/sources/earlyFrames';

const ROOT = 'http://pacs.test/dicom-web';
const STUDY = '1.2.3';
const CT_IOP = [1, 0, 0, 0, 1, 0];

function instance(
  series: string,
  sop: string,
  fields: { z?: number; number?: number; b?: number; frames?: number; iop?: number[] } = {},
): DicomJsonInstance {
  const json: DicomJsonInstance = {
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
    '00080018': { vr: 'UI', Value: [sop] },
    '00080060': { vr: 'CS', Value: ['CT'] },
    '0020000D': { vr: 'UI', Value: [STUDY] },
    '0020000E': { vr: 'UI', Value: [series] },
    '00100020': { vr: 'LO', Value: ['P-1'] },
    '00280010': { vr: 'US', Value: [4] },
    '00280011': { vr: 'US', Value: [4] },
    '7FE00010': { vr: 'OW', BulkDataURI: `${ROOT}/bulk/${sop}` },
  };
  if (fields.z !== undefined) json['00200032'] = { vr: 'DS', Value: [0, 0, fields.z] };
  if (fields.z !== undefined) json['00200037'] = { vr: 'DS', Value: fields.iop ?? CT_IOP };
  if (fields.number !== undefined) json['00200013'] = { vr: 'IS', Value: [fields.number] };
  if (fields.b !== undefined) json['00189087'] = { vr: 'FD', Value: [fields.b] };
  if (fields.frames !== undefined) json['00280008'] = { vr: 'IS', Value: [fields.frames] };
  return json;
}

const id = (series: string, sop: string) =>
  `wadors:${ROOT}/studies/${STUDY}/series/${series}/instances/${sop}/frames/1`;

/** The image the reading grid shows first for a series: the middle of the catalogue's stack. */
function cataloguedMiddle(series: string, metadata: readonly DicomJsonInstance[]): string {
  const instances: CatalogInstance[] = metadata.map((json) => {
    const header = headerFromDicomJson(json);
    return { source: id(series, header.sopInstanceUid), name: header.sopInstanceUid, header };
  });
  const [stack] = splitByBValue(series, instances);
  return stack?.instances[Math.floor((stack?.instances.length ?? 0) / 2)]?.source ?? '';
}

describe('likelyFirstImages', () => {
  it('picks the slice the catalogue puts in the middle, whatever order the server sends', () => {
    const zs = [40, -10, 25, 0, 5, 30, 15, 35, 20, 10];
    const metadata = zs.map((z, i) => instance('9.1', `9.1.${i}`, { z }));
    expect(likelyFirstImages(ROOT, STUDY, metadata)).toEqual([cataloguedMiddle('9.1', metadata)]);
    expect(likelyFirstImages(ROOT, STUDY, metadata)).toEqual([id('9.1', '9.1.8')]);
    // Feet first along a tilted normal: sorted along the normal, not by z.
    const tilted = zs.map((z, i) => instance('9.1', `9.1.${i}`, { z, iop: [0, 1, 0, 1, 0, 0] }));
    expect(likelyFirstImages(ROOT, STUDY, tilted)).toEqual([cataloguedMiddle('9.1', tilted)]);
  });

  it('sorts by instance number, then SOP Instance UID, without positions', () => {
    const numbered = [3, 1, 2, 5, 4].map((n) => instance('9.1', `9.1.${n}`, { number: n }));
    expect(likelyFirstImages(ROOT, STUDY, numbered)).toEqual([id('9.1', '9.1.3')]);
    expect(likelyFirstImages(ROOT, STUDY, numbered)).toEqual([cataloguedMiddle('9.1', numbered)]);
    const bare = ['9.1.c', '9.1.a', '9.1.b'].map((sop) => instance('9.1', sop));
    expect(likelyFirstImages(ROOT, STUDY, bare)).toEqual([id('9.1', '9.1.b')]);
  });

  it('takes one stack per series and b-value, the first four, and skips multi-frame stacks', () => {
    const metadata = [
      instance('9.1', 'a1', { z: 0, b: 0 }),
      instance('9.1', 'a2', { z: 0, b: 800 }),
      instance('9.1', 'a3', { z: 5, b: 0 }),
      instance('9.2', 'm1', { frames: 20 }),
      instance('9.3', 'c1', { z: 0 }),
      instance('9.4', 'd1', { z: 0 }),
      instance('9.5', 'e1', { z: 0 }),
    ];
    expect(likelyFirstImages(ROOT, STUDY, metadata)).toEqual([
      id('9.1', 'a3'),
      id('9.1', 'a2'),
      id('9.3', 'c1'),
      id('9.4', 'd1'),
    ]);
    expect(likelyFirstImages(ROOT, STUDY, [{ not: 'json' }, null, 7])).toEqual([]);
  });
});

const enc = (text: string) => new TextEncoder().encode(text);

describe('frameOfAnswer', () => {
  const pixels = new Uint8Array([1, 2, 3, 13, 10, 45, 45, 4]);
  const multipart = (partType: string) => {
    const head = enc(`--BOUND\r\nContent-Location: x\r\n${partType}\r\nMIME-Version: 1.0\r\n\r\n`);
    const tail = enc('\r\n--BOUND--');
    const body = new Uint8Array(head.length + pixels.length + tail.length);
    body.set(head);
    body.set(pixels, head.length);
    body.set(tail, head.length + pixels.length);
    return body;
  };

  it('reads the part between the headers and the closing boundary, with its transfer syntax', () => {
    const frame = frameOfAnswer(
      'multipart/related; type="application/octet-stream"; boundary=BOUND',
      multipart('Content-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1'),
    );
    expect(frame?.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect([...(frame?.pixelData ?? [])]).toEqual([...pixels]);
  });

  it('leaves to the loader an answer that does not name its transfer syntax or is cut', () => {
    const type = 'multipart/related; boundary=BOUND';
    expect(frameOfAnswer(type, multipart('Content-Type: image/jpeg'))).toBeUndefined();
    expect(frameOfAnswer(type, enc('--BOUND\r\nContent-Type: a; transfer-syntax=1.2'))).toBe(
      undefined,
    );
    const single = frameOfAnswer('application/octet-stream; transfer-syntax=1.2.3', pixels);
    expect(single?.transferSyntaxUid).toBe('1.2.3');
    expect(frameOfAnswer('application/octet-stream', pixels)).toBeUndefined();
  });
});

describe('prefetchFirstFrames', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { location: { href: 'http://app.test/' } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the likely first frame once the metadata is in, and hands it out once', async () => {
    const asked: { url: string; headers: Record<string, string> }[] = [];
    const fake = ((url: string, init: RequestInit) => {
      asked.push({ url, headers: init.headers as Record<string, string> });
      const body = new Uint8Array([7, 8]);
      const headers = {
        'Content-Type': 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1',
      };
      return Promise.resolve(new Response(body, { status: 200, headers }));
    }) as unknown as typeof fetch;
    let answer: (metadata: unknown[] | undefined) => void = () => undefined;
    const metadata = new Promise<unknown[] | undefined>((resolve) => (answer = resolve));
    const frames = prefetchFirstFrames(
      { url: `${ROOT}/`, token: 'secret' },
      new Map([[STUDY, metadata]]),
      fake,
    );
    expect(asked).toEqual([]);
    answer([0, 10, 5].map((z, i) => instance('9.1', `9.1.${i}`, { z })));
    await metadata;
    expect(asked).toEqual([
      {
        url: id('9.1', '9.1.2').slice('wadors:'.length),
        headers: { Accept: FRAME_ACCEPT, Authorization: 'Bearer secret' },
      },
    ]);
    expect(frames.take(id('9.1', '9.1.0'))).toBeUndefined();
    const frame = await frames.take(id('9.1', '9.1.2'));
    expect([...(frame?.pixelData ?? [])]).toEqual([7, 8]);
    expect(frames.take(id('9.1', '9.1.2'))).toBeUndefined();
  });

  it('counts a failed or refused frame as none, and asks nothing without metadata', async () => {
    const answers = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(new Response('no', { status: 404 })),
    ];
    for (const answer of answers) {
      const metadata = Promise.resolve([instance('9.1', '9.1.0', { z: 0 })]);
      const frames = prefetchFirstFrames({ url: ROOT }, new Map([[STUDY, metadata]]), answer);
      await metadata;
      await expect(frames.take(id('9.1', '9.1.0'))).resolves.toBeUndefined();
    }
    let calls = 0;
    const none = Promise.resolve(undefined);
    prefetchFirstFrames({ url: ROOT }, new Map([[STUDY, none]]), () => {
      calls++;
      return Promise.reject(new Error('not asked'));
    });
    await none;
    expect(calls).toBe(0);
  });
});
