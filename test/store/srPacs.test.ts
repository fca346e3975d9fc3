/**
 * The PACS as store of reads against an in-memory DICOMweb server (STOW-RS, QIDO-RS, WADO-RS as
 * fetch answers): a signed read is stored once however often it is sent, drafts are not sent,
 * HTTP failures become clear outcomes (transient ones retried), and a fresh reader finds the
 * newest version of every read of a patient, checked by the SR import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readPart10, text } from '../../src/dicom/sr/dataset.ts';
import type { Read } from '../../src/domain/index.ts';
import {
  firstPart,
  loadPatientReads,
  storeReadSr,
  storedVersions,
  type SrPacsDeps,
} from '../../src/store/srPacs.ts';
import { sha256 } from '../domain/fixtures.ts';
import { designedReads } from '../dicom/sr/fixtures.ts';

const SETTINGS = { url: 'https://pacs.test/dicom-web/', token: 'secret', timeoutSeconds: 5 };
const noWait = () => Promise.resolve();

/** An in-memory DICOMweb server; `failures` are answered (status codes) before serving. */
function server(failures: (number | 'network')[] = []) {
  const instances = new Map<string, Uint8Array>();
  const calls: { method: string; url: string; auth: string | null }[] = [];
  const fake: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const headers = new Headers(init?.headers);
    calls.push({
      method: init?.method ?? 'GET',
      url: url.pathname,
      auth: headers.get('Authorization'),
    });
    const failure = failures.shift();
    if (failure === 'network') return Promise.reject(new TypeError('fetch failed'));
    if (failure !== undefined) return Promise.resolve(new Response(null, { status: failure }));
    if (init?.method === 'POST') {
      const part = firstPart(init.body as Uint8Array, headers.get('Content-Type') ?? '');
      if (part === undefined) return Promise.resolve(new Response(null, { status: 400 }));
      instances.set(text(readPart10(part), 'SOPInstanceUID') ?? '', part);
      return Promise.resolve(new Response('{}', { status: 200 }));
    }
    if (url.pathname.endsWith('/instances')) {
      const rows = [...instances.values()]
        .map((bytes) => readPart10(bytes))
        .filter((d) => {
          const q = url.searchParams;
          return (
            text(d, 'PatientID') === q.get('PatientID') &&
            (q.get('SeriesInstanceUID') ?? text(d, 'SeriesInstanceUID')) ===
              text(d, 'SeriesInstanceUID')
          );
        })
        .map((d) => ({
          '0020000D': { Value: [text(d, 'StudyInstanceUID')] },
          '0020000E': { Value: [text(d, 'SeriesInstanceUID')] },
          '00080018': { Value: [text(d, 'SOPInstanceUID')] },
          '00200013': { Value: [d.InstanceNumber] },
        }));
      return Promise.resolve(Response.json(rows));
    }
    const sop = url.pathname.split('/').at(-1) ?? '';
    const bytes = instances.get(sop);
    if (bytes === undefined) return Promise.resolve(new Response(null, { status: 404 }));
    const body = new Uint8Array([
      ...new TextEncoder().encode('--b\r\nContent-Type: application/dicom\r\n\r\n'),
      ...bytes,
      ...new TextEncoder().encode('\r\n--b--\r\n'),
    ]);
    return Promise.resolve(
      new Response(body, {
        headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=b' },
      }),
    );
  };
  return { instances, calls, fetch: fake };
}

let draft: Read;
let signed1: Read;
let signed2: Read;
beforeAll(async () => {
  [draft, signed1, , signed2] = await designedReads();
}, 60_000);

const deps = (fake: typeof fetch): SrPacsDeps => ({ sha256, fetch: fake, wait: noWait });

describe('storing reads in the PACS', () => {
  it('stores a signed read once, however often it is sent, with the bearer token', async () => {
    const pacs = server();
    for (let i = 0; i < 2; i++) {
      const outcome = await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
      expect(outcome.ok).toBe(true);
    }
    expect(pacs.instances.size).toBe(1);
    expect(pacs.calls.map((c) => [c.method, c.url, c.auth])).toEqual([
      ['POST', '/dicom-web/studies', 'Bearer secret'],
      ['POST', '/dicom-web/studies', 'Bearer secret'],
    ]);
  });

  it('does not send a draft', async () => {
    const pacs = server();
    const outcome = await storeReadSr(draft, SETTINGS, deps(pacs.fetch));
    expect(outcome).toMatchObject({ ok: false, kind: 'not-signed' });
    expect(pacs.calls).toEqual([]);
  });

  it.each([
    [[409], 'conflict', 1],
    [[401], 'unauthorized', 1],
    [[403], 'unauthorized', 1],
    [[400], 'refused', 1],
    [[503, 'network', 502], 'unavailable', 3],
  ] as const)('answers %j -> %s after %i attempts', async (failures, kind, attempts) => {
    const pacs = server([...failures]);
    const outcome = await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    expect(outcome).toMatchObject({ ok: false, kind });
    expect(outcome.ok ? '' : outcome.message).toMatch(/PACS|HTTP/);
    expect(pacs.calls).toHaveLength(attempts);
  });

  it('retries a transient failure and then stores', async () => {
    const pacs = server([500, 'network']);
    const outcome = await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    expect(outcome.ok).toBe(true);
    expect(pacs.calls).toHaveLength(3);
  });

  it('a PACS that never answers times out', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted'))),
      );
    const outcome = await storeReadSr(
      signed1,
      { ...SETTINGS, timeoutSeconds: 0.001 },
      { ...deps(hang), retries: 0 },
    );
    expect(outcome).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(outcome.ok ? '' : outcome.message).toContain('did not answer in time');
  });
});

describe('reads from the PACS', () => {
  it('lists the stored versions and loads the newest version of each read', async () => {
    const pacs = server();
    await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    await storeReadSr(signed2, SETTINGS, deps(pacs.fetch));
    const versions = await storedVersions(signed2, SETTINGS, deps(pacs.fetch));
    expect(versions.map((v) => v.version)).toEqual([1, 2]);

    const loaded = await loadPatientReads(['DREAM-SR-01', 'nobody'], SETTINGS, deps(pacs.fetch));
    expect(loaded).toHaveLength(1);
    const [first] = loaded;
    expect(first?.ok).toBe(true);
    expect(first?.ok ? first.read.version : 0).toBe(2);
    expect(first?.ok ? first.read.state : undefined).toEqual(signed2.state);
  });

  it('reports an SR that fails the import instead of loading it', async () => {
    const pacs = server();
    await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    const [sop, bytes] = [...pacs.instances][0] ?? ['', new Uint8Array()];
    const tampered = bytes.slice();
    // The record's JSON text: break one character of it (same length keeps the file readable).
    const at = new TextDecoder('latin1').decode(tampered).indexOf('"readId"');
    tampered[at + 1] = 'X'.charCodeAt(0);
    pacs.instances.set(sop, tampered);
    const [result] = await loadPatientReads(['DREAM-SR-01'], SETTINGS, deps(pacs.fetch));
    expect(result?.ok).toBe(false);
  });
});
