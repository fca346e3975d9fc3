/**
 * The reading grid's view rules in the workspace (headless, fake viewer): the active viewport is
 * always one on screen, so the series tree never loads into a hidden cell; maximising a cell
 * (double-click or the key) shows it alone and brings the grid back.
 */
import { describe, expect, it } from 'vitest';
import { PATIENT, READER, element, makeRoom } from './harness.ts';

function openWorkspace(made = makeRoom()) {
  made.room.open(PATIENT.patientId);
  const workspace = made.room.store.get().workspace;
  if (!workspace) throw new Error('no workspace');
  workspace.mountViewer();
  for (const cell of workspace.cells()) workspace.attach(`vp-${cell.cellId}`, element(cell.cellId));
  workspace.showViewports();
  return { ...made, workspace };
}

describe('the reading grid', () => {
  it('keeps the active cell on screen when the layout drops it, so a tree pick shows', () => {
    const { workspace } = openWorkspace();
    workspace.activate('r1c2');
    expect(workspace.store.get().activeCell).toBe('r1c2');
    workspace.setLayout('1x1');
    expect(workspace.store.get().activeCell).toBe('r0c0');
    // A cell that is not on screen cannot become the active one.
    workspace.activate('r1c2');
    expect(workspace.store.get().activeCell).toBe('r0c0');
    // The tree loads into the active cell: the one visible cell changes.
    const shown = workspace.cells()[0]?.series?.key;
    workspace.chooseSeries(workspace.store.get().activeCell, 'p-ct');
    expect(workspace.cells().map((c) => c.series?.key)).toEqual(['p-ct']);
    expect(shown).not.toBe('p-ct');
  });

  it("sends a slice bar's slice to that cell's viewport", () => {
    const { workspace, viewers } = openWorkspace();
    const viewer = viewers.at(-1);
    workspace.scrollTo('r1c2', 7);
    workspace.scrollTo('r0c0', 0);
    expect(viewer?.scrolledTo).toEqual([
      { viewportId: 'vp-r1c2', index: 7 },
      { viewportId: 'vp-r0c0', index: 0 },
    ]);
  });

  it('corrects a restored active cell that the restored layout does not show', () => {
    const made = makeRoom();
    made.storage.views.set(`${READER.id}/${PATIENT.patientId}`, {
      layout: '1x2',
      activeCell: 'r1c3',
      choices: {},
      slices: {},
    });
    const { workspace } = openWorkspace(made);
    expect(workspace.store.get().activeCell).toBe('r0c0');
  });

  it('maximises a cell (making it active), hides the rest from activation, and restores', () => {
    const { workspace, viewers } = openWorkspace();
    const viewer = viewers.at(-1);
    workspace.toggleMaximise('r1c1');
    expect(workspace.store.get()).toMatchObject({ maximised: 'r1c1', activeCell: 'r1c1' });
    workspace.activate('r0c0');
    expect(workspace.store.get().activeCell).toBe('r1c1');
    // The key works on the active cell: maximised, it brings the grid back.
    workspace.runAction({ kind: 'maximise' });
    expect(workspace.store.get().maximised).toBeUndefined();
    workspace.activate('r0c0');
    workspace.runAction({ kind: 'maximise' });
    expect(workspace.store.get().maximised).toBe('r0c0');
    // Maximising reloads nothing: the viewer was asked to show the grid once.
    expect(viewer?.shown).toHaveLength(1);
    // A layout change ends the maximised view.
    workspace.setLayout('2x2');
    expect(workspace.store.get().maximised).toBeUndefined();
  });

  it("reopens the patient afresh for another reader: none of the last reader's view or focus", () => {
    const made = openWorkspace();
    const first = made.workspace;
    first.setLayout('1x2');
    first.activate('r0c1');
    first.focusLesion('L1', { seriesKey: 'b-ct', point: [20, 0, 20] } as never);
    expect(first.store.get().focus?.lesionId).toBe('L1');
    made.reader.set({ id: 'r2', name: 'Dr Two' });
    const second = made.room.store.get().workspace;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(second?.store.get()).toMatchObject({ focus: undefined, activeCell: 'r0c0' });
    expect(second?.store.get().layout).not.toBe('1x2');
    expect(made.room.store.get().place).toEqual({});
    // Each reader's view is kept under the reader: back to r1, r1's layout returns.
    expect(made.storage.views.get(`r2/${PATIENT.patientId}`)).toBeUndefined();
    made.reader.set(READER);
    expect(made.room.store.get().workspace?.store.get().layout).toBe('1x2');
  });
});

describe('Esc in the reading room', () => {
  it('ends one mode per press (drawing, pending link, maximised), then says none is on', () => {
    const { workspace, viewers } = openWorkspace();
    const viewer = viewers.at(-1);
    if (!viewer) throw new Error('no viewer');
    workspace.toggleMaximise('r0c1');
    workspace.link('r0c1');
    viewer.drawing = true;
    expect(workspace.escape()).toBe('drawing');
    expect(viewer.drawing).toBe(false);
    expect(workspace.store.get().linkFrom).toBe('vp-r0c1');
    expect(workspace.escape()).toBe('link');
    expect(workspace.store.get().linkFrom).toBeUndefined();
    expect(workspace.store.get().maximised).toBe('r0c1');
    expect(workspace.escape()).toBe('maximised');
    expect(workspace.store.get().maximised).toBeUndefined();
    // Nothing left to end: the screen goes back to the patient list (src/ui/PatientView.tsx).
    expect(workspace.escape()).toBe('none');
    expect(viewer.calls.filter((c) => c.startsWith('link'))).toEqual([]);
  });

  it('a reader set for the first time after a link opened the patient keeps its place', () => {
    const made = makeRoom();
    made.reader.set(undefined);
    made.room.open(PATIENT.patientId, { timepoint: 'preop', lesionId: 'L1' });
    const opened = made.room.store.get().workspace;
    expect(opened).toBeDefined();
    made.reader.set(READER);
    expect(made.room.store.get().workspace).toBe(opened);
    expect(made.room.store.get().place).toEqual({ timepoint: 'preop', lesionId: 'L1' });
    expect(opened?.store.get().read).toBeDefined();
  });
});
