/**
 * The reading session's own annotations in cornerstone's (page-wide) annotation state: the
 * lesion marks of the read, kept equal to what the workspace asks for, and the measurement
 * drawings of the read open now (others cleared, the read's own added back from the browser).
 * New and removed drawings reach the measurement list through the annotation events
 * (./measurementWatcher.ts).
 */
import {
  annotation as annotationApi,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import {
  LESION_MARK_TOOL,
  drawingAnnotation,
  markAnnotation,
  sameMark,
  type MarkSpec,
  type SavedDrawing,
} from './markAnnotations';
import { MEASUREMENT_TOOLS, type MeasurementTool } from './measurements';

/** A mark as cornerstone holds it (for the browser tests' hook). */
export interface ShownMark {
  readonly uid: string;
  readonly label: string;
  readonly imageId: string;
}

/** A measurement drawing as cornerstone holds it (for the browser tests' hook). */
export interface ShownDrawing {
  readonly uid: string;
  readonly tool: MeasurementTool;
  readonly imageId: string;
}

type AnyAnnotation = ToolTypes.Annotation;

const isMeasurementTool = (name: unknown): name is MeasurementTool =>
  (MEASUREMENT_TOOLS as readonly unknown[]).includes(name);

/** The measurement drawings in cornerstone's page-wide state, whoever made them. */
function drawingsInState(): ShownDrawing[] {
  return annotationApi.state.getAllAnnotations().flatMap((item) => {
    const tool = item.metadata?.toolName;
    const imageId = item.metadata?.referencedImageId ?? '';
    if (!isMeasurementTool(tool) || !item.annotationUID) return [];
    return [{ uid: item.annotationUID, tool, imageId }];
  });
}

export class ReadingAnnotations {
  /** Uids of the marks this session added. */
  private readonly marks = new Set<string>();

  constructor(private readonly viewportIds: () => string[]) {}

  /** Makes the marks in cornerstone's state exactly `specs` (added, replaced or removed). */
  setMarks(specs: readonly MarkSpec[]): void {
    const wanted = new Map(specs.map((spec) => [spec.uid, spec]));
    for (const uid of [...this.marks]) {
      const spec = wanted.get(uid);
      const existing = annotationApi.state.getAnnotation(uid);
      if (spec && existing && sameMark(existing, spec)) continue;
      if (existing) annotationApi.state.removeAnnotation(uid);
      this.marks.delete(uid);
    }
    for (const spec of specs) {
      if (this.marks.has(spec.uid)) continue;
      annotationApi.state.addAnnotation(
        markAnnotation(spec) as unknown as AnyAnnotation,
        spec.frameOfReferenceUid,
      );
      this.marks.add(spec.uid);
    }
    this.render();
  }

  /**
   * Removes every measurement drawing from cornerstone's state. The state is page-wide, so a
   * drawing of another read (the previous reader's, a closed patient's) would otherwise stay on
   * the images and catch clicks; the workspace clears them before it adds the read's own back.
   */
  clearDrawings(): void {
    for (const shown of drawingsInState()) annotationApi.state.removeAnnotation(shown.uid);
    this.render();
  }

  /** Adds saved drawings back (those already in the state are left as they are). */
  restoreDrawings(drawings: readonly SavedDrawing[]): void {
    for (const drawing of drawings) {
      if (annotationApi.state.getAnnotation(drawing.uid)) continue;
      annotationApi.state.addAnnotation(
        drawingAnnotation(drawing) as unknown as AnyAnnotation,
        drawing.frameOfReferenceUid,
      );
    }
    this.render();
  }

  /** Removes a drawing (an undone one). */
  removeDrawing(uid: string): void {
    annotationApi.state.removeAnnotation(uid);
    this.render();
  }

  /** The marks in cornerstone's state now. */
  shownMarks(): ShownMark[] {
    return annotationApi.state.getAllAnnotations().flatMap((item) => {
      const label = (item.data as { label?: unknown }).label;
      const imageId = item.metadata?.referencedImageId;
      if (item.metadata?.toolName !== LESION_MARK_TOOL || !item.annotationUID) return [];
      if (typeof label !== 'string' || !imageId) return [];
      return [{ uid: item.annotationUID, label, imageId }];
    });
  }

  /** The measurement drawings in cornerstone's state now. */
  shownDrawings(): ShownDrawing[] {
    return drawingsInState();
  }

  /** Takes this session's marks away (another viewer will draw its own). */
  clearMarks(): void {
    for (const uid of this.marks) annotationApi.state.removeAnnotation(uid);
    this.marks.clear();
  }

  private render(): void {
    const ids = this.viewportIds();
    if (ids.length > 0) toolUtilities.triggerAnnotationRenderForViewportIds(ids);
  }
}
