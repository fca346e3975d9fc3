/**
 * The keyboard map (pure): one table of commands with their default keys (`COMMANDS`), used by
 * the key handlers (viewer, call matrix, lesion panel, read bar) and by the help dialog, which
 * lets the reader rebind them (kept across sessions by src/store/shortcuts.ts); and what a key
 * press means to the active viewport (`keyAction`). It is the store layer's: a key becomes an
 * action here, and the viewer only executes the action (src/store/workspace/mount.ts).
 *
 * A key is written as KeyboardEvent.key with its modifiers: `p`, `?`, `F6`, `ArrowUp`,
 * `Ctrl+z`, `Ctrl+Shift+z`. Letters are lower case; Shift is part of a key only with Ctrl, Alt
 * or Meta, or with a named key (`Shift+F6`): on its own it just makes the character (`?`).
 */
import type { PresetId } from '../viewer/presets';
import type { ReadingTool } from '../viewer/readingTools';

/**
 * Where a command's key works: `viewer` with the focus in the reading grid (or series tree and
 * tool bar), `matrix` with the focus on a cell of the call matrix, `global` anywhere on the
 * patient's screen (outside text fields and dialogs).
 */
export type Scope = 'viewer' | 'matrix' | 'global';

export const COMMAND_IDS = [
  // viewer
  'scrollPrev',
  'scrollNext',
  'pageBack',
  'pageOn',
  'firstSlice',
  'lastSlice',
  'presetAbdomen',
  'presetLiver',
  'presetAuto',
  'reset',
  'invert',
  'cine',
  'toolWindowLevel',
  'toolLength',
  'toolBidirectional',
  'toolEllipse',
  'toolProbe',
  'tags',
  'maximise',
  // call matrix
  'callPresent',
  'callDisappeared',
  'callNotEvaluable',
  'clearCall',
  'segment1',
  'segment2',
  'segment3',
  'segment4',
  'segment5',
  'segment6',
  'segment7',
  'segment8',
  // everywhere
  'nextLesion',
  'prevLesion',
  'nextModality',
  'nextTimepoint',
  'prevTimepoint',
  'addLesion',
  'record',
  'sign',
  'exportJson',
  'undo',
  'redo',
  'switchPane',
  'help',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

export interface CommandSpec {
  id: CommandId;
  scope: Scope;
  keys: readonly string[];
}

/** The commands and their default keys (the order of the help dialog). */
export const COMMANDS: readonly CommandSpec[] = [
  { id: 'scrollPrev', scope: 'viewer', keys: ['ArrowUp', 'ArrowLeft'] },
  { id: 'scrollNext', scope: 'viewer', keys: ['ArrowDown', 'ArrowRight'] },
  { id: 'pageBack', scope: 'viewer', keys: ['PageUp'] },
  { id: 'pageOn', scope: 'viewer', keys: ['PageDown'] },
  { id: 'firstSlice', scope: 'viewer', keys: ['Home'] },
  { id: 'lastSlice', scope: 'viewer', keys: ['End'] },
  { id: 'presetAbdomen', scope: 'viewer', keys: ['1'] },
  { id: 'presetLiver', scope: 'viewer', keys: ['2'] },
  { id: 'presetAuto', scope: 'viewer', keys: ['3'] },
  { id: 'reset', scope: 'viewer', keys: ['r'] },
  { id: 'invert', scope: 'viewer', keys: ['i'] },
  { id: 'cine', scope: 'viewer', keys: ['c'] },
  { id: 'toolWindowLevel', scope: 'viewer', keys: ['w'] },
  { id: 'toolLength', scope: 'viewer', keys: ['l'] },
  { id: 'toolBidirectional', scope: 'viewer', keys: ['b'] },
  { id: 'toolEllipse', scope: 'viewer', keys: ['e'] },
  { id: 'toolProbe', scope: 'viewer', keys: ['p'] },
  { id: 'tags', scope: 'viewer', keys: ['t'] },
  { id: 'maximise', scope: 'viewer', keys: ['f'] },
  { id: 'callPresent', scope: 'matrix', keys: ['p'] },
  { id: 'callDisappeared', scope: 'matrix', keys: ['d'] },
  { id: 'callNotEvaluable', scope: 'matrix', keys: ['n'] },
  { id: 'clearCall', scope: 'matrix', keys: ['Backspace', 'Delete'] },
  { id: 'segment1', scope: 'matrix', keys: ['1'] },
  { id: 'segment2', scope: 'matrix', keys: ['2'] },
  { id: 'segment3', scope: 'matrix', keys: ['3'] },
  { id: 'segment4', scope: 'matrix', keys: ['4'] },
  { id: 'segment5', scope: 'matrix', keys: ['5'] },
  { id: 'segment6', scope: 'matrix', keys: ['6'] },
  { id: 'segment7', scope: 'matrix', keys: ['7'] },
  { id: 'segment8', scope: 'matrix', keys: ['8'] },
  { id: 'nextLesion', scope: 'global', keys: ['j'] },
  { id: 'prevLesion', scope: 'global', keys: ['k'] },
  { id: 'nextModality', scope: 'global', keys: ['m'] },
  { id: 'nextTimepoint', scope: 'global', keys: [']'] },
  { id: 'prevTimepoint', scope: 'global', keys: ['['] },
  { id: 'addLesion', scope: 'global', keys: ['a'] },
  { id: 'record', scope: 'global', keys: ['Ctrl+Enter'] },
  { id: 'sign', scope: 'global', keys: ['s'] },
  { id: 'exportJson', scope: 'global', keys: ['x'] },
  { id: 'undo', scope: 'global', keys: ['Ctrl+z'] },
  { id: 'redo', scope: 'global', keys: ['Ctrl+Shift+z', 'Ctrl+y'] },
  { id: 'switchPane', scope: 'global', keys: ['F6'] },
  { id: 'help', scope: 'global', keys: ['?'] },
];

const SPEC_OF: ReadonlyMap<CommandId, CommandSpec> = new Map(
  COMMANDS.map((command) => [command.id, command]),
);
export const scopeOf = (id: CommandId): Scope => SPEC_OF.get(id)?.scope ?? 'global';

/** Keys no command may take: they move focus, press buttons and close dialogs. */
export const RESERVED_KEYS: readonly string[] = ['Tab', 'Shift+Tab', 'Enter', ' ', 'Escape'];

/** Keys of the call matrix that are not commands: moving between cells (a grid's own keys). */
export const FIXED_MATRIX_KEYS: readonly string[] = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
];

