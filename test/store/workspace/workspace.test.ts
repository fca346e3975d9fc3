/**
 * The reading workspace driven headless (as tldraw tests its editor): opening a patient, lesion
 * focus moving the viewports, recording a measurement, undo, and a reload restoring the view and
 * the read. The viewer is a fake; the read session is the real one on an in-memory repository.
 */
import { describe, expect, it } from 'vitest';
import type { ReadingWorkspace } from '../../../src/store/workspace/index.ts';
import type { Measurement } from '../../../src/viewer/measurements.ts';
import type { Mat4 } from '../../../src/domain/registration';
import type { PatientRegistration } from '../../../src/store/workspace/registration.ts';
import { RECORD_UNDO_GUARD_MS } from '../../../src/store/workspace/records.ts';
import {
  CT_FRAME,
  MR_FRAME,
  PATIENT,
  PREOP_MR_FRAME,
  READER,
  element,
  makeRoom,
  whenRead,
  type FakeViewer,
} from './harness.ts';

/** Opens DREAM-001, mounts the grid as the screen does, and waits for the read. */
async function openPatient(made = makeRoom()) {
  made.room.open(PATIENT.patientId);
  const workspace = made.room.store.get().workspace;
  if (!workspace) throw new Error('no workspace');
  workspace.mountViewer();
  for (const cell of workspace.cells()) workspace.attach(`vp-${cell.cellId}`, element(cell.cellId));
  workspace.showViewports();
  const read = workspace.store.get().read;
  if (!read) throw new Error('no read session');
  await whenRead(read, (s) => s.phase === 'ready');
  const viewer = made.viewers.at(-1) as FakeViewer;
  return { ...made, workspace, read, viewer };
}

const viewportOf = (workspace: ReadingWorkspace, seriesKey: string) => {
  const cell = workspace.cells().find((c) => c.series?.key === seriesKey);
  if (!cell) throw new Error(`no cell shows ${seriesKey}`);
  return `vp-${cell.cellId}`;
};

/** A 20 mm length drawn on baseline CT slice 4 (z = 20 mm). */
function baselineLength(workspace: ReadingWorkspace): Measurement {
  return {
    uid: 'm1',
    tool: 'Length',
    viewportId: viewportOf(workspace, 'b-ct'),
    imageId: 'b-ct:4',
    points: [
      [10, 0, 20],
      [30, 0, 20],
    ],
    values: [{ name: 'length', value: 20, unit: 'mm' }],
  };
}

/** A place on the baseline CT (what a lesion row or mark gives focusLesion). */
function baselinePlace(point: { x: number; y: number; z: number }) {
  return {
    point,
    studyInstanceUid: 'study-b-ct',
    seriesInstanceUid: 'b-ct',
    sopInstanceUid: 'x',
    frameNumber: 1,
    frameOfReferenceUid: CT_FRAME,
  } as never;
}

