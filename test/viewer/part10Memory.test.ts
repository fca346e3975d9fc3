import { describe, expect, it } from 'vitest';
import {
  Part10Memory,
  part10BaseId,
  pixelDataReleased,
  releasePixelData,
  type LoadObject,
  type NaturalInstance,
} from '../../src/viewer/part10Memory.ts';

interface FakeImage {
  imageId: string;
  data?: NaturalInstance;
}

/** A stand-in for cornerstone's metadata cache and its naturalizing Part 10 loader. */
class FakeCornerstone {
  readonly naturals = new Map<string, NaturalInstance>();
  readonly forgotten: string[] = [];
  readonly fileReads: string[] = [];
  shownIds = new Set<string>();
  /** Loads waiting to settle, in start order. */
  readonly pending: { finish: () => void; fail: (error: Error) => void }[] = [];

  readonly deps = {
    natural: (imageId: string) => this.naturals.get(imageId),
    forget: (baseImageId: string) => {
      this.forgotten.push(baseImageId);
      this.naturals.delete(baseImageId);
    },
    shown: () => this.shownIds,
  };

  /** Like the loader: reads the file when no instance is kept, fails on an empty pixel value. */
  readonly load = (imageId: string): LoadObject<FakeImage> => {
    let natural = this.naturals.get(imageId);
    if (!natural) {
      this.fileReads.push(imageId);
      natural = { Rows: 2, Columns: 2, PixelData: [new ArrayBuffer(8)] };
      this.naturals.set(imageId, natural);
    }
    const value = natural;
    const promise = new Promise<FakeImage>((resolve, reject) => {
      this.pending.push({
        finish: () =>
          Array.isArray(value.PixelData) && value.PixelData.length > 0
            ? resolve({ imageId, data: value })
            : reject(new Error('no pixel data')),
        fail: reject,
      });
    });
    return { promise };
  };

  settleAll(): void {
    for (const p of this.pending.splice(0)) p.finish();
  }
}

describe('part10BaseId', () => {
  it.each([
    ['dicomfile:3', 'dicomfile:3'],
    ['wadouri:http://x/a.dcm', 'wadouri:http://x/a.dcm'],
    ['dicomweb:http://x/a.dcm', 'dicomweb:http://x/a.dcm'],
    ['wadouri:http://x/a.dcm?frame=2', undefined],
    ['dicomfile:3&frame=1', undefined],
    ['wadors:http://x/studies/1/series/2/instances/3/frames/1', undefined],
    ['adc-computed:abc:1', undefined],
    ['nocolon', undefined],
  ])('%s -> %s', (imageId, base) => {
    expect(part10BaseId(imageId)).toBe(base);
  });
});

describe('releasePixelData', () => {
  it('empties a single frame value and counts its bytes, fragments included', () => {
    const natural: NaturalInstance = {
      PixelData: [[new ArrayBuffer(100), new Uint8Array(20)]],
      Rows: 10,
    };
    expect(pixelDataReleased(natural)).toBe(false);
    expect(releasePixelData(natural)).toBe(120);
    expect(natural.PixelData).toEqual([]);
    expect(natural.Rows).toBe(10);
    expect(pixelDataReleased(natural)).toBe(true);
    expect(releasePixelData(natural)).toBe(0);
  });

  it.each([
    ['several frames', { NumberOfFrames: 3, PixelData: [new ArrayBuffer(8)] }],
    ['several frames (as a list)', { NumberOfFrames: ['2'], PixelData: [new ArrayBuffer(8)] }],
    ['two frame values', { PixelData: [new ArrayBuffer(8), new ArrayBuffer(8)] }],
    ['no pixel value', { Rows: 2 }],
  ])('leaves %s alone', (_name, natural: NaturalInstance) => {
    const before = natural.PixelData;
    expect(releasePixelData(natural)).toBe(0);
    expect(natural.PixelData).toBe(before);
    expect(pixelDataReleased(natural)).toBe(false);
  });
});

