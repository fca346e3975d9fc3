/**
 * Each reader's mark in the frame of reference of the series shown (pure): the place itself in
 * the same frame, else through the exams' registration when it is done and trusted.
 */
import { applyMat, type Vec3 } from '../../domain/registration';
import { frameToFrame, type RegistrationView } from '../workspace/registration';
import type { ShownMark } from './showPlace';

/** Where a mark is in the shown frame, or why it is not drawn. */
export type MarkInFrame =
  | { readonly state: 'drawn'; readonly point: Vec3; readonly via: 'frame' | 'registration' }
  | { readonly state: 'no-place' | 'aligning' | 'not-aligned' };

export function markInFrame(
  mark: ShownMark,
  frame: string | undefined,
  registration: RegistrationView | undefined,
): MarkInFrame {
  if (!mark.place) return { state: 'no-place' };
  const p: Vec3 = [mark.place.point.x, mark.place.point.y, mark.place.point.z];
  if (frame === undefined) return { state: 'not-aligned' };
  if (mark.place.frameOfReferenceUid === frame) return { state: 'drawn', point: p, via: 'frame' };
  const m = frameToFrame(registration, mark.place.frameOfReferenceUid, frame);
  if (m) return { state: 'drawn', point: applyMat(m, p), via: 'registration' };
  return { state: registration?.state === 'running' ? 'aligning' : 'not-aligned' };
}
