/**
 * The reading workspace's grid: the hanging protocol shown, the cells under the layout and the
 * reader's series choices, and which cell is active or maximised. `WorkspaceGrid` reads the
 * grid's part of the state and answers each request with the change to make (undefined: none);
 * the workspace (workspace.ts) applies it. It keeps the protocol choice per study and whether
 * the layout is the reader's own.
 */
import type { CatalogPatient } from '../../dicom/catalog';
import type { Layout } from '../../viewer/protocol';
import { readingCells, type ReadingCell } from '../../viewer/readingLayout';
import { studyKeyOf } from '../protocolChoice';
import { gridOf, hangingMemo, hangingOf, type Hanging, type ProtocolChoiceStore } from './hanging';
import type { GridState } from './state';
import { shownCellIds } from './viewports';

export class WorkspaceGrid {
  private readonly hangingOfPatient = hangingMemo();
  private cellsMemo: { key: unknown[]; cells: ReadingCell[] } | undefined;

  /** `ownLayout`: whether the layout is the reader's (set or restored), not the protocol's. */
  constructor(
    private readonly protocols: ProtocolChoiceStore,
    private readonly state: () => GridState,
    private ownLayout: boolean,
  ) {}

  /** The protocols that fit the patient and the one shown (the same object until they change). */
  hanging(): Hanging {
    const { patient, protocolId } = this.state();
    return this.hangingOfPatient(patient, protocolId);
  }

  /** The grid's cells under the current layout and choices (the same array until they change). */
  cells(): readonly ReadingCell[] {
    const { layout, choices, patient } = this.state();
    const grid = gridOf(this.hanging());
    const key = [grid, layout, choices];
    if (!this.cellsMemo || this.cellsMemo.key.some((k, i) => k !== key[i])) {
      this.cellsMemo = { key, cells: readingCells(patient, grid, layout, choices) };
    }
    return this.cellsMemo.cells;
  }

  /** A new catalogue: the protocol kept for its studies, and the protocol's layout unless own. */
  patientChanged(patient: CatalogPatient): Partial<GridState> | undefined {
    const { patient: current, protocolId: chosen } = this.state();
    if (patient === current) return undefined;
    const protocolId = this.protocols.load(studyKeyOf(patient)) ?? chosen;
    const next = this.ownLayout ? {} : { layout: hangingOf(patient, protocolId).layout };
    return { patient, protocolId, ...next };
  }

  /** Another protocol, remembered for the study: its grid from the top-left, no picks. */
  protocolChosen(protocolId: string): Partial<GridState> {
    const { patient } = this.state();
    this.protocols.save(studyKeyOf(patient), protocolId);
    const layout = hangingOf(patient, protocolId).layout;
    this.ownLayout = false;
    return { protocolId, layout, choices: {}, activeCell: 'r0c0' };
  }

  layoutSet(layout: Layout): Partial<GridState> {
    this.ownLayout = true;
    return { layout, maximised: undefined };
  }

  /** A cell on screen made active (a hidden cell cannot be). */
  activated(cellId: string): Partial<GridState> | undefined {
    if (!shownCellIds(this.cells(), this.state().maximised).includes(cellId)) return undefined;
    return { activeCell: cellId };
  }

  /** A cell shown over the whole grid, or the grid again when one is. */
  maximiseToggled(cellId: string): Partial<GridState> | undefined {
    if (this.state().maximised !== undefined) return { maximised: undefined };
    if (!this.cells().some((c) => c.cellId === cellId)) return undefined;
    return { maximised: cellId, activeCell: cellId };
  }

  /** A layout that drops the active (or maximised) cell makes its first cell the active one. */
  keptShown(): Pick<GridState, 'maximised' | 'activeCell'> | undefined {
    const { activeCell, maximised } = this.state();
    const ids = this.cells().map((c) => c.cellId);
    const kept = maximised !== undefined && ids.includes(maximised) ? maximised : undefined;
    const active = ids.includes(activeCell) && (kept ?? activeCell) === activeCell;
    if (kept === maximised && active) return undefined;
    return { maximised: kept, activeCell: active ? activeCell : (kept ?? ids[0] ?? activeCell) };
  }
}
