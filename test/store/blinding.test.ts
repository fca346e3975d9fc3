import { describe, expect, it } from 'vitest';
import { blindingRequested, createBlindingStore } from '../../src/store/blinding';

describe('blindingRequested', () => {
  it.each([
    ['?blind=1', true],
    ['?blind=true', true],
    ['?blind=on', true],
    ['?blind', true],
    ['?patient=DREAM-001&blind=1&lesion=L2', true],
    ['?blind=0', false],
    ['?blind=off', false],
    ['?blinded=1', false],
    ['', false],
  ])('%s -> %s', (search, on) => {
    expect(blindingRequested(search)).toBe(on);
  });
});

describe('createBlindingStore', () => {
  it('follows the study file when the address does not ask, and tells its listeners', () => {
    const store = createBlindingStore(false);
    const seen: boolean[] = [];
    store.subscribe(() => seen.push(store.get().enabled));
    expect(store.get().enabled).toBe(false);
    store.setBlinding(true);
    store.setBlinding(true);
    store.setBlinding(false);
    expect(seen).toEqual([true, false]);
  });

  it('stays on when the address asked for it, whatever the study file says', () => {
    const store = createBlindingStore(true);
    expect(store.get().enabled).toBe(true);
    store.setBlinding(false);
    expect(store.get().enabled).toBe(true);
  });
});
