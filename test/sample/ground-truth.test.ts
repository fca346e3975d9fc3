/**
 * The pixels of the sample study agree with ground-truth.json: every lesion is visible (contrast
 * against the surrounding liver of several noise SDs, in the direction typical of colorectal
 * metastases) exactly on the series where the ground truth says so, and the ADC maps carry the
 * true ADC in 10^-6 mm²/s after rescale.
 */
import { describe, expect, it } from 'vitest';
import type { GroundTruth, GtSeries, GtVessel, Slice } from './sample-reader.ts';
import { annulus, nearestSlice, readJson, readSeries, vesselVoxels } from './sample-reader.ts';

const truth = readJson<GroundTruth>('ground-truth.json');

/**
 * A case that reads a series first decodes every JPEG-LS slice of it (18 CT slices of 512²): on a
 * busy machine that takes longer than Vitest's default 5 s; later cases of the series hit the cache.
 */
const SERIES_READ_MS = 60_000;

/** Sign of lesion minus liver where the lesion shows: hypodense CT, T2-bright, DWI-bright... */
const DIRECTION: Record<string, 1 | -1> = {
  CT_PORTAL: -1,
  CT_ARTERIAL: -1,
  T2: 1,
  T1: -1,
  DWI: 1,
  ADC: -1,
  EOB_PRE: -1,
  EOB_ARTERIAL: -1,
  EOB_PORTAL: -1,
  EOB_TRANSITIONAL: -1,
  EOB_HBP: -1,
};
/**
 * Visible: the contrast-to-noise ratio per pixel (|contrast| over the ring's pixel SD) is at least
 * VISIBLE_SD, and over the lesion's area (|contrast| over the standard error of the difference of
 * the two means, the Rose criterion) at least VISIBLE_SE. Not visible: the contrast is within
 * NOT_VISIBLE_SE standard errors, i.e. pure noise. Pixel CNR 3 leaves room for the noisy ADC map
 * (a lesion whose ADC rose after chemotherapy differs from liver by about 20%).
 */
const VISIBLE_SD = 3;
const VISIBLE_SE = 5;
const NOT_VISIBLE_SE = 4;

const cache = new Map<string, Slice[]>();
function slicesOf(series: GtSeries): Slice[] {
  let slices = cache.get(series.folder);
  if (!slices) {
    slices = readSeries(series);
    cache.set(series.folder, slices);
  }
  return slices;
}

/**
 * Where the lesion was placed against a vessel (ground-truth.json's adjacentVessel), the liver
 * ring leaves out the pixels whose voxel may hold part of that vessel (vesselVoxels): the rest of
 * the ring is liver, as the generator's layout check guarantees.
 */
interface Near {
  vessel?: GtVessel;
  timepoint: string;
  kind: string;
}

interface Case extends Near {
  name: string;
  series: GtSeries;
  b?: number;
  centre: [number, number, number];
  radius: number;
  visible: boolean;
  role: string;
}

/** One case per patient x lesion x timepoint x series (x b-value for DWI). */
function contrastCases(): Case[] {
  const cases: Case[] = [];
  for (const p of truth.patients) {
    for (const l of p.lesions) {
      for (const tp of p.timepoints) {
        // A gone lesion is sampled where it was, with its baseline size.
        const radius = (l.diameterMm[tp.timepoint] || (l.diameterMm.baseline ?? 0)) / 2;
        for (const exam of tp.exams) {
          const centre = l.centre[tp.timepoint]?.[exam.kind];
          if (!centre) throw new Error(`no centre for ${l.id} ${tp.timepoint} ${exam.kind}`);
          for (const series of exam.series) {
            const visible = l.visibility[tp.timepoint]?.[series.role] ?? false;
            for (const b of series.bValues ?? [undefined]) {
              const role = b === undefined ? series.role : `${series.role} b${b}`;
              const name = `${p.patientId} ${l.id} ${tp.timepoint} ${role}: ${visible ? 'visible' : 'not visible'}`;
              const near = { vessel: l.adjacentVessel, timepoint: tp.timepoint, kind: exam.kind };
              cases.push({ name, series, b, centre, radius, visible, role: series.role, ...near });
            }
          }
        }
      }
    }
  }
  return cases;
}

