/**
 * The rule the app exists for (docs/domain.md §5): a lesion's status from its per-modality calls at
 * the post-chemotherapy timepoint, with the reason in words; plus the CT-alone DLM flag and the
 * recurrence-at-site summary over follow-up timepoints.
 *
 * The §5 table is a complete partition over the required modalities (D = disappeared,
 * P = present, O = unset or not-evaluable, R = required):
 *   P >= 1 -> `partial DLM` if D >= 1 else `visible`;
 *   P = 0, O >= 1 -> `incomplete` (this includes "some disappeared, the rest not evaluable");
 *   P = 0, O = 0 -> every required modality disappeared -> `cDLM`.
 * So no combination is left over. An empty required set would make every lesion a vacuous cDLM,
 * so such a configuration is refused. Calls on non-required modalities never change the status.
 */
import { DomainError } from './errors.ts';
import { notEvaluableGroups, withNotEvaluable } from './examQcRule.ts';
import {
  MODALITY_GROUPS,
  MODALITY_LABELS,
  isFollowUpTimepoint,
  type Call,
  type FollowUpTimepointId,
  type Lesion,
  type LesionId,
  type ModalityGroup,
  type Read,
  type StudyConfig,
  type TimepointId,
} from './model.ts';

/** Derived status of one lesion (docs/domain.md §5). */
export type LesionStatus = 'cDLM' | 'partial DLM' | 'visible' | 'incomplete';

/** Calls per modality group; a missing key means unset. */
export type CallSet = Partial<Readonly<Record<ModalityGroup, Call>>>;

/** A derived status with its reason in words and the CT-alone flag. */
export interface DerivedStatus {
  readonly status: LesionStatus;
  readonly reason: string;
  /** Disappeared on CT, whatever MRI says (the classic definition, for the CT-alone NPV). */
  readonly ctDlm: boolean;
}

/**
 * Throws `DomainError('invalid-config')` unless the required modalities are a non-empty list of
 * known modality groups, the match distance is positive and the status timepoint is not baseline.
 */
export function assertValidConfig(config: StudyConfig): void {
  if (config.requiredModalities.length === 0) {
    throw new DomainError('invalid-config', 'at least one modality must be required');
  }
  for (const modality of config.requiredModalities) {
    if (!MODALITY_GROUPS.includes(modality)) {
      throw new DomainError('invalid-config', `unknown modality group "${String(modality)}"`);
    }
  }
  if (!(Number.isFinite(config.matchDistanceMm) && config.matchDistanceMm > 0)) {
    throw new DomainError('invalid-config', 'match distance must be a positive number of mm');
  }
  // Baseline calls answer "where is the lesion seen?" (docs/domain.md §10), not "has it
  // disappeared?", so a status derived there would read "not seen" as a disappearance.
  if (config.statusTimepoint === 'baseline') {
    throw new DomainError(
      'invalid-config',
      'the status timepoint must come after chemotherapy, not baseline',
    );
  }
}

/** "a", "a and b", "a, b and c": reads naturally in a reason sentence. */
function joinWords(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}

/**
 * One clause of a status reason: the required modalities where the lesion disappeared, is
 * visible, was not evaluable, is unset, or (cDLM) disappeared on all of them. The screens put
 * the clauses into words in the reader's language (src/ui/statusText.ts); the read keeps the
 * English of `englishReason`.
 */
export interface ReasonClause {
  readonly kind: 'disappeared' | 'visible' | 'notEvaluable' | 'unset' | 'allDisappeared';
  readonly modalities: readonly ModalityGroup[];
}

const ENGLISH_CLAUSE: Readonly<Record<ReasonClause['kind'], (m: readonly string[]) => string>> = {
  disappeared: (m) => `disappeared on ${joinWords(m)}`,
  visible: (m) => `visible on ${joinWords(m)}`,
  notEvaluable: (m) => `not evaluable on ${joinWords(m)}`,
  unset: (m) => `unset on ${joinWords(m)}`,
  allDisappeared: (m) => `disappeared on all of ${m.join(', ')}`,
};

/** The reason in English words, e.g. "visible on DWI and contrast MRI (EOB)". */
export function englishReason(clauses: readonly ReasonClause[]): string {
  return clauses
    .map((c) => ENGLISH_CLAUSE[c.kind](c.modalities.map((m) => MODALITY_LABELS[m])))
    .join('; ');
}

/**
 * Derives the status of one lesion from its calls per modality group (docs/domain.md §5).
 * Modalities are listed in the canonical order CT, DWI, T1/T2, EOB whatever the config order.
 *
 * @param calls the reader's calls at the status timepoint; absent key = unset
 * @param config the study configuration (its `requiredModalities` decide the status)
 * @returns status, reason (e.g. "visible on DWI and contrast MRI (EOB)") and `ctDlm`
 * @throws DomainError `invalid-config` when no modality is required
 */
export function deriveLesionStatus(calls: CallSet, config: StudyConfig): DerivedStatus {
  const { status, clauses, ctDlm } = derive(calls, config);
  return { status, reason: englishReason(clauses), ctDlm };
}

/** The clauses of `deriveLesionStatus`'s reason, for wording it in another language. */
export function reasonClauses(calls: CallSet, config: StudyConfig): readonly ReasonClause[] {
  return derive(calls, config).clauses;
}

