/** What a reading viewport reports to the UI: loading, ready (with its overlay values), error. */

export type ReadingStatus =
  | { state: 'loading' }
  | {
      state: 'ready';
      index: number;
      count: number;
      /** Distance of the slice along the stack normal, mm (z for axial stacks). */
      positionMm: number | undefined;
      windowWidth: number | undefined;
      windowCenter: number | undefined;
      invert: boolean;
      linked: boolean;
      cine: boolean;
    }
  | { state: 'error'; message: string };

export type ReadingStatusListener = (viewportId: string, status: ReadingStatus) => void;

/** A readable message from whatever a cornerstone load rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'error' in error) return errorMessage(error.error);
  return typeof error === 'string' ? error : 'the image could not be loaded';
}
