/**
 * Marks that last: which marks a read draws and on which image, the reader's drawings kept per
 * read and added back after a reload with what they recorded, and Ctrl+Z undoing a new drawing.
 * The viewer is the harness's fake; the read session and the drawing store are real (in memory).
 */
import { describe, expect, it } from 'vitest';
import { readMarks, worldPoint } from '../../../src/domain/index.ts';
import type { ReadSession } from '../../../src/store/reads/index.ts';
import type { ReadingWorkspace } from '../../../src/store/workspace/index.ts';
import { drawingOf, markSpecs } from '../../../src/store/workspace/marks.ts';
import type { Measurement } from '../../../src/viewer/measurements.ts';
import { makeContext, makeRead } from '../../domain/fixtures.ts';
import { addLesion, setSitePoint } from '../../../src/domain/index.ts';
import {
  CT_FRAME,
  MR_FRAME,
  PATIENT,
  element,
  makeRoom,
  READER,
  whenRead,
  type FakeViewer,
} from './harness.ts';

async function openPatient(made = makeRoom()) {
  made.room.open(PATIENT.patientId);
  return { ...made, ...(await mountOpen(made)) };
}

/** Mounts the room's open workspace as the reading screen does; resolves once its read is in. */
async function mountOpen(made: ReturnType<typeof makeRoom>) {
  const workspace = made.room.store.get().workspace;
  if (!workspace) throw new Error('no workspace');
  workspace.mountViewer();
  for (const cell of workspace.cells()) workspace.attach(`vp-${cell.cellId}`, element(cell.cellId));
  workspace.showViewports();
  const read = workspace.store.get().read;
  if (!read) throw new Error('no read session');
  await whenRead(read, (s) => s.phase === 'ready');
  const viewer = made.viewers.at(-1) as FakeViewer;
  return { workspace, read, viewer };
}

const viewportOf = (workspace: ReadingWorkspace, seriesKey: string) => {
  const cell = workspace.cells().find((c) => c.series?.key === seriesKey);
  if (!cell) throw new Error(`no cell shows ${seriesKey}`);
  return `vp-${cell.cellId}`;
};

const instanceOf = (seriesKey: string, index: number) => {
  const series = PATIENT.timepoints
    .flatMap((t) => t.exams.flatMap((e) => e.series))
    .find((s) => s.key === seriesKey);
  const instance = series?.instances[index];
  if (!instance) throw new Error(`no ${seriesKey}[${index}]`);
  return instance;
};

/** A length on baseline CT slice 4 (z = 20 mm), as the viewer lists it. */
function length(workspace: ReadingWorkspace, uid: string, x: number): Measurement {
  return {
    uid,
    tool: 'Length',
    viewportId: viewportOf(workspace, 'b-ct'),
    imageId: 'b-ct:4',
    points: [
      [x, 0, 20],
      [x + 20, 0, 20],
    ],
    values: [{ name: 'length', value: 20, unit: 'mm' }],
    plane: { frameOfReferenceUid: CT_FRAME, viewPlaneNormal: [0, 0, 1] },
  };
}

