/**
 * The reading workspace's viewer on screen: the session while the reading screen is mounted,
 * the viewport elements it gave, and what the viewer was last asked to show (so asking again
 * for the same series is a no-op). The workspace (workspace.ts) makes the session.
 */
import type { KeyAction } from '../readingKeys';
import type { ReadingCell } from '../../viewer/readingLayout';
import type { ViewerSession } from './viewer';
import { presetCells, shownKeyOf, viewportIdOf, viewportSpecs } from './viewports';

export class ViewerMount {
  private session: ViewerSession | undefined;
  private readonly elements = new Map<string, HTMLDivElement>();
  private shown: string | undefined;

  /** The viewer session while mounted. */
  get viewer(): ViewerSession | undefined {
    return this.session;
  }

  /** Keeps a new session (nothing shown by it yet). */
  mount(create: () => ViewerSession): void {
    this.shown = undefined;
    this.session = create();
  }

  unmount(): void {
    this.session?.dispose();
    this.session = undefined;
  }

  /** The element of a viewport on screen (null when it goes away). */
  attach(viewportId: string, element: HTMLDivElement | null): void {
    if (element) this.elements.set(viewportId, element);
    else this.elements.delete(viewportId);
  }

  /** Has the viewer show the cells' series, when what is shown changed since the last call. */
  show(cells: readonly ReadingCell[]): void {
    const key = shownKeyOf(cells);
    if (!this.session || key === this.shown) return;
    this.shown = key;
    void this.session.show(viewportSpecs(cells, this.elements));
  }

  /**
   * Runs a viewer key action on the active cell's viewport; a W/L preset goes to every cell of
   * the active one's modality (`presetCells`), a manual W/L drag stays with its viewport.
   */
  runOn(cells: readonly ReadingCell[], activeCellId: string, action: KeyAction): void {
    const cellIds = action.kind === 'preset' ? presetCells(cells, activeCellId) : [activeCellId];
    for (const cellId of cellIds) this.run(viewportIdOf(cellId), action);
  }

  /** Runs a viewer key action on a viewport; the others (tool, maximise, tags, help) are not its. */
  run(viewportId: string, action: KeyAction): void {
    const v = this.session;
    switch (action.kind) {
      case 'scroll':
        return v?.scroll(viewportId, action.delta);
      case 'preset':
        return v?.applyPreset(viewportId, action.preset);
      case 'reset':
        return v?.reset(viewportId);
      case 'invert':
        return v?.invert(viewportId);
      case 'cine':
        return v?.toggleCine(viewportId);
      default:
        return;
    }
  }
}