export type Bindings = Readonly<Record<CommandId, readonly string[]>>;

export const DEFAULT_BINDINGS: Bindings = Object.fromEntries(
  COMMANDS.map((command) => [command.id, command.keys]),
) as Bindings;

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
const MODIFIER_KEYS: ReadonlySet<string> = new Set([
  'Control',
  'Alt',
  'Shift',
  'Meta',
  'AltGraph',
  'CapsLock',
  'OS',
]);
const NAMED_KEY = /^[A-Z][A-Za-z0-9]*$/;
/** Named keys as KeyboardEvent.key spells them, so 'pagedown' can be read as 'PageDown'. */
const KNOWN_NAMES = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
  'Backspace',
  'Delete',
  'Insert',
  'Enter',
  'Escape',
  'Tab',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
];

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
}

function compose(mods: ReadonlySet<string>, key: string): string | undefined {
  if (key === '' || MODIFIER_KEYS.has(key)) return undefined;
  const single = [...key].length === 1;
  const name = single ? key.toLowerCase() : key;
  if (!single && !NAMED_KEY.test(name)) return undefined;
  const chord = mods.has('Ctrl') || mods.has('Alt') || mods.has('Meta');
  // Shift on its own only chooses the character ('?', 'A'): it is not part of the key.
  const kept = MODIFIERS.filter((m) => mods.has(m) && (m !== 'Shift' || chord || !single));
  return [...kept, name].join('+');
}

/** The key of a keyboard event in the map's notation, or undefined for a bare modifier. */
export function keyOfEvent(event: KeyLike): string | undefined {
  const mods = new Set<string>();
  if (event.ctrlKey) mods.add('Ctrl');
  if (event.altKey) mods.add('Alt');
  if (event.shiftKey) mods.add('Shift');
  if (event.metaKey) mods.add('Meta');
  return compose(mods, event.key);
}

/**
 * A key as written by a person or stored ('ctrl+Z', 'shift+f6', 'Space') in the map's
 * notation, or undefined when it is not a key.
 */
export function normalizeKey(text: string): string | undefined {
  if (text === '+' || text === ' ') return text;
  const parts = text.split('+');
  // 'Ctrl++' is Ctrl with the plus key.
  let key = parts.pop() ?? '';
  if (key === '' && parts.at(-1) === '') {
    parts.pop();
    key = '+';
  }
  const mods = new Set<string>();
  for (const part of parts) {
    const mod = MODIFIERS.find((m) => m.toLowerCase() === part.trim().toLowerCase());
    if (!mod || mods.has(mod)) return undefined;
    mods.add(mod);
  }
  if (key.toLowerCase() === 'space') key = ' ';
  else if (key.length > 1) {
    key =
      KNOWN_NAMES.find((name) => name.toLowerCase() === key.toLowerCase()) ??
      key.charAt(0).toUpperCase() + key.slice(1);
  }
  return compose(mods, key);
}

/** Two scopes share keys when they are the same or one of them is global. */
export const scopesOverlap = (a: Scope, b: Scope) => a === b || a === 'global' || b === 'global';

export interface Conflict {
  key: string;
  commands: readonly [CommandId, CommandId];
}

/** Every key bound to two commands whose scopes overlap. */
export function findConflicts(bindings: Bindings): Conflict[] {
  const found: Conflict[] = [];
  COMMANDS.forEach((a, index) => {
    for (const b of COMMANDS.slice(index + 1)) {
      if (!scopesOverlap(a.scope, b.scope)) continue;
      for (const key of bindings[a.id]) {
        if (bindings[b.id].includes(key)) found.push({ key, commands: [a.id, b.id] });
      }
    }
  });
  return found;
}

