import { useRef, useSyncExternalStore } from 'react';
import type { ReadingRoom, ReadingWorkspace, RoomState, WorkspaceState } from '../store/workspace';

const whole = (state: WorkspaceState) => state;

/**
 * The reading workspace's state, or one part of it: the component re-renders only when that
 * part changes (a panel that needs the read is not re-rendered by every slice scrolled).
 */
export function useWorkspace(workspace: ReadingWorkspace): WorkspaceState;
export function useWorkspace<T>(
  workspace: ReadingWorkspace,
  select: (state: WorkspaceState) => T,
): T;
export function useWorkspace<T>(
  workspace: ReadingWorkspace,
  select: (state: WorkspaceState) => T | WorkspaceState = whole,
): T | WorkspaceState {
  return useSyncExternalStore(workspace.store.subscribe, () => select(workspace.store.get()));
}

/** Whether two states hold the same values in every field but `skip`. */
export function sameBut(a: WorkspaceState, b: WorkspaceState, skip: keyof WorkspaceState): boolean {
  const keys = Object.keys(a) as (keyof WorkspaceState)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key === skip || Object.is(a[key], b[key]));
}

/**
 * The workspace's state but one field: the component re-renders when any other field changes,
 * not when that one does. The reading screen leaves out `statuses`, which changes at every slice
 * step: each viewport cell follows its own status, so a step re-renders one cell, not the screen
 * with its docks and every cell.
 */
export function useWorkspaceBut<K extends keyof WorkspaceState>(
  workspace: ReadingWorkspace,
  skip: K,
): Omit<WorkspaceState, K> {
  const kept = useRef<WorkspaceState | undefined>(undefined);
  const get = () => {
    const state = workspace.store.get();
    const last = kept.current;
    if (last && (last === state || sameBut(last, state, skip))) return last;
    kept.current = state;
    return state;
  };
  return useSyncExternalStore(workspace.store.subscribe, get);
}

/** Which patient the reading room has open, and its workspace. */
export function useRoom(room: ReadingRoom): RoomState {
  return useSyncExternalStore(room.store.subscribe, room.store.get);
}
