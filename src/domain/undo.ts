/**
 * The undoable edit commands of a read as data (`{ kind, input }`), how to apply a batch of them
 * atomically, and the inverse of each, computed from the read *before* it ran. Undo applies the
 * inverse as new commands, so the audit trail records the undo too (never restore a snapshot:
 * that would drop audit entries).
 *
 * A removed lesion keeps its id and data (commands.ts), so removing and restoring are each
 * other's inverse and an undone removal, or a redone addition, is the same lesion under the same
 * id. Undoing `addLesion` removes the new lesion with the reason `undo`: ids are never reused.
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
  restoreLesion,
  setBaseline,
  setSegment,
  type AddLesionInput,
} from './commands.ts';
import { recordExamQc, setExamNotEvaluable } from './examQc.ts';
import type { CommandContext, Read } from './model.ts';

type Input<F> = F extends (read: Read, input: infer I, ctx: CommandContext) => Read ? I : never;

/** The input of every undoable edit command, by name. */
export interface CommandInputs {
  addLesion: AddLesionInput;
  removeLesion: Input<typeof removeLesion>;
  restoreLesion: Input<typeof restoreLesion>;
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

/** A step of a batch (an undo entry is a list of them). */
export type Step = ReadCommand;

const COMMANDS: { [K in CommandKind]: (r: Read, i: CommandInputs[K], c: CommandContext) => Read } =
  {
    addLesion,
    removeLesion,
    restoreLesion,
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
    case 'removeLesion':
      return [{ kind: 'restoreLesion', input: { lesionId: command.input.lesionId } }];
    case 'restoreLesion': {
      const { lesionId } = command.input;
      const reason = findLesion(before, lesionId).removed?.reason;
      return [{ kind: 'removeLesion', input: { lesionId, ...(reason && { reason }) } }];
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

/** What applying a batch did. */
export interface BatchResult {
  readonly read: Read;
  /** The steps that undo this batch (in the order to apply them). */
  readonly inverse: Step[];
}

/**
 * Applies steps in order, all or nothing: a `DomainError` from any step is thrown and no change
 * is kept (commands never mutate).
 */
export function applyBatch(read: Read, steps: readonly Step[], ctx: CommandContext): BatchResult {
  let current = read;
  const inverse: Step[] = [];
  for (const step of steps) {
    const undo = inverseOf(current, step);
    const next = run(current, step, ctx);
    if (next !== current) inverse.unshift(...undo);
    current = next;
  }
  return { read: current, inverse };
}
