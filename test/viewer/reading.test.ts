import { describe, expect, it } from 'vitest';
import { imageCacheBytes } from '../../src/viewer/cacheSize';
import { formatValue, measurementValues } from '../../src/viewer/measurements';
import { presetRange, voiFromWindow, windowFromVoi } from '../../src/viewer/presets';
import { ScrollLinks } from '../../src/viewer/readingSync';
import { ScrollSync } from '../../src/viewer/scrollSync';
import { invertRigid, type Mat4 } from '../../src/domain/registration';
import { nearestSlice, sliceNormal, type Stack, type Vec3 } from '../../src/viewer/sliceSync';

const AXIAL = [1, 0, 0, 0, 1, 0] as const;
function axial(frame: string, z0: number, spacing: number, count: number): Stack {
  const positions: Vec3[] = Array.from({ length: count }, (_, i) => [0, 0, z0 + i * spacing]);
  return { frameOfReferenceUid: frame, normal: sliceNormal(AXIAL), positions };
}

describe('measurementValues', () => {
  it('reads an ADC ellipse in 10^-3 mm²/s (stored µm²/s)', () => {
    const values = measurementValues(
      'EllipticalROI',
      { mean: 880, stdDev: 20, min: 840, max: 920, area: 113.1 },
      'ADC',
    );
    expect(Object.fromEntries(values.map((v) => [v.name, v.value]))).toEqual({
      mean: 0.88,
      stdDev: 0.02,
      min: 0.84,
      max: 0.92,
      area: 113.1,
    });
    expect(formatValue(values[0]!)).toBe('0.88 ×10⁻³ mm²/s');
  });

  it.each([
    ['Length', { length: 21.96 }, 'HU', ['length', 21.96, 'mm']],
    ['Probe', { value: 45 }, 'HU', ['value', 45, 'HU']],
    ['Probe', { value: 900 }, 'ADC', ['value', 0.9, '×10⁻³ mm²/s']],
    ['Bidirectional', { length: 20, width: 12 }, 'raw', ['length', 20, 'mm']],
  ] as const)('%s %j on %s', (tool, stats, kind, [name, value, unit]) => {
    const first = measurementValues(tool, stats, kind)[0];
    expect(first?.name).toBe(name);
    expect(first?.value).toBeCloseTo(value, 9);
    expect(first?.unit).toBe(unit);
  });

  it.each([
    ['a computed map (10^-3 mm²/s)', 1, 0.88, 0.88],
    ['a scanner map in mm²/s', 1000, 0.00088, 0.88],
    ['a scanner map in µm²/s', 1e-3, 880, 0.88],
  ])('reads an ADC ellipse on %s with its own factor', (_name, factor, stored, expected) => {
    const [mean] = measurementValues('EllipticalROI', { mean: stored }, 'ADC', factor);
    expect(mean?.value).toBeCloseTo(expected, 12);
    expect(mean?.unit).toBe('×10⁻³ mm²/s');
  });

  it('applies the ADC factor to ADC maps only', () => {
    expect(measurementValues('Probe', { value: 45 }, 'HU', 1e3)[0]?.value).toBe(45);
  });

  it('gives nothing while cornerstone has not computed the stats', () => {
    expect(measurementValues('Length', { length: null }, 'HU')).toEqual([]);
    expect(measurementValues('Probe', {}, 'HU')).toEqual([]);
  });
});

describe('presets', () => {
  it.each([
    ['ct-abdomen', { lower: -160, upper: 240 }],
    ['ct-liver', { lower: 13, upper: 163 }],
    ['auto', { lower: 0, upper: 812 }],
  ] as const)('%s', (preset, range) => {
    expect(presetRange(preset, { lower: 0, upper: 812 })).toEqual(range);
  });

  it('auto never gives a zero-width window', () => {
    expect(presetRange('auto', { lower: 5, upper: 5 })).toEqual({ lower: 5, upper: 6 });
  });

  it('window <-> VOI round trip', () => {
    expect(windowFromVoi(voiFromWindow(400, 40))).toEqual({ width: 400, center: 40 });
  });
});

