/**
 * Marks that last: which marks a read draws and on which image, the reader's drawings kept per
 * read and added back after a reload with what they recorded, and Ctrl+Z undoing a new drawing.
 * The viewer is the harness's fake; the read session and the drawing store are real (in memory).
 */
import { describe, expect, it } from 'vitest';
import { readMarks, worldPoint } from '../../../src/domain/index.ts';
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
  whenRead,
  type FakeViewer,
} from './harness.ts';

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
});
