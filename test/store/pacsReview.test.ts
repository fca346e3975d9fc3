/**
 * The PACS as a source of reads, in node: which server a patient's images came from (so the read
 * bar offers to store there), whose token goes with it, and the central review loading every
 * DREAM SR a server holds through the same checks as a read file, each failed SR listed with its
 * problems.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogInstance } from '../../src/dicom/catalog.ts';
import type { InstanceHeader } from '../../src/dicom/header.ts';
import { pacsRootOf, pacsSettings } from '../../src/store/pacsTarget.ts';
import { MemoryReadRepository } from '../../src/store/reads/repository.ts';
import { createReviewStore } from '../../src/store/review.ts';
import { storeReadSr } from '../../src/store/srPacs.ts';
import { makeContext } from '../domain/fixtures.ts';
import { discordantReads, nodeSha256 } from '../e2e/review-fixtures.ts';
import { server } from './fakeDicomWeb.ts';

const instance = (patientId: string, source: string): CatalogInstance => ({
  source,
  header: { patientId } as InstanceHeader,
});

describe('the server of a patient', () => {
  const root = 'http://127.0.0.1:4173/dicom-web';
  const instances = [
    instance('DREAM-001', 'wadouri:/sample-dicom/DREAM-001/ct/1.dcm'),
    instance('DREAM-002', `wadors:${root}/studies/1.2.3/series/4.5/instances/6.7/frames/1`),
  ];

  it('is the WADO-RS root of its images, none for the sample or local files', () => {
    expect(pacsRootOf('DREAM-002', instances)).toBe(root);
    expect(pacsRootOf('DREAM-001', instances)).toBeUndefined();
    expect(pacsRootOf('DREAM-003', instances)).toBeUndefined();
  });

  it('gets the saved token only when it was saved for that server', () => {
    const same = (url: string) => url.replace(/\/+$/, '');
    const saved = { url: `${root}/`, token: 'secret', timeoutSeconds: 7 };
    expect(pacsSettings(root, saved, same)).toEqual({
      url: root,
      token: 'secret',
      timeoutSeconds: 7,
    });
    const other = pacsSettings('https://elsewhere/dicom-web', saved, same);
    expect(other.token).toBeUndefined();
    expect(other.timeoutSeconds).toBe(30);
  });
});

let reads: Awaited<ReturnType<typeof discordantReads>>;
beforeAll(async () => {
  reads = await discordantReads();
}, 60_000);

describe('central review from the PACS', () => {
  // Two SR exports and imports: CPU work that a busy machine makes slower than the default limit.
  it(
    'loads every valid SR and lists each failed one with its problems',
    { timeout: 30_000 },
    async () => {
      const { reader1, reader2 } = reads;
      const pacs = server();
      const settings = { url: 'https://pacs.test/dicom-web', token: 't' };
      const deps = { sha256: nodeSha256, fetch: pacs.fetch, wait: () => Promise.resolve() };
      for (const read of [reader1.read, reader2.read]) {
        expect((await storeReadSr(read, settings, deps)).ok).toBe(true);
      }
      // Reader 2's SR is changed on the server: one character of its read record.
      const [sop, bytes] = [...pacs.instances].find(([, b]) =>
        new TextDecoder('latin1').decode(b).includes('Dr Sato'),
      ) ?? ['', new Uint8Array()];
      const tampered = bytes.slice();
      const at = new TextDecoder('latin1').decode(tampered).indexOf('"readId"');
      tampered[at + 1] = 'X'.charCodeAt(0);
      pacs.instances.set(sop, tampered);

      const review = createReviewStore({
        sha256: nodeSha256,
        context: makeContext(),
        repository: () => new MemoryReadRepository(),
        fetch: pacs.fetch,
      });
      await review.loadFromPacs(settings, ['DREAM-001']);
      const state = review.store.get();
      expect(state.pacsLoad).toEqual({ kind: 'loaded', found: 2, loaded: 1 });
      expect(state.reads.map((r) => [r.read.reader.id, r.origin.kind])).toEqual([['R01', 'pacs']]);
      expect(state.reads[0]?.read.versionId).toBe(reader1.read.versionId);
      expect(state.fileProblems.map((f) => f.file)).toEqual([`SR ${sop}`]);
      expect(state.fileProblems[0]?.problems.length).toBeGreaterThan(0);
    },
  );

  it('reports a server that does not answer the search', async () => {
    const pacs = server([503]);
    const review = createReviewStore({
      sha256: nodeSha256,
      context: makeContext(),
      repository: () => new MemoryReadRepository(),
      fetch: pacs.fetch,
    });
    await review.loadFromPacs({ url: 'https://pacs.test/dicom-web', timeoutSeconds: 5 }, []);
    expect(review.store.get().pacsLoad).toEqual({ kind: 'error', message: 'QIDO-RS: HTTP 503.' });
    expect(review.store.get().reads).toEqual([]);
  });
});
