/**
 * DWI sent as one series per b-value, catalogued: Part 10 files written with dcmjs (the b-value in
 * the standard tag or a vendor's private one), parsed as the app parses them, then catalogued;
 * the series must read as one DWI acquisition with all its b-values and a computed ADC map, as an
 * interleaved series does.
 */
import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  dwiAcquisitions,
  type CatalogInstance,
  type CatalogPatient,
  type CatalogSeries,
} from '../../src/dicom/catalog.ts';
import { computedAdcSeriesKey } from '../../src/dicom/computedAdc.ts';
import { parseInstanceHeader } from '../../src/dicom/header.ts';
import { applyOverrides, NO_OVERRIDES } from '../../src/dicom/overrides.ts';
import { examBValues } from '../../src/dicom/qc.ts';
import { roleKey } from '../../src/dicom/roles.ts';
import { makeInstance, writeDicom } from './fixtures.ts';

type Raw = Record<string, { vr: string; Value: unknown[] }>;

/** How each vendor writes the b-value of one image. */
const VENDORS: Record<string, (b: number) => { dataset: Record<string, unknown>; raw?: Raw }> = {
  standard: (b) => ({ dataset: { DiffusionBValue: b } }),
  Siemens: (b) => ({
    dataset: { Manufacturer: 'SIEMENS' },
    raw: {
      '00190010': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
      '0019100C': { vr: 'IS', Value: [b] },
    },
  }),
  GE: (b) => ({
    dataset: { Manufacturer: 'GE MEDICAL SYSTEMS' },
    raw: {
      '00430010': { vr: 'LO', Value: ['GEMS_PARM_01'] },
      // GE adds 10^9 to the first value; the other values are gradients.
      '00431039': { vr: 'IS', Value: [1_000_000_000 + b, 8, 0, 0] },
    },
  }),
  Philips: (b) => ({
    dataset: { Manufacturer: 'Philips Medical Systems' },
    raw: {
      '20010010': { vr: 'LO', Value: ['Philips Imaging DD 001'] },
      '20011003': { vr: 'FL', Value: [b] },
    },
  }),
};

const STUDY = '1.2.826.0.1.3680043.9.7133.5';
const FRAME = '1.2.826.0.1.3680043.9.7133.5.9';

/** One file per b-value and slice, each b-value in its own series "DWI b<N>". */
function perBValueFiles(vendor: string, bValues: readonly number[]): CatalogInstance[] {
  const write = VENDORS[vendor];
  if (!write) throw new Error(vendor);
  return bValues.flatMap((b, series) =>
    [0, 1, 2].map((z) => {
      const { dataset, raw } = write(b);
      const bytes = writeDicom(
        {
          SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
          SOPInstanceUID: `${STUDY}.${series + 1}.${z + 1}`,
          StudyInstanceUID: STUDY,
          SeriesInstanceUID: `${STUDY}.${series + 1}`,
          FrameOfReferenceUID: FRAME,
          PatientID: 'DREAM-9',
          StudyDate: '20250310',
          Modality: 'MR',
          SeriesDescription: `DWI b${b}`,
          SeriesNumber: 20 + series,
          InstanceNumber: z + 1,
          ImagePositionPatient: [-100, -100, 6 * z],
          ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
          PixelSpacing: [1.5, 1.5],
          ...dataset,
        },
        { ...(raw && { raw }) },
      );
      return { source: `dicomfile:${vendor}-b${b}-z${z}`, header: parseInstanceHeader(bytes) };
    }),
  );
}

const dwiOf = (patient: CatalogPatient): CatalogSeries[] =>
  patient.timepoints[0]?.exams[0]?.series.filter((s) => s.role.kind === 'DWI') ?? [];

describe('DWI sent as one series per b-value', () => {
  it.each(Object.keys(VENDORS))('is one DWI acquisition with all b-values (%s tags)', (vendor) => {
    const catalog = buildCatalog(perBValueFiles(vendor, [800, 0, 50]));
    const patient = catalog.patients[0] as CatalogPatient;
    const dwi = dwiOf(patient);
    expect(dwi.map((s) => roleKey(s.role))).toEqual(['DWI_0', 'DWI_50', 'DWI_800']);
    // One acquisition, named after the lowest-b series, as the stacks of one series are.
    expect(dwi.map((s) => s.dwiAcquisition)).toEqual([`${STUDY}.2`, `${STUDY}.2`, `${STUDY}.2`]);
    expect(dwiAcquisitions(dwi)).toEqual([dwi]);
    expect(examBValues(patient.timepoints[0]!.exams[0]!)).toEqual([0, 50, 800]);

    const corrected = applyOverrides(patient, NO_OVERRIDES);
    const computed = corrected.timepoints[0]?.exams[0]?.series.find((s) => s.role.kind === 'ADC');
    expect(computed?.key).toBe(computedAdcSeriesKey(`${STUDY}.1`));
    expect(computed?.role).toEqual({ kind: 'ADC', computed: { bValues: [50, 800] } });
    expect(computed?.instances).toHaveLength(3);
  });

  it('stays apart, without a computed map, when one series is placed elsewhere', () => {
    const files = perBValueFiles('standard', [50, 800]).map((instance): CatalogInstance =>
      instance.header.seriesInstanceUid === `${STUDY}.2`
        ? {
            ...instance,
            header: {
              ...instance.header,
              imageOrientationPatient: [1, 0, 0, 0, 0.98, 0.2] as const,
            },
          }
        : instance,
    );
    const patient = applyOverrides(buildCatalog(files).patients[0]!, NO_OVERRIDES);
    const dwi = dwiOf(patient);
    expect(dwi.map((s) => s.dwiAcquisition)).toEqual([`${STUDY}.1`, `${STUDY}.2`]);
    expect(patient.timepoints[0]?.exams[0]?.series.some((s) => s.role.kind === 'ADC')).toBe(false);
  });

  it('joins the acquisition once the reader gives an untagged series its b-value', () => {
    const tagged = perBValueFiles('standard', [50, 400]);
    const untagged = [0, 1, 2].map((z) =>
      makeInstance({
        ...tagged[z]!.header,
        sopInstanceUid: `${STUDY}.3.${z + 1}`,
        seriesInstanceUid: `${STUDY}.3`,
        seriesDescription: 'DWI b800',
        bValue: undefined,
      }),
    );
    const patient = buildCatalog([...tagged, ...untagged]).patients[0]!;
    const before = applyOverrides(patient, NO_OVERRIDES);
    expect(dwiOf(before).map((s) => [roleKey(s.role), s.dwiAcquisition])).toEqual([
      ['DWI_50', `${STUDY}.1`],
      ['DWI_400', `${STUDY}.1`],
      ['DWI_UNKNOWN', `${STUDY}.3`],
    ]);
    const after = applyOverrides(patient, {
      roles: { [`${STUDY}.3`]: 'DWI_800' },
      timepoints: {},
    });
    expect(dwiOf(after).map((s) => s.dwiAcquisition)).toEqual([
      `${STUDY}.1`,
      `${STUDY}.1`,
      `${STUDY}.1`,
    ]);
    const computed = after.timepoints[0]?.exams[0]?.series.find((s) => s.role.kind === 'ADC');
    expect(computed?.role).toEqual({ kind: 'ADC', computed: { bValues: [50, 400, 800] } });
  });
});
