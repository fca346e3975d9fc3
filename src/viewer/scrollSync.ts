/**
 * Scroll sync of a reading session: when a viewport shows a new slice, which others follow and
 * to which slice. Same frame of reference: by position; a reader's Link: by its offset (it beats
 * everything else, the manual override); other exams: through the exams' registration, the plane
 * centre mapped into their frame (src/domain/registration/sliceMap.ts), while the workspace's
 * frame map has a trusted transform (none while it runs, or for a poor or failed alignment, when
 * only Link ties exams). A follower's own new-image event does not propagate back.
 */
import { registeredSlice, type Mat4 } from '../domain/registration';
import { ScrollLinks } from './readingSync';
import type { Stack } from './sliceSync';

/** The transform from one frame of reference into another, when the registration trusts it. */
export type FrameMap = (fromFrame: string, toFrame: string) => Mat4 | undefined;

/** A ready viewport as the sync sees it. */
export interface SyncViewport {
  readonly stack: Stack;
  current(): number;
  go(index: number): void;
}

export class ScrollSync {
  private readonly links = new ScrollLinks();
  /** Viewport id -> index a sync asked for; its own new-image event must not propagate back. */
  private readonly driven = new Map<string, number>();
  private frames: FrameMap | undefined;

  /** Where other frames of reference lie (the workspace's view of the registration). */
  setFrameMap(frames: FrameMap | undefined): void {
    this.frames = frames;
  }

  link(a: string, aIndex: number, b: string, bIndex: number): void {
    this.links.link(a, aIndex, b, bIndex);
  }

  unlink(viewportId: string): void {
    this.links.unlink(viewportId);
  }

  isLinked(viewportId: string): boolean {
    return this.links.isLinked(viewportId);
  }

  /** A viewport that goes away, or gets another series: no links, no pending follow. */
  forget(viewportId: string): void {
    this.links.unlink(viewportId);
    this.driven.delete(viewportId);
  }

  /** A move that must not drag the others (a lesion focus moves each viewport itself). */
  drive(viewportId: string, index: number): void {
    this.driven.set(viewportId, index);
  }

  /** `viewportId` shows slice `index` now: moves the viewports that follow it. */
  moved(viewportId: string, index: number, viewports: ReadonlyMap<string, SyncViewport>): void {
    const driven = this.driven.get(viewportId);
    this.driven.delete(viewportId);
    if (driven === index) return;
    const stacks = new Map([...viewports].map(([id, v]) => [id, v.stack]));
    for (const [id, target] of this.links.followers(stacks, viewportId, index, this.registered)) {
      const follower = viewports.get(id);
      if (!follower || follower.current() === target) continue;
      this.driven.set(id, target);
      follower.go(target);
    }
  }

  private readonly registered = (from: Stack, to: Stack, index: number): number | undefined => {
    const [a, b] = [from.frameOfReferenceUid, to.frameOfReferenceUid];
    const m = a && b && a !== b ? this.frames?.(a, b) : undefined;
    return m ? registeredSlice(from, index, to, m) : undefined;
  };
}
