import { describe, expect, it, vi } from 'vitest';
import type { CatalogSeries } from '../../src/dicom/catalog.ts';
import type { PairResult } from '../../src/viewer/registration/rigidElastix.ts';
import type {
  RegistrationRequest,
  RegistrationResponse,
} from '../../src/viewer/registration/registrationWorker.ts';

// The images a registration loads: 8x8 slices of a ramp (cornerstone's loader needs a browser).
const loaded: string[] = [];
vi.mock('@cornerstonejs/core', () => ({
  imageLoader: {
    loadAndCacheImage: (imageId: string) => {
      loaded.push(imageId);
      const data = Float32Array.from({ length: 64 }, (_, i) => i);
      return Promise.resolve({
        rows: 8,
        columns: 8,
        slope: 1,
        intercept: 0,
        getPixelData: () => data,
      });
    },
  },
}));
const { ExamRegistrar } = await import('../../src/viewer/registration/examRegistration.ts');
const { MemoryPairCache, pairCacheKey, registrationVersion } =
  await import('../../src/viewer/registration/pairCache.ts');
const { PATIENT } = await import('../store/workspace/harness.ts');

/** A worker that answers every pair with a translation, numbered by the pairs it ran. */
function fakeWorker() {
  const requests: RegistrationRequest[] = [];
  const factory = () => {
    const worker = {
      onmessage: null as ((event: MessageEvent<RegistrationResponse>) => void) | null,
      postMessage(request: RegistrationRequest) {
        requests.push(request);
        const n = requests.length;
        const result: PairResult = {
          matrix: [
            [1, 0, 0, n],
            [0, 1, 0, 2 * n],
            [0, 0, 1, 3 * n],
            [0, 0, 0, 1],
          ],
          nmiBefore: 1.1,
          nmiAfter: 1.2 + n / 100,
          overlap: 1,
          rotationDeg: 0,
          translationMm: Math.hypot(n, 2 * n, 3 * n),
          poor: undefined,
          ms: 1000,
        };
        queueMicrotask(() =>
          worker.onmessage?.({
            data: { id: request.id, ok: true, result },
          } as MessageEvent<RegistrationResponse>),
        );
      },
      terminate() {},
    };
    return worker as unknown as Worker;
  };
  return { requests, factory };
}

describe('registration results kept per pair of series', () => {
  it('a second registrar over the same cache (a reload) registers nothing and loads no image', async () => {
    const cache = new MemoryPairCache();
    const first = fakeWorker();
    const one = new ExamRegistrar('http://app.test/itk-elastix', first.factory, cache);
    const a = await one.registerPatient(PATIENT);
    // Baseline CT is the reference: pre-op CT, baseline MR and pre-op MR are the three pairs.
    expect(first.requests).toHaveLength(3);
    expect(cache.size).toBe(3);
    expect(loaded.length).toBeGreaterThan(0);

    loaded.length = 0;
    const second = fakeWorker();
    const two = new ExamRegistrar('http://app.test/itk-elastix', second.factory, cache);
    const b = await two.registerPatient(PATIENT);
    expect(second.requests).toHaveLength(0);
    expect(loaded).toEqual([]);
    expect(b.frames).toEqual(a.frames);
    expect(b.referenceFrame).toBe(a.referenceFrame);
    // The chained transforms are those of the first run (pair n moved by n, 2n, 3n mm).
    expect(Object.values(b.frames).filter((f) => f.status === 'registered')).toHaveLength(3);
  });

  it('without a cache every registrar registers again', async () => {
    const first = fakeWorker();
    await new ExamRegistrar('http://app.test/itk-elastix', first.factory).registerPatient(PATIENT);
    const second = fakeWorker();
    await new ExamRegistrar('http://app.test/itk-elastix', second.factory).registerPatient(PATIENT);
    expect(first.requests).toHaveLength(3);
    expect(second.requests).toHaveLength(3);
  });

  it('keys hold both series, their slice counts and the method version', () => {
    const series = PATIENT.timepoints.flatMap((t) => t.exams.flatMap((e) => e.series));
    const [ct, mr] = series as [CatalogSeries, CatalogSeries];
    const key = pairCacheKey(ct, mr);
    expect(key).toContain(registrationVersion());
    expect(key).toContain(`${ct.key}#${ct.instances.length}`);
    expect(key).toContain(`${mr.key}#${mr.instances.length}`);
    expect(pairCacheKey(mr, ct)).not.toBe(key);
    const fewer: CatalogSeries = { ...mr, instances: mr.instances.slice(1) };
    expect(pairCacheKey(ct, fewer)).not.toBe(key);
    expect(registrationVersion()).toMatch(/^v\d+-[0-9a-f]{8}$/);
  });
});
