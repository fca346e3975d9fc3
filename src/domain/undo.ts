/**
 * The undoable edit commands of a read as data (`{ kind, input }`), how to apply a batch of them
 * atomically, and the inverse of each, computed from the read *before* it ran. Undo applies the
 * inverse as new commands, so the audit trail records the undo too (never restore a snapshot:
 * that would drop audit entries).
 *
 * The one edit the domain cannot invert directly is `removeLesion` (ids are never reused, and
 * there is no "unremove"): its inverse re-registers the lesion under the next id and replays
 * its segment, baseline and every cell. The old id is then *renamed* in the undo/redo stacks.
 */
import {
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSitePoint,
  type CellRef,
  type MeasurementInput,
} from './assessmentCommands.ts';
import { findLesion } from './commandKit.ts';
import {
  addLesion,
  assignTimepoint,
  nextLesionId,
  removeLesion,
  setBaseline,
  setSegment,
  type AddLesionInput,
} from './commands.ts';
import { recordExamQc, setExamNotEvaluable } from './examQc.ts';
import {
  MODALITY_GROUPS,
  type CommandContext,
  type Lesion,
  type LesionId,
  type Read,
  type TimepointId,
} from './model.ts';

type Input<F> = F extends (read: Read, input: infer I, ctx: CommandContext) => Read ? I : never;

/** The input of every undoable edit command, by name. */
export interface CommandInputs {
  addLesion: AddLesionInput;
  removeLesion: Input<typeof removeLesion>;
  setSegment: Input<typeof setSegment>;
  setBaseline: Input<typeof setBaseline>;
  setCall: Input<typeof setCall>;
  setMeasurement: CellRef & MeasurementInput;
  setSitePoint: Input<typeof setSitePoint>;
  setComment: Input<typeof setComment>;
  setRecurrence: Input<typeof setRecurrence>;
  assignTimepoint: Input<typeof assignTimepoint>;
  setExamNotEvaluable: Input<typeof setExamNotEvaluable>;
  recordExamQc: Input<typeof recordExamQc>;
}

/** A name of an undoable edit command. */
export type CommandKind = keyof CommandInputs;

/** One edit command as data. */
export type ReadCommand = { [K in CommandKind]: { kind: K; input: CommandInputs[K] } }[CommandKind];

/** A step of a batch: an edit command, or the re-registration of a removed lesion (undo). */
export type Step =
  | ReadCommand
  | { readonly kind: 'restoreLesion'; readonly input: { from: LesionId; lesion: Lesion } };

const COMMANDS: { [K in CommandKind]: (r: Read, i: CommandInputs[K], c: CommandContext) => Read } =
  {
    addLesion,
    removeLesion,
    setSegment,
    setBaseline,
    setCall,
    setMeasurement,
    setSitePoint,
    setComment,
    setRecurrence,
    assignTimepoint,
    setExamNotEvaluable,
    recordExamQc,
  };

function run(read: Read, command: ReadCommand, ctx: CommandContext): Read {
  const fn = COMMANDS[command.kind] as (r: Read, i: unknown, c: CommandContext) => Read;
  return fn(read, command.input, ctx);
}

/** The steps that undo `command`, from the read before it. */
export function inverseOf(before: Read, command: ReadCommand): Step[] {
  switch (command.kind) {
    case 'addLesion':
      return [{ kind: 'removeLesion', input: { lesionId: nextLesionId(before), reason: 'undo' } }];
    case 'removeLesion': {
      const lesion = findLesion(before, command.input.lesionId);
      return [{ kind: 'restoreLesion', input: { from: lesion.id, lesion } }];
    }
    case 'setSegment': {
      const { lesionId } = command.input;
      const segment = findLesion(before, lesionId).segment;
      return [{ kind: 'setSegment', input: { lesionId, segment } }];
    }
    case 'setBaseline': {
      const lesion = findLesion(before, command.input.lesionId);
      return [
        {
          kind: 'setBaseline',
          input: {
            lesionId: lesion.id,
            ...(command.input.location !== undefined && {
              location: lesion.baselineLocation ?? null,
            }),
            ...(command.input.diameterMm !== undefined && {
              diameterMm: lesion.baselineDiameterMm ?? null,
            }),
          },
        },
      ];
    }
    case 'setCall':
      return [
        {
          kind: 'setCall',
          input: { ...cellOf(command.input), call: cell(before, command.input).call },
        },
      ];
    case 'setMeasurement': {
      const previous = cell(before, command.input);
      const input: CellRef & MeasurementInput = { ...cellOf(command.input) };
      const fields = ['diameterMm', 'adcMean', 'adcSd', 'adcPixels'] as const;
      for (const field of fields) {
        if (command.input[field] !== undefined)
          Object.assign(input, { [field]: previous[field] ?? null });
      }
      return [{ kind: 'setMeasurement', input }];
    }
    case 'setSitePoint':
      return [
        {
          kind: 'setSitePoint',
          input: { ...cellOf(command.input), sitePoint: cell(before, command.input).sitePoint },
        },
      ];
    case 'setComment':
      return [
        {
          kind: 'setComment',
          input: { ...cellOf(command.input), comment: cell(before, command.input).comment ?? '' },
        },
      ];
    case 'setRecurrence': {
      const { lesionId, timepoint } = command.input;
      const recurrence = findLesion(before, lesionId).assessments[timepoint]?.recurrence;
      return [{ kind: 'setRecurrence', input: { lesionId, timepoint, recurrence } }];
    }
    case 'assignTimepoint': {
      const { studyInstanceUid } = command.input;
      const timepoint = before.timepointAssignment[studyInstanceUid];
      return [{ kind: 'assignTimepoint', input: { studyInstanceUid, timepoint } }];
    }
    case 'setExamNotEvaluable': {
      const { studyInstanceUid } = command.input;
      const reason = before.examQc?.[studyInstanceUid]?.notEvaluable?.reason;
      return [{ kind: 'setExamNotEvaluable', input: { studyInstanceUid, reason } }];
    }
    case 'recordExamQc':
      // What the headers say, recorded by the app, not the reader's: nothing to take back.
      return [];
  }
}

