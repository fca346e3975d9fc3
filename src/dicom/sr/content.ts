/**
 * Content items of an SR document as dcmjs naturalized objects (keywords as keys), built with the
 * caller's own values only: no random UIDs, no default observer, every point written as three
 * explicit coordinates (a 0 is a coordinate, not a missing value).
 */
import type { Code } from './codes.ts';

/** A naturalized content item (or any naturalized dataset). */
export type Item = Record<string, unknown>;

/** Relationship types used by the DREAM SR. */
export type Relationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'INFERRED FROM';

function item(
  relationship: Relationship,
  valueType: string,
  concept: Code | undefined,
  value: Item,
  children: readonly Item[] = [],
): Item {
  return {
    RelationshipType: relationship,
    ValueType: valueType,
    ...(concept === undefined ? {} : { ConceptNameCodeSequence: [concept] }),
    ...value,
    ...(children.length === 0 ? {} : { ContentSequence: [...children] }),
  };
}

export const container = (
  relationship: Relationship,
  concept: Code,
  children: readonly Item[],
  template?: string,
): Item =>
  item(
    relationship,
    'CONTAINER',
    concept,
    {
      ContinuityOfContent: 'SEPARATE',
      ...(template === undefined
        ? {}
        : { ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: template }] }),
    },
    children,
  );

export const codeItem = (
  relationship: Relationship,
  concept: Code,
  value: Code,
  children: readonly Item[] = [],
): Item => item(relationship, 'CODE', concept, { ConceptCodeSequence: [value] }, children);

export const textItem = (
  relationship: Relationship,
  concept: Code,
  text: string,
  children: readonly Item[] = [],
): Item => item(relationship, 'TEXT', concept, { TextValue: text }, children);

export const uidItem = (relationship: Relationship, concept: Code, uid: string): Item =>
  item(relationship, 'UIDREF', concept, { UID: uid });

export const personItem = (relationship: Relationship, concept: Code, name: string): Item =>
  item(relationship, 'PNAME', concept, { PersonName: [{ Alphabetic: name }] });

/**
 * A decimal string (DS) of at most 16 characters. The exact value travels beside it in
 * Floating Point Value (FD), which readers of this SR prefer.
 */
export function decimalString(value: number): string {
  const plain = String(value);
  if (plain.length <= 16 && !plain.includes('e')) return plain;
  for (let digits = 15; digits > 0; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  return value.toExponential(6);
}

export const numItem = (
  relationship: Relationship,
  concept: Code,
  value: number,
  unit: Code,
  children: readonly Item[] = [],
): Item =>
  item(
    relationship,
    'NUM',
    concept,
    {
      MeasuredValueSequence: [
        {
          NumericValue: decimalString(value),
          FloatingPointValue: value,
          MeasurementUnitsCodeSequence: [unit],
        },
      ],
    },
    children,
  );

export const pointItem = (
  relationship: Relationship,
  concept: Code,
  point: { readonly x: number; readonly y: number; readonly z: number },
  frameOfReferenceUid: string,
  children: readonly Item[] = [],
): Item =>
  item(
    relationship,
    'SCOORD3D',
    concept,
    {
      GraphicType: 'POINT',
      GraphicData: [point.x, point.y, point.z],
      ReferencedFrameOfReferenceUID: frameOfReferenceUid,
    },
    children,
  );

/** A reference to one image (and frame, written for frames other than 1). */
export interface ImageRef {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly frameNumber: number;
}

export const imageItem = (
  relationship: Relationship,
  concept: Code | undefined,
  ref: ImageRef,
  children: readonly Item[] = [],
): Item =>
  item(
    relationship,
    'IMAGE',
    concept,
    {
      ReferencedSOPSequence: [
        {
          ReferencedSOPClassUID: ref.sopClassUid,
          ReferencedSOPInstanceUID: ref.sopInstanceUid,
          ...(ref.frameNumber === 1 ? {} : { ReferencedFrameNumber: ref.frameNumber }),
        },
      ],
    },
    children,
  );
