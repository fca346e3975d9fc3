/**
 * The bundled sample's patients hang as a radiologist expects (docs/hanging-protocols.md): the
 * baseline and the pre-op (the status timepoint) are always on screen, with CT when the pre-op
 * is CT only, and a follow-up gets its own row. Catalogued from sample-dicom/headers.json, as the
 * app does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogPatient } from '../../src/dicom/catalog';
import type { HeaderIndex } from '../../src/dicom/headerIndex';
import { roleKey } from '../../src/dicom/roles';
import { hangingOf } from '../../src/store/workspace/hanging';
import { allSeries } from '../../src/viewer/readingLayout';

const index = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../sample-dicom/headers.json'), 'utf8'),
) as HeaderIndex;
const catalog = buildCatalog(
  Object.entries(index.headers).map(([source, header]) => ({ source, header })),
);
const patient = (id: string): CatalogPatient => {
  const found = catalog.patients.find((p) => p.patientId === id);
  if (!found) throw new Error(`no ${id} in the sample`);
  return found;
};

/** The hung grid row by row: `timepoint/role` per cell, `-` where nothing was acquired. */
function grid(p: CatalogPatient, protocolId?: string): string[][] {
  const hanging = hangingOf(p, protocolId);
  const byKey = new Map(allSeries(p).map((s) => [s.key, s]));
  const shown = hanging.shown?.grid;
  return (shown?.rows ?? []).map((timepoint, row) =>
    shown!.cells
      .filter((c) => c.row === row)
      .map((c) => {
        const series = c.seriesKey === undefined ? undefined : byKey.get(c.seriesKey);
        return series ? `${timepoint}/${roleKey(series.role)}` : '-';
      }),
  );
}

describe('the sample’s hanging', () => {
  it('keeps DREAM-001 and DREAM-002 in the DLM protocol, 2x4 with no empty cell', () => {
    for (const id of ['DREAM-001', 'DREAM-002']) {
      const hanging = hangingOf(patient(id), undefined);
      expect(hanging.shown?.protocol.id).toBe('dlm');
      expect(hanging.layout).toBe('2x4');
      expect(grid(patient(id)).flat()).not.toContain('-');
    }
  });

  it('shows DREAM-003’s baseline, CT-only pre-op and MR-only follow-up, CT and MR, at once', () => {
    const p = patient('DREAM-003');
    const hanging = hangingOf(p, undefined);
    expect(hanging.shown?.protocol.id).toBe('dlm');
    expect(hanging.layout).toBe('3x4');
    expect(grid(p)).toEqual([
      ['baseline/CT_PORTAL', 'baseline/DWI_800', 'baseline/ADC', 'baseline/EOB_HBP'],
      ['preop/CT_PORTAL', '-', '-', '-'],
      ['-', 'followup-1/DWI_800', 'followup-1/ADC', 'followup-1/EOB_HBP'],
    ]);
  });
});
