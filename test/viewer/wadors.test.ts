import { beforeEach, describe, expect, it, vi } from 'vitest';

// The loader itself needs a browser; these tests check only what we hand to it.
const added = new Map<string, Record<string, unknown>>();
let options: { beforeSend?: (xhr: null, imageId: string) => Record<string, string> } = {};
vi.mock('@cornerstonejs/dicom-image-loader', () => ({
  wadors: {
    metaDataManager: {
      add: (imageId: string, json: Record<string, unknown>) => added.set(imageId, json),
    },
  },
  internal: {
    setOptions: (next: typeof options) => (options = { ...options, ...next }),
  },
}));
const { registerWadorsInstance, setWadorsToken } = await import('../../src/viewer/wadors.ts');

const ROOT = 'http://pacs.test/dicom-web';
const ID = `wadors:${ROOT}/studies/1/series/2/instances/3/frames/1`;

describe('registerWadorsInstance', () => {
  beforeEach(() => added.clear());

  it.each([
    ['absent', {}, 'OT'],
    ['without a value', { '00080060': { vr: 'CS' } }, 'OT'],
    ['empty', { '00080060': { vr: 'CS', Value: [''] } }, 'OT'],
    ['present', { '00080060': { vr: 'CS', Value: ['MR'] } }, 'MR'],
  ])('Modality %s -> %s (a missing one hangs the loader)', (_name, json, modality) => {
    registerWadorsInstance(ID, json);
    expect(added.get(ID)?.['00080060']).toMatchObject({ Value: [modality] });
    expect(json).not.toHaveProperty('00080060.Value.0', 'OT');
  });
});

describe('setWadorsToken', () => {
  it('adds the bearer header only for image ids and URLs under its root', () => {
    setWadorsToken(`${ROOT}/`, 'secret');
    const send = options.beforeSend;
    expect(send?.(null, ID)).toEqual({ Authorization: 'Bearer secret' });
    expect(send?.(null, `${ROOT}/studies/1/series/2/instances/3/frames/1`)).toEqual({
      Authorization: 'Bearer secret',
    });
    expect(send?.(null, 'wadouri:http://pacs.test/sample-dicom/a.dcm')).toEqual({});
    expect(send?.(null, `wadors:${ROOT}-other/studies/1`)).toEqual({});
    setWadorsToken(ROOT, undefined);
    expect(send?.(null, ID)).toEqual({});
  });
});
