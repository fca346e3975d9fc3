/**
 * From a measurement drawn in the viewer to the read command that records it on a lesion (pure).
 * What a measurement can become depends on the tool, the timepoint of the viewport and the
 * series' role:
 *
 * | tool                  | baseline                                    | later timepoint            |
 * |-----------------------|---------------------------------------------|----------------------------|
 * | Length, Bidirectional | new lesion, or a lesion's location+diameter | the modality's diameter    |
 * | Probe (a click)       | new lesion, or a lesion's location          | where the lesion was (site)|
 * | Ellipse on an ADC map | the lesion's ADC (mean, SD, pixels)         | the same                   |
 */
import {
  isTimepointId,
  nextLesionId,
  roundAdc,
  roundDiameterMm,
  worldPoint,
  type ImagePoint,
  type LesionId,
  type ModalityGroup,
  type Read,
  type ReadCommand,
  type TimepointId,
} from '../../domain';
import type { InstanceHeader } from '../../dicom/header';
import type { SeriesRole } from '../../dicom/roles';
import { anchorPoint, type Measurement, type ValueKind } from '../../viewer/measurements';

/** The modality group a series role is called under (docs/domain.md §5); undefined for 'other'. */
export function modalityGroupOf(role: SeriesRole): ModalityGroup | undefined {
  switch (role.kind) {
    case 'CT':
      return 'CT';
    case 'DWI':
    case 'ADC':
      return 'DWI';
    case 'T1':
    case 'T2':
      return 'T1T2';
    case 'EOB':
      return 'EOB';
    case 'other':
      return undefined;
  }
}

/** Where a measurement was drawn: the viewport's timepoint and series, and the image's header. */
export interface MeasurementPlace {
  readonly timepoint: string;
  readonly role: SeriesRole;
  readonly valueKind: ValueKind;
  readonly header: InstanceHeader;
  /** 1-based frame of a multi-frame image. */
  readonly frame?: number;
}

/** A lesion to record on, or a new lesion. */
export type LinkTarget = 'new' | LesionId;

/** What a recorded measurement sets, for the words on screen. */
export type LinkEffect = 'new-lesion' | 'baseline' | 'diameter' | 'adc' | 'site';

export interface MeasurementLink {
  readonly command: ReadCommand;
  readonly effect: LinkEffect;
}

const value = (m: Measurement, name: string): number | undefined =>
  m.values.find((v) => v.name === name)?.value;

function imagePoint(m: Measurement, place: MeasurementPlace): ImagePoint | undefined {
  const anchor = anchorPoint(m.tool, m.points);
  const h = place.header;
  if (!anchor || !h.frameOfReferenceUid || !h.sopInstanceUid) return undefined;
  return {
    point: worldPoint(...anchor),
    studyInstanceUid: h.studyInstanceUid,
    seriesInstanceUid: h.seriesInstanceUid,
    sopInstanceUid: h.sopInstanceUid,
    frameNumber: place.frame ?? 1,
    frameOfReferenceUid: h.frameOfReferenceUid,
  };
}

/**
 * The command that records `m` on `target`, or undefined when this measurement cannot be
 * recorded there (e.g. a new lesion from a pre-op image, an ellipse outside an ADC map, stats
 * not computed yet).
 */
export function measurementLink(
  m: Measurement,
  place: MeasurementPlace,
  target: LinkTarget,
): MeasurementLink | undefined {
  const timepoint = place.timepoint;
  if (!isTimepointId(timepoint)) return undefined;
  const baseline = timepoint === 'baseline';
  const modality = modalityGroupOf(place.role);
  const location = imagePoint(m, place);
  // Read values to 0.01 mm (ADC 0.001), not pixel-geometry floats (src/domain/precision.ts).
  const length = value(m, 'length');
  const diameter = length === undefined ? undefined : roundDiameterMm(length);
  if (target === 'new' && !baseline) return undefined;

  switch (m.tool) {
    case 'Length':
    case 'Bidirectional': {
      if (!location || diameter === undefined || !(diameter > 0)) return undefined;
      if (target === 'new') {
        return link('addLesion', 'new-lesion', {
          baselineLocation: location,
          baselineDiameterMm: diameter,
        });
      }
      if (baseline) {
        return link('setBaseline', 'baseline', {
          lesionId: target,
          location,
          diameterMm: diameter,
        });
      }
      if (!modality) return undefined;
      return link('setMeasurement', 'diameter', {
        lesionId: target,
        timepoint,
        modality,
        diameterMm: diameter,
      });
    }
    case 'Probe': {
      if (!location) return undefined;
      if (target === 'new') return link('addLesion', 'new-lesion', { baselineLocation: location });
      if (baseline) return link('setBaseline', 'baseline', { lesionId: target, location });
      if (!modality) return undefined;
      return link('setSitePoint', 'site', {
        lesionId: target,
        timepoint,
        modality,
        sitePoint: location,
      });
    }
    case 'EllipticalROI': {
      const mean = value(m, 'mean');
      const sd = value(m, 'stdDev');
      if (place.valueKind !== 'ADC' || target === 'new' || mean === undefined) return undefined;
      return link('setMeasurement', 'adc', {
        lesionId: target,
        timepoint: timepoint satisfies TimepointId,
        modality: 'DWI',
        adcMean: roundAdc(Math.max(0, mean)),
        ...(sd !== undefined && { adcSd: roundAdc(Math.max(0, sd)) }),
        ...(m.pixelCount !== undefined && { adcPixels: Math.round(m.pixelCount) }),
      });
    }
  }
}

