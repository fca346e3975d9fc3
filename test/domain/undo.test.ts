import { describe, expect, it } from 'vitest';
import {
  addLesion,
  createRead,
  removeLesion,
  setCall,
  setMeasurement,
} from '../../src/domain/commands.ts';
import { attempt } from '../../src/domain/errors.ts';
import { replayAudit } from '../../src/domain/integrity/replay.ts';
import { sign } from '../../src/domain/lifecycle.ts';
import { recordExamQc } from '../../src/domain/examQc.ts';
import type { LesionId, Read } from '../../src/domain/model.ts';
import { applyBatch, type ReadCommand, type Step } from '../../src/domain/undo.ts';
import { deepFreeze, makeContext, makeImagePoint, makeReader } from './fixtures.ts';

/**
 * L1 (VII, 14 mm, a CT call and a DWI measurement at pre-op), L2 (II), L3 removed as a duplicate,
 * an exam's QC recorded.
 */
function startRead(): Read {
  const ctx = makeContext();
  let read = createRead({ patientId: 'DREAM-001', reader: makeReader() }, ctx);
  read = addLesion(
    read,
    { segment: 'VII', baselineDiameterMm: 14, baselineLocation: makeImagePoint() },
    ctx,
  );
  read = addLesion(read, { segment: 'II' }, ctx);
  read = addLesion(read, { segment: 'II' }, ctx);
  read = removeLesion(read, { lesionId: 'L3', reason: 'duplicate of L2' }, ctx);
  read = setCall(
    read,
    { lesionId: 'L1', timepoint: 'preop', modality: 'CT', call: 'present' },
    ctx,
  );
  read = setMeasurement(
    read,
    { lesionId: 'L1', timepoint: 'preop', modality: 'DWI', diameterMm: 9, adcMean: 1.2 },
    ctx,
  );
  read = recordExamQc(
    read,
    {
      studyInstanceUid: '1.2.3',
      qc: { timepoint: 'preop', groups: ['DWI'], thresholds: {}, findings: [] },
    },
    ctx,
  );
  return deepFreeze(read);
}

/**
 * What an edit and its undo must leave as it was: the live lesions, under their ids, and the
 * exams' timepoints and QC, without the times things were done (the audit trail grows with both).
 */
function content(read: Read) {
  return {
    lesions: read.lesions
      .filter((lesion) => !lesion.removed)
      .map(({ createdAt: _createdAt, ...lesion }) => lesion),
    timepointAssignment: read.timepointAssignment,
    examQc: Object.fromEntries(
      Object.entries(read.examQc ?? {}).map(([uid, qc]) => [
        uid,
        { ...qc, notEvaluable: qc.notEvaluable?.reason },
      ]),
    ),
  };
}

const cell = { lesionId: 'L1', timepoint: 'preop', modality: 'CT' } as const;
const dwi = { lesionId: 'L1', timepoint: 'preop', modality: 'DWI' } as const;

/** Every undoable command, each changing something the start read holds or lacks. */
const COMMANDS: [string, ReadCommand][] = [
  ['addLesion', { kind: 'addLesion', input: { segment: 'V' } }],
  ['removeLesion', { kind: 'removeLesion', input: { lesionId: 'L1', reason: 'not a lesion' } }],
  ['restoreLesion', { kind: 'restoreLesion', input: { lesionId: 'L3' } }],
  ['setSegment', { kind: 'setSegment', input: { lesionId: 'L1', segment: 'VIII' } }],
  ['setBaseline (size)', { kind: 'setBaseline', input: { lesionId: 'L1', diameterMm: 22 } }],
  [
    'setBaseline (place, first time)',
    { kind: 'setBaseline', input: { lesionId: 'L2', location: makeImagePoint() } },
  ],
  ['setCall (change)', { kind: 'setCall', input: { ...cell, call: 'disappeared' } }],
  ['setCall (unset)', { kind: 'setCall', input: { ...cell, call: undefined } }],
  ['setMeasurement (one field)', { kind: 'setMeasurement', input: { ...dwi, adcMean: 0.9 } }],
  ['setMeasurement (new field)', { kind: 'setMeasurement', input: { ...dwi, adcSd: 0.2 } }],
  ['setSitePoint', { kind: 'setSitePoint', input: { ...cell, sitePoint: makeImagePoint() } }],
  ['setComment', { kind: 'setComment', input: { ...cell, comment: 'motion' } }],
  [
    'setRecurrence',
    { kind: 'setRecurrence', input: { lesionId: 'L1', timepoint: 'followup-1', recurrence: 'no' } },
  ],
  [
    'assignTimepoint',
    { kind: 'assignTimepoint', input: { studyInstanceUid: '9.9', timepoint: 'preop' } },
  ],
  [
    'setExamNotEvaluable',
    { kind: 'setExamNotEvaluable', input: { studyInstanceUid: '1.2.3', reason: 'motion' } },
  ],
];