describe('ScrollLinks.followers', () => {
  const ctA = axial('F-CT1', -100, 5, 22);
  const ctA2 = axial('F-CT1', -100, 5, 22);
  const ctB = axial('F-CT2', -80, 5, 22);
  const mrB = axial('F-CT2', -90, 6, 16); // same frame as ctB
  const stacks = new Map([
    ['a', ctA],
    ['a2', ctA2],
    ['b', ctB],
    ['b2', mrB],
  ]);

  it('follows by position inside a frame only, until linked', () => {
    const links = new ScrollLinks();
    expect([...links.followers(stacks, 'a', 7)]).toEqual([['a2', 7]]);
  });

  it('keeps the linked offset across frames, transitively into the other frame', () => {
    const links = new ScrollLinks();
    links.link('a', 10, 'b', 4);
    const followers = links.followers(stacks, 'a', 12);
    expect(followers.get('b')).toBe(6);
    // b at slice 6 is at -50 mm; b2 (6 mm slices from -90) nearest -50 is index 7 (-48).
    expect(followers.get('b2')).toBe(7);
    expect(links.isLinked('a')).toBe(true);
  });

  it('links both ways, re-links, and unlinks', () => {
    const links = new ScrollLinks();
    links.link('a', 10, 'b', 4);
    expect(links.between('b', 'a')).toEqual({ sourceIndex: 4, targetIndex: 10 });
    links.link('b', 0, 'a', 0);
    expect(links.between('a', 'b')).toEqual({ sourceIndex: 0, targetIndex: 0 });
    links.unlink('b');
    expect(links.isLinked('a')).toBe(false);
    expect(links.followers(stacks, 'a', 3).has('b')).toBe(false);
  });

  it('other frames follow through the registration unless linked, and only where it answers', () => {
    const links = new ScrollLinks();
    // A stand-in registration: frame F-CT2 lies 12 mm above F-CT1 (slice positions in mm).
    const registered = (from: Stack, to: Stack, index: number) =>
      from.frameOfReferenceUid === 'F-CT1' && to.frameOfReferenceUid === 'F-CT2'
        ? nearestSlice(
            to.positions.map((p) => p[2]),
            (from.positions[index]?.[2] ?? NaN) + 12,
          )
        : undefined;
    // a at slice 7 is -65 mm; +12 = -53: slice 5 of b (5 mm from -80), 6 of b2 (6 mm from -90).
    const followers = links.followers(stacks, 'a', 7, registered);
    expect(followers.get('a2')).toBe(7);
    expect(followers.get('b')).toBe(5);
    expect(followers.get('b2')).toBe(6);
    // Where the registration has no answer (b to a here), nothing follows across frames.
    expect(links.followers(stacks, 'b', 5, registered).has('a')).toBe(false);
    // A Link overrides the registration.
    links.link('a', 7, 'b', 0);
    expect(links.followers(stacks, 'a', 7, registered).get('b')).toBe(0);
  });
});

describe('imageCacheBytes', () => {
  const MB = 1024 * 1024;
  it.each<[number | undefined, number]>([
    [undefined, 512],
    [0, 512],
    [0.5, 64],
    [2, 256],
    [4, 512],
    [8, 1024],
    [32, 1024],
  ])('device memory %s GB -> %s MB', (gb, mb) => {
    expect(imageCacheBytes(gb)).toBe(mb * MB);
  });
});

describe('ScrollSync', () => {
  /** Viewports that record where they were sent, at `index` until moved. */
  function viewports(stacks: Record<string, Stack>, at: Record<string, number>) {
    const moves: [string, number][] = [];
    const map = new Map(
      Object.entries(stacks).map(([id, stack]) => [
        id,
        {
          stack,
          current: () => at[id] ?? 0,
          go: (index: number) => {
            at[id] = index;
            moves.push([id, index]);
          },
        },
      ]),
    );
    return { map, moves };
  }
  // F-CT2 lies 12 mm above F-CT1: a pure translation along z.
  const up12: Mat4 = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 12],
    [0, 0, 0, 1],
  ];
  const frames = (from: string, to: string) =>
    from === 'F-CT1' && to === 'F-CT2' ? up12 : from === 'F-CT2' ? invertRigid(up12) : undefined;
  const ctA = axial('F-CT1', -100, 5, 22);
  const ctB = axial('F-CT2', -80, 5, 22);

  it('moves the other exam through the frame map, and its echo goes no further', () => {
    const sync = new ScrollSync();
    sync.setFrameMap(frames);
    const { map, moves } = viewports({ a: ctA, b: ctB }, { a: 0, b: 0 });
    sync.moved('a', 7, map); // -65 mm + 12 = -53: slice 5 of b (-55 mm, 2 mm off)
    expect(moves).toEqual([['b', 5]]);
    sync.moved('b', 5, map); // b's own new-image event for the sync's move
    expect(moves).toEqual([['b', 5]]);
    sync.moved('b', 9, map); // the reader scrolls b: -35 - 12 = -47, slice 11 of a
    expect(moves.at(-1)).toEqual(['a', 11]);
  });

  it('without a frame map (registration running, poor or failed) only Link ties exams', () => {
    const sync = new ScrollSync();
    const { map, moves } = viewports({ a: ctA, b: ctB }, { a: 0, b: 0 });
    sync.moved('a', 7, map);
    expect(moves).toEqual([]);
    sync.link('a', 7, 'b', 0);
    sync.setFrameMap(frames);
    sync.moved('a', 9, map); // the link's offset (-7) beats the registration
    expect(moves).toEqual([['b', 2]]);
  });

  it('a driven move (lesion focus) drags no other viewport', () => {
    const sync = new ScrollSync();
    sync.setFrameMap(frames);
    const { map, moves } = viewports({ a: ctA, b: ctB }, { a: 0, b: 0 });
    sync.drive('a', 4);
    sync.moved('a', 4, map);
    expect(moves).toEqual([]);
  });
});