/** Lesion disc mean minus liver ring mean on the slice nearest the centre, and the ring SD. */
function measure(c: Case) {
  const slice = nearestSlice(slicesOf(c.series), c.centre[2], c.b);
  const dz = Math.abs((slice.ipp[2] ?? 0) - c.centre[2]);
  const inPlane = Math.sqrt(Math.max(0, c.radius ** 2 - dz ** 2));
  const pixel = Math.max(...slice.spacing);
  // Big enough to hold a few pixels, small enough to stay inside the lesion's cross-section.
  const discRadius = Math.min(Math.max(0.7 * inPlane, 1.01 * pixel), 0.9 * inPlane);
  const disc = annulus(slice, c.centre, 0, discRadius);
  const vessel = vesselVoxels(slice, c.vessel, c.timepoint, c.kind);
  const ring = annulus(slice, c.centre, c.radius + 4, c.radius + 10, vessel);
  return { contrast: disc.mean - ring.mean, sd: ring.sd, disc, ring };
}

describe('lesion contrast follows ground-truth visibility', () => {
  it.each(contrastCases().map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const { contrast, sd, disc, ring } = measure(c);
      expect(disc.n).toBeGreaterThanOrEqual(3);
      const standardError = sd * Math.sqrt(1 / disc.n + 1 / ring.n);
      if (c.visible) {
        expect(Math.sign(contrast)).toBe(DIRECTION[c.role]);
        expect(Math.abs(contrast)).toBeGreaterThan(VISIBLE_SD * sd);
        expect(Math.abs(contrast)).toBeGreaterThan(VISIBLE_SE * standardError);
      } else {
        expect(Math.abs(contrast)).toBeLessThan(NOT_VISIBLE_SE * standardError);
      }
    },
    SERIES_READ_MS,
  );
});

interface AdcCase extends Near {
  name: string;
  series: GtSeries;
  /** The exam's DWI: one series with every b-value, or one series per b-value. */
  dwi: GtSeries[];
  centre: [number, number, number];
  radius: number;
  lesionAdc: number;
  liverAdc: number;
}

function adcCases(): AdcCase[] {
  const cases: AdcCase[] = [];
  for (const p of truth.patients) {
    for (const tp of p.timepoints) {
      const mr = tp.exams.find((e) => e.kind === 'MR');
      // A CT-only timepoint (DREAM-003's pre-op) has no ADC to check.
      if (!mr) continue;
      const series = mr.series.find((s) => s.role === 'ADC');
      const dwi = mr.series.filter((s) => s.role === 'DWI');
      if (!series || dwi.length === 0)
        throw new Error(`${p.patientId} ${tp.timepoint}: no ADC/DWI`);
      for (const l of p.lesions) {
        const radius = (l.diameterMm[tp.timepoint] || (l.diameterMm.baseline ?? 0)) / 2;
        const centre = l.centre[tp.timepoint]?.MR;
        const lesionAdc = l.trueAdc[tp.timepoint];
        if (!centre || lesionAdc === undefined) throw new Error(`${l.id}: incomplete truth`);
        const name = `${p.patientId} ${l.id} ${tp.timepoint}`;
        const near = { vessel: l.adjacentVessel, timepoint: tp.timepoint, kind: 'MR' };
        cases.push({ name, series, dwi, centre, radius, lesionAdc, liverAdc: p.liverAdc, ...near });
      }
    }
  }
  return cases;
}

/** Mean of the disc at the lesion centre and of the liver ring around it (with its SD and sizes). */
function discAndRing(slices: Slice[], c: AdcCase, b?: number) {
  const slice = nearestSlice(slices, c.centre[2], b);
  const dz = Math.abs((slice.ipp[2] ?? 0) - c.centre[2]);
  const inPlane = Math.sqrt(Math.max(0, c.radius ** 2 - dz ** 2));
  const pixel = Math.max(...slice.spacing);
  const discRadius = Math.min(Math.max(0.7 * inPlane, 1.01 * pixel), 0.9 * inPlane);
  const disc = annulus(slice, c.centre, 0, discRadius);
  const vessel = vesselVoxels(slice, c.vessel, c.timepoint, c.kind);
  const ring = annulus(slice, c.centre, c.radius + 4, c.radius + 10, vessel);
  return { disc: disc.mean, ring: ring.mean, discN: disc.n, ringN: ring.n, sd: ring.sd };
}

