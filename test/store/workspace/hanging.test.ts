/**
 * The workspace hangs the protocol that fits the patient: its layout, the reader's switch to
 * another protocol (kept per study, through the workspace's storage dependency), and a layout
 * that follows the study while the catalogue grows.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogPatient } from '../../../src/dicom/catalog.ts';
import { studyKeyOf } from '../../../src/store/protocolChoice.ts';
import type { ReadingWorkspace } from '../../../src/store/workspace/index.ts';
import { makeRoom, PATIENT, READER } from './harness.ts';

const shown = (workspace: ReadingWorkspace) =>
  workspace.cells().map((c) => `${c.cellId}:${c.series?.key ?? '-'}`);

function open(made: ReturnType<typeof makeRoom>, patientId = PATIENT.patientId) {
  made.room.open(patientId);
  const workspace = made.room.store.get().workspace;
  if (!workspace) throw new Error('no workspace');
  return workspace;
}

/** The patient with only its first timepoint's first exam (one CT series). */
const firstExamOnly = (patient: CatalogPatient): CatalogPatient => ({
  ...patient,
  timepoints: patient.timepoints.slice(0, 1).map((t) => ({ ...t, exams: t.exams.slice(0, 1) })),
});

describe('the workspace’s hanging protocol', () => {
  it('hangs the best protocol with its own layout and no empty cell', () => {
    const workspace = open(makeRoom());
    expect(workspace.hanging().shown?.protocol.id).toBe('dlm');
    expect(workspace.store.get().layout).toBe('2x3');
    expect(shown(workspace)).toEqual([
      'r0c0:b-ct',
      'r0c1:b-adc',
      'r0c2:b-hbp',
      'r1c0:p-ct',
      'r1c1:p-adc',
      'r1c2:p-hbp',
    ]);
    expect(workspace.hanging().matches.map((m) => m.protocol.id)).toEqual([
      'dlm',
      'mr',
      'ct',
      'series',
    ]);
  });

  it('opens a single-series study in 1x1', () => {
    const single = { ...firstExamOnly(PATIENT), patientId: 'ONE' };
    const workspace = open(makeRoom(undefined, [single]), 'ONE');
    expect(workspace.store.get().layout).toBe('1x1');
    expect(shown(workspace)).toEqual(['r0c0:b-ct']);
  });

  it('switches protocol: its grid, the reader’s picks dropped, remembered for the study', () => {
    const made = makeRoom();
    const workspace = open(made);
    workspace.chooseSeries('r0c1', 'p-ct');
    workspace.activate('r1c2');
    workspace.chooseProtocol('ct');
    expect(workspace.store.get()).toMatchObject({
      protocolId: 'ct',
      layout: '2x1',
      choices: {},
      activeCell: 'r0c0',
    });
    expect(shown(workspace)).toEqual(['r0c0:b-ct', 'r1c0:p-ct']);
    expect(made.storage.protocols.get(studyKeyOf(PATIENT))).toBe('ct');

    // Another tab (no view of its own) opens the study with the reader's protocol.
    const other = makeRoom({ ...made.storage, views: new Map() });
    const again = open(other);
    expect(again.hanging().shown?.protocol.id).toBe('ct');
    expect(again.store.get().layout).toBe('2x1');
  });

  it('keys the choice by the studies open: another set of studies is matched afresh', () => {
    const made = makeRoom();
    open(made).chooseProtocol('ct');
    const fewer = firstExamOnly(PATIENT);
    expect(studyKeyOf(fewer)).not.toBe(studyKeyOf(PATIENT));
    const other = makeRoom({ ...made.storage, views: new Map() }, [fewer]);
    expect(open(other).store.get().protocolId).toBeUndefined();
  });

  it('a layout left as the protocol’s follows the study as it grows; the reader’s own stays', () => {
    const made = makeRoom(undefined, [firstExamOnly(PATIENT)]);
    const workspace = open(made);
    expect(workspace.store.get().layout).toBe('1x1');
    made.library.set([PATIENT]);
    expect(workspace.store.get().layout).toBe('2x3');
    expect(shown(workspace)).not.toContain('r0c1:-');

    // The reader's own layout stays, even one that happens to be the protocol's size.
    workspace.setLayout('2x3');
    made.library.set([{ ...PATIENT, patientName: 'renamed' }]);
    made.library.set([firstExamOnly(PATIENT)]);
    expect(workspace.store.get().layout).toBe('2x3');
  });

  it('a layout restored after a reload stays while the catalogue grows', () => {
    const made = makeRoom(undefined, [PATIENT]);
    const first = open(made);
    first.mountViewer(); // the view is saved while the grid is on screen
    first.setLayout('1x1');
    expect(made.storage.views.get(`${READER.id}/${PATIENT.patientId}`)?.layout).toBe('1x1');
    made.room.close();
    // The reload: the study comes back one exam first (the restored 1x1 is that grid's size too).
    const reloaded = makeRoom(made.storage, [firstExamOnly(PATIENT)]);
    const workspace = open(reloaded);
    expect(workspace.store.get().layout).toBe('1x1');
    reloaded.library.set([PATIENT]);
    expect(workspace.store.get().layout).toBe('1x1');
  });
});
