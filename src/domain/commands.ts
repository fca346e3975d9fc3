/**
 * Every user operation on a read as a pure command `(read, input, ctx) => read`. Commands never
 * mutate their input; they throw `DomainError` (see errors.ts for why throw, not Result) and
 * leave a pending audit entry that `sealAudit` hash-chains. Sign and amend are in lifecycle.ts.
 *
 * Optional measurement fields use patch semantics: `undefined` keeps, `null` clears.
 * Edits of a removed lesion are refused (`lesion-removed`); its data and id stay for the trail.
 * Every edit first checks the lifecycle, so a signed read answers `read-signed` whatever the input.
 */
import { recordAudit } from './audit.ts';
import {
  assertImagePoint,
  assertNumber,
  assertSlot,
  edit,
  findLesion,
  json,
  liveLesion,
  patch,
  replaceLesion,
} from './commandKit.ts';
import { utcNow } from './clock.ts';
import { DomainError } from './errors.ts';
import { assertTransition } from './lifecycle.ts';
import { assertValidConfig } from './status.ts';
import {
  COUINAUD_SEGMENTS,
  DEFAULT_STUDY_CONFIG,
  type CommandContext,
  type ConsensusBlock,
  type CouinaudSegment,
  type ImagePoint,
  type Lesion,
  type LesionId,
  type Read,
  type Reader,
  type StudyConfig,
  type TimepointId,
} from './model.ts';

/** Input of `createRead`. */
export interface CreateReadInput {
  readonly patientId: string;
  readonly reader: Reader;
  readonly config?: StudyConfig;
  /** For a consensus read: the signed reads it is built from. */
  readonly consensus?: ConsensusBlock;
}

/** Starts a draft read of one patient by one reader; throws `invalid-input`/`invalid-config`. */
export function createRead(input: CreateReadInput, ctx: CommandContext): Read {
  const config = input.config ?? DEFAULT_STUDY_CONFIG;
  assertValidConfig(config);
  if (input.patientId.trim() === '' || input.reader.id.trim() === '') {
    throw new DomainError('invalid-input', 'a read needs a patient id and a reader id');
  }
  const at = utcNow(ctx);
  const read: Read = {
    schemaVersion: 3,
    readId: ctx.newId(),
    version: 1,
    versionId: ctx.newId(),
    patientId: input.patientId,
    reader: input.reader,
    ...(input.consensus && { consensus: input.consensus }),
    config,
    timepointAssignment: {},
    lesions: [],
    nextLesionNumber: 1,
    state: { kind: 'draft' },
    createdAt: at,
    updatedAt: at,
    audit: [],
    pendingAudit: [],
  };
  return recordAudit(read, {
    at,
    readerId: input.reader.id,
    action: 'create-read',
    before: null,
    // Everything the read starts with, so that a replay of the trail can rebuild it (schema v2).
    after: json({
      readId: read.readId,
      versionId: read.versionId,
      patientId: read.patientId,
      reader: read.reader,
      config,
      ...(input.consensus && { consensus: input.consensus }),
    }),
  });
}

/** Assigns a study to a timepoint (`undefined` removes the assignment). */
export function assignTimepoint(
  read: Read,
  input: { readonly studyInstanceUid: string; readonly timepoint: TimepointId | undefined },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  if (input.studyInstanceUid === '') throw new DomainError('invalid-input', 'empty study UID');
  if (input.timepoint !== undefined) assertSlot(input.timepoint);
  const { [input.studyInstanceUid]: before, ...others } = read.timepointAssignment;
  const target = `study:${input.studyInstanceUid}`;
  return edit(
    read,
    ctx,
    { action: 'assign-timepoint', target, before: json(before), after: json(input.timepoint) },
    (r) => ({
      ...r,
      timepointAssignment:
        input.timepoint === undefined
          ? others
          : { ...others, [input.studyInstanceUid]: input.timepoint },
    }),
  );
}

/** The id the next `addLesion` will give. */
export function nextLesionId(read: Read): LesionId {
  return `L${read.nextLesionNumber}`;
}

/** Input of `addLesion`: what is known when the lesion is registered. */
export interface AddLesionInput {
  readonly segment?: CouinaudSegment;
  readonly baselineLocation?: ImagePoint;
  readonly baselineDiameterMm?: number;
}

function assertSegment(segment: CouinaudSegment | undefined): void {
  if (segment !== undefined && !COUINAUD_SEGMENTS.includes(segment)) {
    throw new DomainError('invalid-input', `unknown Couinaud segment "${String(segment)}"`);
  }
}

