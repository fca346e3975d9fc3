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

/** Slice positions, normal and plane centre of a series, for synchronised scrolling. */
export function stackOf(series: CatalogSeries): Stack {
  const first = series.instances[0]?.header;
  const iop = series.instances.find((i) => i.header.imageOrientationPatient)?.header
    .imageOrientationPatient;
  const centre = first && iop ? planeCentreOffset(iop, first) : undefined;
  return {
    frameOfReferenceUid: first?.frameOfReferenceUid ?? '',
    normal: iop ? sliceNormal(iop) : [0, 0, 1],
    positions: series.instances.map((i): Vec3 => i.header.imagePositionPatient ?? [0, 0, 0]),
    ...(centre && { centre }),
  };
}

/** From the first pixel's centre to the plane's centre: half the columns along the row, etc. */
function planeCentreOffset(
  iop: readonly [number, number, number, number, number, number],
  header: { rows: number; columns: number; pixelSpacing: readonly [number, number] | undefined },
): Vec3 | undefined {
  const { rows, columns, pixelSpacing } = header;
  if (!pixelSpacing || rows === 0 || columns === 0) return undefined;
  // Pixel Spacing is (between rows, between columns); the row direction steps across columns.
  const along = ((columns - 1) / 2) * pixelSpacing[1];
  const down = ((rows - 1) / 2) * pixelSpacing[0];
  const at = (i: 0 | 1 | 2) => iop[i] * along + (iop[i + 3] ?? 0) * down;
  return [at(0), at(1), at(2)];
}

/** How a series' pixel values read: HU on CT, ADC units on ADC maps, raw signal otherwise. */
export function valueKindOf(series: CatalogSeries): ValueKind {
  if (series.role.kind === 'ADC') return 'ADC';
  if (series.modality === 'CT') return 'HU';
  return 'raw';
}
