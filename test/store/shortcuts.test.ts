import { describe, expect, it } from 'vitest';
import {
  COMMAND_IDS,
  COMMANDS,
  DEFAULT_BINDINGS,
  commandOf,
  findConflicts,
  keyAction,
  keyLabel,
  keyOfEvent,
  normalizeKey,
  parseShortcuts,
  rebind,
  serializeBindings,
  type Bindings,
  type KeyLike,
} from '../../src/store/shortcuts';

const stored = (keys: unknown, version: unknown = 1) => JSON.stringify({ version, keys });

describe('the default map', () => {
  it('has every command once, and no conflicts', () => {
    expect(COMMANDS.map((c) => c.id)).toEqual([...COMMAND_IDS]);
    expect(findConflicts(DEFAULT_BINDINGS)).toEqual([]);
  });
  it('records the newest measurement with Ctrl+Enter, wherever the focus is', () => {
    const event = { key: 'Enter', ctrlKey: true };
    expect(commandOf(DEFAULT_BINDINGS, event, ['global'])).toBe('record');
    expect(commandOf(DEFAULT_BINDINGS, { key: 'Enter' }, ['global'])).toBeUndefined();
  });
  it('keys are in the map notation already', () => {
    for (const key of Object.values(DEFAULT_BINDINGS).flat()) expect(normalizeKey(key)).toBe(key);
  });
});

describe('keyOfEvent', () => {
  it.each<[KeyLike, string | undefined]>([
    [{ key: 'p' }, 'p'],
    [{ key: 'P', shiftKey: true }, 'p'],
    [{ key: '?', shiftKey: true }, '?'],
    [{ key: 'z', ctrlKey: true }, 'Ctrl+z'],
    [{ key: 'Z', ctrlKey: true, shiftKey: true }, 'Ctrl+Shift+z'],
    [{ key: 'F6' }, 'F6'],
    [{ key: 'F6', shiftKey: true }, 'Shift+F6'],
    [{ key: 'ArrowUp', altKey: true }, 'Alt+ArrowUp'],
    [{ key: 'Shift', shiftKey: true }, undefined],
    [{ key: 'Control', ctrlKey: true }, undefined],
    [{ key: 'Dead' }, 'Dead'],
  ])('%o -> %s', (event, key) => {
    expect(keyOfEvent(event)).toBe(key);
  });
});

describe('normalizeKey', () => {
  it.each<[string, string | undefined]>([
    ['p', 'p'],
    ['P', 'p'],
    ['ctrl+Z', 'Ctrl+z'],
    ['shift+ctrl+z', 'Ctrl+Shift+z'],
    ['Shift+a', 'a'],
    ['pagedown', 'PageDown'],
    ['f6', 'F6'],
    ['Space', ' '],
    ['Ctrl++', 'Ctrl++'],
    ['+', '+'],
    ['Hyper+x', undefined],
    ['Ctrl+Ctrl+x', undefined],
    ['', undefined],
    ['Ctrl+', undefined],
    ['not a key', undefined],
  ])('%j -> %j', (text, key) => {
    expect(normalizeKey(text)).toBe(key);
  });
});

describe('commandOf', () => {
  it.each<[KeyLike, readonly ('viewer' | 'matrix' | 'global')[], string | undefined]>([
    [{ key: 'p' }, ['viewer'], 'toolProbe'],
    [{ key: 'p' }, ['matrix'], 'callPresent'],
    [{ key: 'p' }, ['global'], undefined],
    [{ key: '4' }, ['matrix'], 'segment4'],
    [{ key: 'a' }, ['global'], 'addLesion'],
    [{ key: 'y', ctrlKey: true }, ['global'], 'redo'],
    [{ key: 'p', ctrlKey: true }, ['matrix'], undefined],
  ])('%o in %j -> %s', (event, scopes, command) => {
    expect(commandOf(DEFAULT_BINDINGS, event, scopes)).toBe(command);
  });
});

describe('rebind', () => {
  it.each<[Parameters<typeof rebind>[1], string, object]>([
    ['addLesion', 'q', { ok: true }],
    ['addLesion', 'Ctrl+Q', { ok: true }],
    // the viewer's P (probe) and the matrix's P (present) do not meet; a global key meets both
    ['callPresent', 'o', { ok: true }],
    ['addLesion', 'p', { ok: false, refusal: { kind: 'conflict', with: 'toolProbe' } }],
    ['callPresent', 'd', { ok: false, refusal: { kind: 'conflict', with: 'callDisappeared' } }],
    ['toolProbe', 'j', { ok: false, refusal: { kind: 'conflict', with: 'nextLesion' } }],
    ['toolProbe', 'd', { ok: true }],
    ['sign', 'Enter', { ok: false, refusal: { kind: 'reserved' } }],
    ['sign', 'Tab', { ok: false, refusal: { kind: 'reserved' } }],
    ['callPresent', 'ArrowDown', { ok: false, refusal: { kind: 'fixed' } }],
    ['nextLesion', 'Home', { ok: false, refusal: { kind: 'fixed' } }],
    ['sign', 'Hyper+s', { ok: false, refusal: { kind: 'invalid' } }],
  ])('%s to %s', (id, key, expected) => {
    const result = rebind(DEFAULT_BINDINGS, id, key);
    expect(result).toMatchObject(expected);
    if (result.ok) {
      expect(result.bindings[id]).toEqual([normalizeKey(key)]);
      expect(findConflicts(result.bindings)).toEqual([]);
    }
  });
  it('the viewer may still take an arrow key from another viewer command', () => {
    const result = rebind(DEFAULT_BINDINGS, 'pageOn', 'ArrowDown');
    expect(result).toMatchObject({ ok: false, refusal: { kind: 'conflict', with: 'scrollNext' } });
  });
});

