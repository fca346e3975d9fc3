/**
 * Per-row zoom/pan and W/L synchronisation through cornerstone synchronizers. A row is one
 * timepoint in the DLM protocol, so "sync W/L" keeps a row's windows together while the reader
 * compares sequences.
 */
import { synchronizers, SynchronizerManager } from '@cornerstonejs/tools';

export type RowSyncKind = 'zoomPan' | 'voi';

interface RowMember {
  viewportId: string;
  row: number;
}

export class RowSynchronizers {
  private readonly on = new Set<string>();

  constructor(private readonly engineId: string) {}

  private id(row: number, kind: RowSyncKind): string {
    return `${this.engineId}-row${row}-${kind}`;
  }

  /** Turns one row's synchronizer on or off, for the viewports shown now. */
  set(row: number, kind: RowSyncKind, on: boolean, members: readonly RowMember[]): void {
    const id = this.id(row, kind);
    if (on) this.on.add(id);
    else this.on.delete(id);
    this.apply(row, kind, members);
  }

  /** Re-creates every synchronizer that is on, after viewports were added or removed. */
  rebuild(members: readonly RowMember[]): void {
    const rows = new Set(members.map((m) => m.row));
    for (const row of rows) {
      for (const kind of ['zoomPan', 'voi'] as const) this.apply(row, kind, members);
    }
  }

  private apply(row: number, kind: RowSyncKind, members: readonly RowMember[]): void {
    const id = this.id(row, kind);
    SynchronizerManager.destroySynchronizer(id);
    if (!this.on.has(id)) return;
    const synchronizer =
      kind === 'voi'
        ? synchronizers.createVOISynchronizer(id, { syncInvertState: true, syncColormap: false })
        : synchronizers.createZoomPanSynchronizer(id);
    for (const member of members) {
      if (member.row === row) {
        synchronizer.add({ renderingEngineId: this.engineId, viewportId: member.viewportId });
      }
    }
  }

  dispose(): void {
    for (const id of this.on) SynchronizerManager.destroySynchronizer(id);
    this.on.clear();
  }
}
