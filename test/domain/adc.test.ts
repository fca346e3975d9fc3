import { describe, expect, it } from 'vitest';
import {
  adcChange,
  adcUnitInMm2PerS,
  adcUnitScale,
  fitAdc,
  selectBValues,
  tissueMedian,
  type AdcPixelArray,
  type BValueStack,
  type StoredAdcMapInfo,
} from '../../src/domain/adc.ts';

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box-Muller) from a seeded uniform source. */
function gaussian(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A volume where every voxel has the same S0 and ADC (mm²/s), as Float32 real signals. */
function uniformStacks(
  bValues: readonly number[],
  s0: number,
  adc: number,
  voxels: number,
  noise?: (s: number) => number,
): BValueStack[] {
  return bValues.map((bValue) => {
    const s = s0 * Math.exp(-bValue * adc);
    const pixels = new Float32Array(voxels);
    for (let i = 0; i < voxels; i++) pixels[i] = noise === undefined ? s : noise(s);
    return { bValue, pixels };
  });
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? NaN;
  return sum / values.length;
}

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('fitAdc: noise-free signals give the ADC exactly', () => {
  it.each<[string, number[], number, number]>([
    ['2 b-values 50/800, liver', [50, 800], 400, 1.28e-3],
    ['2 b-values 100/600, tumour', [100, 600], 640, 0.9e-3],
    ['3 b-values 50/400/800, liver', [50, 400, 800], 400, 1.28e-3],
    ['3 b-values 50/400/800, spleen', [50, 400, 800], 520, 0.85e-3],
    ['3 b-values 100/500/1000, fluid', [100, 500, 1000], 300, 3.0e-3],
    ['4 b-values 50/300/600/900, tumour', [50, 300, 600, 900], 650, 0.88e-3],
    ['4 b-values 100/400/800/1400, low ADC', [100, 400, 800, 1400], 900, 0.5e-3],
    ['5 b-values 50/200/400/600/800, liver', [50, 200, 400, 600, 800], 400, 1.28e-3],
    ['6 b-values 50..1000, tumour', [50, 100, 200, 400, 800, 1000], 640, 0.9e-3],
  ])('%s', (_name, bValues, s0, adc) => {
    const map = fitAdc({
      width: 4,
      height: 3,
      slices: 2,
      stacks: uniformStacks(bValues, s0, adc, 24),
    });
    expect(map.bValues).toEqual(bValues);
    expect(map.masked).toBe(0);
    expect(map.unit).toBe('10^-3 mm2/s');
    for (const v of map.adc) expect(rel(v, adc * 1000)).toBeLessThan(1e-6);
  });

  /** Signals halving at every step: exact integers, so 16-bit storage is exact too. */
  it.each<[string, 'Int16' | 'Uint16', number[], number[], number, number]>([
    ['2 b-values, Uint16, slope 1', 'Uint16', [50, 800], [1000, 500], 1, 0],
    [
      '3 b-values, Int16, slope 0.5, intercept 10',
      'Int16',
      [50, 400, 750],
      [800, 400, 200],
      0.5,
      10,
    ],
    ['4 b-values, Uint16, slope 2', 'Uint16', [100, 300, 500, 700], [1600, 800, 400, 200], 2, 0],
  ])('%s', (_name, type, bValues, signals, slope, intercept) => {
    const step = (bValues[1] ?? 0) - (bValues[0] ?? 0);
    const stacks = bValues.map((bValue, k): BValueStack => {
      const stored = ((signals[k] ?? 0) - intercept) / slope;
      const pixels: AdcPixelArray = type === 'Int16' ? new Int16Array(6) : new Uint16Array(6);
      pixels.fill(stored);
      return { bValue, pixels, slope, intercept };
    });
    const map = fitAdc({ width: 3, height: 2, slices: 1, stacks });
    for (const v of map.adc) expect(rel(v, (Math.LN2 / step) * 1000)).toBeLessThan(1e-6);
  });

  it('fits each voxel on its own (a gradient of ADCs across a plane)', () => {
    const width = 50;
    const bValues = [50, 400, 800];
    const truth = Array.from({ length: width }, (_, i) => (0.3 + 0.06 * i) * 1e-3);
    const stacks = bValues.map((bValue) => ({
      bValue,
      pixels: Float32Array.from(truth, (adc) => 500 * Math.exp(-bValue * adc)),
    }));
    const map = fitAdc({ width, height: 1, slices: 1, stacks });
    truth.forEach((adc, i) => expect(rel(map.adc[i] ?? NaN, adc * 1000)).toBeLessThan(1e-6));
  });

  it('applies a per-slice rescale', () => {
    const stacks: BValueStack[] = [
      { bValue: 50, pixels: Uint16Array.from([1000, 500]), slope: [1, 2] },
      { bValue: 800, pixels: Uint16Array.from([500, 250]), slope: [1, 2] },
    ];
    const map = fitAdc({ width: 1, height: 1, slices: 2, stacks });
    expect(rel(map.adc[0] ?? NaN, (Math.LN2 / 750) * 1000)).toBeLessThan(1e-6);
    expect(rel(map.adc[1] ?? NaN, (Math.LN2 / 750) * 1000)).toBeLessThan(1e-6);
  });
});

describe('fitAdc: b-value choice', () => {
  it('leaves out b < 50 by default and records the b-values used', () => {
    const stacks = uniformStacks([0, 50, 400, 800], 400, 1.28e-3, 4);
    // b=0 carries a perfusion excess that would bias the fit if it were used.
    stacks[0]?.pixels.fill(600);
    const map = fitAdc({ width: 2, height: 2, slices: 1, stacks });
    expect(map.bValues).toEqual([50, 400, 800]);
    expect(rel(map.adc[0] ?? NaN, 1.28)).toBeLessThan(1e-6);
  });

  it('uses the requested b-values only, two-point when two', () => {
    const stacks = uniformStacks([50, 400, 800], 400, 1.28e-3, 4);
    stacks[1]?.pixels.fill(1); // b=400 is garbage but not used
    const map = fitAdc({ width: 2, height: 2, slices: 1, stacks }, { bValues: [800, 50] });
    expect(map.bValues).toEqual([50, 800]);
    expect(rel(map.adc[3] ?? NaN, 1.28)).toBeLessThan(1e-6);
  });

  it.each([[[50, 800, 800]], [[50, 50, 800, 800]], [[50, 400, 400, 800, 800]]])(
    'counts repeated b-values (e.g. directions) as separate samples: %j',
    (bValues) => {
      const stacks = uniformStacks(bValues, 400, 1.28e-3, 4);
      const map = fitAdc({ width: 4, height: 1, slices: 1, stacks });
      expect(map.bValues).toEqual([...new Set(bValues)]);
      expect(rel(map.adc[0] ?? NaN, 1.28)).toBeLessThan(1e-6);
    },
  );

  it.each<[string, number[], Parameters<typeof selectBValues>[1], number[] | string]>([
    ['default minimum 50', [0, 50, 400, 800], {}, [50, 400, 800]],
    ['custom minimum', [0, 50, 400, 800], { minBValue: 100 }, [400, 800]],
    ['sorted and distinct', [800, 50, 800, 400], {}, [50, 400, 800]],
    ['requested', [0, 50, 400, 800], { bValues: [0, 800] }, [0, 800]],
    ['requested but absent', [50, 800], { bValues: [50, 1000] }, 'not in the series'],
    ['only one b >= 50', [0, 10, 800], {}, 'two distinct b-values'],
    ['none', [], {}, 'two distinct b-values'],
  ])('selectBValues: %s', (_name, available, options, expected) => {
    if (typeof expected === 'string') {
      expect(() => selectBValues(available, options)).toThrow(expected);
    } else {
      expect(selectBValues(available, options)).toEqual(expected);
    }
  });

  it('rejects stacks that do not match the geometry', () => {
    const stacks = uniformStacks([50, 800], 400, 1.28e-3, 5);
    expect(() => fitAdc({ width: 2, height: 2, slices: 1, stacks })).toThrow(RangeError);
    expect(() => fitAdc({ width: 0, height: 2, slices: 1, stacks })).toThrow(RangeError);
    const slopes: BValueStack[] = stacks.map((s) => ({ ...s, slope: [1, 1] }));
    expect(() => fitAdc({ width: 5, height: 1, slices: 1, stacks: slopes })).toThrow(RangeError);
  });
});

describe('fitAdc: with noise, the mean over many voxels is unbiased', () => {
  const voxels = 64 * 64 * 8;
  it.each<[string, 'gaussian' | 'rician', number[], number, number, number, number]>([
    // name, noise, b-values, S0, ADC (mm²/s), noise SD, tolerance (relative)
    ['gaussian, 2 b-values, liver', 'gaussian', [50, 800], 400, 1.28e-3, 4, 0.005],
    ['gaussian, 3 b-values, liver', 'gaussian', [50, 400, 800], 400, 1.28e-3, 4, 0.005],
    ['gaussian, 3 b-values, tumour', 'gaussian', [50, 400, 800], 640, 0.9e-3, 8, 0.005],
    ['gaussian, 4 b-values, spleen', 'gaussian', [50, 300, 600, 900], 520, 0.85e-3, 6, 0.005],
    ['rician, 3 b-values, liver', 'rician', [50, 400, 800], 400, 1.28e-3, 4, 0.01],
    ['rician, 4 b-values, tumour', 'rician', [100, 400, 700, 1000], 650, 0.9e-3, 8, 0.01],
    ['gaussian, 5 b-values, liver', 'gaussian', [50, 200, 400, 600, 800], 400, 1.28e-3, 4, 0.005],
  ])('%s', (name, kind, bValues, s0, adc, sd, tolerance) => {
    const normal = gaussian(bValues.length * 1000 + s0 + name.length);
    const noise =
      kind === 'gaussian'
        ? (s: number) => s + sd * normal()
        : (s: number) => Math.hypot(s + sd * normal(), sd * normal());
    const stacks = uniformStacks(bValues, s0, adc, voxels, noise);
    const map = fitAdc({ width: 64, height: 64, slices: 8, stacks }, { noiseFloor: 3 * sd });
    expect(map.masked).toBe(0);
    expect(rel(mean(map.adc), adc * 1000)).toBeLessThan(tolerance);
    // Noise does show voxel by voxel: the test is not trivially noise-free.
    const spread = Math.sqrt(mean(map.adc.map((v) => (v - adc * 1000) ** 2)));
    expect(spread).toBeGreaterThan(0.001);
  });
});

describe('fitAdc: noise floor', () => {
  it('sets voxels to 0 when any used signal is below the floor', () => {
    // Voxels: [normal, low at b=50, low at b=800 only, exactly at the floor, zero, negative].
    const b50 = Float32Array.from([400, 15, 400, 20, 0, -5]);
    const b800 = Float32Array.from([140, 10, 15, 20, 0, -5]);
    for (const stacks of [
      [
        { bValue: 50, pixels: b50 },
        { bValue: 800, pixels: b800 },
      ],
      [
        { bValue: 50, pixels: b50 },
        { bValue: 400, pixels: Float32Array.from(b50, (s, i) => (s + (b800[i] ?? 0)) / 2) },
        { bValue: 800, pixels: b800 },
      ],
      [400, 500, 600, 700, 800].map((bValue) => ({
        bValue,
        pixels: bValue === 800 ? b800 : Float32Array.from(b50, (v) => (v > 20 ? v - 0.1 : v)),
      })),
    ]) {
      const map = fitAdc({ width: 6, height: 1, slices: 1, stacks }, { noiseFloor: 20 });
      expect(map.adc[0]).toBeGreaterThan(1);
      expect([1, 2, 4, 5].map((i) => map.adc[i])).toEqual([0, 0, 0, 0]);
      // At the floor is not below it: kept (equal signals fit an ADC of 0, up to rounding).
      expect(map.adc[3]).toBeCloseTo(0, 12);
      expect(map.masked).toBe(4);
    }
  });

  it('masks non-positive signals even without a floor, never NaN or Infinity', () => {
    const stacks = [
      { bValue: 50, pixels: Int16Array.from([100, 0, -3, 100]) },
      { bValue: 400, pixels: Int16Array.from([60, 0, 5, 0]) },
      { bValue: 800, pixels: Int16Array.from([30, 0, 2, 1]) },
    ];
    const map = fitAdc({ width: 4, height: 1, slices: 1, stacks });
    expect(map.adc[0]).toBeGreaterThan(0);
    expect([...map.adc.slice(1)]).toEqual([0, 0, 0]);
    expect(map.masked).toBe(3);
  });

  it('ignores the signal of b-values left out of the fit', () => {
    const stacks = uniformStacks([0, 50, 800], 400, 1.28e-3, 2);
    stacks[0]?.pixels.fill(0);
    const map = fitAdc({ width: 2, height: 1, slices: 1, stacks }, { noiseFloor: 20 });
    expect(map.masked).toBe(0);
    expect(rel(map.adc[0] ?? NaN, 1.28)).toBeLessThan(1e-6);
  });
});

describe('adcUnitScale: vendor units to 10^-3 mm²/s', () => {
  it.each<[string, StoredAdcMapInfo, number, string, boolean | undefined]>([
    // name, info, factor, basis, plausible
    ['GE-style µm²/s integers, no units', { storedTissueValue: 1280 }, 1e-3, 'values', true],
    [
      'µm²/s integers with slope 0.5',
      { storedTissueValue: 2560, rescaleSlope: 0.5 },
      1e-3,
      'values',
      true,
    ],
    ['mm²/s floats', { storedTissueValue: 0.00128 }, 1000, 'values', true],
    [
      'mm²/s as integers x 1e-6 slope',
      { storedTissueValue: 1280, rescaleSlope: 1e-6 },
      1000,
      'values',
      true,
    ],
    ['10^-3 mm²/s floats', { storedTissueValue: 1.28 }, 1, 'values', true],
    [
      'UCUM um2/s (the sample)',
      { units: { codeValue: 'um2/s' }, storedTissueValue: 2560, rescaleSlope: 0.5 },
      1e-3,
      'units',
      true,
    ],
    [
      'UCUM 10*-3.mm2/s',
      { units: { codeValue: '10*-3.mm2/s' }, storedTissueValue: 1.3 },
      1,
      'units',
      true,
    ],
    [
      'UCUM mm2/s',
      { units: { codeValue: 'mm2/s' }, storedTissueValue: 0.0009 },
      1000,
      'units',
      true,
    ],
    ['meaning only', { units: { codeMeaning: '10^-6 mm^2/s' } }, 1e-3, 'units', undefined],
    [
      'unknown code, known meaning',
      { units: { codeValue: '1', codeMeaning: 'µm²/s' } },
      1e-3,
      'units',
      undefined,
    ],
    [
      'units contradict the pixels',
      { units: { codeValue: 'um2/s' }, storedTissueValue: 0.0012 },
      1e-3,
      'units',
      false,
    ],
    [
      'own real-world slope',
      {
        units: { codeValue: 'um2/s' },
        realWorldSlope: 0.5,
        rescaleSlope: 1,
        storedTissueValue: 2600,
      },
      5e-4,
      'units',
      true,
    ],
    [
      'unknown units fall back to values',
      { units: { codeValue: '{ratio}' }, storedTissueValue: 0.0011 },
      1000,
      'values',
      true,
    ],
    ['implausible magnitude', { storedTissueValue: 20 }, 1, 'values', false],
    ['nothing known', {}, 1e-3, 'assumed', undefined],
    ['empty map', { storedTissueValue: 0 }, 1e-3, 'assumed', undefined],
  ])('%s', (_name, info, factor, basis, plausible) => {
    const scale = adcUnitScale(info);
    expect(scale.factor).toBeCloseTo(factor, 12);
    expect(scale.basis).toBe(basis);
    expect(scale.plausible).toBe(plausible);
  });

  it('a GE map in µm²/s reads the same as a map in mm²/s', () => {
    const ge = Uint16Array.from([0, 0, 1280, 1300, 900, 1250, 0]);
    const mm = Float32Array.from(ge, (v) => v * 1e-6);
    const read = (values: ArrayLike<number>): number[] => {
      const { factor } = adcUnitScale({ storedTissueValue: tissueMedian(values) });
      return Array.from(values, (v) => Number((v * factor).toFixed(4)));
    };
    expect(read(ge)).toEqual([0, 0, 1.28, 1.3, 0.9, 1.25, 0]);
    expect(read(mm)).toEqual(read(ge));
  });

  it.each<[string, number | undefined]>([
    ['um2/s', 1e-6],
    ['µm²/s', 1e-6],
    ['μm^2/s', 1e-6],
    ['10*-6.mm2/s', 1e-6],
    ['10^-6 mm^2/s', 1e-6],
    ['x10-3 mm2/s', 1e-3],
    ['mm2/s x 10^-3', 1e-3],
    ['mm²/s·10⁻³', 1e-3],
    ['1e-3 mm2/s', 1e-3],
    ['mm2/s', 1],
    ['m2/s', 1e6],
    ['um2/ms', 1e-3],
    ['micrometers squared per second', 1e-6],
    ['square millimeters per second', 1],
    ['{ratio}', undefined],
    ['1', undefined],
    ['', undefined],
  ])('adcUnitInMm2PerS(%j)', (text, expected) => {
    const size = adcUnitInMm2PerS(text);
    if (expected === undefined) expect(size).toBeUndefined();
    else expect(rel(size ?? NaN, expected)).toBeLessThan(1e-12);
  });

  it('tissueMedian takes the median of positive values only', () => {
    expect(tissueMedian([0, 0, 5, 1, 3, NaN, -2])).toBe(3);
    expect(tissueMedian([0, 2, 4])).toBe(3);
    expect(tissueMedian([0, 0])).toBeUndefined();
    expect(tissueMedian(Uint16Array.from({ length: 300000 }, (_, i) => i % 3))).toBe(1.5);
  });
});

describe('adcChange: QIBA liver-lesion repeatability (27%)', () => {
  it.each<[number, number, boolean, 'increase' | 'decrease' | 'none']>([
    [1.0, 1.0, false, 'none'],
    [1.0, 1.2, false, 'increase'],
    [1.0, 1.27, false, 'increase'], // exactly at the limit: not flagged
    [1.0, 1.2701, true, 'increase'],
    [1.0, 0.73, false, 'decrease'],
    [1.0, 0.7299, true, 'decrease'],
    [0.9, 1.143, false, 'increase'], // +27.0%
    [0.9, 1.1431, true, 'increase'],
    [0.88, 1.0, false, 'increase'], // L2 of the sample: +13.6%
    [920, 1200, true, 'increase'], // any unit: µm²/s
  ])('%f -> %f: flagged %s', (baseline, current, flagged, direction) => {
    const change = adcChange(baseline, current);
    expect(change?.beyondRepeatability).toBe(flagged);
    expect(change?.direction).toBe(direction);
    expect(change?.absolute).toBeCloseTo(current - baseline, 12);
    expect(change?.relative).toBeCloseTo((current - baseline) / baseline, 12);
  });

  it.each([
    [0, 1],
    [-1, 1],
    [NaN, 1],
    [1, NaN],
    [1, Infinity],
  ])('undefined for baseline %f, current %f', (baseline, current) => {
    expect(adcChange(baseline, current)).toBeUndefined();
  });
});
