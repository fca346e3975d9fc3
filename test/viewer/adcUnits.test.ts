import { metaData } from '@cornerstonejs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adcScaleOfImage } from '../../src/viewer/adcUnits';

const META: Record<string, Record<string, unknown>> = {
  'wadouri:ge-um2': {
    naturalized: {
      RealWorldValueMappingSequence: [
        { MeasurementUnitsCodeSequence: [{ CodeValue: 'um2/s', CodeMeaning: 'um2/s' }] },
      ],
    },
    modalityLutModule: { rescaleSlope: 0.5, rescaleIntercept: 0 },
  },
  'wadouri:float-mm2': {
    naturalized: {
      RealWorldValueMappingSequence: [{ MeasurementUnitsCodeSequence: [{ CodeValue: 'mm2/s' }] }],
    },
  },
};

const provider = (type: string, imageId: unknown) =>
  typeof imageId === 'string' ? META[imageId]?.[type] : undefined;

beforeAll(() => metaData.addProvider(provider, 20000));
afterAll(() => metaData.removeProvider(provider));

describe('adcScaleOfImage', () => {
  it('takes a computed map as 10^-3 mm²/s', () => {
    expect(adcScaleOfImage('adc-computed:1.2.3:b50-800:0').factor).toBe(1);
  });

  it.each([
    ['wadouri:ge-um2', 1e-3, 'um2/s'],
    ['wadouri:float-mm2', 1000, 'mm2/s'],
  ])('reads the Real World Value Mapping units of %s', (id, factor, unit) => {
    expect(adcScaleOfImage(id)).toMatchObject({ factor, unit, basis: 'units' });
  });

  it('assumes µm²/s when nothing is known', () => {
    expect(adcScaleOfImage('wadouri:unknown')).toMatchObject({ factor: 1e-3, basis: 'assumed' });
  });
});
