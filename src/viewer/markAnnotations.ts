/**
 * Lesion marks and saved drawings as cornerstone annotations (pure: plain objects, no
 * cornerstone import). A mark is a place recorded on a lesion, drawn by the display-only
 * `LesionMarkTool` (./lesionMarkTool.ts) with the lesion id as its label; a saved drawing is a
 * measurement annotation kept in the browser, added back as the tool made it so cornerstone
 * recomputes its values.
 */
import type { MeasurementTool, MeasurementValue } from './measurements';

export type Triple = readonly [number, number, number];

/** The tool name of lesion marks (not a measurement tool: the measurement list skips it). */
export const LESION_MARK_TOOL = 'DreamLesionMark';

/** A lesion mark to draw: where (image, patient mm) and with which label. */
export interface MarkSpec {
  /** The annotation's uid: stable for the same place of the same lesion. */
  readonly uid: string;
  readonly label: string;
  /** The cornerstone image id of the recorded image (the mark shows on that slice only). */
  readonly imageId: string;
  readonly point: Triple;
  readonly frameOfReferenceUid: string;
  readonly viewPlaneNormal?: Triple;
  /** Half the recorded diameter (mm): the ring then goes around the lesion, not over it. */
  readonly radiusMm?: number;
}

/** A measurement annotation as kept in the browser, enough to add it back. */
export interface SavedDrawing {
  readonly uid: string;
  readonly tool: MeasurementTool;
  readonly imageId: string;
  readonly points: readonly Triple[];
  readonly frameOfReferenceUid: string;
  readonly viewPlaneNormal?: Triple;
  readonly viewUp?: Triple;
  /**
   * Its values as last computed on its image: cornerstone computes them again only when the
   * drawing is rendered on its slice, so the list shows these meanwhile (not on screen, another
   * slice, just added back after a reload).
   */
  readonly values?: readonly MeasurementValue[];
  readonly pixelCount?: number;
}

/** The plain annotation cornerstone keeps for a mark (locked: it follows the read, not the mouse). */
export function markAnnotation(spec: MarkSpec) {
  return {
    annotationUID: spec.uid,
    highlighted: false,
    invalidated: false,
    isLocked: true,
    isVisible: true,
    metadata: {
      toolName: LESION_MARK_TOOL,
      referencedImageId: spec.imageId,
      FrameOfReferenceUID: spec.frameOfReferenceUid,
      ...(spec.viewPlaneNormal && { viewPlaneNormal: [...spec.viewPlaneNormal] }),
    },
    data: {
      label: spec.label,
      ...(spec.radiusMm !== undefined && { radiusMm: spec.radiusMm }),
      handles: { points: [[...spec.point]] },
    },
  };
}

/** Whether an annotation in cornerstone's state still draws this mark (else it is replaced). */
export function sameMark(
  existing: { metadata?: { referencedImageId?: string }; data?: unknown },
  spec: MarkSpec,
): boolean {
  const data = existing.data as { label?: unknown; handles?: { points?: unknown[] } } | undefined;
  const point = data?.handles?.points?.[0];
  return (
    existing.metadata?.referencedImageId === spec.imageId &&
    data?.label === spec.label &&
    Array.isArray(point) &&
    point.every((v, i) => v === spec.point[i])
  );
}

/**
 * The annotation a measurement tool makes, for a saved drawing: its handles, an empty text box
 * and no stats, marked invalidated so the next render computes its values again.
 */
export function drawingAnnotation(drawing: SavedDrawing) {
  return {
    annotationUID: drawing.uid,
    highlighted: false,
    invalidated: true,
    isLocked: false,
    isVisible: true,
    metadata: {
      toolName: drawing.tool,
      referencedImageId: drawing.imageId,
      FrameOfReferenceUID: drawing.frameOfReferenceUid,
      ...(drawing.viewPlaneNormal && { viewPlaneNormal: [...drawing.viewPlaneNormal] }),
      ...(drawing.viewUp && { viewUp: [...drawing.viewUp] }),
    },
    data: {
      label: '',
      cachedStats: {},
      handles: {
        points: drawing.points.map((p) => [...p]),
        activeHandleIndex: null,
        textBox: {
          hasMoved: false,
          worldPosition: [0, 0, 0],
          worldBoundingBox: {
            topLeft: [0, 0, 0],
            topRight: [0, 0, 0],
            bottomLeft: [0, 0, 0],
            bottomRight: [0, 0, 0],
          },
        },
      },
    },
  };
}
