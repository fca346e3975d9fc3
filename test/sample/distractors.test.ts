/**
 * The focal liver lesions that are not metastases look like what they are: the cyst is water
 * (near 0 HU on portal CT, very bright on T2, very high ADC, no enhancement in the hepatobiliary
 * phase), the haemangioma is bright on T2, enhancing on portal CT, with an ADC above liver's and
 * dark in the hepatobiliary phase. Pixels are read at the centres ground-truth.json gives.
 */
import { describe, expect, it } from 'vitest';
import type { GroundTruth, GtDistractor, GtExam, Slice } from './sample-reader.ts';
import { annulus, nearestSlice, readJson, readSeries } from './sample-reader.ts';

const truth = readJson<GroundTruth>('ground-truth.json');

/**
 * A case that reads a series first decodes every JPEG-LS slice of it (18 CT slices of 512²): on a
 * busy machine that takes longer than Vitest's default 5 s; later cases of the series hit the cache.
 */
const SERIES_READ_MS = 60_000;

interface Case {
  name: string;
  d: GtDistractor;
  exams: GtExam[];
  tp: string;
}

const cases: Case[] = truth.patients.flatMap((p) =>
  p.timepoints.flatMap((tp) =>
    p.distractors.map((d) => ({
      name: `${p.patientId} ${tp.timepoint} ${d.id} (${d.kind})`,
      d,
      exams: tp.exams,
      tp: tp.timepoint,
    })),
  ),
);

/** Disc (inner 60% of the radius) and liver ring means of a role at the distractor's centre. */
function measure(c: Case, role: string): { disc: number; ring: number } | undefined {
  const exam = c.exams.find((e) => e.series.some((s) => s.role === role));
  const series = exam?.series.find((s) => s.role === role);
  const centre = exam ? c.d.centre[c.tp]?.[exam.kind] : undefined;
  if (!series || !centre) return undefined;
  const slices: Slice[] = readSeries(series);
  const slice = nearestSlice(slices, centre[2], series.bValues?.at(-1));
  const r = c.d.diameterMm / 2;
  return {
    disc: annulus(slice, centre, 0, 0.6 * r).mean,
    ring: annulus(slice, centre, r + 4, r + 10).mean,
  };
}

describe('distractors', () => {
  it('are not metastases: ids apart from the lesions, each with a segment', () => {
    for (const p of truth.patients) {
      const kinds = p.distractors.map((d) => d.kind).sort();
      expect(kinds).toEqual(['cyst', 'haemangioma']);
      const ids = new Set(p.lesions.map((l) => l.id));
      for (const d of p.distractors) {
        expect(ids.has(d.id)).toBe(false);
        expect(d.segment).toMatch(/^(I|II|III|IVa|IVb|V|VI|VII|VIII)$/);
      }
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const get = (role: string) => {
        const m = measure(c, role);
        if (!m) throw new Error(`${c.name}: no ${role}`);
        return m;
      };
      // DREAM-003's pre-op is CT only and its follow-up MR only; other timepoints have both.
      const kinds = c.exams.map((e) => e.kind);
      expect(kinds.length).toBeGreaterThan(0);
      if (kinds.includes('CT')) {
        const ct = get('CT_PORTAL');
        if (c.d.kind === 'cyst') expect(Math.abs(ct.disc)).toBeLessThan(25);
        else expect(ct.disc).toBeGreaterThan(ct.ring + 20);
      }
      if (!kinds.includes('MR')) return;
      const [t2, adc, hbp] = ['T2', 'ADC', 'EOB_HBP'].map(get);
      if (!t2 || !adc || !hbp) throw new Error('missing series');
      if (c.d.kind === 'cyst') {
        expect(t2.disc).toBeGreaterThan(3 * t2.ring);
        expect(adc.disc).toBeGreaterThan(2500);
        expect(hbp.disc).toBeLessThan(0.3 * hbp.ring);
      } else {
        expect(t2.disc).toBeGreaterThan(2.5 * t2.ring);
        expect(adc.disc).toBeGreaterThan(1.2 * adc.ring);
        expect(hbp.disc).toBeLessThan(0.6 * hbp.ring);
      }
    },
    SERIES_READ_MS,
  );
});