describe('markSpecs', () => {
  it('puts each recorded place on its image, labelled with the lesion id', () => {
    const ctx = makeContext();
    const ct = instanceOf('b-ct', 4);
    const hbp = instanceOf('b-hbp', 2);
    const place = (instance: typeof ct, frame: string, x: number) => ({
      point: worldPoint(x, 5, 20),
      studyInstanceUid: instance.header.studyInstanceUid,
      seriesInstanceUid: instance.header.seriesInstanceUid,
      sopInstanceUid: instance.header.sopInstanceUid,
      frameNumber: 1,
      frameOfReferenceUid: frame,
    });
    let read = addLesion(makeRead(), { baselineLocation: place(ct, CT_FRAME, 12) }, ctx);
    read = setSitePoint(
      read,
      { lesionId: 'L1', timepoint: 'preop', modality: 'EOB', sitePoint: place(hbp, MR_FRAME, 7) },
      ctx,
    );
    // A lesion recorded on an image this patient's catalog does not hold draws nothing.
    read = addLesion(
      read,
      { baselineLocation: { ...place(ct, CT_FRAME, 1), sopInstanceUid: '9.9.9' } },
      ctx,
    );
    const specs = markSpecs(PATIENT, readMarks(read));
    expect(specs.map(({ viewPlaneNormal: _normal, ...spec }) => spec)).toEqual([
      {
        uid: 'dream-mark:L1:baseline',
        label: 'L1',
        imageId: 'b-ct:4',
        point: [12, 5, 20],
        frameOfReferenceUid: CT_FRAME,
      },
      {
        uid: 'dream-mark:L1:preop:EOB:site',
        label: 'L1',
        imageId: 'b-hbp:2',
        point: [7, 5, 20],
        frameOfReferenceUid: MR_FRAME,
      },
    ]);
  });

  it('keeps a drawing only with its frame of reference', () => {
    const m: Measurement = {
      uid: 'd1',
      tool: 'Probe',
      viewportId: 'vp-r0c0',
      imageId: 'b-ct:1',
      points: [[1, 2, 3]],
      values: [],
    };
    expect(drawingOf(m)).toBeUndefined();
    expect(drawingOf({ ...m, plane: { frameOfReferenceUid: CT_FRAME } })).toEqual({
      uid: 'd1',
      tool: 'Probe',
      imageId: 'b-ct:1',
      points: [[1, 2, 3]],
      frameOfReferenceUid: CT_FRAME,
    });
  });
});

