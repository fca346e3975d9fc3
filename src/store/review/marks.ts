/**
 * Where a discordance is on the images (pure): each reader's lesion with its baseline location,
 * and the catalogued series that location was placed on.
 */
import type { Catalog, CatalogSeries } from '../../dicom/catalog';
import type { Discordance, ImagePoint, LesionId, Read, ReaderSide } from '../../domain';

/** One reader's mark of a discordance's lesion. */
export interface ReaderMark {
  readonly side: ReaderSide;
  readonly readerName: string;
  readonly readerId: string;
  readonly lesionId: LesionId;
  /** Absent when the reader recorded no baseline location. */
  readonly place?: ImagePoint;
}

function markOf(side: ReaderSide, read: Read, lesionId: LesionId | undefined): ReaderMark[] {
  if (lesionId === undefined) return [];
  const lesion = read.lesions.find((l) => l.id === lesionId);
  return [
    {
      side,
      readerName: read.reader.name,
      readerId: read.reader.id,
      lesionId,
      ...(lesion?.baselineLocation && { place: lesion.baselineLocation }),
    },
  ];
}

/** The marks of a discordance: reader 1's lesion, then reader 2's (one only if unpaired). */
export function marksOf(discordance: Discordance, read1: Read, read2: Read): ReaderMark[] {
  return [
    ...markOf('reader1', read1, discordance.lesion1),
    ...markOf('reader2', read2, discordance.lesion2),
  ];
}

/**
 * The catalogued series of a patient that holds an image point: the series with its series
 * UID that contains its SOP instance (a DWI series is split into b-value stacks), else the
 * first stack of that series UID; undefined if the patient's images are not loaded.
 */
export function seriesForPlace(
  catalog: Catalog,
  patientId: string,
  place: ImagePoint,
): CatalogSeries | undefined {
  const patient = catalog.patients.find((p) => p.patientId === patientId);
  const series = (patient?.timepoints ?? [])
    .flatMap((tp) => tp.exams)
    .flatMap((exam) => exam.series)
    .filter((s) => s.seriesInstanceUid === place.seriesInstanceUid);
  return (
    series.find((s) =>
      s.instances.some(
        (i) =>
          i.header.sopInstanceUid === place.sopInstanceUid && (i.frame ?? 1) === place.frameNumber,
      ),
    ) ?? series[0]
  );
}
