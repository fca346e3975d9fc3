/**
 * The order in which a series is fetched after its first image: middle-out from the slice shown,
 * the reader's own direction first. Pure, so it is tested in Node.
 */

/**
 * Slice indices to fetch, nearest first, at most `limit` of them, `current` excluded (it is
 * already shown). While the reader steps in `direction` (+1 or -1), slices ahead count as half
 * as far as those behind, so the next steps are always fetched before the ones left behind;
 * standing still (`direction` 0) it alternates, the following slice before the preceding one.
 */
export function prefetchOrder(
  count: number,
  current: number,
  direction: -1 | 0 | 1,
  limit = count,
): number[] {
  const order: number[] = [];
  const ahead = direction === 0 ? 1 : direction;
  // Two cursors walking out from `current`: `a` ahead, `b` behind.
  let a = current + ahead;
  let b = current - ahead;
  const inRange = (i: number) => i >= 0 && i < count;
  const weight = direction === 0 ? 1 : 2;
  while (order.length < limit && (inRange(a) || inRange(b))) {
    const aheadCost = inRange(a) ? Math.abs(a - current) : Infinity;
    const behindCost = inRange(b) ? Math.abs(b - current) * weight : Infinity;
    if (aheadCost <= behindCost) {
      order.push(a);
      a += ahead;
    } else {
      order.push(b);
      b -= ahead;
    }
  }
  return order;
}

export interface SeriesSize {
  count: number;
  /** Bytes of one decoded image (0 when not known yet). */
  bytesPerImage: number;
}

/**
 * How many images of each series in view the cache may take for prefetching: 90% of the cache
 * ceiling (the rest is headroom for the images being stepped to), shared by water-filling, so a
 * small series takes all it needs and leaves the rest to the large ones. At least 1 image each;
 * a series of unknown image size gets all its images.
 */
export function prefetchBudgets(cacheBytes: number, series: readonly SeriesSize[]): number[] {
  const budgets = series.map((s) => s.count);
  const sized = series
    .map((s, i) => ({ i, bytes: s.bytesPerImage, total: s.count * s.bytesPerImage }))
    .filter((s) => s.bytes > 0)
    .sort((a, b) => a.total - b.total);
  let room = cacheBytes * 0.9;
  sized.forEach((s, k) => {
    const take = Math.min(s.total, room / (sized.length - k));
    room -= take;
    budgets[s.i] = Math.max(1, Math.min(series[s.i]?.count ?? 0, Math.floor(take / s.bytes)));
  });
  return budgets;
}