/**
 * Relative tolerance of a mean over n pixels of the noisy ADC map: 3% (partial volume of the
 * slice) plus 3 standard errors of the mean, using the liver's pixel SD (lesions are brighter on
 * DWI, so their ADC is no noisier than liver's).
 */
const adcTolerance = (sd: number, n: number, value: number) =>
  0.03 + (3 * sd) / Math.sqrt(n) / value;

/** Least-squares slope of ln S on b: the mono-exponential ADC (mm²/s). */
function fitAdc(bValues: number[], signals: number[]): number {
  const ys = signals.map(Math.log);
  const mb = bValues.reduce((a, v) => a + v, 0) / bValues.length;
  const my = ys.reduce((a, v) => a + v, 0) / ys.length;
  let num = 0;
  let den = 0;
  bValues.forEach((b, i) => {
    num += (b - mb) * ((ys[i] ?? 0) - my);
    den += (b - mb) ** 2;
  });
  return -num / den;
}

describe('ADC map carries the true ADC (µm²/s after rescale)', () => {
  it.each(adcCases().map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const { disc, ring, discN, ringN, sd } = discAndRing(slicesOf(c.series), c);
      const [lesion, liver] = [c.lesionAdc * 1e6, c.liverAdc * 1e6];
      expect(Math.abs(disc / lesion - 1)).toBeLessThan(adcTolerance(sd, discN, lesion));
      expect(Math.abs(ring / liver - 1)).toBeLessThan(adcTolerance(sd, ringN, liver));
    },
    SERIES_READ_MS,
  );

  it.each(adcCases().map((c) => [c.name, c] as const))(
    '%s: ADC fitted from the DWI agrees with the map within 5%%',
    (_name, c) => {
      const bValues = c.dwi.flatMap((s) => s.bValues ?? []);
      expect(bValues.length).toBeGreaterThanOrEqual(2);
      const dwi = c.dwi.flatMap((s) => slicesOf(s));
      const measured = bValues.map((b) => discAndRing(dwi, c, b));
      const lesion = fitAdc(
        bValues,
        measured.map((m) => m.disc),
      );
      const liver = fitAdc(
        bValues,
        measured.map((m) => m.ring),
      );
      const map = discAndRing(slicesOf(c.series), c);
      expect(Math.abs((lesion * 1e6) / map.disc - 1)).toBeLessThan(0.05);
      expect(Math.abs((liver * 1e6) / map.ring - 1)).toBeLessThan(0.05);
    },
  );
});

describe('ground truth is self-consistent', () => {
  it('DREAM-001 at pre-op yields cDLM, partial DLM and visible', () => {
    const p = truth.patients.find((x) => x.patientId === 'DREAM-001');
    const statuses = new Set(p?.lesions.map((l) => l.expected.status));
    expect([...statuses].sort()).toEqual(['cDLM', 'partial DLM', 'visible']);
  });

  it('every patient has baseline and pre-op (DREAM-003 also a follow-up) on increasing dates', () => {
    for (const p of truth.patients) {
      const dates = p.timepoints.map((t) => t.studyDate);
      const expected =
        p.patientId === 'DREAM-003' ? ['baseline', 'preop', 'followup-1'] : ['baseline', 'preop'];
      expect(p.timepoints.map((t) => t.timepoint)).toEqual(expected);
      expect(dates).toEqual([...new Set(dates)].sort());
    }
  });

  it('DREAM-003: CT-only pre-op, MR-only follow-up, DWI per b-value with GE private tags', () => {
    const p = truth.patients.find((x) => x.patientId === 'DREAM-003');
    if (!p) throw new Error('no DREAM-003');
    const kinds = p.timepoints.map((t) => t.exams.map((e) => e.kind).join('+'));
    expect(kinds).toEqual(['CT+MR', 'CT', 'MR']);
    for (const tp of p.timepoints) {
      for (const exam of tp.exams.filter((e) => e.kind === 'MR')) {
        const dwi = exam.series.filter((s) => s.role === 'DWI');
        expect(dwi.map((s) => s.bValues)).toEqual([[50], [400], [800]]);
        expect(new Set(dwi.map((s) => s.seriesInstanceUid)).size).toBe(3);
      }
    }
    expect(p.bValueTag).toBe('(0043,1039) GEMS_PARM_01');
    expect(p.dwiSeriesPerBValue).toBe(true);
  });
});
