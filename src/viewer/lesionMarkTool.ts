/**
 * Draws lesion marks (./markAnnotations.ts): a ring at the recorded place and the lesion id
 * beside it, on the recorded image only. Display-only: marks follow the read, so they cannot be
 * dragged or deleted with the mouse; the read's commands move them.
 */
import type { Types } from '@cornerstonejs/core';
import {
  AnnotationDisplayTool,
  annotation as annotationApi,
  drawing,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { LESION_MARK_TOOL } from './markAnnotations';

const COLOUR = 'rgb(255, 200, 0)';
/** The smallest ring (a site point, or a lesion smaller than this on screen). */
const RING_PX = 10;
/** Room between a lesion's edge and its ring, so the ring never covers the lesion's margin. */
const MARGIN_PX = 4;

/** The ring's radius on the canvas: the lesion's radius in mm plus a margin, at least RING_PX. */
function ringPx(
  viewport: Types.IEnabledElement['viewport'],
  point: Types.Point3,
  radiusMm: unknown,
): number {
  if (typeof radiusMm !== 'number' || !(radiusMm > 0)) return RING_PX;
  const up = viewport.getCamera().viewUp ?? [0, -1, 0];
  const edge: Types.Point3 = [
    point[0] + up[0] * radiusMm,
    point[1] + up[1] * radiusMm,
    point[2] + up[2] * radiusMm,
  ];
  const [x0, y0] = viewport.worldToCanvas(point);
  const [x1, y1] = viewport.worldToCanvas(edge);
  return Math.max(RING_PX, Math.hypot(x1 - x0, y1 - y0) + MARGIN_PX);
}

export class LesionMarkTool extends AnnotationDisplayTool {
  static override toolName = LESION_MARK_TOOL;

  constructor(
    toolProps: ToolTypes.PublicToolProps = {},
    defaults: ToolTypes.ToolProps = { supportedInteractionTypes: [], configuration: {} },
  ) {
    super(toolProps, defaults);
  }

  renderAnnotation = (
    enabledElement: Types.IEnabledElement,
    svg: ToolTypes.SVGDrawingHelper,
  ): boolean => {
    const { viewport } = enabledElement;
    const all = annotationApi.state.getAnnotations(LESION_MARK_TOOL, viewport.element) ?? [];
    const shown = this.filterInteractableAnnotationsForElement(viewport.element, all);
    for (const mark of shown) {
      const uid = mark.annotationUID;
      const point = mark.data.handles?.points?.[0];
      const { label, radiusMm } = mark.data as { label?: unknown; radiusMm?: unknown };
      if (!uid || !point || typeof label !== 'string') continue;
      const [x, y] = viewport.worldToCanvas(point);
      const ring = ringPx(viewport, point, radiusMm);
      drawing.drawCircle(svg, uid, 'ring', [x, y], ring, { color: COLOUR, lineWidth: 2 });
      // The label sits off the ring's upper right, clear of the image under the ring.
      const off = ring * Math.SQRT1_2;
      drawing.drawTextBox(svg, uid, 'label', [label], [x + off + 2, y - off - 18], {
        color: COLOUR,
        background: 'rgba(0, 0, 0, 0.6)',
        padding: 0,
        fontSize: '15px',
      });
    }
    return shown.length > 0;
  };
}
