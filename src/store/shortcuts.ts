/**
 * The reader's keyboard shortcuts, kept across sessions in this browser's localStorage: the
 * map itself (commands, default keys, conflicts) is ./readingKeys.ts; here are the
 * stored form, its validation (pure) and the store the handlers and the help dialog read.
 */
import {
  COMMAND_IDS,
  COMMANDS,
  DEFAULT_BINDINGS,
  FIXED_MATRIX_KEYS,
  RESERVED_KEYS,
  findConflicts,
  normalizeKey,
  scopeOf,
  type Bindings,
  type CommandId,
} from './readingKeys';
import { createStore, type Store } from './createStore';

export * from './readingKeys';

// --- Kept across sessions -------------------------------------------------------------------

export const STORAGE_KEY = 'dream-reader.shortcuts';
const VERSION = 1;

/** What is stored: only the commands the reader changed. */
export function serializeBindings(bindings: Bindings): string {
  const changed = COMMANDS.filter(
    (c) => JSON.stringify(bindings[c.id]) !== JSON.stringify(c.keys),
  ).map((c): [CommandId, readonly string[]] => [c.id, bindings[c.id]]);
  return JSON.stringify({ version: VERSION, keys: Object.fromEntries(changed) });
}

export interface ParsedShortcuts {
  bindings: Bindings;
  /** What was ignored, and why (the defaults are used instead). */
  problems: string[];
}

const isCommandId = (value: string): value is CommandId =>
  (COMMAND_IDS as readonly string[]).includes(value);

/**
 * The bindings stored by `serializeBindings`, validated: defaults for no text, a broken file or
 * another version; unknown commands, bad or reserved keys and conflicting changes are dropped
 * (those commands keep their default keys), each with a problem saying so.
 */
export function parseShortcuts(text: string | null | undefined): ParsedShortcuts {
  const problems: string[] = [];
  if (text === null || text === undefined || text === '') {
    return { bindings: DEFAULT_BINDINGS, problems };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { bindings: DEFAULT_BINDINGS, problems: ['not JSON'] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { bindings: DEFAULT_BINDINGS, problems: ['not an object'] };
  }
  const { version, keys } = data as { version?: unknown; keys?: unknown };
  if (version !== VERSION) {
    return { bindings: DEFAULT_BINDINGS, problems: [`unknown version ${String(version)}`] };
  }
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
    return { bindings: DEFAULT_BINDINGS, problems: ['keys: not an object'] };
  }
  const changes = new Map<CommandId, string[]>();
  for (const [id, value] of Object.entries(keys as Record<string, unknown>)) {
    if (!isCommandId(id)) {
      problems.push(`${id}: unknown command`);
      continue;
    }
    if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) {
      problems.push(`${id}: not a list of keys`);
      continue;
    }
    const normalized = value.map((k: string) => normalizeKey(k));
    const bad = value.find((_, i) => normalized[i] === undefined);
    if (bad !== undefined) {
      problems.push(`${id}: "${bad}" is not a key`);
      continue;
    }
    const reserved = normalized.find((k) => k !== undefined && RESERVED_KEYS.includes(k));
    if (reserved !== undefined) {
      problems.push(`${id}: "${reserved}" is reserved`);
      continue;
    }
    const fixed = normalized.find((k) => k !== undefined && FIXED_MATRIX_KEYS.includes(k));
    if (fixed !== undefined && scopeOf(id) !== 'viewer') {
      problems.push(`${id}: "${fixed}" moves in the call matrix`);
      continue;
    }
    changes.set(id, [...new Set(normalized as string[])]);
  }
  // Changed commands that conflict go back to their defaults until nothing conflicts (the
  // defaults themselves never conflict).
  for (;;) {
    const bindings = { ...DEFAULT_BINDINGS, ...Object.fromEntries(changes) } as Bindings;
    const conflict = findConflicts(bindings)[0];
    if (!conflict) return { bindings, problems };
    const [a, b] = conflict.commands;
    const dropped = changes.has(b) ? b : a;
    problems.push(`${dropped}: "${conflict.key}" is also the key of ${dropped === a ? b : a}`);
    changes.delete(dropped);
  }
}

/** The reader's bindings, kept in `storage` across sessions, and how to change them. */
export interface ShortcutStore {
  readonly store: Pick<Store<Bindings>, 'get' | 'subscribe'>;
  /** Replaces the bindings and keeps them for the next session. */
  save(bindings: Bindings): void;
  /** Back to the default bindings. */
  reset(): void;
}

/**
 * The bindings kept in `storage` (the composition root gives localStorage; none: this session
 * only), else the defaults.
 */
export function createShortcutStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
): ShortcutStore {
  let text: string | null | undefined;
  try {
    text = storage?.getItem(STORAGE_KEY);
  } catch {
    text = undefined;
  }
  const store = createStore<Bindings>(parseShortcuts(text).bindings);
  return {
    store,
    save(bindings) {
      store.set(bindings);
      try {
        storage?.setItem(STORAGE_KEY, serializeBindings(bindings));
      } catch {
        // Storage full or denied: the change still holds for this session.
      }
    },
    reset() {
      store.set(DEFAULT_BINDINGS);
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // As above.
      }
    },
  };
}
