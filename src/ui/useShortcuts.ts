import { useEffect, useRef, useSyncExternalStore } from 'react';
import { commandOf, type Bindings, type CommandId } from '../store/shortcuts';
import { useAppStores } from './appStores';

/** Text fields keep their keys (typing 'a' in a name adds no lesion). */
export function isEditableTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Keys pressed inside a dialog belong to the dialog. */
function inDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog, [role="dialog"]') !== null;
}

/** The reader's current shortcut bindings. */
export function useBindings(): Bindings {
  const { store } = useAppStores().shortcuts;
  return useSyncExternalStore(store.subscribe, store.get);
}

export type ShortcutHandlers = Partial<Record<CommandId, () => void>>;

/**
 * Runs the handler of a global command when its key is pressed anywhere on the page, except in
 * text fields and dialogs. It listens in the capture phase, before the element with the focus
 * (cornerstone's viewport element cancels keys it sees); a global key is never also a viewer or
 * matrix key (the map refuses such conflicts), so nothing nearer the focus wanted it. Handlers
 * may change between renders; the listener stays.
 */
export function useGlobalShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const { store } = useAppStores().shortcuts;
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isEditableTarget(event.target) || inDialog(event.target)) {
        return;
      }
      const command = commandOf(store.get(), event, ['global']);
      const handler = command && latest.current[command];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled, store]);
}

/**
 * Gives the lesion panel's focus back: the active call cell, else "Add lesion". For controls
 * that go away when used (a dismissed message), so the focus is never left on nothing.
 */
export function focusPanelOf(root: Element | null | undefined): void {
  const target =
    root?.querySelector<HTMLElement>('[data-testid="call-cell"][tabindex="0"]') ??
    root?.querySelector<HTMLElement>('[data-testid="add-lesion"]');
  target?.focus();
}

/** Gives the focus to the active viewport of the reading grid (or its first); false if none. */
export function focusImages(): boolean {
  const viewport =
    document.querySelector<HTMLElement>('.reading-cell.active [data-testid="viewport"]') ??
    document.querySelector<HTMLElement>('[data-testid="viewport"]');
  viewport?.focus({ preventScroll: true });
  return viewport !== null;
}