describe('ReadingWorkspace marks', () => {
  it('draws a recorded measurement’s mark, and takes it away when the record is undone', async () => {
    const { workspace, viewer } = await openPatient();
    expect(viewer.marks).toEqual([]);
    const m = length(workspace, 'm1', 10);
    viewer.measure([m]);
    expect(workspace.recordMeasurement(m, workspace.recordTargets(m)[0]!.link)).toBe(true);
    expect(viewer.marks.map((s) => [s.label, s.imageId, s.point])).toEqual([
      ['L1', 'b-ct:4', [20, 0, 20]],
    ]);
    // The ring goes around the recorded 20 mm diameter.
    expect(viewer.marks[0]?.radiusMm).toBe(10);
    expect(workspace.undo()).toBe(true);
    expect(viewer.marks).toEqual([]);
  });

  it('brings back the drawings after a reload, recorded ones still recorded, with marks', async () => {
    const first = await openPatient();
    first.viewer.ready(viewportOf(first.workspace, 'b-ct'), 4);
    const recorded = length(first.workspace, 'm1', 10);
    const loose = length(first.workspace, 'm2', 60);
    first.viewer.measure([recorded]);
    first.workspace.recordMeasurement(recorded, first.workspace.recordTargets(recorded)[0]!.link);
    // The reader's own Record is the last one recorded in this page (the panel goes to it).
    expect(first.workspace.store.get().lastRecorded?.uid).toBe('m1');
    first.viewer.measure([recorded, loose]);
    await first.read.flushed();
    await first.workspace.drawingsSaved();

    const second = await openPatient(makeRoom(first.storage));
    // The read's mark is drawn as soon as the read is open.
    expect(second.viewer.marks.map((s) => s.label)).toEqual(['L1']);
    // The drawings come back once a viewport shows its series.
    await second.workspace.drawingsSaved();
    expect(second.viewer.restored).toEqual([]);
    second.viewer.ready(viewportOf(second.workspace, 'b-ct'), 4);
    expect(second.viewer.restored.map((list) => list.map((d) => [d.uid, d.points]))).toEqual([
      [
        ['m1', recorded.points],
        ['m2', loose.points],
      ],
    ]);
    // As the viewer lists them again: m1 is still recorded on L1, m2 is not recorded.
    second.viewer.measure([recorded, loose]);
    expect(second.workspace.recordedOf(recorded)?.lesionId).toBe('L1');
    // A record restored with the drawings is not one the reader just made.
    expect(second.workspace.store.get().lastRecorded).toBeUndefined();
    expect(second.workspace.recordedOf(loose)).toBeUndefined();
    expect(second.workspace.recordTargets(loose).map((t) => t.target)).toEqual(['new', 'L1']);
  });

  it('Ctrl+Z undoes a new drawing when it is the last action, else the read’s last change', async () => {
    const { workspace, viewer, read } = await openPatient();
    const first = length(workspace, 'm1', 10);
    viewer.measure([first]);
    // The drawing is the last action: undo takes it away, the read is untouched.
    expect(workspace.undo()).toBe(true);
    expect(viewer.removed).toEqual(['m1']);
    viewer.measure([]);
    // Nothing left to undo.
    expect(workspace.undo()).toBe(false);

    // A drawing, then a change of the read: undo takes back the change first.
    const second = length(workspace, 'm2', 40);
    viewer.measure([second]);
    expect(read.dispatch('addLesion', {})).toBe(true);
    expect(workspace.undo()).toBe(true);
    expect(viewer.removed).toEqual(['m1']);
    expect(read.store.get().read?.lesions.filter((l) => !l.removed)).toEqual([]);

    // A recorded drawing is never deleted by undo: its record is undone instead.
    const third = length(workspace, 'm3', 80);
    viewer.measure([second, third]);
    expect(workspace.recordMeasurement(third, workspace.recordTargets(third)[0]!.link)).toBe(true);
    expect(workspace.undo()).toBe(true);
    expect(workspace.recordedOf(third)).toBeUndefined();
    expect(viewer.removed).toEqual(['m1']);
  });

  it('a reader switched in the same page sees none of the previous reader’s drawings', async () => {
    const made = await openPatient();
    const { workspace, viewer, reader } = made;
    viewer.ready(viewportOf(workspace, 'b-ct'), 4);
    const mine = length(workspace, 'm1', 10);
    viewer.draw(mine);
    expect(workspace.recordMeasurement(mine, workspace.recordTargets(mine)[0]!.link)).toBe(true);
    await made.read.flushed();
    await workspace.drawingsSaved();

    // Reader 2 in the same page: reader 1's drawing leaves the images at once, and the patient
    // opens afresh for reader 2 (src/store/workspace/room.ts) with none of it.
    reader.set({ id: 'r2', name: 'Dr Two' });
    expect(viewer.drawingsShown()).toEqual([]);
    const r2 = await mountOpen(made);
    r2.viewer.ready(viewportOf(r2.workspace, 'b-ct'), 4);
    expect(r2.workspace).not.toBe(workspace);
    const second = r2.read;
    expect(second).not.toBe(made.read);
    await r2.workspace.drawingsSaved();
    expect(r2.viewer.drawingsShown()).toEqual([]);
    // Reader 2 draws where reader 1's drawing was: a new drawing of reader 2's, not recorded.
    const theirs = length(r2.workspace, 'm2', 10);
    r2.viewer.draw(theirs);
    expect(r2.workspace.recordedOf(theirs)).toBeUndefined();
    expect(r2.workspace.recordTargets(theirs).map((t) => t.target)).toEqual(['new']);
    await r2.workspace.drawingsSaved();
    expect(r2.viewer.drawingsShown()).toEqual(['m2']);

    // Back to reader 1: exactly reader 1's own drawing, still recorded on L1.
    reader.set({ id: READER.id, name: READER.name });
    expect(r2.viewer.drawingsShown()).toEqual([]);
    const r1 = await mountOpen(made);
    r1.viewer.ready(viewportOf(r1.workspace, 'b-ct'), 4);
    const first = r1.read;
    await r1.workspace.drawingsSaved();
    expect(r1.viewer.drawingsShown()).toEqual(['m1']);
    r1.viewer.measure([mine]);
    expect(r1.workspace.recordedOf(mine)?.lesionId).toBe('L1');
    // Each read kept its own drawings only.
    const kept = async (readOf: ReadSession) =>
      (await made.storage.drawings.load(readOf.store.get().read?.readId ?? ''))?.drawings.map(
        (d) => d.uid,
      );
    await expect(kept(first)).resolves.toEqual(['m1']);
    await expect(kept(second)).resolves.toEqual(['m2']);
  });

  it('a patient opened again by another reader shows none of the first reader’s drawings', async () => {
    const made = await openPatient();
    made.viewer.ready(viewportOf(made.workspace, 'b-ct'), 4);
    made.viewer.draw(length(made.workspace, 'm1', 10));
    await made.workspace.drawingsSaved();
    // Back to the list: the viewer goes, and its drawings leave cornerstone's page-wide state.
    made.room.close();
    expect(made.viewer.drawingsShown()).toEqual([]);
    made.reader.set({ id: 'r2', name: 'Dr Two' });
    const again = await openPatient(made);
    again.viewer.ready(viewportOf(again.workspace, 'b-ct'), 4);
    await again.workspace.drawingsSaved();
    expect(again.viewer).not.toBe(made.viewer);
    expect(again.viewer.drawingsShown()).toEqual([]);
  });

  it('a new viewer is cleared of drawings left in the page before the read’s own come back', async () => {
    const made = await openPatient();
    made.viewer.ready(viewportOf(made.workspace, 'b-ct'), 4);
    made.viewer.draw(length(made.workspace, 'm1', 10));
    await made.workspace.drawingsSaved();
    made.workspace.unmountViewer();
    // A drawing no read owns (left by another viewer of the page) is on the images.
    made.viewer.page.set('stray', 'b-ct:4');
    made.workspace.mountViewer();
    const viewer = made.viewers.at(-1) as FakeViewer;
    expect(viewer.drawingsShown()).toEqual([]);
    viewer.ready(viewportOf(made.workspace, 'b-ct'), 4);
    expect(viewer.drawingsShown()).toEqual(['m1']);
  });
});

