/**
 * The PACS as store of reads against an in-memory DICOMweb server (STOW-RS, QIDO-RS, WADO-RS as
 * fetch answers): a signed read is stored once however often it is sent, drafts are not sent,
 * HTTP failures become clear outcomes (transient ones retried), and a fresh reader finds the
 * newest version of every read of a patient, checked by the SR import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Read } from '../../src/domain/index.ts';
import {
  loadPatientReads,
  storeReadSr,
  storedVersions,
  type SrPacsDeps,
} from '../../src/store/srPacs.ts';
import { sha256 } from '../domain/fixtures.ts';
import { designedReads } from '../dicom/sr/fixtures.ts';
import { server } from './fakeDicomWeb.ts';

const SETTINGS = { url: 'https://pacs.test/dicom-web/', token: 'secret', timeoutSeconds: 5 };
const noWait = () => Promise.resolve();

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

  it("names the HTTP status and the server's message", async () => {
    const orthancError = JSON.stringify({ HttpStatus: 400, Message: 'Bad file format' });
    const pacs = server([new Response(orthancError, { status: 400 })]);
    const outcome = await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', status: 400 });
    expect(outcome.ok ? '' : outcome.detail).toBe('Bad file format');
    expect(outcome.ok ? '' : outcome.message).toContain('HTTP 400');
    expect(outcome.ok ? '' : outcome.message).toContain('Bad file format');
  });

  it('a 200 that lists the instance as failed is not a success', async () => {
    const failed = [
      { '00081198': { vr: 'SQ', Value: [{ '00081197': { vr: 'US', Value: [0xa700] } }] } },
    ];
    const pacs = server([Response.json(failed, { status: 200 })]);
    const outcome = await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', status: 200 });
    expect(outcome.ok ? '' : outcome.detail).toContain('0xA700');
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
    expect(result?.ok === false && result.problems.length).toBeGreaterThan(0);
  });

  it('without patient ids, loads every read the server holds', async () => {
    const pacs = server();
    await storeReadSr(signed1, SETTINGS, deps(pacs.fetch));
    const loaded = await loadPatientReads([], SETTINGS, deps(pacs.fetch));
    expect(loaded.map((r) => r.ok && r.read.versionId)).toEqual([signed1.versionId]);
    const search = pacs.calls.find((c) => c.method === 'GET' && c.url.endsWith('/instances'));
    expect(search?.auth).toBe('Bearer secret');
  });

  it('a failed search names the status and the server message', async () => {
    const pacs = server([new Response('Unknown resource', { status: 404 })]);
    await expect(loadPatientReads([], SETTINGS, deps(pacs.fetch))).rejects.toThrow(
      'QIDO-RS: HTTP 404. The server said: Unknown resource',
    );
  });
});
