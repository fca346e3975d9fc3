/**
 * One frame per step. A key or wheel step shows its slice at once (the draw is flushed in the
 * same task, not left to the rendering engine's next animation frame, so it is on screen at the
 * next frame), at most one step per frame: steps that arrive while a frame's step is drawn or
 * still loading only move the target, and the latest target is shown next. Held keys therefore
 * coalesce to the latest slice instead of queueing one load and draw per key.
 */
import { untilSettled } from './sliceSettle';

export interface StepperHost {
  /** The slice shown now. */
  current(): number;
  /** Shows slice `index`; resolves once it is set (drawn, or queued to draw). */
  show(index: number): Promise<unknown>;
  /** Draws what `show` queued, now. */
  flush(): void;
  /** Runs `callback` at the next animation frame. */
  nextFrame(callback: () => void): void;
}

export class SliceStepper {
  private target: number | undefined;
  private busy = false;
  private drewThisFrame = false;

  constructor(private readonly host: StepperHost) {}

  /** The slice the viewport is going to (the latest asked for), or the one shown. */
  get wanted(): number {
    return this.target ?? this.host.current();
  }

  /** Goes to slice `index` (already clamped by the caller). */
  go(index: number): void {
    this.target = index;
    if (this.busy) return;
    if (this.drewThisFrame) {
      this.busy = true;
      this.host.nextFrame(() => {
        this.busy = false;
        this.drewThisFrame = false;
        this.next();
      });
      return;
    }
    this.next();
  }

  private next(): void {
    const index = this.target;
    if (index === undefined || index === this.host.current()) {
      this.target = undefined;
      return;
    }
    this.busy = true;
    this.drewThisFrame = true;
    this.host.nextFrame(() => (this.drewThisFrame = false));
    const done = () => {
      this.busy = false;
      this.host.flush();
      if (this.target === index) this.target = undefined;
      else this.go(this.target ?? index);
    };
    this.host.show(index).then(done, done);
  }
}

/** The part of a stack viewport the stepper uses. */
export interface SteppedViewport {
  readonly element: HTMLDivElement;
  getCurrentImageIdIndex(): number;
  getImageIds(): string[];
  setImageIdIndex(index: number): Promise<unknown>;
}

/**
 * The stepper of a stack viewport; `flush` draws the engine's pending viewports now. A step
 * another caller overtakes (a wheel, a synced scroll) settles too (src/viewer/sliceSettle.ts).
 */
export function viewportStepper(
  viewport: () => SteppedViewport | undefined,
  flush: () => void,
): SliceStepper {
  return new SliceStepper({
    current: () => viewport()?.getCurrentImageIdIndex() ?? 0,
    show: (index) => {
      const shown = viewport();
      if (!shown) return Promise.resolve();
      const imageId = shown.getImageIds()[index] ?? '';
      return untilSettled(shown.setImageIdIndex(index), shown.element, imageId);
    },
    flush,
    nextFrame: (callback) => requestAnimationFrame(callback),
  });
}
