/**
 * Shared machinery of the edit commands: lifecycle guard, clock, audit entry, lesion lookup and
 * immutable updates, and input checks. Kept apart so that commands.ts reads as the list of user
 * operations.
 */
import { recordAudit } from './audit.ts';
import { canonicalJson } from './canonicalJson.ts';
import { utcNow } from './clock.ts';
import { DomainError } from './errors.ts';
import { amendmentReason, assertTransition } from './lifecycle.ts';
import {
  MODALITY_GROUPS,
  isTimepointId,
  type AuditAction,
  type CommandContext,
  type ImagePoint,
  type JsonValue,
  type Lesion,
  type LesionId,
  type ModalityAssessment,
  type ModalityGroup,
  type Read,
  type TimepointAssessment,
  type TimepointId,
} from './model.ts';

/** The audit description of one edit. */
export interface EditAudit {
  readonly action: AuditAction;
  readonly target?: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
}

/**
 * Applies an edit: refuses it on a signed read, and otherwise returns the changed read with
 * `updatedAt` and a pending audit entry. An edit whose `after` equals its `before` returns the
 * input read itself and writes no entry, so that re-setting a value does not flood the trail.
 */
export function edit(
  read: Read,
  ctx: CommandContext,
  audit: EditAudit,
  change: (read: Read, at: string) => Read,
): Read {
  assertTransition(read, 'edit');
  if (canonicalJson(audit.before) === canonicalJson(audit.after)) return read;
  const at = utcNow(ctx);
  const changed = { ...change(read, at), updatedAt: at };
  return recordAudit(changed, {
    at,
    readerId: read.reader.id,
    ...audit,
    reason: amendmentReason(read),
  });
}

/**
 * A domain value as an audit value. Unset (`undefined`) becomes `null` at every depth, so that
 * "was unset" stays visible in the trail and survives a JSON round trip unchanged (JSON drops
 * undefined members). Domain objects are plain JSON data otherwise.
 */
export function json(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(json);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, json(v)]));
  }
  return value as JsonValue;
}

/** The lesion with this id, removed or not; throws `unknown-lesion`. */
export function findLesion(read: Read, id: LesionId): Lesion {
  const lesion = read.lesions.find((l) => l.id === id);
  if (lesion === undefined) {
    throw new DomainError('unknown-lesion', `no lesion ${id} in read ${read.readId}`);
  }
  return lesion;
}

/** The lesion with this id if not removed; throws `unknown-lesion` or `lesion-removed`. */
export function liveLesion(read: Read, id: LesionId): Lesion {
  const lesion = findLesion(read, id);
  if (lesion.removed !== undefined) {
    throw new DomainError('lesion-removed', `lesion ${id} was removed; its id stays reserved`);
  }
  return lesion;
}

/** The read with one lesion replaced (matched by id), order kept. */
export function replaceLesion(read: Read, lesion: Lesion): Read {
  return { ...read, lesions: read.lesions.map((l) => (l.id === lesion.id ? lesion : l)) };
}

/** Drops `undefined` members, so an unset value is stored exactly as a never-set one. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The lesion with one modality assessment replaced; empty records are pruned away. */
export function withModalityAssessment(
  lesion: Lesion,
  timepoint: TimepointId,
  modality: ModalityGroup,
  assessment: ModalityAssessment,
): Lesion {
  const current = lesion.assessments[timepoint];
  const cleaned = compact(assessment);
  const modalities = { ...current?.modalities, [modality]: cleaned };
  if (Object.keys(cleaned).length === 0) delete modalities[modality];
  return withTimepointAssessment(lesion, timepoint, { ...current, modalities });
}

/** The lesion with one timepoint assessment replaced; an empty one is pruned away. */
export function withTimepointAssessment(
  lesion: Lesion,
  timepoint: TimepointId,
  assessment: TimepointAssessment,
): Lesion {
  const cleaned = compact(assessment);
  const assessments: Partial<Record<TimepointId, TimepointAssessment>> = {
    ...lesion.assessments,
    [timepoint]: cleaned,
  };
  if (Object.keys(cleaned.modalities).length === 0 && cleaned.recurrence === undefined) {
    delete assessments[timepoint];
  }
  return { ...lesion, assessments };
}

/** The current assessment of a lesion on one modality at one timepoint (empty if none). */
export function modalityAssessment(
  lesion: Lesion,
  timepoint: TimepointId,
  modality: ModalityGroup,
): ModalityAssessment {
  return lesion.assessments[timepoint]?.modalities[modality] ?? {};
}

/** Throws `invalid-input` unless a known timepoint id and modality group are given. */
export function assertSlot(timepoint: string, modality?: string): void {
  if (!isTimepointId(timepoint)) {
    throw new DomainError('invalid-input', `unknown timepoint "${timepoint}"`);
  }
  if (modality !== undefined && !MODALITY_GROUPS.includes(modality as ModalityGroup)) {
    throw new DomainError('invalid-input', `unknown modality group "${modality}"`);
  }
}

/** Throws `invalid-input` unless `value` is absent or a finite number meeting `ok`. */
export function assertNumber(
  name: string,
  value: number | null | undefined,
  ok: (n: number) => boolean,
  rule: string,
): void {
  if (value == null) return;
  if (!Number.isFinite(value) || !ok(value)) {
    throw new DomainError('invalid-input', `${name} must be ${rule}, got ${value}`);
  }
}

/** Throws `invalid-input` unless the point has finite coordinates, UIDs and a frame >= 1. */
export function assertImagePoint(name: string, point: ImagePoint | null | undefined): void {
  if (point == null) return;
  const { x, y, z } = point.point;
  const uids = [
    point.studyInstanceUid,
    point.seriesInstanceUid,
    point.sopInstanceUid,
    point.frameOfReferenceUid,
  ];
  if (
    ![x, y, z].every(Number.isFinite) ||
    uids.some((uid) => typeof uid !== 'string' || uid === '') ||
    !(Number.isInteger(point.frameNumber) && point.frameNumber >= 1)
  ) {
    throw new DomainError('invalid-input', `${name} needs finite LPS mm, UIDs and a frame >= 1`);
  }
}

/**
 * Patch semantics for optional fields: `undefined` keeps the current value, `null` clears it.
 */
export function patch<T>(current: T | undefined, next: T | null | undefined): T | undefined {
  if (next === undefined) return current;
  return next ?? undefined;
}
