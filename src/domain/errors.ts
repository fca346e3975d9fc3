/**
 * Domain errors. Commands THROW `DomainError` rather than return a Result: commands are composed
 * (a store reducer, an adjudication that replays many commands) and a throw aborts the whole
 * composition without half-applied state, since nothing is mutated. The `code` is a closed union
 * so callers can switch on it exhaustively; `attempt` turns a throw into a Result where a caller
 * prefers values (e.g. the UI showing a message).
 */

/** Why a command was refused. */
export type DomainErrorCode =
  | 'unknown-lesion'
  | 'lesion-removed'
  | 'read-signed'
  | 'invalid-transition'
  | 'invalid-input'
  | 'invalid-config';

/** A command refused on a rule of the domain; the read is left as it was. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A value or the domain error that prevented it. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

/**
 * Runs `fn` and returns its value or the `DomainError` it threw as a Result. Other errors are
 * programming errors and are re-thrown.
 */
export function attempt<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}
