/**
 * "Show me this lesion": the lesion panel asks, the reading screen moves its viewports. A store
 * rather than a callback because the two sit side by side, not one inside the other.
 */
import type { ImagePoint, LesionId } from '../domain';
import { createStore } from './createStore';

export interface LesionFocus {
  readonly patientId: string;
  readonly lesionId: LesionId;
  readonly place: ImagePoint;
  /** Grows with every request, so asking for the same lesion again moves the viewports again. */
  readonly seq: number;
}

export const lesionFocusStore = createStore<LesionFocus | undefined>(undefined);

/** Asks the reading screen of `patientId` to show `place`. */
export function focusLesion(patientId: string, lesionId: LesionId, place: ImagePoint): void {
  lesionFocusStore.set((previous) => ({
    patientId,
    lesionId,
    place,
    seq: (previous?.seq ?? 0) + 1,
  }));
}
