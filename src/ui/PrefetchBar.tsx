import { useCallback, useSyncExternalStore } from 'react';
import type { PrefetchProgress } from '../viewer/readingSession';

/** Where a viewport's prefetch progress comes from (ReadingSession.prefetchProgress). */
export interface PrefetchSource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly get: (viewportId: string) => PrefetchProgress | undefined;
}

/**
 * A thin line along the bottom of a viewport while the rest of its series is fetched; gone once
 * the series (or its share of the image cache) is in memory. Decorative: the overlays it sits in
 * are hidden from screen readers.
 */
export function PrefetchBar({
  source,
  viewportId,
}: {
  source: PrefetchSource;
  viewportId: string;
}) {
  const get = useCallback(() => source.get(viewportId), [source, viewportId]);
  const progress = useSyncExternalStore(source.subscribe, get);
  if (!progress || progress.loaded >= progress.total) return null;
  return (
    <div
      className="prefetch-bar"
      data-testid="prefetch-bar"
      data-loaded={progress.loaded}
      data-total={progress.total}
      style={{ width: `${(100 * progress.loaded) / progress.total}%` }}
    />
  );
}