interface Derived {
  readonly status: LesionStatus;
  readonly clauses: readonly ReasonClause[];
  readonly ctDlm: boolean;
}

function derive(calls: CallSet, config: StudyConfig): Derived {
  assertValidConfig(config);
  const required = MODALITY_GROUPS.filter((m) => config.requiredModalities.includes(m));
  const where = (call: Call | undefined) => required.filter((m) => calls[m] === call);
  const disappeared = where('disappeared');
  const present = where('present');
  const notEvaluable = where('not-evaluable');
  const unset = where(undefined);
  const ctDlm = calls.CT === 'disappeared';
  const derived = (status: LesionStatus, clauses: ReasonClause[]): Derived => ({
    status,
    clauses,
    ctDlm,
  });
  const clause = (kind: ReasonClause['kind'], modalities: ModalityGroup[]): ReasonClause[] =>
    modalities.length > 0 ? [{ kind, modalities }] : [];

  if (present.length > 0) {
    const visible = clause('visible', present);
    return disappeared.length > 0
      ? derived('partial DLM', [...clause('disappeared', disappeared), ...visible])
      : derived('visible', visible);
  }
  if (notEvaluable.length + unset.length > 0) {
    return derived('incomplete', [
      ...clause('disappeared', disappeared),
      ...clause('notEvaluable', notEvaluable),
      ...clause('unset', unset),
    ]);
  }
  return derived('cDLM', clause('allDisappeared', disappeared));
}

/** The calls of a lesion at one timepoint (unset where nothing was recorded). */
export function callsAt(lesion: Lesion, timepoint: TimepointId): CallSet {
  const modalities = lesion.assessments[timepoint]?.modalities ?? {};
  const calls: Partial<Record<ModalityGroup, Call>> = {};
  for (const modality of MODALITY_GROUPS) {
    const call = modalities[modality]?.call;
    if (call !== undefined) calls[modality] = call;
  }
  return calls;
}

/**
 * Derives a lesion's status at the configured status timepoint (`config.statusTimepoint`,
 * default `preop`).
 */
export function deriveLesionStatusAtStatusTimepoint(
  lesion: Lesion,
  config: StudyConfig,
): DerivedStatus {
  return deriveLesionStatus(callsAt(lesion, config.statusTimepoint), config);
}

/**
 * The calls of a lesion of this read at a timepoint as the status sees them: the reader's calls,
 * with the groups made not evaluable by an exam marked so for acquisition QC (docs/domain.md §11)
 * set to `not-evaluable`.
 */
export function effectiveCallsAt(read: Read, lesion: Lesion, timepoint: TimepointId): CallSet {
  return withNotEvaluable(callsAt(lesion, timepoint), notEvaluableGroups(read, timepoint));
}

/**
 * A lesion's status in its read: at the read's status timepoint under its configuration, with the
 * exams marked not evaluable taken into account (§11). Every screen and file that shows a read's
 * status uses this.
 */
export function deriveLesionStatusInRead(read: Read, lesion: Lesion): DerivedStatus {
  return deriveLesionStatus(
    effectiveCallsAt(read, lesion, read.config.statusTimepoint),
    read.config,
  );
}

/** The derived status of one lesion of a read. */
export interface LesionStatusRow {
  readonly lesionId: LesionId;
  readonly derived: DerivedStatus;
}

/**
 * Derived statuses of every lesion of a read that is not removed, in registry order, at the
 * read's status timepoint under the read's own configuration.
 */
export function deriveReadStatuses(read: Read): readonly LesionStatusRow[] {
  return read.lesions
    .filter((lesion) => lesion.removed === undefined)
    .map((lesion) => ({
      lesionId: lesion.id,
      derived: deriveLesionStatusInRead(read, lesion),
    }));
}

/** Recurrence at a lesion's site over the follow-up timepoints. */
export type SiteRecurrenceSummary =
  | { readonly kind: 'recurrence'; readonly firstAt: FollowUpTimepointId }
  | { readonly kind: 'no-recurrence'; readonly lastAssessedAt: FollowUpTimepointId }
  | { readonly kind: 'not-assessed' };

function followUpNumber(timepoint: FollowUpTimepointId): number {
  return Number(timepoint.slice('followup-'.length));
}

/**
 * Summarises the recurrence-at-site calls of a lesion over follow-up timepoints: the first
 * follow-up with a recurrence wins (a later "no" does not undo a recurrence that was seen);
 * otherwise the latest follow-up assessed as "no"; otherwise not assessed. Follow-up months
 * (the 24-month rule) belong to the outcome record, not to this summary.
 */
export function deriveSiteRecurrence(lesion: Lesion): SiteRecurrenceSummary {
  const followUps = (Object.keys(lesion.assessments) as TimepointId[])
    .filter(isFollowUpTimepoint)
    .sort((a, b) => followUpNumber(a) - followUpNumber(b));
  const first = followUps.find((tp) => lesion.assessments[tp]?.recurrence === 'yes');
  if (first !== undefined) return { kind: 'recurrence', firstAt: first };
  const last = followUps.filter((tp) => lesion.assessments[tp]?.recurrence === 'no').at(-1);
  if (last !== undefined) return { kind: 'no-recurrence', lastAssessedAt: last };
  return { kind: 'not-assessed' };
}
