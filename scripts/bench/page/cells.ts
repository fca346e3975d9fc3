/**
 * The bench page's reading cells and sessions: div cells of the app's size, the viewport specs
 * src/ui/ReadingScreen.tsx would build, a watch for every viewport's first draw, and a patient
 * opened into the 2x4 DLM protocol (scripts/bench/page/main.ts drives them).
 */
import { Enums, getEnabledElement } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import type { CatalogPatient } from '../../../src/dicom/catalog.ts';
import { hangOn, type Layout } from '../../../src/viewer/protocol.ts';
import { DLM_PROTOCOL } from '../../../src/viewer/protocols/index.ts';
import { readingCells, type CellChoices } from '../../../src/viewer/readingLayout.ts';
import {
  ReadingSession,
  type ReadingStatus,
  type ReadingViewportSpec,
} from '../../../src/viewer/readingSession.ts';
import { stackOf, valueKindOf } from '../../../src/viewer/readingSpecs.ts';

/** A reading cell of the app at 1400x1000: 2x4 cells are square, 2x2 ones capped in height. */
const CELL_SIZE: Record<'2x4' | '2x2', { width: number; height: number }> = {
  '2x4': { width: 264, height: 264 },
  '2x2': { width: 536, height: 372 },
};
const TIMEOUT_MS = 60_000;

/** Empty cells of the layout's size in a CSS grid, as ReadingScreen renders them. */
export function makeCells(
  grid: HTMLDivElement,
  layout: '2x4' | '2x2',
): Map<string, HTMLDivElement> {
  grid.replaceChildren();
  const [rows, columns] = layout.split('x').map(Number) as [number, number];
  const { width, height } = CELL_SIZE[layout];
  grid.style.gridTemplateColumns = `repeat(${columns}, ${width}px)`;
  const elements = new Map<string, HTMLDivElement>();
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const element = document.createElement('div');
      element.className = 'viewport';
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
      grid.append(element);
      elements.set(`vp-r${row}c${column}`, element);
    }
  }
  return elements;
}

/**
 * The session's specs for a patient, a layout and the reader's choices: the mapping of
 * src/ui/ReadingScreen.tsx (viewport id `vp-<cellId>`, the series' instance sources in catalogue
 * order, its stack geometry and value kind). `ids` can re-map the image ids (heap figure).
 */
export function specsFor(
  patient: CatalogPatient,
  layout: Layout,
  choices: CellChoices,
  elements: ReadonlyMap<string, HTMLDivElement>,
  ids: (source: string) => string = (source) => source,
): ReadingViewportSpec[] {
  return readingCells(patient, hangOn(patient, DLM_PROTOCOL), layout, choices).flatMap((cell) => {
    const viewportId = `vp-${cell.cellId}`;
    const element = elements.get(viewportId);
    if (!cell.series || !element) return [];
    return [
      {
        viewportId,
        element,
        seriesKey: cell.series.key,
        imageIds: cell.series.instances.map((i) => ids(i.source)),
        stack: stackOf(cell.series),
        row: cell.row,
        valueKind: valueKindOf(cell.series),
      },
    ];
  });
}

function stackViewport(element: HTMLDivElement): Types.IStackViewport | undefined {
  return getEnabledElement(element)?.viewport as Types.IStackViewport | undefined;
}

/**
 * Resolves with performance.now() at the moment every spec's viewport has both reported 'ready'
 * to the session's status listener and drawn (IMAGE_RENDERED) the image `wanted(spec)`.
 */
export class RenderWatch {
  private readonly ready = new Set<string>();
  private readonly drawn = new Set<string>();
  /** performance.now() when the last viewport first reported ready, and when the last drew. */
  lastReady = 0;
  lastDrawn = 0;
  private readonly detachers: (() => void)[] = [];
  private finish: ((at: number) => void) | undefined;
  private fail: ((error: Error) => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly errors: string[] = [];

  constructor(
    private readonly specs: readonly ReadingViewportSpec[],
    private readonly wanted: (spec: ReadingViewportSpec) => string | undefined,
  ) {
    for (const spec of specs) {
      const onRendered = (): void => {
        const image = stackViewport(spec.element)?.getCornerstoneImage();
        if (image && image.imageId === this.wanted(spec) && !this.drawn.has(spec.viewportId)) {
          this.lastDrawn = performance.now();
          this.drawn.add(spec.viewportId);
          this.check();
        }
      };
      spec.element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      this.detachers.push(() =>
        spec.element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered),
      );
    }
  }

  /** The session's status listener. */
  readonly onStatus = (viewportId: string, status: ReadingStatus): void => {
    if (status.state === 'ready' && !this.ready.has(viewportId)) {
      this.lastReady = performance.now();
      this.ready.add(viewportId);
    }
    if (status.state === 'error') this.errors.push(`${viewportId}: ${status.message}`);
    this.check();
  };

  /** Waits for every viewport (from now on: earlier draws of other images do not count). */
  wait(label: string): Promise<number> {
    this.drawn.clear();
    return new Promise<number>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
      this.timer = setTimeout(
        () =>
          reject(
            new Error(
              `${label}: ${this.drawn.size}/${this.specs.length} drawn, ` +
                `${this.ready.size} ready after ${TIMEOUT_MS} ms ${this.errors.join('; ')}`,
            ),
          ),
        TIMEOUT_MS,
      );
      this.check();
    });
  }

  private check(): void {
    if (!this.finish) return;
    if (this.errors.length > 0) {
      this.fail?.(new Error(`viewport errors: ${this.errors.join('; ')}`));
      this.stop();
      return;
    }
    const done = this.specs.every(
      (s) => this.ready.has(s.viewportId) && this.drawn.has(s.viewportId),
    );
    if (!done) return;
    const at = performance.now();
    const finish = this.finish;
    this.stop();
    finish(at);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.finish = undefined;
    this.fail = undefined;
  }

  detach(): void {
    this.stop();
    for (const detach of this.detachers) detach();
  }
}

export const middleImage = (spec: ReadingViewportSpec): string | undefined =>
  spec.imageIds[Math.floor(spec.imageIds.length / 2)];

/**
 * Opens a patient into the 2x4 DLM protocol with a new ReadingSession and waits until all its
 * viewports show their first (middle) image. Returns the time from session creation to that.
 */
export async function openIntoProtocol(
  grid: HTMLDivElement,
  patient: CatalogPatient,
  ids?: (source: string) => string,
): Promise<{ ms: number; showMs: number; readyMs: number; drawnMs: number; viewports: number }> {
  const elements = makeCells(grid, '2x4');
  const specs = specsFor(patient, '2x4', {}, elements, ids);
  const watch = new RenderWatch(specs, middleImage);
  const start = performance.now();
  const session = new ReadingSession(watch.onStatus, () => undefined);
  const done = watch.wait(`open ${patient.patientId}`);
  try {
    await session.show(specs);
    const showMs = performance.now() - start;
    const at = await done;
    return {
      ms: at - start,
      showMs,
      readyMs: watch.lastReady - start,
      drawnMs: watch.lastDrawn - start,
      viewports: specs.length,
    };
  } finally {
    watch.detach();
    session.dispose();
    grid.replaceChildren();
  }
}