function link<K extends ReadCommand['kind']>(
  kind: K,
  effect: LinkEffect,
  input: Extract<ReadCommand, { kind: K }>['input'],
): MeasurementLink {
  return { command: { kind, input } as ReadCommand, effect };
}

/** The targets a measurement can be recorded on in this read: a new lesion first, then lesions. */
export function linkTargets(
  m: Measurement,
  place: MeasurementPlace,
  read: Read,
): { target: LinkTarget; link: MeasurementLink }[] {
  if (read.state.kind === 'signed') return [];
  const targets: LinkTarget[] = [
    'new',
    ...read.lesions.filter((l) => l.removed === undefined).map((l) => l.id),
  ];
  return targets.flatMap((target) => {
    const found = measurementLink(m, place, target);
    return found ? [{ target, link: found }] : [];
  });
}

/** Dispatches a linked measurement's command on a read session. */
export function recordLink(
  session: { dispatch: (kind: ReadCommand['kind'], input: never) => boolean },
  link: MeasurementLink,
): boolean {
  return session.dispatch(link.command.kind, link.command.input as never);
}

/** A measurement recorded on the read: the link it made and the lesion it went to. */
export interface RecordedLink {
  readonly link: MeasurementLink;
  readonly lesionId: LesionId;
}

/** The lesion a link records on in `read` (the next id for a new lesion). */
export function linkLesionId(read: Read, link: MeasurementLink): LesionId {
  const input = link.command.input as { lesionId?: LesionId };
  return link.command.kind === 'addLesion' || input.lesionId === undefined
    ? nextLesionId(read)
    : input.lesionId;
}

const samePoint = (a: ImagePoint | undefined, b: ImagePoint | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.sopInstanceUid === b.sopInstanceUid &&
  a.frameNumber === b.frameNumber &&
  a.point.x === b.point.x &&
  a.point.y === b.point.y &&
  a.point.z === b.point.z;

/**
 * Whether the read still holds what `recorded` set on its lesion (false once undone, or once
 * the lesion is removed or the value replaced): a recorded measurement stays recorded while this
 * is true, and is recordable again once it is false.
 */
export function recordHolds(read: Read, recorded: RecordedLink): boolean {
  const lesion = read.lesions.find((l) => l.id === recorded.lesionId);
  if (!lesion || lesion.removed !== undefined) return false;
  const command = recorded.link.command;
  switch (command.kind) {
    case 'addLesion':
      return (
        command.input.baselineLocation === undefined ||
        samePoint(lesion.baselineLocation, command.input.baselineLocation)
      );
    case 'setBaseline':
      return (
        (command.input.location == null ||
          samePoint(lesion.baselineLocation, command.input.location)) &&
        (command.input.diameterMm == null || lesion.baselineDiameterMm === command.input.diameterMm)
      );
    case 'setMeasurement': {
      const cell = lesion.assessments[command.input.timepoint]?.modalities[command.input.modality];
      if (!cell) return false;
      if (command.input.diameterMm != null) return cell.diameterMm === command.input.diameterMm;
      return command.input.adcMean != null && cell.adcMean === command.input.adcMean;
    }
    case 'setSitePoint': {
      const cell = lesion.assessments[command.input.timepoint]?.modalities[command.input.modality];
      return samePoint(cell?.sitePoint, command.input.sitePoint);
    }
    default:
      return false;
  }
}

/** How close (mm) a new lesion's place may be to a lesion's baseline place before asking. */
export const NEAR_LESION_MM = 5;

/**
 * The lesions (not removed) whose baseline place lies within `mm` of the place a link would
 * register a NEW lesion at, in the same frame of reference, nearest first; empty for any other
 * link. A reader recording there again most likely means the same lesion, so the room asks.
 */
export function lesionsNear(read: Read, link: MeasurementLink, mm = NEAR_LESION_MM): LesionId[] {
  if (link.command.kind !== 'addLesion') return [];
  const at = link.command.input.baselineLocation;
  if (!at) return [];
  return read.lesions
    .flatMap((l) => {
      const b = l.baselineLocation;
      if (l.removed !== undefined || !b || b.frameOfReferenceUid !== at.frameOfReferenceUid) {
        return [];
      }
      const d = Math.hypot(b.point.x - at.point.x, b.point.y - at.point.y, b.point.z - at.point.z);
      return d <= mm ? [{ id: l.id, d }] : [];
    })
    .sort((a, b) => a.d - b.d)
    .map((x) => x.id);
}
