/**
 * Acquisition QC in the read (docs/domain.md §11): the record and mark commands, the rule that
 * turns an exam marked not evaluable into not-evaluable calls for the status (table), and the
 * record-integrity machinery over the new fields (replay, content hash, export round trip).
 */
import { describe, expect, it } from 'vitest';
import { sealAudit } from '../../src/domain/audit.ts';
import {
  addLesion,
  createRead,
  recordExamQc,
  setCall,
  setExamNotEvaluable,
  type ExamQcInput,
} from '../../src/domain/commands.ts';
import { findSigningGaps } from '../../src/domain/checks.ts';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import {
  groupsWithoutSeries,
  notEvaluableGroups,
  withNotEvaluable,
} from '../../src/domain/examQcRule.ts';
import { importReadJson } from '../../src/domain/importRead.ts';
import { replayAudit } from '../../src/domain/integrity/replay.ts';
import { signRead } from '../../src/domain/integrity/signing.ts';
import {
  MODALITY_GROUPS,
  type Call,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from '../../src/domain/model.ts';
import { deriveReadStatuses } from '../../src/domain/status.ts';
import { makeContext, makeImagePoint, makeRead, sha256 } from './fixtures.ts';
import { makeKey, verify } from './integrity/keys.ts';

const CT_STUDY = '1.2.3.100';
const MR_STUDY = '1.2.3.200';
const MR_STUDY_2 = '1.2.3.201';

const MR_GROUPS: ModalityGroup[] = ['DWI', 'T1T2', 'EOB'];

function qc(timepoint: TimepointId, groups: ModalityGroup[], minutes = 8): ExamQcInput {
  return {
    timepoint,
    groups,
    thresholds: { minHbpDelayMinutes: 10, recommendedHbpDelayMinutes: 20 },
    findings: groups.includes('EOB')
      ? [
          {
            check: 'hbp-delay',
            level: minutes < 10 ? 'fail' : 'pass',
            series: 'S-HBP',
            value: minutes,
            message: `HBP ${minutes} min after injection`,
          },
          { check: 'adc', level: 'pass', message: 'scanner ADC map' },
        ]
      : [],
  };
}

/** A read of one lesion called disappeared on all four groups at preop, with the exams' QC. */
function readWithQc(marks: Record<string, string | undefined> = {}) {
  const ctx = makeContext('2026-04-01T08:00:00.000Z');
  let read = createRead({ patientId: 'DREAM-001', reader: { id: 'r1', name: 'Dr One' } }, ctx);
  read = recordExamQc(read, { studyInstanceUid: CT_STUDY, qc: qc('preop', ['CT']) }, ctx);
  read = recordExamQc(read, { studyInstanceUid: MR_STUDY, qc: qc('preop', MR_GROUPS) }, ctx);
  read = addLesion(read, { segment: 'VII', baselineLocation: makeImagePoint() }, ctx);
  for (const modality of MODALITY_GROUPS) {
    read = setCall(
      read,
      { lesionId: 'L1', timepoint: 'preop', modality, call: 'disappeared' },
      ctx,
    );
  }
  for (const [studyInstanceUid, reason] of Object.entries(marks)) {
    read = setExamNotEvaluable(read, { studyInstanceUid, reason }, ctx);
  }
  return { read, ctx };
}

describe('the not-evaluable rule (§11)', () => {
  const exam = (timepoint: TimepointId, groups: ModalityGroup[], marked: boolean) => ({
    timepoint,
    groups,
    thresholds: {},
    findings: [],
    recordedAt: '2026-04-01T08:00:00.000Z',
    ...(marked && { notEvaluable: { reason: 'motion', at: '2026-04-01T08:00:00.000Z' } }),
  });
  it.each<[string, Read['examQc'], TimepointId, ModalityGroup[]]>([
    ['no exam QC recorded', undefined, 'preop', []],
    ['nothing marked', { a: exam('preop', ['CT'], false) }, 'preop', []],
    ['the CT exam marked', { a: exam('preop', ['CT'], true) }, 'preop', ['CT']],
    [
      'the MR exam marked: its three groups',
      { a: exam('preop', ['CT'], false), b: exam('preop', MR_GROUPS, true) },
      'preop',
      MR_GROUPS,
    ],
    ['a mark at another timepoint', { a: exam('baseline', ['CT'], true) }, 'preop', []],
    [
      'a second, evaluable exam of the group keeps it',
      { a: exam('preop', MR_GROUPS, true), b: exam('preop', ['DWI'], false) },
      'preop',
      ['T1T2', 'EOB'],
    ],
    [
      'both exams of the group marked',
      { a: exam('preop', ['CT'], true), b: exam('preop', ['CT'], true) },
      'preop',
      ['CT'],
    ],
  ])('%s', (_, examQc, timepoint, expected) => {
    const read = makeRead(examQc === undefined ? {} : { examQc });
    expect(notEvaluableGroups(read, timepoint)).toEqual(expected);
  });

  it.each<[string, Partial<Record<ModalityGroup, Call>>, ModalityGroup[], object]>([
    ['no group: calls unchanged', { CT: 'present' }, [], { CT: 'present' }],
    ['a set call overridden', { CT: 'disappeared' }, ['CT'], { CT: 'not-evaluable' }],
    ['an unset call filled', {}, ['EOB'], { EOB: 'not-evaluable' }],
    [
      'other groups kept',
      { CT: 'present', DWI: 'disappeared' },
      ['DWI'],
      { CT: 'present', DWI: 'not-evaluable' },
    ],
  ])('%s', (_, calls, groups, expected) => {
    expect(withNotEvaluable(calls, groups)).toEqual(expected);
  });

  it.each<[string, Record<string, string | undefined>, string, string]>([
    [
      'nothing marked: cDLM',
      {},
      'cDLM',
      'disappeared on all of CT, DWI, T1/T2, contrast MRI (EOB)',
    ],
    [
      'the MR exam marked: incomplete',
      { [MR_STUDY]: 'HBP too early' },
      'incomplete',
      'disappeared on CT; not evaluable on DWI, T1/T2 and contrast MRI (EOB)',
    ],
    [
      'the CT exam marked: incomplete',
      { [CT_STUDY]: 'motion' },
      'incomplete',
      'disappeared on DWI, T1/T2 and contrast MRI (EOB); not evaluable on CT',
    ],
    ['marked, then cleared: cDLM again', { [CT_STUDY]: 'motion' }, 'incomplete', ''],
  ])('status: %s', (name, marks, status, reason) => {
    const { read, ctx } = readWithQc(marks);
    const [row] = deriveReadStatuses(read);
    expect(row?.derived.status).toBe(status);
    if (reason !== '') expect(row?.derived.reason).toBe(reason);
    if (name.includes('cleared')) {
      const cleared = setExamNotEvaluable(
        read,
        { studyInstanceUid: CT_STUDY, reason: undefined },
        ctx,
      );
      expect(deriveReadStatuses(cleared)[0]?.derived.status).toBe('cDLM');
    }
  });

  it('a group made not evaluable by its exam is not an unset call to fill before signing', () => {
    const ctx = makeContext();
    let read = createRead({ patientId: 'P', reader: { id: 'r1', name: 'R' } }, ctx);
    read = recordExamQc(read, { studyInstanceUid: MR_STUDY, qc: qc('preop', MR_GROUPS) }, ctx);
    read = addLesion(
      read,
      { segment: 'II', baselineLocation: makeImagePoint(), baselineDiameterMm: 5 },
      ctx,
    );
    read = setCall(
      read,
      { lesionId: 'L1', timepoint: 'preop', modality: 'CT', call: 'present' },
      ctx,
    );
    const unset = (r: Read) =>
      findSigningGaps(r).flatMap((g) => (g.kind === 'unset-call' ? [g.modality] : []));
    expect(unset(read)).toEqual(MR_GROUPS);
    read = setExamNotEvaluable(read, { studyInstanceUid: MR_STUDY, reason: 'no HBP' }, ctx);
    expect(unset(read)).toEqual([]);
  });
});

describe('groups without series at a timepoint', () => {
  it('names what no recorded exam of the timepoint provides (DREAM-003’s CT-only pre-op)', () => {
    const ctx = makeContext('2026-04-01T08:00:00.000Z');
    let read = createRead({ patientId: 'DREAM-003', reader: { id: 'r1', name: 'Dr One' } }, ctx);
    // Nothing recorded yet: nothing is known, nothing is said.
    expect(groupsWithoutSeries(read, 'preop')).toEqual([]);
    read = recordExamQc(read, { studyInstanceUid: CT_STUDY, qc: qc('baseline', ['CT']) }, ctx);
    read = recordExamQc(read, { studyInstanceUid: MR_STUDY, qc: qc('baseline', MR_GROUPS) }, ctx);
    read = recordExamQc(read, { studyInstanceUid: '1.2.3.101', qc: qc('preop', ['CT']) }, ctx);
    read = recordExamQc(
      read,
      { studyInstanceUid: MR_STUDY_2, qc: qc('followup-1', MR_GROUPS) },
      ctx,
    );
    expect(groupsWithoutSeries(read, 'baseline')).toEqual([]);
    expect(groupsWithoutSeries(read, 'preop')).toEqual(['DWI', 'T1T2', 'EOB']);
    expect(groupsWithoutSeries(read, 'followup-1')).toEqual(['CT']);
    expect(groupsWithoutSeries(read, 'followup-2')).toEqual(MODALITY_GROUPS);
    // An exam marked not evaluable still has its series: that is the other rule.
    read = setExamNotEvaluable(read, { studyInstanceUid: MR_STUDY_2, reason: 'motion' }, ctx);
    expect(groupsWithoutSeries(read, 'followup-1')).toEqual(['CT']);
  });
});

describe('the exam QC commands', () => {
  it('record the findings with the entry time, and write no entry for the same findings', () => {
    const ctx = makeContext('2026-04-01T08:00:00.000Z');
    let read = createRead({ patientId: 'P', reader: { id: 'r1', name: 'R' } }, ctx);
    read = recordExamQc(read, { studyInstanceUid: MR_STUDY, qc: qc('preop', ['EOB', 'DWI']) }, ctx);
    const entry = read.pendingAudit.at(-1);
    expect(entry).toMatchObject({
      action: 'record-exam-qc',
      target: `study:${MR_STUDY}`,
      before: null,
    });
    expect(read.examQc?.[MR_STUDY]).toMatchObject({
      timepoint: 'preop',
      groups: ['DWI', 'EOB'], // canonical order
      recordedAt: entry?.at,
    });
    const again = recordExamQc(
      read,
      { studyInstanceUid: MR_STUDY, qc: qc('preop', ['DWI', 'EOB']) },
      ctx,
    );
    expect(again).toBe(read);
    const later = recordExamQc(
      read,
      { studyInstanceUid: MR_STUDY, qc: qc('preop', ['DWI', 'EOB'], 22) },
      ctx,
    );
    expect(later.examQc?.[MR_STUDY]?.findings[0]?.value).toBe(22);
    expect(later.pendingAudit.at(-1)?.before).toMatchObject({ findings: [{ value: 8 }, {}] });
  });

  it('keep a mark when the findings are recorded again', () => {
    const { read, ctx } = readWithQc({ [MR_STUDY]: 'HBP at 8 min' });
    const again = recordExamQc(
      read,
      { studyInstanceUid: MR_STUDY, qc: qc('preop', MR_GROUPS, 9) },
      ctx,
    );
    expect(again.examQc?.[MR_STUDY]?.notEvaluable?.reason).toBe('HBP at 8 min');
  });

  it.each<[string, string, string | undefined, RegExp]>([
    ['an exam without recorded QC', MR_STUDY_2, 'reason', /no QC recorded/],
    ['an empty reason', MR_STUDY, '   ', /needs a reason/],
    ['an empty study UID', '', 'reason', /empty study UID/],
  ])('refuse to mark %s', (_, studyInstanceUid, reason, message) => {
    const { read, ctx } = readWithQc();
    expect(() => setExamNotEvaluable(read, { studyInstanceUid, reason }, ctx)).toThrow(message);
  });

  it('refuse a finding of an unknown level', () => {
    const ctx = makeContext();
    const read = createRead({ patientId: 'P', reader: { id: 'r1', name: 'R' } }, ctx);
    const bad = { ...qc('preop', ['CT']), findings: [{ check: 'x', level: 'bad', message: '' }] };
    expect(() =>
      recordExamQc(read, { studyInstanceUid: CT_STUDY, qc: bad as unknown as ExamQcInput }, ctx),
    ).toThrow(/known level/);
  });

  it('are refused on a signed read', async () => {
    const { read, ctx } = readWithQc();
    const signed = await signRead(read, { signerName: 'Dr One', meaning: 'Author' }, ctx, {
      sha256,
    });
    expect(() =>
      setExamNotEvaluable(signed, { studyInstanceUid: MR_STUDY, reason: 'x' }, ctx),
    ).toThrow(/signed/);
  });
});

describe('record integrity over exam QC', () => {
  it('a replay of the trail rebuilds the findings and the marks, cleared ones too', () => {
    const { read, ctx } = readWithQc({ [MR_STUDY]: 'HBP at 8 min', [CT_STUDY]: 'motion' });
    expect(replayAudit(read)).toEqual({ partial: [] });
    const cleared = setExamNotEvaluable(
      read,
      { studyInstanceUid: CT_STUDY, reason: undefined },
      ctx,
    );
    expect(cleared.examQc?.[CT_STUDY]?.notEvaluable).toBeUndefined();
    expect(replayAudit(cleared)).toEqual({ partial: [] });
  });

  it.each<[string, (read: Read) => Read, RegExp]>([
    [
      'a finding changed in the content',
      (r) => ({
        ...r,
        examQc: {
          ...r.examQc,
          [MR_STUDY]: {
            ...r.examQc![MR_STUDY]!,
            findings: [{ ...r.examQc![MR_STUDY]!.findings[0]!, value: 25 }],
          },
        },
      }),
      /^examQc\["1\.2\.3\.200"\]\.findings/,
    ],
    [
      'a mark removed from the content',
      (r) => {
        const { notEvaluable, ...rest } = r.examQc![MR_STUDY]!;
        void notEvaluable;
        return { ...r, examQc: { ...r.examQc, [MR_STUDY]: rest } };
      },
      /^examQc\["1\.2\.3\.200"\]\.notEvaluable/,
    ],
    [
      'an exam added without an entry',
      (r) => ({ ...r, examQc: { ...r.examQc, '9.9': r.examQc![CT_STUDY]! } }),
      /^examQc\["9\.9"\]/,
    ],
  ])('a replay finds %s', (_, change, path) => {
    const { read } = readWithQc({ [MR_STUDY]: 'HBP at 8 min' });
    const divergence = replayAudit(change(read)).divergence;
    expect(divergence?.path).toMatch(path);
  });

  it('a signed read with exam QC exports, imports and verifies; a changed mark fails', async () => {
    const key = await makeKey();
    const { read, ctx } = readWithQc({ [MR_STUDY]: 'HBP at 8 min' });
    const signed = await sealAudit(
      await signRead(
        read,
        { signerName: 'Dr One', meaning: 'Author', signAnywayReason: 'x' },
        ctx,
        {
          sha256,
          signBytes: key.signBytes,
        },
      ),
      sha256,
    );
    const now = () => '2026-05-01T00:00:00.000Z';
    const text = exportReadJson(signed, { now });
    const result = await importReadJson(text, { sha256, verify });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.integrity).toMatchObject({
      replay: 'full',
      signature: { contentHash: 'verified', key: 'verified' },
    });
    expect(result.read.examQc).toEqual(signed.examQc);
    expect(exportReadJson(result.read, { now })).toBe(text);
    const doc = JSON.parse(text) as {
      examQc: Record<string, { notEvaluable: { reason: string } }>;
    };
    doc.examQc[MR_STUDY]!.notEvaluable.reason = 'changed';
    const tampered = await importReadJson(JSON.stringify(doc), { sha256, verify });
    expect(!tampered.ok && tampered.problems[0]?.path).toMatch(/examQc/);
  });
});
