/**
 * Acquisition QC in the read (docs/domain.md §11): the QC findings of each exam the read was read
 * on, recorded as they were at read time, and the reader's mark that an exam is not evaluable,
 * with the rule that turns such a mark into not-evaluable calls for the status.
 *
 * Both are commands with audit entries (`record-exam-qc`, `set-exam-not-evaluable`, target
 * `study:<StudyInstanceUID>`), so a replay of the trail rebuilds `examQc` (integrity/replay.ts).
 */
import { assertSlot, edit, json } from './commandKit.ts';
import { DomainError } from './errors.ts';
import { assertTransition } from './lifecycle.ts';
import {
  MODALITY_GROUPS,
  type CommandContext,
  type ExamQc,
  type ModalityGroup,
  type QcFindingRecord,
  type QcLevel,
  type Read,
  type TimepointId,
} from './model.ts';

export { groupsWithoutSeries, notEvaluableGroups, withNotEvaluable } from './examQcRule.ts';

/** What `recordExamQc` records about one exam. */
export interface ExamQcInput {
  readonly timepoint: TimepointId;
  readonly groups: readonly ModalityGroup[];
  readonly thresholds: Readonly<Record<string, number>>;
  readonly findings: readonly QcFindingRecord[];
}

const LEVELS: readonly QcLevel[] = ['pass', 'warn', 'fail', 'unknown'];

function assertStudy(uid: string): void {
  if (uid.trim() === '') throw new DomainError('invalid-input', 'empty study UID');
}

function assertQc(qc: ExamQcInput): void {
  assertSlot(qc.timepoint);
  for (const group of qc.groups) assertSlot(qc.timepoint, group);
  for (const [name, value] of Object.entries(qc.thresholds)) {
    if (!Number.isFinite(value)) {
      throw new DomainError('invalid-input', `QC threshold ${name} must be a finite number`);
    }
  }
  for (const finding of qc.findings) {
    if (finding.check === '' || !LEVELS.includes(finding.level)) {
      throw new DomainError('invalid-input', 'a QC finding needs a check and a known level');
    }
    if (finding.value !== undefined && !Number.isFinite(finding.value)) {
      throw new DomainError('invalid-input', `QC finding ${finding.check}: value not finite`);
    }
  }
}

/** The recorded part of an exam's QC (what `record-exam-qc` sets), groups in canonical order. */
function recorded(qc: ExamQcInput): ExamQcInput {
  return {
    timepoint: qc.timepoint,
    groups: MODALITY_GROUPS.filter((g) => qc.groups.includes(g)),
    thresholds: qc.thresholds,
    findings: qc.findings.map((f) => ({
      check: f.check,
      level: f.level,
      ...(f.series !== undefined && { series: f.series }),
      ...(f.value !== undefined && { value: f.value }),
      message: f.message,
    })),
  };
}

/**
 * Records (or updates) the QC of one exam. Recording the same findings again changes nothing and
 * writes no entry; a mark "not evaluable" is kept.
 */
export function recordExamQc(
  read: Read,
  input: { readonly studyInstanceUid: string; readonly qc: ExamQcInput },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertStudy(input.studyInstanceUid);
  assertQc(input.qc);
  const current = read.examQc?.[input.studyInstanceUid];
  const next = recorded(input.qc);
  const before = current === undefined ? null : json(recorded(current));
  const audit = { target: `study:${input.studyInstanceUid}`, before, after: json(next) };
  return edit(read, ctx, { action: 'record-exam-qc', ...audit }, (r, at) => {
    const exam: ExamQc = {
      ...next,
      recordedAt: at,
      ...(current?.notEvaluable && { notEvaluable: current.notEvaluable }),
    };
    return { ...r, examQc: { ...r.examQc, [input.studyInstanceUid]: exam } };
  });
}

/**
 * Marks an exam whose QC is recorded as not evaluable, with a reason (trimmed, required), or
 * clears the mark (`reason` undefined). Refused for an exam without recorded QC.
 */
export function setExamNotEvaluable(
  read: Read,
  input: { readonly studyInstanceUid: string; readonly reason: string | undefined },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertStudy(input.studyInstanceUid);
  const current = read.examQc?.[input.studyInstanceUid];
  if (current === undefined) {
    throw new DomainError('invalid-input', `no QC recorded for study ${input.studyInstanceUid}`);
  }
  const reason = input.reason?.trim();
  if (input.reason !== undefined && !reason) {
    throw new DomainError('invalid-input', 'marking an exam not evaluable needs a reason');
  }
  const target = `study:${input.studyInstanceUid}`;
  const before = json(current.notEvaluable?.reason);
  const after = json(reason);
  return edit(read, ctx, { action: 'set-exam-not-evaluable', target, before, after }, (r, at) => {
    const { notEvaluable, ...rest } = current;
    void notEvaluable;
    const exam: ExamQc = reason ? { ...rest, notEvaluable: { reason, at } } : rest;
    return { ...r, examQc: { ...r.examQc, [input.studyInstanceUid]: exam } };
  });
}