describe('Part10Memory', () => {
  it('releases the pixel value once the image is decoded, keeping the header', async () => {
    const cs = new FakeCornerstone();
    const memory = new Part10Memory(cs.deps);
    const load = memory.wrap(cs.load);
    const loading = load('dicomfile:1').promise;
    expect(cs.naturals.get('dicomfile:1')?.PixelData).toHaveLength(1);
    cs.settleAll();
    const image = await loading;
    expect(image.imageId).toBe('dicomfile:1');
    expect(pixelDataReleased(cs.naturals.get('dicomfile:1') ?? {})).toBe(true);
    expect(cs.naturals.get('dicomfile:1')?.Rows).toBe(2);
    expect(memory.released).toBe(8);
  });

  it('reads the file again when a released image is loaded again (after eviction)', async () => {
    const cs = new FakeCornerstone();
    const memory = new Part10Memory(cs.deps);
    const load = memory.wrap(cs.load);
    const first = load('wadouri:http://x/a.dcm').promise;
    cs.settleAll();
    await first;
    cs.shownIds = new Set(['wadouri:http://x/a.dcm']);
    const second = load('wadouri:http://x/a.dcm').promise;
    cs.settleAll();
    await expect(second).resolves.toMatchObject({ imageId: 'wadouri:http://x/a.dcm' });
    expect(cs.forgotten).toEqual(['wadouri:http://x/a.dcm']);
    expect(cs.fileReads).toEqual(['wadouri:http://x/a.dcm', 'wadouri:http://x/a.dcm']);
  });

  it('releases only after the last of concurrent loads of one file', async () => {
    const cs = new FakeCornerstone();
    const memory = new Part10Memory(cs.deps);
    const load = memory.wrap(cs.load);
    const a = load('dicomfile:7').promise;
    const b = load('dicomfile:7').promise;
    const [first, second] = cs.pending.splice(0);
    first?.finish();
    await a;
    expect(cs.naturals.get('dicomfile:7')?.PixelData).toHaveLength(1);
    second?.finish();
    await expect(b).resolves.toMatchObject({ imageId: 'dicomfile:7' });
    expect(pixelDataReleased(cs.naturals.get('dicomfile:7') ?? {})).toBe(true);
    expect(cs.fileReads).toEqual(['dicomfile:7']);
  });

  it('passes a failed load on and still releases what it read', async () => {
    const cs = new FakeCornerstone();
    const memory = new Part10Memory(cs.deps);
    const load = memory.wrap(cs.load);
    const failing = load('dicomfile:2').promise;
    cs.pending.splice(0)[0]?.fail(new Error('decode failed'));
    await expect(failing).rejects.toThrow('decode failed');
    expect(pixelDataReleased(cs.naturals.get('dicomfile:2') ?? {})).toBe(true);
  });

  it('leaves frames of multi-frame files and other schemes to the loader untouched', async () => {
    const cs = new FakeCornerstone();
    const memory = new Part10Memory(cs.deps);
    const load = memory.wrap(cs.load);
    const frame = load('dicomfile:4?frame=2').promise;
    const wadors = load('wadors:http://x/studies/1/series/2/instances/3/frames/1').promise;
    cs.settleAll();
    await Promise.all([frame, wadors]);
    expect(cs.naturals.get('dicomfile:4?frame=2')?.PixelData).toHaveLength(1);
    expect(memory.released).toBe(0);
    memory.evicted('dicomfile:4?frame=2');
    expect(cs.forgotten).toEqual([]);
  });

  it('forgets an evicted image unless a viewport shows it or it is loading', async () => {
    const cs = new FakeCornerstone();
    const memory = new Part10Memory(cs.deps);
    const load = memory.wrap(cs.load);
    const loads = ['dicomfile:1', 'dicomfile:2'].map((id) => load(id).promise);
    cs.settleAll();
    await Promise.all(loads);
    cs.shownIds = new Set(['dicomfile:1']);
    memory.evicted('dicomfile:1');
    memory.evicted('dicomfile:2');
    memory.evicted('dicomfile:9');
    expect(cs.forgotten).toEqual(['dicomfile:2']);
    // A load of the released image reads it again; evicted meanwhile, it is kept.
    const again = load('dicomfile:1').promise;
    expect(cs.forgotten).toEqual(['dicomfile:2', 'dicomfile:1']);
    cs.shownIds = new Set();
    memory.evicted('dicomfile:1');
    expect(cs.forgotten).toEqual(['dicomfile:2', 'dicomfile:1']);
    cs.settleAll();
    await again;
    memory.evicted('dicomfile:1');
    expect(cs.forgotten).toEqual(['dicomfile:2', 'dicomfile:1', 'dicomfile:1']);
  });
});
