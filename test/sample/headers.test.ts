/**
 * The headers of the sample study carry what the reader's detection logic relies on
 * (docs/domain.md §3): timepoint tags for DREAM-001 and DREAM-003, interleaved DWI with the
 * b-value in the standard or the Siemens private tag, or one series per b-value with GE's, ADC map scaling, contrast agent and timing per phase,
 * and one frame of reference per exam.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import type { GroundTruth, GtSeries } from './sample-reader.ts';
import { readJson, SAMPLE_DIR } from './sample-reader.ts';

const truth = readJson<GroundTruth>('ground-truth.json');

/** Seconds after injection per role (ContrastBolusStartTime to AcquisitionTime). */
const DELAY: Record<string, number> = {
  CT_ARTERIAL: 35,
  CT_PORTAL: 70,
  EOB_ARTERIAL: 25,
  EOB_PORTAL: 70,
  EOB_TRANSITIONAL: 180,
  EOB_HBP: 1200,
};

function header(series: GtSeries, instance: number): dicomParser.DataSet {
  const name = `IM${String(instance).padStart(4, '0')}.dcm`;
  const bytes = readFileSync(join(SAMPLE_DIR, series.folder, name));
  return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
}

const seconds = (tm: string | undefined) =>
  tm ? Number(tm.slice(0, 2)) * 3600 + Number(tm.slice(2, 4)) * 60 + Number(tm.slice(4, 6)) : NaN;

const rows = truth.patients.flatMap((p) =>
  p.timepoints.flatMap((tp) =>
    tp.exams.flatMap((exam) =>
      exam.series.map((series) => ({
        name: `${p.patientId} ${tp.timepoint} ${series.role}`,
        p,
        tp: tp.timepoint,
        exam,
        series,
      })),
    ),
  ),
);

describe('series headers', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, { p, tp, exam, series }) => {
    const ds = header(series, 1);
    expect(ds.string('x00100020')).toBe(p.patientId);
    expect(ds.string('x00100030') ?? '').toBe('');
    expect(ds.string('x0020000d')).toBe(exam.studyInstanceUid);
    expect(ds.string('x0020000e')).toBe(series.seriesInstanceUid);
    expect(ds.string('x00200052')).toBe(exam.frameOfReferenceUid);
    expect(ds.string('x00080060')).toBe(exam.kind);
    expect(ds.string('x0008103e')).toBe(series.seriesDescription);
    expect(ds.string('x00120050')).toBe(p.clinicalTrialTags ? tp : undefined);
    const agent = ds.string('x00180010');
    const delay = DELAY[series.role];
    if (delay === undefined) {
      expect(agent).toBeUndefined();
    } else {
      expect(agent).toMatch(exam.kind === 'CT' ? /iodinated/i : /gadoxetate/i);
      const after = seconds(ds.string('x00080032')) - seconds(ds.string('x00181042'));
      expect(after).toBe(delay);
    }
  });
});

describe('DWI and ADC', () => {
  const dwi = rows.filter((r) => r.series.role === 'DWI');
  it.each(dwi.map((r) => [r.name, r] as const))('%s: b-values interleaved per slice', (_n, r) => {
    const bValues = r.series.bValues ?? [];
    let slicePosition: string | undefined;
    for (let i = 0; i < r.series.instances; i++) {
      const ds = header(r.series, i + 1);
      const standard = ds.elements.x00189087 ? ds.double('x00189087') : undefined;
      const siemens = ds.intString('x0019100c');
      const ge = ds.string('x00431039');
      const expected = bValues[i % bValues.length];
      if (r.p.patientId === 'DREAM-003') {
        expect([standard, siemens, ge, ds.string('x00430010')]).toEqual([
          undefined,
          undefined,
          `${1e9 + (expected ?? NaN)}\\8\\0\\0`,
          'GEMS_PARM_01',
        ]);
      } else if (r.p.patientId === 'DREAM-002') {
        expect([standard, siemens, ds.string('x00190010')]).toEqual([
          undefined,
          expected,
          'SIEMENS MR HEADER',
        ]);
      } else {
        expect([standard, siemens, ge]).toEqual([expected, undefined, undefined]);
      }
      // The b-values of one slice share its position; slices move on between triplets.
      const position = ds.string('x00200032');
      if (i % bValues.length === 0) expect(position).not.toBe(slicePosition);
      else expect(position).toBe(slicePosition);
      slicePosition = position;
    }
  });

  const adc = rows.filter((r) => r.series.role === 'ADC');
  it.each(adc.map((r) => [r.name, r] as const))('%s: derived ADC map with slope 0.5', (_n, r) => {
    const ds = header(r.series, 1);
    expect(ds.string('x00080008')).toBe('DERIVED\\PRIMARY\\DIFFUSION\\ADC');
    expect(ds.floatString('x00281053')).toBe(0.5);
    expect(ds.floatString('x00281052')).toBe(0);
  });
});

describe('exams', () => {
  it('CT and MR of a timepoint have different frames of reference and table positions', () => {
    for (const p of truth.patients) {
      for (const tp of p.timepoints) {
        const [ct, mr] = tp.exams;
        // DREAM-003's pre-op is CT only.
        if (!mr) continue;
        expect(ct?.frameOfReferenceUid).not.toBe(mr.frameOfReferenceUid);
        const l = p.lesions[0];
        const [a, b] = [l?.centre[tp.timepoint]?.CT, l?.centre[tp.timepoint]?.MR];
        expect(
          Math.hypot((a?.[0] ?? 0) - (b?.[0] ?? 0), (a?.[1] ?? 0) - (b?.[1] ?? 0)),
        ).toBeGreaterThan(10);
      }
    }
  });
});
