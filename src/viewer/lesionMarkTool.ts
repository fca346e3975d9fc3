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
const RING_PX = 7;

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
      const label = (mark.data as { label?: unknown }).label;
      if (!uid || !point || typeof label !== 'string') continue;
      const [x, y] = viewport.worldToCanvas(point);
      drawing.drawCircle(svg, uid, 'ring', [x, y], RING_PX, { color: COLOUR, lineWidth: 2 });
      drawing.drawTextBox(svg, uid, 'label', [label], [x + RING_PX, y - 3 * RING_PX], {
        color: COLOUR,
        background: 'rgba(0, 0, 0, 0.6)',
        padding: 0,
        fontSize: '15px',
      });
    }
    return shown.length > 0;
  };
}