describe('parseShortcuts (kept across sessions)', () => {
  const changed: Bindings = { ...DEFAULT_BINDINGS, addLesion: ['q'], redo: ['Ctrl+y'] };
  it.each<[string, string | null, Partial<Bindings>, RegExp[]]>([
    ['nothing stored', null, {}, []],
    ['an empty string', '', {}, []],
    ['a round trip', serializeBindings(changed), { addLesion: ['q'], redo: ['Ctrl+y'] }, []],
    ['not JSON', '{oops', {}, [/not JSON/]],
    ['an array', '[]', {}, [/not an object/]],
    ['another version', stored({ addLesion: ['q'] }, 2), {}, [/version 2/]],
    ['keys not an object', stored(['q']), {}, [/keys: not an object/]],
    [
      'an unknown command',
      stored({ fly: ['f'], addLesion: ['q'] }),
      { addLesion: ['q'] },
      [/fly: unknown/],
    ],
    ['keys not a list', stored({ addLesion: 'q' }), {}, [/addLesion: not a list/]],
    ['a number as a key', stored({ addLesion: [1] }), {}, [/addLesion: not a list/]],
    ['a bad key', stored({ addLesion: ['Hyper+q'] }), {}, [/"Hyper\+q" is not a key/]],
    ['a reserved key', stored({ sign: ['Enter'] }), {}, [/sign: "Enter" is reserved/]],
    ['a matrix move', stored({ callPresent: ['ArrowUp'] }), {}, [/callPresent: "ArrowUp" moves/]],
    ['keys normalized', stored({ undo: ['ctrl+U'] }), { undo: ['Ctrl+u'] }, []],
    ['a duplicate dropped', stored({ sign: ['g', 'G'] }), { sign: ['g'] }, []],
    ['unbound', stored({ cine: [] }), { cine: [] }, []],
    [
      'a change that takes a default key',
      stored({ addLesion: ['s'] }),
      {},
      [/addLesion: "s" is also the key of sign/],
    ],
    [
      'two changes with one key: the later goes',
      stored({ addLesion: ['q'], sign: ['q'] }),
      { addLesion: ['q'] },
      [/sign: "q" is also the key of addLesion/],
    ],
    [
      'a swap is fine',
      stored({ addLesion: ['s'], sign: ['a'] }),
      { addLesion: ['s'], sign: ['a'] },
      [],
    ],
  ])('%s', (_name, text, expected, problems) => {
    const parsed = parseShortcuts(text);
    expect(parsed.bindings).toEqual({ ...DEFAULT_BINDINGS, ...expected });
    expect(parsed.problems).toHaveLength(problems.length);
    problems.forEach((pattern, i) => expect(parsed.problems[i]).toMatch(pattern));
    expect(findConflicts(parsed.bindings)).toEqual([]);
  });
  it('stores only what changed', () => {
    expect(JSON.parse(serializeBindings(DEFAULT_BINDINGS))).toEqual({ version: 1, keys: {} });
    expect(JSON.parse(serializeBindings(changed))).toEqual({
      version: 1,
      keys: { addLesion: ['q'], redo: ['Ctrl+y'] },
    });
  });
});

describe('keyLabel', () => {
  it.each([
    ['p', 'P'],
    ['Ctrl+Shift+z', 'Ctrl+Shift+Z'],
    ['ArrowUp', '↑'],
    [' ', 'Space'],
    ['Ctrl++', 'Ctrl++'],
    ['F6', 'F6'],
  ])('%j -> %s', (key, label) => {
    expect(keyLabel(key)).toBe(label);
  });
});

describe('keyAction', () => {
  it.each([
    ['ArrowDown', { kind: 'scroll', delta: 1 }],
    ['ArrowUp', { kind: 'scroll', delta: -1 }],
    ['PageDown', { kind: 'scroll', delta: 5 }],
    ['Home', { kind: 'scroll', delta: -Infinity }],
    ['End', { kind: 'scroll', delta: Infinity }],
    ['1', { kind: 'preset', preset: 'ct-abdomen' }],
    ['2', { kind: 'preset', preset: 'ct-liver' }],
    ['3', { kind: 'preset', preset: 'auto' }],
    ['R', { kind: 'reset' }],
    ['i', { kind: 'invert' }],
    ['c', { kind: 'cine' }],
    ['L', { kind: 'tool', tool: 'Length' }],
    ['e', { kind: 'tool', tool: 'EllipticalROI' }],
    ['?', { kind: 'help' }],
    ['f', { kind: 'maximise' }],
    ['x', undefined],
  ])('%s', (key, action) => {
    expect(keyAction(key)).toEqual(action);
  });

  it('leaves modifier chords to the browser', () => {
    expect(keyAction('r', { ctrl: true })).toBeUndefined();
  });
});
