/** The reading screen's keyboard map (pure): a key press -> what to do to the active viewport. */
import { PRESET_KEYS, type PresetId } from './presets';
import { TOOL_KEYS, type ReadingTool } from './readingTools';

export type KeyAction =
  | { kind: 'scroll'; delta: number }
  | { kind: 'preset'; preset: PresetId }
  | { kind: 'tool'; tool: ReadingTool }
  | { kind: 'reset' | 'invert' | 'cine' | 'tags' | 'help' };

/** Slices moved by PageUp/PageDown: a quarter of a 20-slice liver stack. */
export const PAGE_SLICES = 5;

const FIXED: Record<string, KeyAction> = {
  ArrowUp: { kind: 'scroll', delta: -1 },
  ArrowLeft: { kind: 'scroll', delta: -1 },
  ArrowDown: { kind: 'scroll', delta: 1 },
  ArrowRight: { kind: 'scroll', delta: 1 },
  PageUp: { kind: 'scroll', delta: -PAGE_SLICES },
  PageDown: { kind: 'scroll', delta: PAGE_SLICES },
  Home: { kind: 'scroll', delta: -Infinity },
  End: { kind: 'scroll', delta: Infinity },
  r: { kind: 'reset' },
  i: { kind: 'invert' },
  c: { kind: 'cine' },
  t: { kind: 'tags' },
  '?': { kind: 'help' },
};

/** The action of a key (KeyboardEvent.key), or undefined; modifier chords are left alone. */
export function keyAction(
  key: string,
  modifiers: { ctrl?: boolean; alt?: boolean; meta?: boolean } = {},
): KeyAction | undefined {
  if (modifiers.ctrl || modifiers.alt || modifiers.meta) return undefined;
  const lower = key.length === 1 ? key.toLowerCase() : key;
  const fixed = FIXED[lower];
  if (fixed) return fixed;
  const preset = PRESET_KEYS[lower];
  if (preset) return { kind: 'preset', preset };
  const tool = TOOL_KEYS[lower];
  if (tool) return { kind: 'tool', tool };
  return undefined;
}
