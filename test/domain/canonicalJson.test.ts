import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonicalJson.ts';

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['sorted keys, no whitespace', { b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [
      'nested objects sorted too',
      { z: { y: 1, x: { b: 0, a: 0 } } },
      '{"z":{"x":{"a":0,"b":0},"y":1}}',
    ],
    ['arrays keep their order', [3, 1, 2], '[3,1,2]'],
    ['undefined members dropped', { a: undefined, b: 1 }, '{"b":1}'],
    ['empty containers', { a: {}, b: [] }, '{"a":{},"b":[]}'],
    ['keys by UTF-16 code unit', { a: 1, B: 2, é: 3, _: 4 }, '{"B":2,"_":4,"a":1,"é":3}'],
    ['strings escaped as JSON', { s: 'a"b\\c\n\u0001' }, '{"s":"a\\"b\\\\c\\n\\u0001"}'],
    ['negative zero is 0', -0, '0'],
    [
      'large numbers as ES writes them',
      [1e21, 1e-7, 0.000001, 123.45],
      '[1e+21,1e-7,0.000001,123.45]',
    ],
    ['top-level primitives', 'x', '"x"'],
    [
      'null prototype objects',
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      '{"a":2,"b":1}',
    ],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('does not depend on insertion order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(
      canonicalJson({ b: { d: 3, c: 2 }, a: 1 }),
    );
  });

  it('agrees with JSON.parse (it is valid JSON with the same content)', () => {
    const value = { lesion: { id: 'L1', d: [1.5, { q: 'r' }] }, n: null, t: true };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('allows a shared, non-cyclic reference', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each<[string, unknown]>([
    ['NaN', { a: Number.NaN }],
    ['Infinity', [Infinity]],
    ['undefined in an array', [1, undefined]],
    ['undefined at top level', undefined],
    ['bigint', { a: 1n }],
    ['function', { f: () => 1 }],
    ['symbol', { s: Symbol('s') }],
    ['cycle', cyclic],
    ['Date', { d: new Date(0) }],
    ['Map', new Map()],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
