import { useSyncExternalStore } from 'react';
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

/** Which patient the reading room has open, and its workspace. */
export function useRoom(room: ReadingRoom): RoomState {
  return useSyncExternalStore(room.store.subscribe, room.store.get);
}
