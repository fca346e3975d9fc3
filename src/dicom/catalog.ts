/**
 * Builds the patient -> timepoint -> exam -> series catalogue from parsed headers. Pure and
 * deterministic: the same instances in the same order give the same catalogue.
 */
import { isSupportedTransferSyntax, type InstanceHeader } from './header.ts';
import { classifySeries, roleRank, type SeriesRole } from './roles.ts';
import { assignTimepoints, compareTimepointIds, normaliseTimepointId } from './timepoints.ts';
import { dwiSeriesRecord, groupDwiSeries } from './dwiGroups.ts';
import type { ComputedAdcSource } from './computedAdc.ts';

export interface CatalogInstance {
  /** The cornerstone image id that loads it: `wadouri:<url>`, `dicomfile:<n>`, `wadors:<url>`. */
  source: string;
  /** What the reader knows it by in reports (a file path or URL); `source` when absent. */
  name?: string;
  /** The frame (1-based) of a multi-frame instance; absent for single-frame ones. */
  frame?: number;
  header: InstanceHeader;
}
export interface CatalogSeries {
  key: string; // seriesInstanceUid, plus ':b<value>' for DWI sub-stacks
  seriesInstanceUid: string;
  description: string;
  seriesNumber: number | undefined;
  modality: string;
  role: SeriesRole;
  instances: CatalogInstance[]; // sorted along the slice normal, then instance number
  /**
   * On DWI stacks: the acquisition the stack belongs to, shared by all its b-values. The series
   * UID for a series interleaving b-values; for DWI sent as one series per b-value (grouped by
   * dwiGroups.ts), the UID of the group's lowest-b series.
   */
  dwiAcquisition?: string;
  /** On an "ADC (computed)" series: what its image loader needs to fit the map (computedAdc.ts). */
  computedAdc?: ComputedAdcSource;
}
export interface CatalogExam {
  studyInstanceUid: string;
  studyDate: string;
  studyDescription: string;
  modalities: string[];
  series: CatalogSeries[];
}
export interface CatalogTimepoint {
  id: string; // 'baseline' | 'preop' | 'followup-1' ...
  source: 'trial-tag' | 'date-order' | 'reader';
  exams: CatalogExam[];
}
export interface CatalogPatient {
  patientId: string;
  patientName: string;
  timepoints: CatalogTimepoint[];
}
export interface CatalogProblem {
  source: string;
  reason: string;
}
export interface Catalog {
  patients: CatalogPatient[];
  problems: CatalogProblem[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** Keeps displayable instances; reports the rest (PS3.3: SR, RTSTRUCT, SEG carry no 7FE0,0010). */
function screen(instances: readonly CatalogInstance[]): {
  kept: CatalogInstance[];
  problems: CatalogProblem[];
} {
  const kept: CatalogInstance[] = [];
  const problems: CatalogProblem[] = [];
  const seen = new Map<string, string>();
  for (const instance of instances) {
    const { header } = instance;
    const source = instance.name ?? instance.source;
    const uid = header.sopInstanceUid;
    // Undisplayable copies are reported for what they are and never claim the UID, so a
    // displayable copy of the same instance (another transfer syntax) is still kept.
    if (!header.hasPixelData) {
      problems.push({ source, reason: `no pixel data (${header.modality || header.sopClassUid})` });
      continue;
    }
    if (!isSupportedTransferSyntax(header.transferSyntaxUid)) {
      problems.push({
        source,
        reason: `unsupported transfer syntax ${header.transferSyntaxUid || '(none)'}`,
      });
      continue;
    }
    const first = uid === '' ? undefined : seen.get(uid);
    if (first !== undefined) {
      problems.push({ source, reason: `duplicate SOP Instance UID ${uid} (kept ${first})` });
      continue;
    }
    if (uid !== '') seen.set(uid, source);
    kept.push(instance);
  }
  return { kept, problems };
}

/**
 * The image id of frame `frame` (1-based): WADO-RS addresses frames by path (`.../frames/N`), the
 * Part 10 loaders (`wadouri:`, `dicomfile:`) by a `frame` query parameter.
 */
export function frameImageId(source: string, frame: number): string {
  if (/\/frames\/\d+$/.test(source)) return source.replace(/\/frames\/\d+$/, `/frames/${frame}`);
  return `${source}${source.includes('?') ? '&' : '?'}frame=${frame}`;
}

/** One catalogue entry per frame of a multi-frame instance, so no frame is ever dropped. */
function expandFrames(instance: CatalogInstance): CatalogInstance[] {
  const frames = instance.header.numberOfFrames;
  if (frames <= 1) return [instance];
  return Array.from({ length: frames }, (_, index) => ({
    ...instance,
    source: frameImageId(instance.source, index + 1),
    frame: index + 1,
  }));
}

/** Slice normal = row direction x column direction of (0020,0037) Image Orientation (Patient). */
function sliceNormal(instances: readonly CatalogInstance[]): readonly number[] | undefined {
  const iop = instances.find((i) => i.header.imageOrientationPatient)?.header
    .imageOrientationPatient;
  if (iop === undefined) return undefined;
  const [r0, r1, r2, c0, c1, c2] = iop;
  return [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
}

/** Sorts along the slice normal by (0020,0032), then (0020,0013), then SOP Instance UID. */
function sortStack(instances: readonly CatalogInstance[]): CatalogInstance[] {
  const normal = sliceNormal(instances);
  const along = (i: CatalogInstance): number | undefined => {
    const p = i.header.imagePositionPatient;
    if (normal === undefined || p === undefined) return undefined;
    return p[0] * (normal[0] ?? 0) + p[1] * (normal[1] ?? 0) + p[2] * (normal[2] ?? 0);
  };
  const keyed = instances.map((instance) => ({ instance, d: along(instance) }));
  keyed.sort((a, b) => {
    if (a.d !== undefined && b.d !== undefined && Math.abs(a.d - b.d) > 1e-4) return a.d - b.d;
    if (a.d === undefined && b.d !== undefined) return 1;
    if (a.d !== undefined && b.d === undefined) return -1;
    const na = a.instance.header.instanceNumber ?? Number.MAX_SAFE_INTEGER;
    const nb = b.instance.header.instanceNumber ?? Number.MAX_SAFE_INTEGER;
    if (na !== nb) return na - nb;
    const fa = a.instance.frame ?? 0;
    const fb = b.instance.frame ?? 0;
    if (fa !== fb) return fa - fb;
    return cmp(a.instance.header.sopInstanceUid, b.instance.header.sopInstanceUid);
  });
  return keyed.map((k) => k.instance);
}

function makeSeries(key: string, instances: readonly CatalogInstance[]): CatalogSeries {
  const sorted = sortStack(instances);
  const first = sorted[0]?.header;
  return {
    key,
    seriesInstanceUid: first?.seriesInstanceUid ?? '',
    description: first?.seriesDescription ?? '',
    seriesNumber: first?.seriesNumber,
    modality: first?.modality ?? '',
    role: classifySeries(sorted.map((i) => i.header)),
    instances: sorted,
  };
}

/**
 * One series, or one stack per b-value when it is DWI: scanners interleave b-values in one series
 * (docs/domain.md §3). Instances without a b-value stay together in ':bnone'; no frame is dropped.
 */
export function splitByBValue(uid: string, instances: readonly CatalogInstance[]): CatalogSeries[] {
  const whole = makeSeries(uid, instances);
  if (whole.role.kind !== 'DWI' || instances.every((i) => i.header.bValue === undefined)) {
    return [whole];
  }
  const byB = groupBy(instances, (i) => String(i.header.bValue ?? 'none'));
  return [...byB].map(([b, stack]) => makeSeries(`${uid}:b${b}`, stack));
}

/**
 * The exam's series with each DWI stack's acquisition set: the stacks of one series share it, and
 * so do series of one b-value each that dwiGroups.ts finds to be one acquisition. The b-value is
 * the role's, so a reader's correction (a series without a b-value tag given one) counts.
 */
export function withDwiAcquisitions(series: readonly CatalogSeries[]): CatalogSeries[] {
  const byUid = groupBy(
    series.filter((s) => s.role.kind === 'DWI'),
    (s) => s.seriesInstanceUid,
  );
  const single = [...byUid.values()].filter((stacks) => stacks.length === 1).flat();
  const groups = groupDwiSeries(
    single.map((s) => ({
      ...dwiSeriesRecord(
        s.key,
        s.instances.map((i) => i.header),
      ),
      bValues: [s.role.kind === 'DWI' ? s.role.bValue : undefined],
    })),
  );
  const acquisition = new Map<string, string>();
  for (const { ids } of groups) {
    const first = single.find((s) => s.key === ids[0]);
    for (const id of ids) acquisition.set(id, first?.seriesInstanceUid ?? '');
  }
  return series.map((s) => {
    if (s.role.kind === 'DWI') {
      return { ...s, dwiAcquisition: acquisition.get(s.key) ?? s.seriesInstanceUid };
    }
    if (s.dwiAcquisition === undefined) return s;
    const rest = { ...s };
    delete rest.dwiAcquisition;
    return rest;
  });
}

/**
 * The DWI acquisitions of an exam, each as its b-value stacks: the stacks of an interleaved
 * series, or the single-b series the catalogue grouped (`dwiAcquisition`). Whether the slices
 * line up one for one is still for the consumer to check (e.g. the ADC fit).
 */
export function dwiAcquisitions(series: readonly CatalogSeries[]): CatalogSeries[][] {
  return [
    ...groupBy(
      series.filter((s) => s.role.kind === 'DWI'),
      (s) => s.dwiAcquisition ?? s.seriesInstanceUid,
    ).values(),
  ];
}

function compareSeries(a: CatalogSeries, b: CatalogSeries): number {
  const [ra, sa] = roleRank(a.role);
  const [rb, sb] = roleRank(b.role);
  if (ra !== rb) return ra - rb;
  if (sa !== sb) return sa - sb;
  const na = a.seriesNumber ?? Number.MAX_SAFE_INTEGER;
  const nb = b.seriesNumber ?? Number.MAX_SAFE_INTEGER;
  return na !== nb ? na - nb : cmp(a.key, b.key);
}

function makeExam(uid: string, instances: readonly CatalogInstance[]): CatalogExam {
  const first = instances[0]?.header;
  const series = withDwiAcquisitions(
    [...groupBy(instances, (i) => i.header.seriesInstanceUid)].flatMap(([seriesUid, members]) =>
      splitByBValue(seriesUid, members),
    ),
  ).sort(compareSeries);
  return {
    studyInstanceUid: uid,
    studyDate: first?.studyDate ?? '',
    studyDescription: first?.studyDescription ?? '',
    modalities: [...new Set(series.map((s) => s.modality).filter((m) => m !== ''))].sort(cmp),
    series,
  };
}

function firstNonEmpty(instances: readonly CatalogInstance[], pick: (h: InstanceHeader) => string) {
  return instances.map((i) => pick(i.header)).find((v) => v.trim() !== '') ?? '';
}

function makePatient(patientId: string, instances: readonly CatalogInstance[]): CatalogPatient {
  const byStudy = groupBy(instances, (i) => i.header.studyInstanceUid);
  const exams = [...byStudy].map(([uid, members]) => ({
    exam: makeExam(uid, members),
    trial: normaliseTimepointId(firstNonEmpty(members, (h) => h.clinicalTrialTimePointId)),
    studyTime: firstNonEmpty(members, (h) => h.studyTime),
  }));
  const assignment = assignTimepoints(
    exams.map(({ exam, trial }) => ({
      studyInstanceUid: exam.studyInstanceUid,
      studyDate: exam.studyDate,
      trialTimepoint: trial,
    })),
  );
  exams.sort(
    (a, b) =>
      cmp(a.exam.studyDate, b.exam.studyDate) ||
      cmp(a.studyTime, b.studyTime) ||
      cmp(a.exam.studyInstanceUid, b.exam.studyInstanceUid),
  );
  const timepoints = new Map<string, CatalogTimepoint>();
  for (const { exam } of exams) {
    const assigned = assignment.get(exam.studyInstanceUid) ?? { id: '', source: 'date-order' };
    const timepoint = timepoints.get(assigned.id);
    if (timepoint === undefined) timepoints.set(assigned.id, { ...assigned, exams: [exam] });
    else timepoint.exams.push(exam);
  }
  return {
    patientId,
    patientName: firstNonEmpty(instances, (h) => h.patientName),
    timepoints: [...timepoints.values()].sort((a, b) => compareTimepointIds(a.id, b.id)),
  };
}

/**
 * Groups instances into patients (by (0010,0020)), timepoints, studies (0020,000D) and series
 * (0020,000E), DWI split per b-value. Instances without pixel data, in an undecodable transfer
 * syntax, or with a repeated SOP Instance UID (first kept) are left out and listed in `problems`.
 */
export function buildCatalog(instances: readonly CatalogInstance[]): Catalog {
  const screened = screen(instances);
  const kept = screened.kept.flatMap(expandFrames);
  const { problems } = screened;
  const patients = [...groupBy(kept, (i) => i.header.patientId)]
    .sort(([a], [b]) => cmp(a, b))
    .map(([id, members]) => makePatient(id, members));
  return { patients, problems };
}