/** Registers a lesion with the next id (`nextLesionId`); ids are never reused. */
export function addLesion(read: Read, input: AddLesionInput, ctx: CommandContext): Read {
  assertTransition(read, 'edit');
  assertSegment(input.segment);
  assertImagePoint('baseline location', input.baselineLocation);
  assertNumber('baseline diameter', input.baselineDiameterMm, (n) => n > 0, '> 0 mm');
  const id = nextLesionId(read);
  const data = { segment: input.segment, baselineLocation: input.baselineLocation };
  const after = json({ ...data, baselineDiameterMm: input.baselineDiameterMm });
  return edit(read, ctx, { action: 'add-lesion', target: id, before: null, after }, (r, at) => {
    const lesion: Lesion = {
      id,
      ...(input.segment && { segment: input.segment }),
      ...(input.baselineLocation && { baselineLocation: input.baselineLocation }),
      ...(input.baselineDiameterMm !== undefined && {
        baselineDiameterMm: input.baselineDiameterMm,
      }),
      createdAt: at,
      assessments: {},
    };
    return { ...r, lesions: [...r.lesions, lesion], nextLesionNumber: r.nextLesionNumber + 1 };
  });
}

/** Marks a lesion removed; it keeps its id (never reused) and data for the audit trail. */
export function removeLesion(
  read: Read,
  input: { readonly lesionId: LesionId; readonly reason?: string },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  const lesion = liveLesion(read, input.lesionId);
  const reason = input.reason?.trim() || undefined;
  const audit = { target: lesion.id, before: 'active', after: json({ removed: true, reason }) };
  return edit(read, ctx, { action: 'remove-lesion', ...audit }, (r, at) =>
    replaceLesion(r, { ...lesion, removed: { at, ...(reason && { reason }) } }),
  );
}

/**
 * Takes back a removal: the lesion is live again under its own id, with the data it kept. Only a
 * removed lesion can be restored (`invalid-input` otherwise); undo uses it, so an undone removal
 * never moves a lesion to a new id.
 */
export function restoreLesion(
  read: Read,
  input: { readonly lesionId: LesionId },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  const lesion = findLesion(read, input.lesionId);
  const { removed, ...rest } = lesion;
  if (removed === undefined) {
    throw new DomainError('invalid-input', `lesion ${lesion.id} is not removed`);
  }
  const before = json({ removed: true, reason: removed.reason });
  const audit = { target: lesion.id, before, after: 'active' };
  return edit(read, ctx, { action: 'restore-lesion', ...audit }, (r) => replaceLesion(r, rest));
}

/** Sets or clears (`undefined`) a lesion's Couinaud segment. */
export function setSegment(
  read: Read,
  input: { readonly lesionId: LesionId; readonly segment: CouinaudSegment | undefined },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertSegment(input.segment);
  const lesion = liveLesion(read, input.lesionId);
  const { segment: before, ...rest } = lesion;
  const audit = { target: lesion.id, before: json(before), after: json(input.segment) };
  return edit(read, ctx, { action: 'set-segment', ...audit }, (r) =>
    replaceLesion(r, input.segment === undefined ? rest : { ...rest, segment: input.segment }),
  );
}

/** Sets the baseline location and/or longest diameter (`null` clears, `undefined` keeps). */
export function setBaseline(
  read: Read,
  input: {
    readonly lesionId: LesionId;
    readonly location?: ImagePoint | null;
    readonly diameterMm?: number | null;
  },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertImagePoint('baseline location', input.location);
  assertNumber('baseline diameter', input.diameterMm, (n) => n > 0, '> 0 mm');
  const lesion = liveLesion(read, input.lesionId);
  const { baselineLocation, baselineDiameterMm, ...rest } = lesion;
  const location = patch(baselineLocation, input.location);
  const diameterMm = patch(baselineDiameterMm, input.diameterMm);
  const before = json({ location: baselineLocation, diameterMm: baselineDiameterMm });
  const after = json({ location, diameterMm });
  return edit(read, ctx, { action: 'set-baseline', target: lesion.id, before, after }, (r) =>
    replaceLesion(r, {
      ...rest,
      ...(location && { baselineLocation: location }),
      ...(diameterMm !== undefined && { baselineDiameterMm: diameterMm }),
    }),
  );
}

export * from './assessmentCommands.ts';
export * from './examQc.ts';
export { findLesion } from './commandKit.ts';
