/**
 * The "ADC (computed)" series (docs/domain.md §3): where an exam has a DWI acquisition with two
 * or more b-values >= 50 s/mm² and no ADC map, the catalogue offers an ADC map that the viewer
 * fits in the browser. Pure: this only describes the series. Its images are named
 * `adc-computed:<source key>:<slice>`; the recipe behind a source key (which DWI images to load,
 * which b-values to fit, the geometry of each slice) travels on the series itself
 * (`CatalogSeries.computedAdc`). The image loader (src/viewer/computedAdcImages.ts), which
 * receives nothing but the image id, is given a lookup by the composition root that finds it in
 * the catalogue (`findComputedAdcSource`).
 */
import { selectBValues } from '../domain/adc.ts';
import {
  dwiAcquisitions,
  type CatalogExam,
  type CatalogInstance,
  type CatalogPatient,
  type CatalogSeries,
} from './catalog';
import { SAME_POSITION_MM } from './dwiGroups';
import type { InstanceHeader } from './header';
import { roleRank } from './roles';

/** The image loader scheme of computed ADC images. */
export const COMPUTED_ADC_SCHEME = 'adc-computed';

/** What the image loader needs to compute one map. */
export interface ComputedAdcSource {
  /** `<DWI SeriesInstanceUID>:b<b1>-<b2>-...`, the middle part of the image ids. */
  key: string;
  dwiSeriesInstanceUid: string;
  /** The b-values the fit uses, ascending. */
  bValues: readonly number[];
  /** One stack per b-value used, in the same slice order: the DWI image ids to load. */
  stacks: readonly { bValue: number; imageIds: readonly string[] }[];
  /** Geometry of each output slice: the header of the highest-b DWI image at that position. */
  slices: readonly InstanceHeader[];
}

/** The recipe behind a source key, from the computed series of these (corrected) patients. */
export function findComputedAdcSource(
  patients: Iterable<CatalogPatient>,
  key: string,
): ComputedAdcSource | undefined {
  for (const patient of patients) {
    for (const timepoint of patient.timepoints) {
      for (const exam of timepoint.exams) {
        const found = exam.series.find((s) => s.computedAdc?.key === key);
        if (found) return found.computedAdc;
      }
    }
  }
  return undefined;
}

export function computedAdcImageId(key: string, slice: number): string {
  return `${COMPUTED_ADC_SCHEME}:${key}:${slice}`;
}

/** The source key and slice of a computed ADC image id, or undefined for any other id. */
export function parseComputedAdcImageId(
  imageId: string,
): { key: string; slice: number } | undefined {
  const prefix = `${COMPUTED_ADC_SCHEME}:`;
  if (!imageId.startsWith(prefix)) return undefined;
  const last = imageId.lastIndexOf(':');
  const slice = Number(imageId.slice(last + 1));
  const key = imageId.slice(prefix.length, last);
  if (key === '' || !Number.isInteger(slice) || slice < 0) return undefined;
  return { key, slice };
}

/** The catalogue key of the computed map of a DWI series. */
export const computedAdcSeriesKey = (dwiSeriesInstanceUid: string) =>
  `${dwiSeriesInstanceUid}:adc-computed`;

function samePlace(a: InstanceHeader, b: InstanceHeader): boolean {
  const [pa, pb] = [a.imagePositionPatient, b.imagePositionPatient];
  if (pa === undefined || pb === undefined) return pa === pb;
  const distance = Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]);
  return distance <= SAME_POSITION_MM && a.rows === b.rows && a.columns === b.columns;
}

/**
 * The computed map of one DWI series (its b-value stacks), or undefined when it cannot be fitted:
 * fewer than two b-values >= 50, or stacks whose slices do not line up.
 */
function computedFrom(stacks: readonly CatalogSeries[]): CatalogSeries | undefined {
  const byB = new Map<number, CatalogSeries>();
  for (const stack of stacks) {
    if (stack.role.kind !== 'DWI' || stack.role.bValue === undefined) continue;
    if (byB.has(stack.role.bValue)) return undefined; // two stacks claim one b: ambiguous
    byB.set(stack.role.bValue, stack);
  }
  let bValues: number[];
  try {
    bValues = selectBValues([...byB.keys()]);
  } catch {
    return undefined;
  }
  const used = bValues.map((b) => ({ bValue: b, series: byB.get(b) as CatalogSeries }));
  const top = used[used.length - 1]?.series;
  if (!top || top.instances.length === 0) return undefined;
  const reference = top.instances;
  for (const { series } of used) {
    if (series.instances.length !== reference.length) return undefined;
    const aligned = series.instances.every((instance, index) => {
      const other = reference[index];
      return other !== undefined && samePlace(instance.header, other.header);
    });
    if (!aligned) return undefined;
  }
  const dwiUid = top.seriesInstanceUid;
  const key = `${dwiUid}:b${bValues.join('-')}`;
  const slices = reference.map((i) => i.header);
  const recipe: ComputedAdcSource = {
    key,
    dwiSeriesInstanceUid: dwiUid,
    bValues,
    stacks: used.map(({ bValue, series }) => ({
      bValue,
      imageIds: series.instances.map((i) => i.source),
    })),
    slices,
  };
  const instances: CatalogInstance[] = reference.map((instance, index) => ({
    source: computedAdcImageId(key, index),
    name: `ADC (computed) ← ${instance.name ?? instance.source}`,
    // Geometry and identity of the highest-b image at this place: a point measured on the map
    // refers to that DWI image (the map is derived from it and has no SOP instance of its own).
    header: {
      ...instance.header,
      imageType: ['DERIVED', 'SECONDARY', 'DIFFUSION', 'ADC'],
      bValue: undefined,
      rescaleSlope: 1,
      rescaleIntercept: 0,
    },
  }));
  return {
    key: computedAdcSeriesKey(dwiUid),
    seriesInstanceUid: dwiUid,
    description: top.description,
    seriesNumber: top.seriesNumber,
    modality: 'MR',
    role: { kind: 'ADC', computed: { bValues } },
    instances,
    computedAdc: recipe,
  };
}

const rankBefore = (a: CatalogSeries, b: CatalogSeries): boolean => {
  const [ra, sa] = roleRank(a.role);
  const [rb, sb] = roleRank(b.role);
  return ra < rb || (ra === rb && sa < sb);
};

/** The exam with its computed ADC maps, when it has DWI to fit and no ADC map of its own. */
export function examWithComputedAdc(exam: CatalogExam): CatalogExam {
  if (exam.series.some((s) => s.role.kind === 'ADC')) return exam;
  const computed = dwiAcquisitions(exam.series).flatMap((stacks) => computedFrom(stacks) ?? []);
  if (computed.length === 0) return exam;
  const series = [...exam.series];
  for (const map of computed) {
    const at = series.findIndex((s) => rankBefore(map, s));
    series.splice(at === -1 ? series.length : at, 0, map);
  }
  return { ...exam, series };
}

/**
 * The patient with an "ADC (computed)" series in every exam that has a DWI series with two or
 * more b-values >= 50 s/mm² and no ADC map (after the reader's role corrections: a scanner map
 * re-roled as "Other" no longer counts).
 */
export function withComputedAdc(patient: CatalogPatient): CatalogPatient {
  return {
    ...patient,
    timepoints: patient.timepoints.map((timepoint) => ({
      ...timepoint,
      exams: timepoint.exams.map(examWithComputedAdc),
    })),
  };
}
