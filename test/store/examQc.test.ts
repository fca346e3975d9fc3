/**
 * Exam QC in the read session and the workspace (docs/domain.md §11): the app's recording of the
 * findings stays out of the undo history; the reader's "not evaluable" mark is undone and redone
 * like any edit; a signed read keeps what it was signed with; the exam's groups come from roles.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/dicom/catalog.ts';
import { DEFAULT_QC_THRESHOLDS } from '../../src/dicom/qc.ts';
import type { Read, Reader } from '../../src/domain/index.ts';
import { MemoryReadRepository } from '../../src/store/reads/repository.ts';
import { openReadSession, type ReadSession } from '../../src/store/reads/session.ts';
import { webSha256 } from '../../src/store/reads/webSha256.ts';
import { examGroups, examQcView, patientQcRecords } from '../../src/store/workspace/examQc.ts';
import { makeInstance } from '../dicom/fixtures.ts';
import { makeContext } from '../domain/fixtures.ts';

const reader: Reader = { id: 'r1', name: 'Dr One' };
const EOB = { repetitionTime: 4, echoTime: 2, contrastBolusAgent: 'Gd-EOB-DTPA' };

/** One MR exam: EOB pre, an "HBP" acquired 8 min after the contrast start, DWI b=50/800. */
function patient() {
  const slices = (uid: string, header: Parameters<typeof makeInstance>[0]) =>
    [0, 5, 10].map((z, i) =>
      makeInstance({
        seriesInstanceUid: uid,
        instanceNumber: i + 1,
        imagePositionPatient: [0, 0, z],
        ...header,
      }),
    );
  const instances = [
    ...slices('1.9.1', { ...EOB, seriesDescription: 'EOB pre', seriesNumber: 1 }),
    ...slices('1.9.2', {
      ...EOB,
      seriesDescription: 'HBP',
      seriesNumber: 2,
      contrastBolusStartTime: '100000',
      acquisitionTime: '100800',
    }),
    ...slices('1.9.3', { seriesDescription: 'ep2d_diff b50', bValue: 50, seriesNumber: 3 }),
    ...slices('1.9.4', { seriesDescription: 'ep2d_diff b800', bValue: 800, seriesNumber: 4 }),
  ];
  const found = buildCatalog(instances).patients[0];
  if (!found) throw new Error('no patient');
  return found;
}

async function open(): Promise<ReadSession> {
  const session = openReadSession('DREAM-001', {
    repository: new MemoryReadRepository(),
    sha256: webSha256,
    context: { now: makeContext().now, newId: () => crypto.randomUUID() },
    reader,
  });
  while (session.store.get().phase !== 'ready') await new Promise((r) => setTimeout(r, 1));
  return session;
}

const readOf = (session: ReadSession): Read => {
  const read = session.store.get().read;
  if (!read) throw new Error('no read');
  return read;
};

describe('exam QC of a catalogue patient', () => {
  it('gives the exam its groups and an HBP at 8 min as a failed finding', () => {
    const p = patient();
    const exam = p.timepoints[0]?.exams[0];
    if (!exam) throw new Error('no exam');
    expect(examGroups(exam)).toEqual(expect.arrayContaining(['DWI', 'EOB']));
    expect(examGroups(exam)).not.toContain('CT');
    const view = examQcView(exam, DEFAULT_QC_THRESHOLDS, undefined);
    expect(view.level).toBe('fail');
    expect(view.findings.find((f) => f.check === 'hbp-delay')).toMatchObject({
      level: 'fail',
      value: 8,
    });
    const records = patientQcRecords(p, DEFAULT_QC_THRESHOLDS);
    expect(records.map((r) => r.studyInstanceUid)).toEqual([exam.studyInstanceUid]);
    expect(records[0]?.qc.thresholds).toMatchObject({ minHbpDelayMinutes: 10 });
  });

  it('uses the thresholds it is given (a study file may set them)', () => {
    const exam = patient().timepoints[0]?.exams[0];
    if (!exam) throw new Error('no exam');
    const lenient = { ...DEFAULT_QC_THRESHOLDS, minHbpDelayMinutes: 5 };
    const hbp = examQcView(exam, lenient, undefined).findings.find((f) => f.check === 'hbp-delay');
    expect(hbp?.level).toBe('warn');
  });
});

describe('exam QC in the read session', () => {
  it('records the findings outside the undo history, and undoes and redoes the mark', async () => {
    const session = await open();
    const p = patient();
    const records = patientQcRecords(p, DEFAULT_QC_THRESHOLDS);
    const uid = records[0]?.studyInstanceUid ?? '';
    expect(session.recordExamQc(records)).toBe(true);
    expect(readOf(session).examQc?.[uid]?.findings.length).toBeGreaterThan(0);
    expect(session.store.get().canUndo).toBe(false);

    expect(
      session.dispatch('setExamNotEvaluable', { studyInstanceUid: uid, reason: 'HBP 8 min' }),
    ).toBe(true);
    expect(readOf(session).examQc?.[uid]?.notEvaluable?.reason).toBe('HBP 8 min');
    expect(session.undo()).toBe(true);
    expect(readOf(session).examQc?.[uid]?.notEvaluable).toBeUndefined();
    expect(readOf(session).examQc?.[uid]?.findings.length).toBeGreaterThan(0);
    expect(session.redo()).toBe(true);
    expect(readOf(session).examQc?.[uid]?.notEvaluable?.reason).toBe('HBP 8 min');
    const actions = readOf(session).audit.concat(readOf(session).pendingAudit as never[]);
    expect(actions.map((e) => e.action).filter((a) => a.includes('exam'))).toEqual([
      'record-exam-qc',
      'set-exam-not-evaluable',
      'set-exam-not-evaluable',
      'set-exam-not-evaluable',
    ]);
    await session.flushed();
  });

  it('leaves a signed read as it was signed', async () => {
    const session = await open();
    await session.sign({ signerName: 'Dr One', meaning: 'Author' });
    expect(readOf(session).state.kind).toBe('signed');
    const before = readOf(session);
    expect(session.recordExamQc(patientQcRecords(patient(), DEFAULT_QC_THRESHOLDS))).toBe(true);
    expect(readOf(session)).toBe(before);
  });
});
