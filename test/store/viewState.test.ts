import { describe, expect, it } from 'vitest';
import { loadViewState, parseViewState, saveViewState } from '../../src/store/viewState.ts';

const good = { layout: '2x4', activeCell: 'r0c1', choices: { r0c0: '1.2.3' }, slices: { r0c0: 4 } };

describe('parseViewState', () => {
  it.each<[string, string | null, unknown]>([
    ['absent', null, undefined],
    ['not JSON', '{', undefined],
    ['not an object', '3', undefined],
    ['null', 'null', undefined],
    ['layout missing', JSON.stringify({ ...good, layout: undefined }), undefined],
    ['a choice not a string', JSON.stringify({ ...good, choices: { r0c0: 1 } }), undefined],
    ['a negative slice', JSON.stringify({ ...good, slices: { r0c0: -1 } }), undefined],
    ['a fractional slice', JSON.stringify({ ...good, slices: { r0c0: 1.5 } }), undefined],
    ['slices an array', JSON.stringify({ ...good, slices: [1] }), undefined],
    ['valid', JSON.stringify(good), good],
  ])('%s', (_name, text, expected) => {
    expect(parseViewState(text)).toEqual(expected);
  });
});

describe('load and save', () => {
  it('round-trips per patient and ignores storage failures', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    } as Storage;
    saveViewState('P1', good, storage);
    expect(loadViewState('P1', storage)).toEqual(good);
    expect(loadViewState('P2', storage)).toBeUndefined();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    } as unknown as Storage;
    expect(() => saveViewState('P1', good, broken)).not.toThrow();
    expect(loadViewState('P1', broken)).toBeUndefined();
  });
});
