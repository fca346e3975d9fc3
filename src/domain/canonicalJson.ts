/**
 * Canonical JSON: one byte-exact text per value, so a hash over it is reproducible on any machine
 * and after an export/import round trip. Object keys are sorted by UTF-16 code units (as
 * RFC 8785 JCS does), no whitespace, numbers and strings as `JSON.stringify` writes them (which
 * for finite numbers is the ECMAScript shortest round-trip form, also what JCS prescribes).
 */

/**
 * Serialises a JSON-compatible value canonically. Object members whose value is `undefined` are
 * left out (as `JSON.stringify` does, so optional fields hash the same whether absent or
 * undefined). Anything that has no single JSON text is refused with a `TypeError`: non-finite
 * numbers, `undefined` inside arrays, bigint, functions, symbols, cycles, and non-plain objects
 * (Date, Map, class instances) whose JSON form would depend on `toJSON`.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set<object>(), '$');
}

function write(value: unknown, open: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      return writeObject(value, open, path);
    default:
      throw new TypeError(`${path}: ${typeof value} has no JSON form`);
  }
}

function writeObject(value: object, open: Set<object>, path: string): string {
  if (open.has(value)) throw new TypeError(`${path}: cycle`);
  open.add(value);
  try {
    if (Array.isArray(value)) {
      const items = (value as unknown[]).map((item, index) => {
        if (item === undefined) throw new TypeError(`${path}[${index}]: undefined in array`);
        return write(item, open, `${path}[${index}]`);
      });
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${path}: only plain objects are canonicalised`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key], open, `${path}.${key}`)}`);
    return `{${members.join(',')}}`;
  } finally {
    open.delete(value);
  }
}
