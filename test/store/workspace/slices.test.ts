/**
 * Where each viewport stands (src/store/workspace/slices.ts): a saved slice is restored once its
 * viewport is ready and kept in the view to save until then, and a lesion focus beats a slice
 * still waiting to be restored. Driven directly with the fake viewer and the harness patient.
 */
import { describe, expect, it } from 'vitest';
import { worldPoint } from '../../../src/domain/index.ts';
import { ViewportSlices } from '../../../src/store/workspace/slices.ts';
import type { LesionFocus } from '../../../src/store/workspace/index.ts';
import type { ReadingStatus } from '../../../src/viewer/readingSession.ts';
import { CT_FRAME, FakeViewer, PATIENT, makeRoom } from './harness.ts';

function setup() {
  const made = makeRoom();
  made.room.open(PATIENT.patientId);
  const workspace = made.room.store.get().workspace;
  if (!workspace) throw new Error('no workspace');
  const cells = workspace.cells();
  const cellOf = (key: string) => {
    const cell = cells.find((c) => c.series?.key === key);
    if (!cell) throw new Error(`no cell shows ${key}`);
    return cell.cellId;
  };
  const viewer = new FakeViewer(
    () => undefined,
    () => undefined,
  );
  return { cells, cellOf, viewer };
}

const ready = (index: number): ReadingStatus => ({
  state: 'ready',
  index,
  count: 10,
  positionMm: index * 5,
  windowWidth: 400,
  windowCenter: 40,
  invert: false,
  linked: false,
  cine: false,
});

const focus: LesionFocus = {
  lesionId: 'L1',
  place: {
    point: worldPoint(20, 0, 20),
    studyInstanceUid: 'study-b-ct',
    seriesInstanceUid: 'b-ct',
    sopInstanceUid: 'b-ct:4',
    frameNumber: 1,
    frameOfReferenceUid: CT_FRAME,
  },
  seq: 1,
};

describe('ViewportSlices', () => {
  it('restores a saved slice once the viewport is ready, and keeps it to save until then', () => {
    const { cells, cellOf, viewer } = setup();
    const ct = cellOf('b-ct');
    const slices = new ViewportSlices();
    slices.reset({ [ct]: 6 });
    expect(slices.restore(viewer, cells, {})).toEqual({ [ct]: 6 });
    expect(viewer.scrolledTo).toEqual([]);
    expect(slices.restore(viewer, cells, { [`vp-${ct}`]: ready(0) })).toEqual({ [ct]: 0 });
    expect(viewer.scrolledTo).toEqual([{ viewportId: `vp-${ct}`, index: 6 }]);
    // Restored once only: later statuses are saved as they are.
    slices.restore(viewer, cells, { [`vp-${ct}`]: ready(3) });
    expect(viewer.scrolledTo).toHaveLength(1);
  });

  it('lets a lesion focus beat a slice still waiting to be restored, once per request', () => {
    const { cells, cellOf, viewer } = setup();
    const ct = cellOf('b-ct');
    const statuses = { [`vp-${ct}`]: ready(0) };
    const slices = new ViewportSlices();
    slices.reset({ [ct]: 6 });
    slices.applyFocus(viewer, cells, focus, statuses, undefined);
    slices.applyFocus(viewer, cells, focus, statuses, undefined);
    expect(viewer.slicesAt).toEqual([{ viewportId: `vp-${ct}`, point: [20, 0, 20] }]);
    slices.restore(viewer, cells, statuses);
    expect(viewer.scrolledTo).toEqual([]);
    // A new viewer (reset) moves again for the same request.
    slices.reset(undefined);
    slices.applyFocus(viewer, cells, focus, statuses, undefined);
    expect(viewer.slicesAt).toHaveLength(2);
  });

  it('moves a viewport again when its series changes (a new hanging protocol)', () => {
    const { cells, cellOf, viewer } = setup();
    const ct = cellOf('b-ct');
    const statuses = { [`vp-${ct}`]: ready(0) };
    const slices = new ViewportSlices();
    slices.reset(undefined);
    slices.applyFocus(viewer, cells, focus, statuses, undefined);
    const swapped = cells.map((c) =>
      c.cellId === ct && c.series ? { ...c, series: { ...c.series, key: 'b-ct-other' } } : c,
    );
    slices.applyFocus(viewer, swapped, focus, statuses, undefined);
    expect(viewer.slicesAt.map((s) => s.viewportId)).toEqual([`vp-${ct}`, `vp-${ct}`]);
  });

  it('draws the crosshair only once the viewport shows the lesion slice', async () => {
    const { cells, cellOf, viewer } = setup();
    const ct = cellOf('b-ct');
    const marks: { viewportId: string; point: readonly number[] | undefined }[] = [];
    let arrive: (index: number) => void = () => undefined;
    Object.assign(viewer, {
      markAt: (viewportId: string, point: readonly number[] | undefined) =>
        marks.push({ viewportId, point }),
      showSliceAt: () => new Promise<number>((resolve) => (arrive = resolve)),
    });
    const slices = new ViewportSlices();
    slices.reset(undefined);
    slices.applyFocus(viewer, cells, focus, { [`vp-${ct}`]: ready(0) }, undefined);
    // Before the slice is shown: the old crosshair is gone and no new one is drawn.
    expect(marks).toEqual([{ viewportId: `vp-${ct}`, point: undefined }]);
    arrive(4);
    await expect.poll(() => marks.length).toBe(2);
    expect(marks[1]).toEqual({ viewportId: `vp-${ct}`, point: [20, 0, 20] });
  });
});
