/**
 * Hanging protocols as data: one row per timepoint, one column per wanted role (in order of
 * preference). Pure: it matches a catalogued patient to cells; the viewer then shows them.
 */
import type { CatalogPatient, CatalogSeries } from '../dicom/catalog';
import { roleKey } from '../dicom/roles';

export interface ProtocolColumn {
  label: string;
  /** Role keys in order of preference; `DWI_HIGHEST` is the DWI stack with the largest b. */
  roles: string[];
}

export interface HangingProtocol {
  id: string;
  name: string;
  /** Timepoint ids, one row each. */
  rows: string[];
  columns: ProtocolColumn[];
}

export interface ProtocolCell {
  row: number;
  column: number;
  timepoint: string;
  label: string;
  /** The series hung here, or undefined when the timepoint has none of the column's roles. */
  series: CatalogSeries | undefined;
}

export const LAYOUTS = ['1x1', '1x2', '2x2', '2x3', '2x4'] as const;
export type Layout = (typeof LAYOUTS)[number];

export function layoutSize(layout: Layout): { rows: number; columns: number } {
  const [rows, columns] = layout.split('x').map(Number);
  return { rows: rows ?? 1, columns: columns ?? 1 };
}

/** Problems with a protocol read from JSON (empty when it is usable). */
export function protocolProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['protocol: not an object'];
  const p = value as Partial<Record<keyof HangingProtocol, unknown>>;
  const problems: string[] = [];
  if (typeof p.id !== 'string' || p.id === '') problems.push('id: a non-empty string is needed');
  if (typeof p.name !== 'string') problems.push('name: a string is needed');
  if (
    !Array.isArray(p.rows) ||
    p.rows.length === 0 ||
    !p.rows.every((r) => typeof r === 'string')
  ) {
    problems.push('rows: a non-empty list of timepoint ids is needed');
  }
  if (!Array.isArray(p.columns) || p.columns.length === 0) {
    problems.push('columns: a non-empty list is needed');
  } else {
    p.columns.forEach((column: unknown, index) => {
      const c = (column ?? {}) as Partial<Record<keyof ProtocolColumn, unknown>>;
      if (typeof c.label !== 'string') problems.push(`columns[${index}].label: a string is needed`);
      if (!Array.isArray(c.roles) || !c.roles.every((r) => typeof r === 'string')) {
        problems.push(`columns[${index}].roles: a list of role keys is needed`);
      }
    });
  }
  return problems;
}

function seriesOfTimepoint(patient: CatalogPatient, timepoint: string): CatalogSeries[] {
  return (patient.timepoints.find((t) => t.id === timepoint)?.exams ?? []).flatMap((e) => e.series);
}

function pick(series: readonly CatalogSeries[], wanted: string): CatalogSeries | undefined {
  if (wanted === 'DWI_HIGHEST') {
    let best: CatalogSeries | undefined;
    for (const s of series) {
      if (s.role.kind !== 'DWI' || s.role.bValue === undefined) continue;
      if (best?.role.kind !== 'DWI' || (best.role.bValue ?? -1) < s.role.bValue) best = s;
    }
    return best;
  }
  return series.find((s) => roleKey(s.role) === wanted);
}

/** Places the patient's series into the protocol's cells, row by row. */
export function hangProtocol(patient: CatalogPatient, protocol: HangingProtocol): ProtocolCell[] {
  return protocol.rows.flatMap((timepoint, row) => {
    const available = seriesOfTimepoint(patient, timepoint);
    return protocol.columns.map((column, index) => {
      let series: CatalogSeries | undefined;
      for (const wanted of column.roles) {
        series = pick(available, wanted);
        if (series) break;
      }
      return { row, column: index, timepoint, label: column.label, series };
    });
  });
}
