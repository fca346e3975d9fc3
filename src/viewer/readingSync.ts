/**
 * Which viewports follow a scroll, and to which slice (pure). Viewports in one frame of reference
 * follow by patient position; the reader links viewports of different frames at a slice pair;
 * without a link, other frames follow through `otherFrame` (the registration, scrollSync.ts).
 * Following is transitive: a linked baseline CT drags the pre-op CT, which drags the pre-op CT
 * series of its own frame.
 */
import { syncedSlice, type SliceLink, type Stack } from './sliceSync';

interface Link {
  a: string;
  b: string;
  aIndex: number;
  bIndex: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class ScrollLinks {
  private readonly links = new Map<string, Link>();

  /** Links `a` at slice `aIndex` with `b` at `bIndex`; replaces an earlier link of the pair. */
  link(a: string, aIndex: number, b: string, bIndex: number): void {
    if (a === b) return;
    this.links.set(pairKey(a, b), { a, b, aIndex, bIndex });
  }

  /** Removes every link of `viewportId`. */
  unlink(viewportId: string): void {
    for (const [key, link] of this.links) {
      if (link.a === viewportId || link.b === viewportId) this.links.delete(key);
    }
  }

  isLinked(viewportId: string): boolean {
    return [...this.links.values()].some((l) => l.a === viewportId || l.b === viewportId);
  }

  /** The link from `source` to `target`, oriented for syncedSlice. */
  between(source: string, target: string): SliceLink | undefined {
    const link = this.links.get(pairKey(source, target));
    if (!link) return undefined;
    return link.a === source
      ? { sourceIndex: link.aIndex, targetIndex: link.bIndex }
      : { sourceIndex: link.bIndex, targetIndex: link.aIndex };
  }

  /**
   * The slice every other viewport should show when `source` shows `index` (breadth first, so a
   * viewport follows its nearest leader). Viewports that do not follow are absent. A link or a
   * shared frame of reference comes first; `otherFrame` answers for unlinked other frames.
   */
  followers(
    stacks: ReadonlyMap<string, Stack>,
    source: string,
    index: number,
    otherFrame?: (from: Stack, to: Stack, index: number) => number | undefined,
  ): Map<string, number> {
    const result = new Map<string, number>();
    const queue: [string, number][] = [[source, index]];
    const seen = new Set([source]);
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [from, at] = next;
      const fromStack = stacks.get(from);
      if (!fromStack) continue;
      for (const [id, stack] of stacks) {
        if (seen.has(id)) continue;
        const link = this.between(from, id);
        const target =
          syncedSlice(fromStack, stack, at, link) ??
          (link ? undefined : otherFrame?.(fromStack, stack, at));
        if (target === undefined) continue;
        seen.add(id);
        result.set(id, target);
        queue.push([id, target]);
      }
    }
    return result;
  }
}
