/**
 * The reading grid's first images go first (docs/startup.md, "DWI"). Until every viewport of
 * acquired images shows its first image (or failed to), two kinds of work wait:
 *
 * - viewports of a derived series: a computed ADC map loads every DWI image of the fit's b-values
 *   and fits them in a worker (src/viewer/computedAdcImages.ts);
 * - series thumbnails (src/viewer/thumbnail.ts): one image each, and the computed map's thumbnail
 *   is the whole map.
 *
 * Started together, their frame requests and decodes (one decode worker here) queue beside the
 * grid's one request per viewport, and the first lit viewport waits for them.
 */
import { COMPUTED_ADC_SCHEME } from '../dicom/computedAdc';

/** Whether a viewport's images are computed in the browser rather than fetched. */
export function isDerivedSeries(imageIds: readonly string[]): boolean {
  const first = imageIds[0];
  return first !== undefined && first.startsWith(`${COMPUTED_ADC_SCHEME}:`);
}

/** Which reading sessions still wait for an acquired viewport's first image, page-wide. */
export class FirstImages {
  private readonly busy = new Set<object>();
  private waiting: (() => void)[] = [];

  /** `session` waits (or no longer waits) for an acquired viewport's first image. */
  set(session: object, busy: boolean): void {
    if (busy) {
      this.busy.add(session);
      return;
    }
    this.busy.delete(session);
    if (this.busy.size > 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const release of waiting) release();
  }

  /**
   * Resolves once no session waits for an acquired first image. It looks a task later, so a grid
   * shown by the same render (a thumbnail's effect runs before its screen's) has said so first.
   */
  async shown(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (this.busy.size === 0) return;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}

/** The page's: reading sessions report to it, derived loads and thumbnails wait on it. */
export const firstImages = new FirstImages();
