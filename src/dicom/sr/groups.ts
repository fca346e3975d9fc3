/**
 * The TID 1501 measurement groups of a read: one per lesion and timepoint (docs/sr.md). Every
 * item about one modality group carries a HAS CONCEPT MOD "Modality group" child; items without
 * one are about the lesion itself (its baseline location and diameter).
 */
import {
  MODALITY_GROUPS,
  deriveLesionStatusInRead,
  timepointOrder,
  type ImagePoint,
  type Lesion,
  type ModalityAssessment,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from '../../domain/index.ts';
import {
  callCode,
  CONCEPTS,
  MODALITY_CODES,
  SOP_CLASSES,
  STATUS_CODES,
  UNITS,
  VALUES,
  segmentCodes,
  type Code,
} from './codes.ts';
import {
  codeItem,
  container,
  imageItem,
  numItem,
  pointItem,
  textItem,
  uidItem,
  type ImageRef,
  type Item,
} from './content.ts';
import { adcToUm2PerS } from './exact.ts';

/** The SOP class of a referenced image (the app knows it from its catalog). */
export type SopClassOf = (sopInstanceUid: string) => string | undefined;

/** An image referenced by the SR, for the image library and the evidence sequence. */
export interface ReferencedImage extends ImageRef {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}

/**
 * The SOP class of an image whose class is not known: CT for CT and for the baseline (whose
 * modality the read does not record), MR for the MRI groups; the enhanced (multi-frame) class
 * when the place is on a frame other than 1 (docs/sr.md).
 */
function defaultClass(place: ImagePoint, modality: ModalityGroup | undefined): string {
  const ct = modality === undefined || modality === 'CT';
  if (place.frameNumber > 1) return ct ? SOP_CLASSES.enhancedCtImage : SOP_CLASSES.enhancedMrImage;
  return ct ? SOP_CLASSES.ctImage : SOP_CLASSES.mrImage;
}

/** Collects the images the groups refer to (first reference wins). */
export class ImageCollector {
  readonly images = new Map<string, ReferencedImage>();
  constructor(private readonly sopClassOf: SopClassOf) {}

  /** The reference of an image point (its class from `sopClassOf`, else `defaultClass`). */
  add(place: ImagePoint, modality: ModalityGroup | undefined): ReferencedImage {
    const known = this.images.get(place.sopInstanceUid);
    const sopClassUid =
      known?.sopClassUid ?? this.sopClassOf(place.sopInstanceUid) ?? defaultClass(place, modality);
    const image: ReferencedImage = {
      sopClassUid,
      sopInstanceUid: place.sopInstanceUid,
      frameNumber: place.frameNumber,
      studyInstanceUid: place.studyInstanceUid,
      seriesInstanceUid: place.seriesInstanceUid,
    };
    if (known === undefined) this.images.set(place.sopInstanceUid, image);
    return image;
  }
}

const modalityMod = (modality: ModalityGroup): Item =>
  codeItem('HAS CONCEPT MOD', CONCEPTS.modalityGroup, MODALITY_CODES[modality]);

/**
 * A marked place: a CODE naming whose place it is (a modality group, or the baseline), inferred
 * from the SCOORD3D point in its frame of reference and from the image it was placed on.
 */
function placeItem(
  place: ImagePoint,
  modality: ModalityGroup | undefined,
  images: ImageCollector,
): Item {
  const ref = images.add(place, modality);
  const whose = modality === undefined ? VALUES.baseline : MODALITY_CODES[modality];
  return codeItem('CONTAINS', CONCEPTS.place, whose, [
    pointItem('INFERRED FROM', CONCEPTS.imageRegion, place.point, place.frameOfReferenceUid),
    imageItem('INFERRED FROM', CONCEPTS.sourceOfMeasurement, {
      ...ref,
      frameNumber: place.frameNumber,
    }),
  ]);
}

const adcUm2PerS = adcToUm2PerS;

function num(concept: Code, value: number, unit: Code, children: readonly Item[]): Item {
  return numItem('CONTAINS', concept, value, unit, children);
}

function modalityItems(
  timepoint: TimepointId,
  modality: ModalityGroup,
  cell: ModalityAssessment,
  images: ImageCollector,
): Item[] {
  const mod = modalityMod(modality);
  const derived = (derivation: Code) => [
    mod,
    codeItem('HAS CONCEPT MOD', CONCEPTS.derivation, derivation),
  ];
  const items: Item[] = [];
  if (cell.call !== undefined) {
    items.push(codeItem('CONTAINS', CONCEPTS.call, callCode(timepoint, cell.call), [mod]));
  }
  if (cell.diameterMm !== undefined) {
    items.push(num(CONCEPTS.longAxis, cell.diameterMm, UNITS.mm, [mod]));
  }
  if (cell.adcMean !== undefined) {
    items.push(num(CONCEPTS.adc, adcUm2PerS(cell.adcMean), UNITS.um2PerS, derived(VALUES.mean)));
  }
  if (cell.adcSd !== undefined) {
    items.push(
      num(CONCEPTS.adc, adcUm2PerS(cell.adcSd), UNITS.um2PerS, derived(VALUES.standardDeviation)),
    );
  }
  if (cell.adcPixels !== undefined) {
    items.push(num(CONCEPTS.pixelCount, cell.adcPixels, UNITS.pixels, [mod]));
  }
  if (cell.sitePoint !== undefined) items.push(placeItem(cell.sitePoint, modality, images));
  if (cell.comment !== undefined) {
    items.push(textItem('CONTAINS', CONCEPTS.comment, cell.comment, [mod]));
  }
  return items;
}

/**
 * The timepoints that get a group: those assessed, and always the status timepoint (so every
 * lesion, even one removed before any assessment, has its Tracking Identifier in the SR).
 */
export function groupTimepoints(read: Read, lesion: Lesion): TimepointId[] {
  const timepoints = new Set(Object.keys(lesion.assessments) as TimepointId[]);
  timepoints.add(read.config.statusTimepoint);
  return [...timepoints].sort((a, b) => timepointOrder(a) - timepointOrder(b));
}

const yesNo = (value: boolean) => (value ? VALUES.yes : VALUES.no);

/** The measurement groups of one lesion (TID 1501 with TID 1502 time point context). */
export function lesionGroups(
  read: Read,
  lesion: Lesion,
  trackingUid: string,
  images: ImageCollector,
): Item[] {
  return groupTimepoints(read, lesion).map((timepoint, index) => {
    const items: Item[] = [
      textItem('HAS OBS CONTEXT', CONCEPTS.trackingIdentifier, lesion.id),
      uidItem('HAS OBS CONTEXT', CONCEPTS.trackingUid, trackingUid),
      textItem('HAS OBS CONTEXT', CONCEPTS.timePoint, timepoint),
      codeItem('CONTAINS', CONCEPTS.finding, VALUES.livermetastasis),
    ];
    if (lesion.segment !== undefined) {
      const { site, modifier } = segmentCodes(lesion.segment);
      const mods =
        modifier === undefined
          ? []
          : [codeItem('HAS CONCEPT MOD', CONCEPTS.topographicalModifier, modifier)];
      items.push(codeItem('HAS CONCEPT MOD', CONCEPTS.findingSite, site, mods));
    }
    if (index === 0) {
      if (lesion.baselineLocation !== undefined) {
        items.push(placeItem(lesion.baselineLocation, undefined, images));
      }
      if (lesion.baselineDiameterMm !== undefined) {
        items.push(num(CONCEPTS.longAxis, lesion.baselineDiameterMm, UNITS.mm, []));
      }
    }
    const assessment = lesion.assessments[timepoint];
    if (assessment === undefined) {
      items.push(codeItem('CONTAINS', CONCEPTS.timepointRecorded, VALUES.no));
    } else {
      for (const modality of MODALITY_GROUPS) {
        const cell = assessment.modalities[modality];
        if (cell !== undefined) items.push(...modalityItems(timepoint, modality, cell, images));
      }
      if (assessment.recurrence !== undefined) {
        items.push(
          codeItem('CONTAINS', CONCEPTS.recurrence, yesNo(assessment.recurrence === 'yes')),
        );
      }
    }
    if (lesion.removed === undefined && timepoint === read.config.statusTimepoint) {
      const derived = deriveLesionStatusInRead(read, lesion);
      items.push(
        codeItem('CONTAINS', CONCEPTS.status, STATUS_CODES[derived.status]),
        textItem('CONTAINS', CONCEPTS.statusReason, derived.reason),
        codeItem('CONTAINS', CONCEPTS.ctDlm, yesNo(derived.ctDlm)),
      );
    }
    return container('CONTAINS', CONCEPTS.measurementGroup, items, '1501');
  });
}
