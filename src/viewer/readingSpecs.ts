/** From catalogued series to what a reading viewport needs (pure). */
import type { CatalogSeries } from '../dicom/catalog';
import type { ValueKind } from './measurements';
import { sliceNormal, type Stack, type Vec3 } from './sliceSync';

/** One viewport of the reading grid, as ReadingSession.show takes it. */
export interface ReadingViewportSpec {
  viewportId: string;
  element: HTMLDivElement;
  seriesKey: string;
  imageIds: readonly string[];
  stack: Stack;
  row: number;
  valueKind: ValueKind;
}

/** Slice positions and normal of a series, for synchronised scrolling. */
export function stackOf(series: CatalogSeries): Stack {
  const first = series.instances[0]?.header;
  const iop = series.instances.find((i) => i.header.imageOrientationPatient)?.header
    .imageOrientationPatient;
  return {
    frameOfReferenceUid: first?.frameOfReferenceUid ?? '',
    normal: iop ? sliceNormal(iop) : [0, 0, 1],
    positions: series.instances.map((i): Vec3 => i.header.imagePositionPatient ?? [0, 0, 0]),
  };
}

/** How a series' pixel values read: HU on CT, ADC units on ADC maps, raw signal otherwise. */
export function valueKindOf(series: CatalogSeries): ValueKind {
  if (series.role.kind === 'ADC') return 'ADC';
  if (series.modality === 'CT') return 'HU';
  return 'raw';
}
