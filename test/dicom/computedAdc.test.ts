import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogInstance, type CatalogPatient } from '../../src/dicom/catalog';
import {
  computedAdcImageId,
  computedAdcSeriesKey,
  findComputedAdcSource,
  parseComputedAdcImageId,
  withComputedAdc,
} from '../../src/dicom/computedAdc';
import { applyOverrides, NO_OVERRIDES, roleFromKey } from '../../src/dicom/overrides';
import { roleKey, roleLabel, roleRank } from '../../src/dicom/roles';
import { makeInstance } from './fixtures';

const DWI = '1.2.3.20';
const ADC = '1.2.3.30';
const T2 = '1.2.3.10';

/** One MR exam: a T2, a DWI series interleaving `bValues` over 3 slices, and maybe an ADC map. */
function exam(
  bValues: number[],
  options: { adc?: boolean; shiftB?: number; seriesPerB?: boolean } = {},
) {
  const instances: CatalogInstance[] = [
    makeInstance({ seriesInstanceUid: T2, seriesDescription: 'T2 HASTE', seriesNumber: 1 }),
  ];
  for (const b of bValues) {
    for (let z = 0; z < 3; z++) {
      const shift = b === options.shiftB ? 2 : 0;
      instances.push(
        makeInstance(
          {
            // Some vendors send one series per b-value, each with its own UID and number.
            seriesInstanceUid: options.seriesPerB ? `${DWI}.${b}` : DWI,
            seriesDescription: options.seriesPerB ? `ep2d_diff_b${b}` : 'ep2d_diff',
            seriesNumber: options.seriesPerB ? 100 + b : 2,
            bValue: b,
            imagePositionPatient: [0, 0, 5 * z + shift],
            rows: 128,
            columns: 128,
          },
          `wadouri:dwi-b${b}-z${z}`,
        ),
      );
    }
  }
  if (options.adc) {
    instances.push(
      makeInstance({
        seriesInstanceUid: ADC,
        seriesDescription: 'ep2d_diff_ADC',
        seriesNumber: 3,
        imageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'],
      }),
    );
  }
  return buildCatalog(instances).patients[0] as CatalogPatient;
}

const seriesOf = (patient: CatalogPatient) =>
  patient.timepoints.flatMap((t) => t.exams.flatMap((e) => e.series));

