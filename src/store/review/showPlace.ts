/**
 * Where "Show on images" looks for a discordance (pure): the timepoint and modality group where
 * the readers differ (a pre-op DWI call: the pre-op DWI; a status: the first call that makes it;
 * a lesion in one read only: the baseline image it was registered on), the catalogued series that
 * shows it, and each reader's mark there: the place the reader recorded at that timepoint (a site
 * point) or else the baseline place, with the frame it lies in. Marks in another frame of
 * reference reach the shown series through the exams' registration (src/store/workspace/registration.ts).
 */
import type { CatalogPatient, CatalogSeries } from '../../dicom/catalog';
import {
  groupDiscordances,
  type Discordance,
  type ImagePoint,
  type LesionId,
  type ModalityGroup,
  type Read,
  type ReadComparison,
  type ReaderSide,
  type TimepointId,
} from '../../domain';
import { modalityGroupOf } from '../reads/measurementLink';

/** The timepoint and modality group a discordance is about (no group: the baseline place's own series). */
export interface DiscordanceView {
  readonly timepoint: TimepointId;
  readonly modality?: ModalityGroup;
}

export function viewOfDiscordance(
  discordance: Discordance,
  comparison: ReadComparison,
): DiscordanceView {
  const timepoint = comparison.config.statusTimepoint;
  if (discordance.kind === 'call') return { timepoint, modality: discordance.modality };
  if (discordance.kind === 'status') {
    const group = groupDiscordances(comparison).find(
      (g) => g.kind === 'pair' && g.status?.id === discordance.id,
    );
    const cause = group?.kind === 'pair' ? group.causes[0] : undefined;
    return { timepoint, modality: cause?.modality ?? 'CT' };
  }
  return { timepoint: 'baseline' };
}

/** One reader's mark of the discordance's lesion where it is shown. */
export interface ShownMark {
  readonly side: ReaderSide;
  readonly readerName: string;
  readonly readerId: string;
  readonly lesionId: LesionId;
  /** The place recorded at the shown timepoint (`site`), else the baseline place; absent if none. */
  readonly place?: ImagePoint;
  readonly kind?: 'site' | 'baseline';
}

function markOf(
  side: ReaderSide,
  read: Read,
  lesionId: LesionId | undefined,
  view: DiscordanceView,
): ShownMark[] {
  if (lesionId === undefined) return [];
  const lesion = read.lesions.find((l) => l.id === lesionId);
  const base = { side, readerName: read.reader.name, readerId: read.reader.id, lesionId };
  const sites = lesion?.assessments[view.timepoint]?.modalities;
  const site =
    (view.modality && sites?.[view.modality]?.sitePoint) ??
    Object.values(sites ?? {}).find((m) => m?.sitePoint)?.sitePoint;
  if (view.timepoint !== 'baseline' && site) return [{ ...base, place: site, kind: 'site' }];
  if (lesion?.baselineLocation) {
    return [{ ...base, place: lesion.baselineLocation, kind: 'baseline' }];
  }
  return [base];
}

/** The marks of a discordance: reader 1's lesion, then reader 2's (one only if unpaired). */
export function shownMarks(
  discordance: Discordance,
  read1: Read,
  read2: Read,
  view: DiscordanceView,
): ShownMark[] {
  return [
    ...markOf('reader1', read1, discordance.lesion1, view),
    ...markOf('reader2', read2, discordance.lesion2, view),
  ];
}

/** Preference of series roles within a modality group: the one a reader calls the group on. */
function rank(series: CatalogSeries): number {
  const role = series.role;
  switch (role.kind) {
    case 'CT':
      return ['portal-venous', 'delayed', 'arterial', 'non-contrast', 'unknown'].indexOf(
        role.phase,
      );
    case 'DWI':
      return 10 - Math.min(9, (role.bValue ?? 0) / 200);
    case 'ADC':
      return 20;
    case 'T2':
      return 0;
    case 'T1':
      return 1;
    case 'EOB':
      return ['hbp', 'transitional', 'portal', 'arterial', 'pre'].indexOf(role.phase);
    case 'other':
      return 99;
  }
}

/**
 * The series to show a view on: at the view's timepoint (the exams the reads assign to it, else
 * the catalogue's timepoint of that id), the series the modality group is read on (CT portal
 * venous, DWI at the highest b, T2, EOB hepatobiliary phase). Without a group (a baseline
 * place), the series the first mark was placed on. Undefined when the images are not loaded.
 */
export function seriesForView(
  patient: CatalogPatient | undefined,
  view: DiscordanceView,
  reads: readonly Read[],
  marks: readonly ShownMark[],
): CatalogSeries | undefined {
  if (!patient) return undefined;
  const exams = patient.timepoints.flatMap((tp) => tp.exams.map((exam) => ({ tp: tp.id, exam })));
  const placed = marks.find((m) => m.place)?.place;
  if (view.modality === undefined) {
    if (!placed) return undefined;
    const series = exams
      .flatMap(({ exam }) => exam.series)
      .filter((s) => s.seriesInstanceUid === placed.seriesInstanceUid);
    return (
      series.find((s) =>
        s.instances.some((i) => i.header.sopInstanceUid === placed.sopInstanceUid),
      ) ?? series[0]
    );
  }
  const assigned = (uid: string) =>
    reads.map((r) => r.timepointAssignment[uid]).find((tp) => tp !== undefined);
  const atTimepoint = exams.filter(
    ({ tp, exam }) => (assigned(exam.studyInstanceUid) ?? tp) === view.timepoint,
  );
  const candidates = atTimepoint
    .flatMap(({ exam }) => exam.series)
    .filter((s) => modalityGroupOf(s.role) === view.modality && s.instances.length > 0);
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}
