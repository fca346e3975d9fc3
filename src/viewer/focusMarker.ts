/**
 * A crosshair at a lesion's place in a viewport (the registered place in other exams): an SVG
 * laid over the viewport, moved with every render (zoom, pan, scroll) and shown only on the slice
 * that holds the point. The crosshair leaves a gap at its centre so it never hides the lesion.
 */
import { Enums, getRenderingEngine, metaData, type Types } from '@cornerstonejs/core';

const SVG_NS = 'http://www.w3.org/2000/svg';
const SIZE = 36;
const GAP = 7;

interface Mark {
  readonly element: HTMLDivElement;
  readonly svg: SVGSVGElement;
  readonly update: () => void;
}

function crosshair(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(SIZE));
  svg.setAttribute('height', String(SIZE));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'focus-marker');
  svg.style.cssText =
    'position:absolute;left:0;top:0;pointer-events:none;z-index:2;overflow:visible';
  const c = SIZE / 2;
  const lines = [
    [0, c, c - GAP, c],
    [c + GAP, c, SIZE, c],
    [c, 0, c, c - GAP],
    [c, c + GAP, c, SIZE],
  ];
  for (const [x1, y1, x2, y2] of lines) {
    for (const [stroke, width] of [
      ['#000', 4],
      ['#ffd400', 2],
    ] as const) {
      const line = document.createElementNS(SVG_NS, 'line');
      Object.entries({ x1, y1, x2, y2, stroke, 'stroke-width': width }).forEach(([k, v]) =>
        line.setAttribute(k, String(v)),
      );
      svg.appendChild(line);
    }
  }
  return svg;
}

/** Whether the viewport's current image plane holds the point (within half a slice step). */
function onSlice(viewport: object, point: Types.Point3): boolean {
  // The reading grid's viewports are stack viewports, which know their current image.
  const current = (viewport as { getCurrentImageId?: () => string }).getCurrentImageId?.();
  const plane = metaData.get('imagePlaneModule', current ?? '') as
    | {
        imagePositionPatient?: number[];
        rowCosines?: number[];
        columnCosines?: number[];
        sliceThickness?: number;
        spacingBetweenSlices?: number;
      }
    | undefined;
  const [o, r, c] = [plane?.imagePositionPatient, plane?.rowCosines, plane?.columnCosines];
  if (!o || !r || !c) return true;
  const n = [
    r[1]! * c[2]! - r[2]! * c[1]!,
    r[2]! * c[0]! - r[0]! * c[2]!,
    r[0]! * c[1]! - r[1]! * c[0]!,
  ];
  const d = Math.abs(n.reduce((s, v, i) => s + v * (point[i]! - o[i]!), 0));
  const step = plane?.spacingBetweenSlices ?? plane?.sliceThickness ?? 5;
  return d <= step / 2 + 0.5;
}

/** The crosshairs of one reading session's viewports. */
export class FocusMarkers {
  private readonly marks = new Map<string, Mark>();

  constructor(private readonly engineId: string) {}

  markAt(viewportId: string, point: Types.Point3 | undefined): void {
    this.clear(viewportId);
    if (!point) return;
    const viewport = getRenderingEngine(this.engineId)?.getViewport(viewportId);
    if (!viewport) return;
    const element = viewport.element;
    const host = element.querySelector<HTMLDivElement>('.viewport-element') ?? element;
    const svg = crosshair();
    svg.dataset.viewport = viewportId;
    const update = () => {
      // Until the stack's first image is shown the CPU path cannot map the point (docs/stack.md §6).
      if (viewport.getImageData() === undefined) {
        svg.style.display = 'none';
        return;
      }
      const [x, y] = viewport.worldToCanvas(point);
      const shown = onSlice(viewport, point);
      svg.style.transform = `translate(${x - SIZE / 2}px, ${y - SIZE / 2}px)`;
      svg.style.display = shown ? '' : 'none';
      svg.dataset.onSlice = String(shown);
    };
    host.appendChild(svg);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, update);
    this.marks.set(viewportId, { element, svg, update });
    update();
  }

  dispose(): void {
    for (const id of [...this.marks.keys()]) this.clear(id);
  }

  private clear(viewportId: string): void {
    const mark = this.marks.get(viewportId);
    if (!mark) return;
    mark.element.removeEventListener(Enums.Events.IMAGE_RENDERED, mark.update);
    mark.svg.remove();
    this.marks.delete(viewportId);
  }
}