describe('the computed ADC series', () => {
  it('is offered for DWI with b >= 50 stacks and no ADC map, after the DWI and before T2', () => {
    const patient = applyOverrides(exam([0, 50, 400, 800]), NO_OVERRIDES);
    const keys = seriesOf(patient).map((s) => roleKey(s.role));
    expect(keys).toEqual(['DWI_0', 'DWI_50', 'DWI_400', 'DWI_800', 'ADC_COMPUTED', 'T2']);
    const computed = seriesOf(patient).find((s) => s.key === computedAdcSeriesKey(DWI));
    expect(computed?.role).toEqual({ kind: 'ADC', computed: { bValues: [50, 400, 800] } });
    expect(computed?.modality).toBe('MR');
    expect(computed?.instances.map((i) => i.source)).toEqual(
      [0, 1, 2].map((z) => computedAdcImageId(`${DWI}:b50-400-800`, z)),
    );
    // Geometry and identity of the highest-b image at each place.
    expect(computed?.instances.map((i) => i.header.imagePositionPatient)).toEqual([
      [0, 0, 0],
      [0, 0, 5],
      [0, 0, 10],
    ]);
    expect(computed?.instances[0]?.header.bValue).toBeUndefined();
    expect(computed?.instances[0]?.header.imageType).toContain('ADC');
  });

  it('fits DWI sent as one series per b-value as one acquisition', () => {
    const patient = applyOverrides(exam([0, 50, 400, 800], { seriesPerB: true }), NO_OVERRIDES);
    const keys = seriesOf(patient).map((s) => roleKey(s.role));
    expect(keys).toEqual(['DWI_0', 'DWI_50', 'DWI_400', 'DWI_800', 'ADC_COMPUTED', 'T2']);
    const computed = seriesOf(patient).find((s) => s.role.kind === 'ADC');
    expect(computed?.key).toBe(computedAdcSeriesKey(`${DWI}.800`));
    expect(computed?.role).toEqual({ kind: 'ADC', computed: { bValues: [50, 400, 800] } });
    expect(computed?.computedAdc?.key).toBe(`${DWI}.800:b50-400-800`);
    const source = findComputedAdcSource([patient], `${DWI}.800:b50-400-800`);
    expect(source?.stacks.map((s) => s.imageIds[0])).toEqual([
      'wadouri:dwi-b50-z0',
      'wadouri:dwi-b400-z0',
      'wadouri:dwi-b800-z0',
    ]);
  });

  it('leaves a per-b series whose slices do not line up out of the acquisition and the fit', () => {
    const patient = applyOverrides(
      exam([50, 400, 800], { seriesPerB: true, shiftB: 400 }),
      NO_OVERRIDES,
    );
    const computed = seriesOf(patient).filter((s) => s.role.kind === 'ADC');
    expect(computed.map((s) => s.role)).toEqual([
      { kind: 'ADC', computed: { bValues: [50, 800] } },
    ]);
    expect(
      seriesOf(patient)
        .filter((s) => s.role.kind === 'DWI')
        .map((s) => s.dwiAcquisition),
    ).toEqual([`${DWI}.50`, `${DWI}.400`, `${DWI}.50`]);
  });

  it('does not fit per-b series that share no slices', () => {
    const patient = applyOverrides(
      exam([50, 800], { seriesPerB: true, shiftB: 800 }),
      NO_OVERRIDES,
    );
    expect(seriesOf(patient).some((s) => s.role.kind === 'ADC')).toBe(false);
  });

  it('carries the recipe the image loader needs, found by the key in its image ids', () => {
    const patient = applyOverrides(exam([0, 50, 400, 800]), NO_OVERRIDES);
    const computed = seriesOf(patient).find((s) => s.role.kind === 'ADC');
    expect(computed?.computedAdc).toBeDefined();
    expect(parseComputedAdcImageId(computed?.instances[0]?.source ?? '')?.key).toBe(
      `${DWI}:b50-400-800`,
    );
    const source = findComputedAdcSource([patient], `${DWI}:b50-400-800`);
    expect(source).toBe(computed?.computedAdc);
    // Not in a patient without that series (the uncorrected catalogue offers none).
    expect(findComputedAdcSource([exam([0, 50, 400, 800])], `${DWI}:b50-400-800`)).toBeUndefined();
    expect(source?.bValues).toEqual([50, 400, 800]);
    expect(source?.stacks.map((s) => [s.bValue, s.imageIds])).toEqual(
      [50, 400, 800].map((b) => [b, [0, 1, 2].map((z) => `wadouri:dwi-b${b}-z${z}`)]),
    );
    expect(source?.slices).toHaveLength(3);
  });

  it('is not offered when the exam has a scanner ADC map', () => {
    const patient = applyOverrides(exam([50, 800], { adc: true }), NO_OVERRIDES);
    expect(seriesOf(patient).map((s) => roleKey(s.role))).toEqual([
      'DWI_50',
      'DWI_800',
      'ADC',
      'T2',
    ]);
  });

  it('is offered once the reader re-roles the scanner map as Other', () => {
    const patient = applyOverrides(exam([50, 800], { adc: true }), {
      roles: { [ADC]: 'OTHER' },
      timepoints: {},
    });
    const computed = seriesOf(patient).find((s) => roleKey(s.role) === 'ADC_COMPUTED');
    expect(computed?.role).toEqual({ kind: 'ADC', computed: { bValues: [50, 800] } });
  });

  it.each([
    ['one b-value >= 50', exam([0, 800])],
    ['a single b-value', exam([800])],
    ['stacks whose slices do not line up', exam([50, 800], { shiftB: 50 })],
  ])('is not offered with %s', (_name, patient) => {
    expect(seriesOf(withComputedAdc(patient)).some((s) => s.role.kind === 'ADC')).toBe(false);
  });

  it('leaves DWI stacks the reader re-roled out of the fit', () => {
    const patient = applyOverrides(exam([50, 400, 800]), {
      roles: { [`${DWI}:b400`]: 'OTHER' },
      timepoints: {},
    });
    const computed = seriesOf(patient).find((s) => roleKey(s.role) === 'ADC_COMPUTED');
    expect(computed?.role).toEqual({ kind: 'ADC', computed: { bValues: [50, 800] } });
  });

  it('is added once however often overrides are applied', () => {
    const once = applyOverrides(exam([50, 800]), NO_OVERRIDES);
    expect(withComputedAdc(once)).toEqual(once);
  });
});

describe('computed ADC roles and image ids', () => {
  const role = { kind: 'ADC', computed: { bValues: [50, 800] } } as const;
  it('has its own key, label and rank after the scanner map', () => {
    expect(roleKey(role)).toBe('ADC_COMPUTED');
    expect(roleLabel(role)).toBe('ADC (computed)');
    expect(roleRank(role)).toEqual([2, 1]);
    expect(roleRank({ kind: 'ADC' })).toEqual([2, 0]);
    // Not a role a reader can give a series.
    expect(roleFromKey('ADC_COMPUTED')).toBeUndefined();
  });

  it.each([
    ['adc-computed:1.2.3:b50-800:7', { key: '1.2.3:b50-800', slice: 7 }],
    ['adc-computed:1.2.3:b50-800:x', undefined],
    ['adc-computed::3', undefined],
    ['wadouri:http://x/y.dcm', undefined],
  ])('%s', (id, parsed) => {
    expect(parseComputedAdcImageId(id)).toEqual(parsed);
  });
});
