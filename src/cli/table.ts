/** Aligned plain-text tables for the CLI's text output. */

/** Column alignment: numbers read best right-aligned. */
export type Align = 'left' | 'right';

/**
 * Lays out rows (the first is the header) in columns separated by two spaces, each column as
 * wide as its widest cell; trailing spaces are trimmed. `align` defaults to left per column.
 *
 * @returns the lines, without newlines
 */
export function formatTable(
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...rows.map((row) => (row[i] ?? '').length)),
  );
  return rows.map((row) =>
    widths
      .map((width, i) => {
        const cell = row[i] ?? '';
        return align[i] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** A number with a fixed count of decimals, or `-` for null/undefined. */
export function fixed(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined ? '-' : value.toFixed(decimals);
}

/** `lower-upper` with 4 decimals, or `-`. */
export function interval(value: { lower: number; upper: number } | null | undefined): string {
  return value === null || value === undefined
    ? '-'
    : `${value.lower.toFixed(4)}-${value.upper.toFixed(4)}`;
}

/** `1 file`, `3 files` (regular English plurals only). */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `95%` for 0.95. */
export function levelText(level: number): string {
  return `${Number((level * 100).toFixed(4))}%`;
}

/** `[lower, upper]` with 3 decimals, or `-`. */
export function bracket(i: { lower: number; upper: number } | null): string {
  return i === null ? '-' : `[${i.lower.toFixed(3)}, ${i.upper.toFixed(3)}]`;
}