describe('ReadingWorkspace', () => {
  it('opens a patient once the library holds it, with its read and the protocol grid', async () => {
    const made = makeRoom(undefined, []);
    made.room.open(PATIENT.patientId, { timepoint: 'preop' });
    expect(made.room.store.get().workspace).toBeUndefined();
    made.library.set([PATIENT]);
    const workspace = made.room.store.get().workspace;
    expect(workspace?.patientId).toBe(PATIENT.patientId);
    expect(workspace?.store.get().place).toEqual({ timepoint: 'preop' });
    const { viewer } = await openPatient(made);
    const shown = viewer.shown.at(-1)?.map((spec) => spec.seriesKey) ?? [];
    expect(shown).toEqual(expect.arrayContaining(['b-ct', 'b-adc', 'b-hbp', 'p-ct']));
    // Showing again with nothing changed does not reload the grid.
    workspace?.showViewports();
    expect(viewer.shown).toHaveLength(1);
  });

  it('moves every viewport in the lesion’s frame of reference, now or once ready', async () => {
    const { workspace, viewer } = await openPatient();
    const baselineCt = viewportOf(workspace, 'b-ct');
    const preopCt = viewportOf(workspace, 'p-ct');
    viewer.ready(baselineCt);
    viewer.ready(viewportOf(workspace, 'b-adc'));
    const place = {
      point: { x: 20, y: 0, z: 20 },
      studyInstanceUid: 'study-b-ct',
      seriesInstanceUid: 'b-ct',
      sopInstanceUid: 'x',
      frameNumber: 1,
      frameOfReferenceUid: CT_FRAME,
    } as const;
    workspace.focusLesion('L1', place as never);
    expect(viewer.slicesAt.map((s) => s.viewportId)).toEqual([baselineCt]);
    // The pre-op CT was still loading: it goes there once ready, and only once.
    viewer.ready(preopCt);
    viewer.ready(preopCt, 2);
    expect(viewer.slicesAt.map((s) => s.viewportId)).toEqual([baselineCt, preopCt]);
    expect(viewer.slicesAt[1]?.point).toEqual([20, 0, 20]);
    // Asking for the same lesion again moves them again; MR (another frame) never moves.
    workspace.focusLesion('L1', place as never);
    expect(viewer.slicesAt.map((s) => s.viewportId).sort()).toEqual(
      [baselineCt, baselineCt, preopCt, preopCt].sort(),
    );
  });

  it('with the exams registered, moves every viewport, MR included, to the lesion', async () => {
    // The registrar the root gives: each MR exam's frame is the CT's shifted (mm).
    const shift = (x: number, y: number): Mat4 => [
      [1, 0, 0, x],
      [0, 1, 0, y],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ];
    const registration: PatientRegistration = {
      referenceFrame: CT_FRAME,
      frames: {
        [CT_FRAME]: { fromReference: shift(0, 0), status: 'reference' },
        [MR_FRAME]: { fromReference: shift(10, 5), status: 'registered', nmiAfter: 1.4 },
        [PREOP_MR_FRAME]: { fromReference: shift(-4, 0), status: 'registered', nmiAfter: 1.3 },
      },
      ms: 1000,
      pairMs: [500, 500],
    };
    const made = makeRoom(undefined, [PATIENT], {
      register: () => Promise.resolve(registration),
    });
    const { workspace, viewer } = await openPatient(made);
    await new Promise<void>((resolve) => {
      const done = () => workspace.store.get().registration?.state === 'done';
      if (done()) return resolve();
      const stop = workspace.store.subscribe(() => {
        if (done()) {
          stop();
          resolve();
        }
      });
    });
    const viewports = workspace.cells().map((cell) => `vp-${cell.cellId}`);
    for (const id of viewports) viewer.ready(id);
    workspace.focusLesion('L1', baselinePlace({ x: 20, y: 0, z: 20 }));
    expect(viewer.slicesAt.map((s) => s.viewportId).sort()).toEqual([...viewports].sort());
    const at = (seriesKey: string) =>
      viewer.slicesAt.find((s) => s.viewportId === viewportOf(workspace, seriesKey))?.point;
    expect(at('b-ct')).toEqual([20, 0, 20]);
    expect(at('p-ct')).toEqual([20, 0, 20]);
    expect(at('b-adc')).toEqual([30, 5, 20]);
    expect(at('b-hbp')).toEqual([30, 5, 20]);
    expect(at('p-adc')).toEqual([16, 0, 20]);
  });

  it('records a measurement as a new lesion, and undo takes it back', async () => {
    const { workspace, read, viewer } = await openPatient();
    const m = baselineLength(workspace);
    viewer.measure([m]);
    expect(workspace.store.get().measurements).toEqual([m]);
    const targets = workspace.recordTargets(m);
    expect(targets.map((t) => t.target)).toEqual(['new']);
    expect(workspace.recordMeasurement(m, targets[0]!.link)).toBe(true);
    const lesion = read.store.get().read?.lesions[0];
    expect(lesion?.id).toBe('L1');
    expect(lesion?.baselineDiameterMm).toBe(20);
    expect(lesion?.baselineLocation?.point).toEqual({ x: 20, y: 0, z: 20 });
    // Now the measurement can also go on L1.
    expect(workspace.recordTargets(m).map((t) => t.target)).toEqual(['new', 'L1']);
    expect(workspace.undo()).toBe(true);
    expect(read.store.get().read?.lesions.filter((l) => !l.removed)).toEqual([]);
    expect(workspace.redo()).toBe(true);
    expect(read.store.get().read?.lesions[0]?.id).toBe('L1');
  });

  it('records a measurement once; undo (its own or Ctrl+Z) makes it recordable again', async () => {
    const clock = { now: 1_000 };
    const { workspace, read, viewer } = await openPatient(
      makeRoom(undefined, undefined, { now: () => clock.now }),
    );
    const m = baselineLength(workspace);
    viewer.measure([m]);
    const link = workspace.recordTargets(m)[0]!.link;
    expect(workspace.recordedOf(m)).toBeUndefined();
    expect(workspace.lesionsNear(link)).toEqual([]);
    expect(workspace.recordMeasurement(m, link)).toBe(true);
    expect(workspace.recordedOf(m)).toMatchObject({ link, lesionId: 'L1' });
    expect(workspace.canUndoRecord(m)).toBe(false);
    clock.now += RECORD_UNDO_GUARD_MS - 1;
    expect(workspace.canUndoRecord(m)).toBe(false);
    clock.now += 1;
    expect(workspace.canUndoRecord(m)).toBe(true);
    // A second record of the same measurement is refused: no duplicate lesion.
    expect(workspace.recordMeasurement(m, link)).toBe(false);
    expect(read.store.get().read?.lesions.map((l) => l.id)).toEqual(['L1']);
    // Another measurement at the same place onto a new lesion: the room has to ask.
    const again = { ...m, uid: 'm2' };
    expect(workspace.lesionsNear(workspace.recordTargets(again)[0]!.link)).toEqual(['L1']);
    // The row's undo takes the record back (once a double-click's time has passed); the
    // measurement is unrecorded again.
    clock.now += RECORD_UNDO_GUARD_MS;
    expect(workspace.undoRecord(m)).toBe(true);
    expect(workspace.recordedOf(m)).toBeUndefined();
    expect(workspace.undoRecord(m)).toBe(false);
    expect(read.store.get().read?.lesions.filter((l) => !l.removed)).toEqual([]);
    // Recorded again: a new lesion (ids are never reused); Ctrl+Z (workspace.undo) takes it back.
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    expect(workspace.recordedOf(m)?.lesionId).toBe('L2');
    await read.flushed();
    clock.now += RECORD_UNDO_GUARD_MS;
    expect(workspace.canUndoRecord(m)).toBe(true);
    expect(workspace.undo()).toBe(true);
    expect(workspace.recordedOf(m)).toBeUndefined();
  });

  it('a later timepoint’s measurement defaults to the lesion in focus, not the first one', async () => {
    const { workspace, viewer } = await openPatient();
    const m = baselineLength(workspace);
    const other = {
      ...m,
      uid: 'm2',
      points: [
        [60, 0, 20],
        [80, 0, 20],
      ] as typeof m.points,
    };
    viewer.measure([m, other]);
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    expect(workspace.recordMeasurement(other, workspace.recordTargets(other)[0]!.link)).toBe(true);
    // At baseline a new lesion stays the default.
    const third = {
      ...m,
      uid: 'm3',
      points: [
        [60, 0, 60],
        [80, 0, 60],
      ] as typeof m.points,
    };
    expect(workspace.recordTargets(third)[0]?.target).toBe('new');
    const preop: Measurement = {
      ...m,
      uid: 'm4',
      viewportId: viewportOf(workspace, 'p-ct'),
      imageId: 'p-ct:4',
    };
    viewer.measure([m, other, preop]);
    expect(workspace.recordTargets(preop).map((t) => t.target)).toEqual(['L1', 'L2']);
    workspace.focusLesion('L2', baselinePlace({ x: 70, y: 0, z: 20 }));
    expect(workspace.recordTargets(preop).map((t) => t.target)).toEqual(['L2', 'L1']);
  });

  it('a double-click on Record makes one lesion and keeps it: the Undo in its place waits', async () => {
    const clock = { now: 5_000 };
    const { workspace, read, viewer } = await openPatient(
      makeRoom(undefined, undefined, { now: () => clock.now }),
    );
    const m = baselineLength(workspace);
    viewer.measure([m]);
    // First click: Record.
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    // Second click of the double-click, 150 ms later, lands on the Undo now in Record's place.
    expect(workspace.justRecorded()).toBe(true);
    clock.now += 150;
    expect(workspace.recordUndoWait(m)).toBe(RECORD_UNDO_GUARD_MS - 150);
    expect(workspace.justRecorded()).toBe(true);
    expect(workspace.undoRecord(m)).toBe(false);
    const live = () =>
      read.store
        .get()
        .read?.lesions.filter((l) => !l.removed)
        .map((l) => l.id);
    expect(live()).toEqual(['L1']);
    expect(workspace.recordedOf(m)?.lesionId).toBe('L1');
    // A deliberate undo later still works, and Ctrl+Z never waits.
    clock.now += RECORD_UNDO_GUARD_MS;
    expect(workspace.recordUndoWait(m)).toBe(0);
    expect(workspace.justRecorded()).toBe(false);
    expect(workspace.undoRecord(m)).toBe(true);
    expect(live()).toEqual([]);
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    expect(workspace.undo()).toBe(true);
    expect(live()).toEqual([]);
  });

  it('every Record is a new last record, the same measurement recorded again after an undo too', async () => {
    const clock = { now: 0 };
    const { workspace, viewer } = await openPatient(
      makeRoom(undefined, undefined, { now: () => clock.now }),
    );
    const m = baselineLength(workspace);
    viewer.measure([m]);
    expect(workspace.store.get().lastRecorded).toBeUndefined();
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    const first = workspace.store.get().lastRecorded;
    expect(first?.uid).toBe('m1');
    clock.now += RECORD_UNDO_GUARD_MS;
    expect(workspace.undoRecord(m)).toBe(true);
    // Recorded again (now as L2): the lesion panel must see a new Record and go to L2.
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    const second = workspace.store.get().lastRecorded;
    expect(second?.uid).toBe('m1');
    expect(second).not.toEqual(first);
    expect(workspace.store.get().recorded[second?.uid ?? '']?.lesionId).toBe('L2');
  });

  it('a record undone and redone shows as recorded again, on the same lesion', async () => {
    const { workspace, read, viewer } = await openPatient();
    const m = baselineLength(workspace);
    viewer.measure([m]);
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    expect(workspace.recordedOf(m)?.lesionId).toBe('L1');
    expect(workspace.undo()).toBe(true);
    expect(workspace.recordedOf(m)).toBeUndefined();
    // Redo brings L1 back under its own id.
    expect(workspace.redo()).toBe(true);
    const live = read.store
      .get()
      .read?.lesions.filter((l) => !l.removed)
      .map((l) => l.id);
    expect(live).toEqual(['L1']);
    expect(workspace.recordedOf(m)).toMatchObject({ lesionId: 'L1' });
    // Still one record per measurement: recording it again is refused.
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(false);
    // And undone again, it is unrecorded again.
    expect(workspace.undo()).toBe(true);
    expect(workspace.recordedOf(m)).toBeUndefined();
  });

  it("the row's undo never undoes a later change instead of its record", async () => {
    const { workspace, read, viewer } = await openPatient();
    const m = baselineLength(workspace);
    viewer.measure([m]);
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    expect(read.dispatch('addLesion', {})).toBe(true);
    expect(workspace.canUndoRecord(m)).toBe(false);
    expect(workspace.undoRecord(m)).toBe(false);
    expect(
      read.store
        .get()
        .read?.lesions.filter((l) => !l.removed)
        .map((l) => l.id),
    ).toEqual(['L1', 'L2']);
    expect(workspace.recordedOf(m)?.lesionId).toBe('L1');
  });

  it('brings back the view and the read after a reload', async () => {
    const first = await openPatient();
    first.workspace.setLayout('2x2');
    const baselineCt = viewportOf(first.workspace, 'b-ct');
    first.viewer.ready(baselineCt, 6);
    first.workspace.activate('r0c1');
    const m = baselineLength(first.workspace);
    first.viewer.measure([m]);
    first.workspace.recordMeasurement(m, first.workspace.recordTargets(m)[0]!.link);
    await first.read.flushed();

    // A reload: a new tab's room over the same storage.
    const second = await openPatient(makeRoom(first.storage));
    expect(second.workspace.store.get().layout).toBe('2x2');
    expect(second.workspace.store.get().activeCell).toBe('r0c1');
    second.viewer.ready(baselineCt, 0);
    expect(second.viewer.scrolledTo).toEqual([{ viewportId: baselineCt, index: 6 }]);
    expect(second.read.store.get().read?.lesions.map((l) => l.id)).toEqual(['L1']);
  });

  it('runs viewer keys on the active viewport and links two viewports', async () => {
    const { workspace, viewer } = await openPatient();
    workspace.activate('r1c0');
    workspace.runAction({ kind: 'scroll', delta: 5 });
    workspace.runAction({ kind: 'tool', tool: 'Length' });
    workspace.link('r0c0');
    expect(workspace.store.get().linkFrom).toBe('vp-r0c0');
    workspace.link('r1c0');
    expect(workspace.store.get().linkFrom).toBeUndefined();
    expect(workspace.store.get().tool).toBe('Length');
    expect(viewer.calls).toEqual(['scroll vp-r1c0 5', 'tool Length', 'link vp-r0c0 vp-r1c0']);
  });

  it('sends a W/L preset to every viewport of the active modality, invert only to the active', async () => {
    const { workspace, viewer } = await openPatient();
    const cellOf = (key: string) => viewportOf(workspace, key).replace(/^vp-/, '');
    const cts = ['b-ct', 'p-ct'].map((key) => viewportOf(workspace, key));
    const mrs = ['b-adc', 'b-hbp', 'p-adc', 'p-hbp'].map((key) => viewportOf(workspace, key));
    const presets = () => viewer.calls.filter((c) => c.startsWith('preset ')).sort();

    workspace.activate(cellOf('p-ct'));
    workspace.runAction({ kind: 'preset', preset: 'ct-liver' });
    expect(presets()).toEqual(cts.map((vp) => `preset ${vp} ct-liver`).sort());

    viewer.calls.length = 0;
    workspace.activate(cellOf('b-adc'));
    workspace.runAction({ kind: 'preset', preset: 'auto' });
    workspace.runAction({ kind: 'invert' });
    expect(presets()).toEqual(mrs.map((vp) => `preset ${vp} auto`).sort());
    expect(viewer.calls.filter((c) => c.startsWith('invert '))).toEqual([`invert ${mrs[0]}`]);
  });

  it('keeps the read through an unmount of the screen and closes it, saved, with the patient', async () => {
    const made = await openPatient();
    const { workspace, read, viewer } = made;
    workspace.unmountViewer();
    expect(viewer.disposed).toBe(true);
    workspace.mountViewer();
    expect(made.viewers).toHaveLength(2);
    expect(workspace.store.get().read).toBe(read);
    made.room.close();
    expect(made.viewers[1]?.disposed).toBe(true);
    await read.flushed();
    await Promise.resolve();
    expect(made.closed).toEqual([READER.id]);
  });

  it('takes back a read still being saved when the patient opens again at once', async () => {
    const made = await openPatient();
    const m = baselineLength(made.workspace);
    made.viewer.measure([m]);
    made.workspace.recordMeasurement(m, made.workspace.recordTargets(m)[0]!.link);
    made.room.close();
    made.room.open(PATIENT.patientId);
    expect(made.room.store.get().workspace?.store.get().read).toBe(made.read);
    await made.read.flushed();
    await Promise.resolve();
    expect(made.closed).toEqual([]);
  });

  it('opens the new reader’s read, in a workspace of its own, when the reader changes', async () => {
    const made = await openPatient();
    made.reader.set({ id: 'r2', name: 'Dr Two' });
    const reopened = made.room.store.get().workspace;
    expect(reopened).not.toBe(made.workspace);
    const next = reopened?.store.get().read;
    expect(next).not.toBe(made.read);
    if (!next) throw new Error('no read');
    await whenRead(next, (s) => s.phase === 'ready');
    expect(next.store.get().read?.reader.id).toBe('r2');
  });
});
