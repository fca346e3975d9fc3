/**
 * The stores the composition root makes (src/compose.ts `composeStores`), each over the storage
 * it is given: what is kept survives a new store over the same storage (a reload).
 */
import { describe, expect, it } from 'vitest';
import { createOverridesStore } from '../../src/store/overrides.ts';
import { createReaderStore } from '../../src/store/reads/reader.ts';
import { createWorklistStore } from '../../src/store/reads/worklist.ts';
import { MemoryReadRepository } from '../../src/store/reads/repository.ts';
import { DEFAULT_BINDINGS, createShortcutStore } from '../../src/store/shortcuts.ts';
import { addLesion, createRead, sealAudit, sign } from '../../src/domain/index.ts';
import { makeContext, sha256 } from '../domain/fixtures.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('stores made at the root', () => {
  it('the reader: trimmed, kept, and back after a reload; empty fields refused', () => {
    const storage = memoryStorage();
    const first = createReaderStore(storage);
    expect(first.store.get()).toBeUndefined();
    first.set({ id: ' R01 ', name: 'Dr Ito ' });
    expect(first.store.get()).toEqual({ id: 'R01', name: 'Dr Ito' });
    expect(createReaderStore(storage).store.get()).toEqual({ id: 'R01', name: 'Dr Ito' });
    expect(() => first.set({ id: ' ', name: 'x' })).toThrow();
    // Two stores over two storages do not share a reader (no module state).
    expect(createReaderStore(memoryStorage()).store.get()).toBeUndefined();
  });

  it('the corrections: a role and a timepoint set, kept, and undone', () => {
    const storage = memoryStorage();
    const first = createOverridesStore(storage);
    first.overrideRole('P1', 'series-1', 'T2');
    first.overrideTimepoint('P1', 'study-1', 'preop');
    const reloaded = createOverridesStore(storage);
    expect(reloaded.store.get()).toEqual({
      P1: { roles: { 'series-1': 'T2' }, timepoints: { 'study-1': 'preop' } },
    });
    reloaded.overrideRole('P1', 'series-1', undefined);
    expect(reloaded.store.get().P1?.roles).toEqual({});
  });

  it('the key bindings: saved, kept, reset to the defaults', () => {
    const storage = memoryStorage();
    const first = createShortcutStore(storage);
    expect(first.store.get()).toBe(DEFAULT_BINDINGS);
    first.save({ ...DEFAULT_BINDINGS, invert: ['v'] });
    expect(createShortcutStore(storage).store.get().invert).toEqual(['v']);
    first.reset();
    expect(first.store.get()).toBe(DEFAULT_BINDINGS);
    expect(createShortcutStore(storage).store.get().invert).toEqual(DEFAULT_BINDINGS.invert);
    // No storage (denied): the bindings hold for the session.
    const session = createShortcutStore(undefined);
    session.save({ ...DEFAULT_BINDINGS, invert: ['v'] });
    expect(session.store.get().invert).toEqual(['v']);
  });

  it('the worklist: the reader’s states from the repository it is given', async () => {
    const repository = new MemoryReadRepository();
    const ctx = { ...makeContext(), newId: () => crypto.randomUUID() };
    const reader = { id: 'R01', name: 'Dr Ito' };
    // Begun: a lesion registered (a draft never edited counts as not started).
    const draft = addLesion(createRead({ patientId: 'P1', reader }, ctx), { segment: 'VI' }, ctx);
    const signed = sign(
      createRead({ patientId: 'P2', reader }, ctx),
      { signerName: 'Dr Ito', meaning: 'Author' },
      ctx,
    );
    await repository.put(await sealAudit(draft, sha256), null);
    await repository.put(await sealAudit(signed, sha256), null);
    const worklist = createWorklistStore(() => repository);
    expect(worklist.store.get()).toEqual({});
    await worklist.refresh('R01');
    expect(worklist.store.get()).toEqual({ P1: 'in-progress', P2: 'signed' });
    await worklist.refresh('R02');
    expect(worklist.store.get()).toEqual({});
  });
});