function cellOf(ref: CellRef): CellRef {
  return { lesionId: ref.lesionId, timepoint: ref.timepoint, modality: ref.modality };
}

function cell(read: Read, ref: CellRef) {
  return findLesion(read, ref.lesionId).assessments[ref.timepoint]?.modalities[ref.modality] ?? {};
}

/** The commands that register `lesion`'s content again under the next id. */
function restoreCommands(read: Read, lesion: Lesion): { id: LesionId; commands: ReadCommand[] } {
  const id = nextLesionId(read);
  const commands: ReadCommand[] = [
    {
      kind: 'addLesion',
      input: {
        segment: lesion.segment,
        baselineLocation: lesion.baselineLocation,
        baselineDiameterMm: lesion.baselineDiameterMm,
      },
    },
  ];
  for (const [tp, assessment] of Object.entries(lesion.assessments)) {
    const timepoint = tp as TimepointId;
    if (assessment === undefined) continue;
    if (assessment.recurrence !== undefined) {
      commands.push({
        kind: 'setRecurrence',
        input: { lesionId: id, timepoint, recurrence: assessment.recurrence },
      });
    }
    for (const modality of MODALITY_GROUPS) {
      const a = assessment.modalities[modality];
      if (a === undefined) continue;
      const ref = { lesionId: id, timepoint, modality };
      if (a.call !== undefined) commands.push({ kind: 'setCall', input: { ...ref, call: a.call } });
      const { diameterMm, adcMean, adcSd, adcPixels } = a;
      if ([diameterMm, adcMean, adcSd, adcPixels].some((v) => v !== undefined)) {
        commands.push({
          kind: 'setMeasurement',
          input: { ...ref, diameterMm, adcMean, adcSd, adcPixels },
        });
      }
      if (a.sitePoint) {
        commands.push({ kind: 'setSitePoint', input: { ...ref, sitePoint: a.sitePoint } });
      }
      if (a.comment) commands.push({ kind: 'setComment', input: { ...ref, comment: a.comment } });
    }
  }
  return { id, commands };
}

/** What applying a batch did. */
export interface BatchResult {
  readonly read: Read;
  /** The steps that undo this batch (in the order to apply them). */
  readonly inverse: Step[];
  /** Lesion ids re-registered under a new id by this batch (old -> new). */
  readonly renames: ReadonlyMap<LesionId, LesionId>;
}

/**
 * Applies steps in order, all or nothing: a `DomainError` from any step is thrown and no change
 * is kept (commands never mutate).
 */
export function applyBatch(read: Read, steps: readonly Step[], ctx: CommandContext): BatchResult {
  let current = read;
  const inverse: Step[] = [];
  const renames = new Map<LesionId, LesionId>();
  for (const original of steps) {
    const step = renameStep(original, renames);
    if (step.kind === 'restoreLesion') {
      const { id, commands } = restoreCommands(current, step.input.lesion);
      for (const command of commands) current = run(current, command, ctx);
      renames.set(step.input.from, id);
      inverse.unshift({ kind: 'removeLesion', input: { lesionId: id, reason: 'undo' } });
    } else {
      const undo = inverseOf(current, step);
      const next = run(current, step, ctx);
      if (next !== current) inverse.unshift(...undo);
      current = next;
    }
  }
  return { read: current, inverse, renames };
}

/** The step with lesion ids renamed (old -> new). */
export function renameStep(step: Step, renames: ReadonlyMap<LesionId, LesionId>): Step {
  if (renames.size === 0) return step;
  if (step.kind === 'restoreLesion') {
    const to = renames.get(step.input.from);
    return to ? { ...step, input: { ...step.input, from: to } } : step;
  }
  if ('lesionId' in step.input) {
    const to = renames.get(step.input.lesionId);
    if (to) return { ...step, input: { ...step.input, lesionId: to } } as Step;
  }
  return step;
}
