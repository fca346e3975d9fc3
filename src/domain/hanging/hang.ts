/**
 * Hangs a protocol on a study (pure): rows are timepoints, columns the protocol's roles; a row
 * with nothing to show is left out, and so is a column that some row cannot fill (no row, for a
 * protocol that allows empty cells), so the grid has no empty cell unless the protocol says so
 * (docs/hanging-protocols.md).
 */
import { timepointOrder } from '../timepointOrder.ts';
import type { TimepointId } from '../model.ts';
import type { HangingGrid, HangingProtocol, HungCell, StudySeries } from './types.ts';

const KNOWN_TIMEPOINT = /^(baseline|preop|followup-\d+)$/;

/** Clinical order: baseline, preop, followup-1.. (numerically), then other ids alphabetically. */
export function compareTimepoints(a: string, b: string): number {
  const known = (id: string) => KNOWN_TIMEPOINT.test(id);
  if (known(a) && known(b)) {
    return timepointOrder(a as TimepointId) - timepointOrder(b as TimepointId);
  }
  if (known(a) !== known(b)) return known(a) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The timepoints of the study, in clinical order. */
export function timepointsOf(series: readonly StudySeries[]): string[] {
  return [...new Set(series.map((s) => s.timepoint))].sort(compareTimepoints);
}

/** The family of a role key: `CT_PORTAL` -> `CT`, `DWI_800` -> `DWI`, `ADC_COMPUTED` -> `ADC`. */
export const roleFamily = (role: string): string => role.split('_')[0] ?? role;

/** The first series (in study order) that a role pattern takes, skipping those already used. */
function pick(
  series: readonly StudySeries[],
  pattern: string,
  used: ReadonlySet<string>,
): StudySeries | undefined {
  const free = series.filter((s) => !used.has(s.key));
  if (pattern === '*') return free[0];
  if (pattern === 'DWI_HIGHEST') {
    let best: StudySeries | undefined;
    for (const s of free) {
      if (roleFamily(s.role) !== 'DWI' || s.bValue === undefined) continue;
      if (best?.bValue === undefined || best.bValue < s.bValue) best = s;
    }
    return best;
  }
  if (pattern.endsWith('_*')) {
    const family = pattern.slice(0, -2);
    return free.find((s) => roleFamily(s.role) === family);
  }
  return free.find((s) => s.role === pattern);
}

/** The protocol's grid on this study (no rows or no columns when nothing fits). */
export function hangStudy(protocol: HangingProtocol, series: readonly StudySeries[]): HangingGrid {
  const wantedRows = protocol.rows === 'timepoints' ? timepointsOf(series) : protocol.rows;
  // Each row's pick per column (undefined where the row has none of the column's roles).
  const picked = wantedRows.map((timepoint) => {
    const available = series.filter((s) => s.timepoint === timepoint);
    const used = new Set<string>();
    return protocol.columns.map((column) => {
      for (const pattern of column.roles) {
        const found = pick(available, pattern, used);
        if (found) {
          used.add(found.key);
          return found.key;
        }
      }
      return undefined;
    });
  });
  const rowIndexes = wantedRows
    .map((_, index) => index)
    .filter((index) => picked[index]?.some((key) => key !== undefined));
  const filled = (row: number, column: number) => picked[row]?.[column] !== undefined;
  const columnIndexes = protocol.columns
    .map((_, index) => index)
    .filter((column) =>
      protocol.emptyCells === true
        ? rowIndexes.some((row) => filled(row, column))
        : rowIndexes.every((row) => filled(row, column)),
    );
  const rows = columnIndexes.length === 0 ? [] : rowIndexes;
  const cells: HungCell[] = rows.flatMap((rowIndex, row) =>
    columnIndexes.map((columnIndex, column) => {
      const seriesKey = picked[rowIndex]?.[columnIndex];
      return {
        row,
        column,
        timepoint: wantedRows[rowIndex] ?? '',
        label: protocol.columns[columnIndex]?.label ?? '',
        ...(seriesKey !== undefined && { seriesKey }),
      };
    }),
  );
  return {
    protocolId: protocol.id,
    rows: rows.map((index) => wantedRows[index] ?? ''),
    columns: rows.length === 0 ? [] : columnIndexes.map((i) => protocol.columns[i]?.label ?? ''),
    cells,
  };
}