/** Why a key cannot be used for a command, if it cannot. */
export type KeyRefusal =
  | { kind: 'invalid' }
  | { kind: 'reserved' }
  | { kind: 'fixed' }
  | { kind: 'conflict'; with: CommandId };

function refusal(bindings: Bindings, id: CommandId, key: string): KeyRefusal | undefined {
  if (RESERVED_KEYS.includes(key)) return { kind: 'reserved' };
  const scope = scopeOf(id);
  // Arrows and Home/End move in the matrix; the viewer may still use them.
  if (scope !== 'viewer' && FIXED_MATRIX_KEYS.includes(key)) return { kind: 'fixed' };
  const other = COMMANDS.find(
    (c) => c.id !== id && scopesOverlap(c.scope, scope) && bindings[c.id].includes(key),
  );
  return other ? { kind: 'conflict', with: other.id } : undefined;
}

/** Binds a command to one key (replacing its keys), unless the key is refused. */
export function rebind(
  bindings: Bindings,
  id: CommandId,
  keyText: string,
): { ok: true; bindings: Bindings } | { ok: false; refusal: KeyRefusal } {
  const key = normalizeKey(keyText);
  if (key === undefined) return { ok: false, refusal: { kind: 'invalid' } };
  const refused = refusal(bindings, id, key);
  if (refused) return { ok: false, refusal: refused };
  return { ok: true, bindings: { ...bindings, [id]: [key] } };
}

/** The command a key means in the given scopes (first match in table order). */
export function commandOf(
  bindings: Bindings,
  event: KeyLike,
  scopes: readonly Scope[],
): CommandId | undefined {
  const key = keyOfEvent(event);
  if (key === undefined) return undefined;
  return COMMANDS.find((c) => scopes.includes(c.scope) && bindings[c.id].includes(key))?.id;
}

/** How a key is shown: `Ctrl+Z`, `↑`, `Space`. */
export function keyLabel(key: string): string {
  const parts = key === '+' ? ['+'] : key.split('+');
  if (key.endsWith('++')) parts.splice(-2, 2, '+');
  const last = parts.pop() ?? '';
  const shown =
    ({ ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', ' ': 'Space' } as const)[
      last as 'ArrowUp'
    ] ?? (last.length === 1 ? last.toUpperCase() : last);
  return [...parts, shown].join('+');
}

// --- The viewer's actions ------------------------------------------------------------------

export type KeyAction =
  | { kind: 'scroll'; delta: number }
  | { kind: 'preset'; preset: PresetId }
  | { kind: 'tool'; tool: ReadingTool }
  | { kind: 'reset' | 'invert' | 'cine' | 'tags' | 'help' | 'maximise' };

/** Slices moved by PageUp/PageDown: a quarter of a 20-slice liver stack. */
export const PAGE_SLICES = 5;

/** The viewer's commands (and help, which works everywhere) as viewport actions. */
export const VIEWER_ACTIONS: Partial<Record<CommandId, KeyAction>> = {
  scrollPrev: { kind: 'scroll', delta: -1 },
  scrollNext: { kind: 'scroll', delta: 1 },
  pageBack: { kind: 'scroll', delta: -PAGE_SLICES },
  pageOn: { kind: 'scroll', delta: PAGE_SLICES },
  firstSlice: { kind: 'scroll', delta: -Infinity },
  lastSlice: { kind: 'scroll', delta: Infinity },
  presetAbdomen: { kind: 'preset', preset: 'ct-abdomen' },
  presetLiver: { kind: 'preset', preset: 'ct-liver' },
  presetAuto: { kind: 'preset', preset: 'auto' },
  reset: { kind: 'reset' },
  invert: { kind: 'invert' },
  cine: { kind: 'cine' },
  toolWindowLevel: { kind: 'tool', tool: 'WindowLevel' },
  toolLength: { kind: 'tool', tool: 'Length' },
  toolBidirectional: { kind: 'tool', tool: 'Bidirectional' },
  toolEllipse: { kind: 'tool', tool: 'EllipticalROI' },
  toolProbe: { kind: 'tool', tool: 'Probe' },
  tags: { kind: 'tags' },
  maximise: { kind: 'maximise' },
  help: { kind: 'help' },
};

/**
 * The viewport action of a key (KeyboardEvent.key plus modifiers) under the given bindings, or
 * undefined: keys of other commands (lesions, calls, sign...) are left to their handlers.
 */
export function keyAction(
  key: string,
  modifiers: { ctrl?: boolean; alt?: boolean; meta?: boolean; shift?: boolean } = {},
  bindings: Bindings = DEFAULT_BINDINGS,
): KeyAction | undefined {
  const command = commandOf(
    bindings,
    {
      key,
      ctrlKey: modifiers.ctrl ?? false,
      altKey: modifiers.alt ?? false,
      metaKey: modifiers.meta ?? false,
      shiftKey: modifiers.shift ?? false,
    },
    ['viewer', 'global'],
  );
  return command === undefined ? undefined : VIEWER_ACTIONS[command];
}
