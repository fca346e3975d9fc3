/**
 * The reading screen's arrangement per patient (layout, series per cell, active cell, slice per
 * cell), kept in this tab's sessionStorage so that a reload brings the viewports back where the
 * reader left them, as the read itself comes back from IndexedDB.
 */
const PREFIX = 'dream-reader.view.';

export interface ViewState {
  readonly layout: string;
  readonly activeCell: string;
  /** Cell id -> series key chosen by the reader (cells not listed follow the protocol). */
  readonly choices: Readonly<Record<string, string>>;
  /** Cell id -> slice index shown. */
  readonly slices: Readonly<Record<string, number>>;
}

const isRecordOf = <T>(value: unknown, item: (v: unknown) => v is T): value is Record<string, T> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every(item);

const isString = (v: unknown): v is string => typeof v === 'string';
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Parses a stored view state; anything malformed gives undefined (the protocol's default). */
export function parseViewState(text: string | null): ViewState | undefined {
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!isString(v.layout) || !isString(v.activeCell)) return undefined;
  if (!isRecordOf(v.choices, isString) || !isRecordOf(v.slices, isIndex)) return undefined;
  return { layout: v.layout, activeCell: v.activeCell, choices: v.choices, slices: v.slices };
}

/** The stored view of a patient in this tab, if any. */
export function loadViewState(patientId: string, storage: Storage = sessionStorage) {
  try {
    return parseViewState(storage.getItem(PREFIX + patientId));
  } catch {
    return undefined;
  }
}

/** Stores the view of a patient (quietly does nothing when storage is unavailable or full). */
export function saveViewState(
  patientId: string,
  state: ViewState,
  storage: Storage = sessionStorage,
): void {
  try {
    storage.setItem(PREFIX + patientId, JSON.stringify(state));
  } catch {
    // Private mode or quota: the view is a convenience, the read is saved elsewhere.
  }
}
