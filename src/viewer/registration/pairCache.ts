/**
 * Registration results kept per pair of series (docs/registration.md), so that opening a
 * patient again (a reload, a new tab, the next day) does not run elastix again; the browser's
 * copy is src/store/workspace/registrationCache.ts, one row per pair keyed by `pairCacheKey`. The key holds both series' UIDs and instance counts and the version of the
 * registration (REGISTRATION_VERSION and a hash of elastix's parameter map), so a change to the
 * method or a series that gained slices is registered afresh. elastix runs with a fixed seed:
 * the same pair gives the same result, which is what makes a stored one as good as a new one.
 */
import type { CatalogSeries } from '../../dicom/catalog';
import { rigidParameterMap, type PairResult } from './rigidElastix';

/**
 * Raise when the volumes (src/domain/registration/volume.ts), the quality check
 * (rigidElastix.ts) or the meaning of a PairResult changes; parameter changes count by themselves.
 */
export const REGISTRATION_VERSION = 1;

/** FNV-1a, 32 bits, as 8 hex digits: a short stable digest of the parameter map. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The version part of every key: the method's version and its parameters. */
export function registrationVersion(): string {
  const map = rigidParameterMap();
  const text = JSON.stringify(
    Object.keys(map)
      .sort()
      .map((k) => [k, map[k]]),
  );
  return `v${REGISTRATION_VERSION}-${fnv1a(text)}`;
}

/** The cache key of registering `moving` onto `fixed` with the current method. */
export function pairCacheKey(fixed: CatalogSeries, moving: CatalogSeries): string {
  const part = (s: CatalogSeries) => `${s.key}#${s.instances.length}`;
  return `${registrationVersion()}|${part(fixed)}>${part(moving)}`;
}

export interface PairCache {
  get(key: string): Promise<PairResult | undefined>;
  put(key: string, result: PairResult): Promise<void>;
}

/** Keeps nothing (the default when no cache is given). */
export const NO_PAIR_CACHE: PairCache = {
  get: () => Promise.resolve(undefined),
  put: () => Promise.resolve(),
};

/** In memory (tests; two registrars over one cache stand for a reload). */
export class MemoryPairCache implements PairCache {
  private readonly rows = new Map<string, string>();

  get(key: string): Promise<PairResult | undefined> {
    const text = this.rows.get(key);
    return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as PairResult));
  }

  put(key: string, result: PairResult): Promise<void> {
    this.rows.set(key, JSON.stringify(result));
    return Promise.resolve();
  }

  get size(): number {
    return this.rows.size;
  }
}
