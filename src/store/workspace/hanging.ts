/**
 * The workspace's hanging protocol: the protocols that fit the open patient (best first), the
 * one shown (the reader's choice for the study when it still fits) and its layout. Pure over
 * the catalogue; the workspace keeps the choice and stores it through `ProtocolChoiceStore`.
 */
import { chooseProtocol, matchProtocols, type ProtocolMatch } from '../../domain/hanging';
import type { CatalogPatient } from '../../dicom/catalog';
import { layoutOf, studySeriesOf, type Layout } from '../../viewer/protocol';
import { PROTOCOLS } from '../../viewer/protocols';

/** Where the reader's protocol per study is kept (src/store/protocolChoice.ts in the app). */
export interface ProtocolChoiceStore {
  load(studyKey: string): string | undefined;
  save(studyKey: string, protocolId: string): void;
}

export interface Hanging {
  /** Every protocol that fits the patient, best first. */
  readonly matches: readonly ProtocolMatch[];
  /** The one shown (undefined only for a patient with no series). */
  readonly shown: ProtocolMatch | undefined;
  /** Its grid's size (1x1 when nothing fits). */
  readonly layout: Layout;
}

const NO_GRID = { protocolId: '', rows: [], columns: [], cells: [] } as const;

/** The hanging of a patient with the reader's protocol choice (undefined: the best one). */
export function hangingOf(patient: CatalogPatient, chosenId: string | undefined): Hanging {
  const matches = matchProtocols(PROTOCOLS, studySeriesOf(patient));
  const shown = chooseProtocol(matches, chosenId);
  const grid = shown?.grid ?? NO_GRID;
  return { matches, shown, layout: layoutOf(grid.rows.length, grid.columns.length) };
}

/** The grid of a hanging (an empty one when nothing fits). */
export const gridOf = (hanging: Hanging) => hanging.shown?.grid ?? NO_GRID;

/** `hangingOf` remembering its last answer (the same object until the patient or choice change). */
export function hangingMemo(): (patient: CatalogPatient, chosenId: string | undefined) => Hanging {
  let last: { patient: CatalogPatient; chosenId: string | undefined; hanging: Hanging } | undefined;
  return (patient, chosenId) => {
    if (last?.patient !== patient || last.chosenId !== chosenId) {
      last = { patient, chosenId, hanging: hangingOf(patient, chosenId) };
    }
    return last.hanging;
  };
}
