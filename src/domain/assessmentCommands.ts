/**
 * The per-cell commands: a reader's call, measurements, site point and comment for one
 * lesion x timepoint x modality, and recurrence at a lesion's site at follow-up. Same contract
 * as commands.ts (pure, throws `DomainError`, pending audit entry); re-exported from there.
 */
import {
  assertImagePoint,
  assertNumber,
  assertSlot,
  edit,
  json,
  liveLesion,
  modalityAssessment,
  patch,
  replaceLesion,
  withModalityAssessment,
  withTimepointAssessment,
} from './commandKit.ts';
import { DomainError } from './errors.ts';
import { assertTransition } from './lifecycle.ts';
import {
  CALLS,
  isFollowUpTimepoint,
  type Call,
  type CommandContext,
  type ImagePoint,
  type LesionId,
  type ModalityAssessment,
  type ModalityGroup,
  type Read,
  type SiteRecurrence,
  type TimepointId,
} from './model.ts';

/** Addresses one lesion x timepoint x modality cell. */
export interface CellRef {
  readonly lesionId: LesionId;
  readonly timepoint: TimepointId;
  readonly modality: ModalityGroup;
}

/** Shared body of the per-cell commands: checks the cell, audits the changed fields. */
function editCell(
  read: Read,
  cell: CellRef,
  ctx: CommandContext,
  action: 'set-call' | 'set-measurement' | 'set-site-point' | 'set-comment',
  update: (current: ModalityAssessment) => ModalityAssessment,
  fields: readonly (keyof ModalityAssessment)[],
): Read {
  assertSlot(cell.timepoint, cell.modality);
  const lesion = liveLesion(read, cell.lesionId);
  const current = modalityAssessment(lesion, cell.timepoint, cell.modality);
  const next = update(current);
  const pick = (a: ModalityAssessment) => json(Object.fromEntries(fields.map((f) => [f, a[f]])));
  const target = `${lesion.id}/${cell.timepoint}/${cell.modality}`;
  return edit(read, ctx, { action, target, before: pick(current), after: pick(next) }, (r) =>
    replaceLesion(r, withModalityAssessment(lesion, cell.timepoint, cell.modality, next)),
  );
}

/** Sets or clears (`undefined`) a reader's call for one lesion, timepoint and modality. */
export function setCall(
  read: Read,
  input: CellRef & { readonly call: Call | undefined },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  if (input.call !== undefined && !CALLS.includes(input.call)) {
    throw new DomainError('invalid-input', `unknown call "${String(input.call)}"`);
  }
  return editCell(read, input, ctx, 'set-call', (a) => ({ ...a, call: input.call }), ['call']);
}

/** Measurements of one cell; `undefined` keeps, `null` clears. ADC in 10^-3 mm²/s. */
export interface MeasurementInput {
  readonly diameterMm?: number | null;
  readonly adcMean?: number | null;
  readonly adcSd?: number | null;
  readonly adcPixels?: number | null;
}

/** Sets measurements (diameter, ADC ROI statistics) of one lesion x timepoint x modality. */
export function setMeasurement(
  read: Read,
  input: CellRef & MeasurementInput,
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertNumber('diameter', input.diameterMm, (n) => n > 0, '> 0 mm');
  assertNumber('ADC mean', input.adcMean, (n) => n >= 0, '>= 0');
  assertNumber('ADC SD', input.adcSd, (n) => n >= 0, '>= 0');
  assertNumber(
    'ADC pixels',
    input.adcPixels,
    (n) => Number.isInteger(n) && n >= 1,
    'an integer >= 1',
  );
  const fields = ['diameterMm', 'adcMean', 'adcSd', 'adcPixels'] as const;
  return editCell(
    read,
    input,
    ctx,
    'set-measurement',
    (a) => ({
      ...a,
      diameterMm: patch(a.diameterMm, input.diameterMm),
      adcMean: patch(a.adcMean, input.adcMean),
      adcSd: patch(a.adcSd, input.adcSd),
      adcPixels: patch(a.adcPixels, input.adcPixels),
    }),
    fields,
  );
}

/** Sets or clears (`undefined`) the point where a disappeared lesion was. */
export function setSitePoint(
  read: Read,
  input: CellRef & { readonly sitePoint: ImagePoint | undefined },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertImagePoint('site point', input.sitePoint);
  const update = (a: ModalityAssessment) => ({ ...a, sitePoint: input.sitePoint });
  return editCell(read, input, ctx, 'set-site-point', update, ['sitePoint']);
}

/** Sets a cell's comment; an empty or blank comment clears it. */
export function setComment(
  read: Read,
  input: CellRef & { readonly comment: string },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  const comment = input.comment.trim() === '' ? undefined : input.comment;
  const update = (a: ModalityAssessment) => ({ ...a, comment });
  return editCell(read, input, ctx, 'set-comment', update, ['comment']);
}

/** Sets or clears recurrence at a lesion's site; only at follow-up timepoints. */
export function setRecurrence(
  read: Read,
  input: {
    readonly lesionId: LesionId;
    readonly timepoint: TimepointId;
    readonly recurrence: SiteRecurrence | undefined;
  },
  ctx: CommandContext,
): Read {
  assertTransition(read, 'edit');
  assertSlot(input.timepoint);
  if (!isFollowUpTimepoint(input.timepoint)) {
    throw new DomainError('invalid-input', 'recurrence is recorded at follow-up timepoints only');
  }
  if (input.recurrence !== undefined && input.recurrence !== 'yes' && input.recurrence !== 'no') {
    throw new DomainError('invalid-input', `recurrence must be yes or no`);
  }
  const lesion = liveLesion(read, input.lesionId);
  const current = lesion.assessments[input.timepoint] ?? { modalities: {} };
  const target = `${lesion.id}/${input.timepoint}`;
  const audit = { target, before: json(current.recurrence), after: json(input.recurrence) };
  return edit(read, ctx, { action: 'set-recurrence', ...audit }, (r) =>
    replaceLesion(
      r,
      withTimepointAssessment(lesion, input.timepoint, {
        ...current,
        recurrence: input.recurrence,
      }),
    ),
  );
}
