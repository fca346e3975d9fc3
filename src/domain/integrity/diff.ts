/**
 * The first place where two JSON values differ, as a path in the import's problem syntax
 * (`lesions[2].assessments.preop.modalities.CT.call`, `timepointAssignment["1.2.3"]`). Values are
 * compared as JSON: object key order and `undefined` members do not count.
 */
import { canonicalJson } from '../canonicalJson.ts';

/** Where two values part, and what each holds there (`undefined` = absent). */
export interface JsonDifference {
  readonly path: string;
  readonly actual: unknown;
  readonly expected: unknown;
}

/** A value as its JSON form (drops `undefined` members, brands, prototypes). */
export function asJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Appends a key or index to a path. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first difference (keys in sorted order, depth first) between `actual` and `expected`, or
 * `undefined` when they are the same JSON.
 */
export function firstDifference(
  actual: unknown,
  expected: unknown,
  path = '',
): JsonDifference | undefined {
  if (actual === undefined && expected === undefined) return undefined;
  if (actual === undefined || expected === undefined) return { path, actual, expected };
  if (canonicalJson(actual) === canonicalJson(expected)) return undefined;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const length = Math.max(actual.length, expected.length);
    for (let index = 0; index < length; index++) {
      const found = firstDifference(actual[index], expected[index], childPath(path, index));
      if (found) return found;
    }
    return undefined;
  }
  if (isRecord(actual) && isRecord(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
    for (const key of keys) {
      const found = firstDifference(actual[key], expected[key], childPath(path, key));
      if (found) return found;
    }
    return undefined;
  }
  return { path, actual, expected };
}

/** A value for a message: its JSON, shortened; `absent` for undefined. */
export function shown(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