describe('the measurement list: every drawing, named by the image it was drawn on', () => {
  const listed = (workspace: ReadingWorkspace) =>
    workspace.store.get().measurements.map((m) => {
      const source = workspace.measurementSource(m);
      return [m.uid, source?.timepoint, source?.series.key, source?.shown, m.values[0]?.value];
    });

  it('keeps a CT length under its own series when another protocol is shown, and after a reload', async () => {
    const first = await openPatient();
    first.viewer.ready(viewportOf(first.workspace, 'b-ct'), 4);
    const recorded = length(first.workspace, 'm1', 10);
    const loose = length(first.workspace, 'm2', 60);
    first.viewer.measure([recorded, loose]);
    first.workspace.recordMeasurement(recorded, first.workspace.recordTargets(recorded)[0]!.link);
    expect(listed(first.workspace)).toEqual([
      ['m1', 'baseline', 'b-ct', true, 20],
      ['m2', 'baseline', 'b-ct', true, 20],
    ]);

    // The MRI protocol: the cell that showed the baseline CT now shows an MR series.
    first.workspace.chooseProtocol('mr');
    expect(first.workspace.cells().map((c) => c.series?.key)).not.toContain('b-ct');
    expect(listed(first.workspace)).toEqual([
      ['m1', 'baseline', 'b-ct', false, 20],
      ['m2', 'baseline', 'b-ct', false, 20],
    ]);
    // The viewer lists only the annotations on images it shows: none of these.
    first.viewer.measure([]);
    expect(listed(first.workspace)).toEqual([
      ['m1', 'baseline', 'b-ct', false, 20],
      ['m2', 'baseline', 'b-ct', false, 20],
    ]);
    // Still recordable where it was drawn, whatever is shown.
    expect(first.workspace.recordTargets(loose).map((t) => t.target)).toEqual(['new', 'L1']);
    await first.read.flushed();
    await first.workspace.drawingsSaved();

    // A reload in the MRI protocol: both listed, with their values, before the CT is shown.
    const second = await openPatient(makeRoom(first.storage));
    await second.workspace.drawingsSaved();
    expect(second.workspace.hanging().shown?.protocol.id).toBe('mr');
    expect(listed(second.workspace)).toEqual([
      ['m1', 'baseline', 'b-ct', false, 20],
      ['m2', 'baseline', 'b-ct', false, 20],
    ]);
    expect(second.workspace.recordedOf(recorded)?.lesionId).toBe('L1');

    // Back to the CT: the viewer lists the added-back drawings, one not yet drawn on its slice
    // (no stats): its value is the one kept.
    second.workspace.chooseProtocol('ct');
    second.viewer.ready(viewportOf(second.workspace, 'b-ct'), 4);
    second.viewer.measure([recorded, { ...loose, values: [] }]);
    expect(listed(second.workspace)).toEqual([
      ['m1', 'baseline', 'b-ct', true, 20],
      ['m2', 'baseline', 'b-ct', true, 20],
    ]);
  });
});
