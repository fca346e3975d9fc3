/**
 * A linked study's start: the study metadata asked for before the app loads
 * (src/dicom/sources/dicomwebPrefetch.ts) and the source cataloguing a study from one study
 * metadata answer, grouped by series (src/dicom/sources/dicomweb.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStudies } from '../../../src/dicom/sources/dicomweb';
import { prefetchStudyMetadata } from '../../../src/dicom/sources/dicomwebPrefetch';
import type { CatalogInstance, CatalogProblem } from '../../../src/dicom/catalog';
import type { DicomJsonInstance } from '../../../src/dicom/dicomJson';

const STUDY = '1.2.3';

function instance(series: string, sop: string, z: number): DicomJsonInstance {
  return {
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
    '00080018': { vr: 'UI', Value: [sop] },
    '00080060': { vr: 'CS', Value: ['CT'] },
    '0020000D': { vr: 'UI', Value: [STUDY] },
    '0020000E': { vr: 'UI', Value: [series] },
    '00100020': { vr: 'LO', Value: ['P-1'] },
    '00200032': { vr: 'DS', Value: [0, 0, z] },
    '00280010': { vr: 'US', Value: [4] },
    '00280011': { vr: 'US', Value: [4] },
    '7FE00010': { vr: 'OW', BulkDataURI: `http://pacs.test/dicom-web/bulk/${sop}` },
  };
}

beforeEach(() => {
  vi.stubGlobal('window', { location: { href: 'http://app.test/' } });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('prefetchStudyMetadata', () => {
  it('asks for each study metadata at once, with the token only in a header', async () => {
    const asked: { url: string; headers: Record<string, string> }[] = [];
    const fake = ((url: string, init: RequestInit) => {
      asked.push({ url, headers: init.headers as Record<string, string> });
      const body = JSON.stringify([instance('9.1', '9.1.1', 0)]);
      return Promise.resolve(new Response(body, { status: 200 }));
    }) as unknown as typeof fetch;
    const answers = prefetchStudyMetadata(
      { url: '/dicom-web/', token: 'secret' },
      [STUDY, '4.5.6'],
      fake,
    );
    expect(asked.map((a) => a.url)).toEqual([
      'http://app.test/dicom-web/studies/1.2.3/metadata',
      'http://app.test/dicom-web/studies/4.5.6/metadata',
    ]);
    expect(asked[0]?.headers).toEqual({
      Accept: 'application/dicom+json',
      Authorization: 'Bearer secret',
    });
    expect(await answers.get(STUDY)).toHaveLength(1);
  });

  it('counts a failed, refused or odd answer as none, and never rejects', async () => {
    const answers = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(new Response('no', { status: 401 })),
      () => Promise.resolve(new Response('<html></html>', { status: 200 })),
      () => Promise.resolve(new Response('{"a":1}', { status: 200 })),
    ];
    for (const answer of answers) {
      const fake: () => Promise<Response> = answer;
      const got = prefetchStudyMetadata({ url: 'http://pacs.test/dicom-web' }, [STUDY], fake);
      await expect(got.get(STUDY)).resolves.toBeUndefined();
    }
    const noToken: Record<string, string>[] = [];
    prefetchStudyMetadata({ url: 'http://pacs.test/dicom-web' }, [STUDY], ((
      _url: string,
      init: RequestInit,
    ) => {
      noToken.push(init.headers as Record<string, string>);
      return Promise.resolve(new Response('[]'));
    }) as unknown as typeof fetch);
    expect(noToken[0]).toEqual({ Accept: 'application/dicom+json' });
  });
});

describe('openStudies with an early answer', () => {
  it('catalogues every series of the study from one metadata answer', async () => {
    const metadata = [
      instance('9.1', '9.1.1', 0),
      instance('9.2', '9.2.1', 0),
      instance('9.1', '9.1.2', 5),
    ];
    const registered: string[] = [];
    const added: CatalogInstance[] = [];
    const progress: (string | undefined)[] = [];
    const opened = await openStudies(
      { url: 'http://pacs.test/dicom-web/' },
      [STUDY],
      {
        registerInstance: (imageId) => registered.push(imageId),
        setToken: () => undefined,
        sink: {
          add: (instances: readonly CatalogInstance[], _problems: readonly CatalogProblem[]) =>
            added.push(...instances),
          setLoading: (p) => progress.push(p && `${p.read}/${p.total}`),
          setError: (message) => expect(message).toBeUndefined(),
        },
      },
      new Map([[STUDY, Promise.resolve(metadata)]]),
    );
    expect(opened).toBe(true);
    const series = 'http://pacs.test/dicom-web/studies/1.2.3/series';
    expect(added.map((i) => i.source)).toEqual([
      `wadors:${series}/9.1/instances/9.1.1/frames/1`,
      `wadors:${series}/9.1/instances/9.1.2/frames/1`,
      `wadors:${series}/9.2/instances/9.2.1/frames/1`,
    ]);
    expect(registered).toEqual(added.map((i) => i.source));
    expect(progress).toEqual(['0/1', '1/1', undefined]);
  });
});