describe('undo: the inverse of every edit command', () => {
  it.each(COMMANDS)('%s: applying its inverse brings the content back', (_name, command) => {
    const ctx = makeContext('2026-02-01T00:00:00.000Z');
    const before = startRead();
    const done = applyBatch(before, [command], ctx);
    expect(content(done.read)).not.toEqual(content(before));
    expect(done.inverse.length).toBeGreaterThan(0);
    const undone = applyBatch(done.read, done.inverse, ctx);
    expect(content(undone.read)).toEqual(content(before));
    // Redo: the undo's own inverse makes the edit again.
    const redone = applyBatch(undone.read, undone.inverse, ctx);
    expect(content(redone.read)).toEqual(content(done.read));
    // Every step, undo and redo included, is in the audit trail and replays to the content.
    expect(replayAudit(redone.read)).toEqual({ partial: [] });
  });

  it('a command that changes nothing has nothing to undo', () => {
    const before = startRead();
    const same: ReadCommand = { kind: 'setSegment', input: { lesionId: 'L1', segment: 'VII' } };
    expect(applyBatch(before, [same], makeContext()).inverse).toEqual([]);
  });

  it('recording exam QC is the app’s, not the reader’s: nothing to undo', () => {
    const before = startRead();
    const qc: ReadCommand = {
      kind: 'recordExamQc',
      input: {
        studyInstanceUid: '1.2.4',
        qc: { timepoint: 'baseline', groups: ['CT'], thresholds: {}, findings: [] },
      },
    };
    const done = applyBatch(before, [qc], makeContext());
    expect(done.read.examQc?.['1.2.4']).toBeDefined();
    expect(done.inverse).toEqual([]);
  });

  it('removeLesion: undo brings the lesion back under its own id, with all it held', () => {
    const before = startRead();
    const ctx = makeContext('2026-02-01T00:00:00.000Z');
    const removed = applyBatch(
      before,
      [{ kind: 'removeLesion', input: { lesionId: 'L1', reason: 'duplicate' } }],
      ctx,
    );
    expect(removed.read.lesions.filter((l) => !l.removed).map((l) => l.id)).toEqual(['L2']);
    const undone = applyBatch(removed.read, removed.inverse, ctx);
    expect(undone.read.lesions.find((l) => l.id === 'L1')).toEqual(before.lesions[0]);
    expect(undone.read.nextLesionNumber).toBe(before.nextLesionNumber);
    expect([...undone.read.audit, ...undone.read.pendingAudit].at(-1)).toMatchObject({
      action: 'restore-lesion',
      target: 'L1',
    });
    // Redo removes L1 again, for the reason the reader gave.
    expect(undone.inverse).toEqual([
      { kind: 'removeLesion', input: { lesionId: 'L1', reason: 'duplicate' } },
    ]);
  });

  it('addLesion: undo removes the new lesion, redo brings back the same id', () => {
    const before = startRead();
    const ctx = makeContext('2026-02-01T00:00:00.000Z');
    const added = applyBatch(before, [{ kind: 'addLesion', input: { segment: 'V' } }], ctx);
    const undone = applyBatch(added.read, added.inverse, ctx);
    expect(undone.read.lesions.find((l) => l.id === 'L4')?.removed?.reason).toBe('undo');
    const redone = applyBatch(undone.read, undone.inverse, ctx);
    expect(redone.read.lesions.find((l) => l.id === 'L4')).toMatchObject({ segment: 'V' });
    expect(redone.read.lesions.find((l) => l.id === 'L4')?.removed).toBeUndefined();
    expect(redone.read.nextLesionNumber).toBe(5);
  });

  const signer = { signerName: 'Dr Reader One', meaning: 'Author' };
  it.each<[string, LesionId, boolean, string]>([
    ['a live lesion', 'L1', false, 'invalid-input'],
    ['an unknown lesion', 'L9', false, 'unknown-lesion'],
    ['a removed lesion of a signed read', 'L3', true, 'read-signed'],
  ])('restoreLesion refuses %s', (_name, lesionId, signed, code) => {
    const ctx = makeContext('2026-03-01T00:00:00.000Z');
    const read = signed ? sign(startRead(), signer, ctx) : startRead();
    const step: Step = { kind: 'restoreLesion', input: { lesionId } };
    const result = attempt(() => applyBatch(read, [step], ctx));
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it('a batch is all or nothing: a failing step throws and nothing is kept', () => {
    const before = startRead();
    const steps: Step[] = [
      { kind: 'setSegment', input: { lesionId: 'L1', segment: 'VIII' } },
      { kind: 'setSegment', input: { lesionId: 'L9', segment: 'I' } },
    ];
    expect(() => applyBatch(before, steps, makeContext())).toThrow();
    expect(before.lesions[0]?.segment).toBe('VII');
  });
});
