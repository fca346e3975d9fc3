/**
 * Timepoint assignment (docs/domain.md §3): (0012,0050) Clinical Trial Time Point ID when present,
 * else the order of StudyDate. The reader can reassign; this is only the first guess.
 */

/** Clinical sequence of the timepoints the study knows. */
const FIXED = ['baseline', 'preop'];

/**
 * Maps a (0012,0050) value to a timepoint id, case-insensitively: baseline/BL/screening ->
 * `baseline`; preop/pre-op/post-chemo -> `preop`; "follow-up N"/"FU N" -> `followup-N`; anything
 * else -> its own lower-case id with runs of spaces/punctuation as '-'. '' for an empty value.
 */
export function normaliseTimepointId(value: string): string {
  const id = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (/^(baseline|base-line|bl|screening|scr|pre-chemo|prechemo|pre-treatment)$/.test(id)) {
    return 'baseline';
  }
  if (/^(preop|pre-op|pre-operative|preoperative|post-chemo|postchemo|pre-surgery)$/.test(id)) {
    return 'preop';
  }
  const followUp = /^(?:follow-?up|fu)(?:-?(\d+))?$/.exec(id);
  if (followUp !== null) return `followup-${Number(followUp[1] ?? '1')}`;
  return id;
}

/** The id of the n-th timepoint (0-based) in date order: baseline, preop, followup-1, ... */
export function dateOrderId(index: number): string {
  return FIXED[index] ?? `followup-${index - FIXED.length + 1}`;
}

/** Sort key: baseline, preop, followup-1, followup-2, ..., then any other id alphabetically. */
export function compareTimepointIds(a: string, b: string): number {
  const rank = (id: string): [number, number] => {
    const fixed = FIXED.indexOf(id);
    if (fixed >= 0) return [0, fixed];
    const followUp = /^followup-(\d+)$/.exec(id);
    if (followUp !== null) return [1, Number(followUp[1])];
    return [2, 0];
  };
  const [ga, na] = rank(a);
  const [gb, nb] = rank(b);
  if (ga !== gb) return ga - gb;
  if (na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A study reduced to what timepoint assignment needs. */
export interface DatedStudy {
  studyInstanceUid: string;
  studyDate: string; // YYYYMMDD or ''
  trialTimepoint: string; // normalised (0012,0050), or ''
}

export interface TimepointAssignment {
  id: string;
  source: 'trial-tag' | 'date-order';
}

/**
 * Assigns each study of one patient to a timepoint. Tagged studies take their tag. Untagged
 * studies are grouped by StudyDate (same date = same timepoint; undated last) and given, in date
 * order, the ids of the clinical sequence that no tag has taken.
 */
export function assignTimepoints(studies: readonly DatedStudy[]): Map<string, TimepointAssignment> {
  const result = new Map<string, TimepointAssignment>();
  const taken = new Set<string>();
  for (const study of studies) {
    if (study.trialTimepoint !== '') {
      result.set(study.studyInstanceUid, { id: study.trialTimepoint, source: 'trial-tag' });
      taken.add(study.trialTimepoint);
    }
  }
  const dates = [
    ...new Set(studies.filter((s) => s.trialTimepoint === '').map((s) => s.studyDate)),
  ].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const idOfDate = new Map<string, string>();
  let next = 0;
  for (const date of dates) {
    while (taken.has(dateOrderId(next))) next += 1;
    idOfDate.set(date, dateOrderId(next));
    next += 1;
  }
  for (const study of studies) {
    const id = idOfDate.get(study.studyDate);
    if (study.trialTimepoint === '' && id !== undefined) {
      result.set(study.studyInstanceUid, { id, source: 'date-order' });
    }
  }
  return result;
}
