/**
 * Parsing a study file (schema.ts) with every problem named by its path (`cases[3].readers[1]`,
 * `''` for the whole document), as the roster and the read import do. Schema problems come
 * first (all of them); the cross-checks between readers and cases run once the shape is right,
 * and report every problem they find.
 */
import { formatPath, parseJson } from '../jsonSyntax.ts';
import { DEFAULT_QC_THRESHOLDS, type QcThresholds } from '../qcThresholds.ts';
import type { Roster } from '../integrity/roster.ts';
import { DEFAULT_STUDY_CONFIG, type StudyConfig } from '../model.ts';
import { studySchema, type Study } from './schema.ts';

/** One problem of a study file. */
export interface StudyProblem {
  readonly path: string;
  readonly message: string;
}

export type StudyParse =
  | { readonly ok: true; readonly study: Study }
  | { readonly ok: false; readonly problems: readonly StudyProblem[] };

/** The problems between the parts of a well-formed study file (ids, roles, keys, limits). */
export function crossCheckStudy(study: Study): StudyProblem[] {
  const problems: StudyProblem[] = [];
  const readerAt = new Map<string, number>();
  study.readers.forEach((reader, i) => {
    const first = readerAt.get(reader.readerId);
    if (first === undefined) readerAt.set(reader.readerId, i);
    else {
      problems.push({
        path: `readers[${i}].readerId`,
        message: `duplicate reader id ${reader.readerId} (also readers[${first}])`,
      });
    }
  });
  study.readers.forEach((reader, i) => {
    const key = reader.publicKey;
    if (key === undefined) return;
    const j = study.readers.findIndex(
      (other, k) => k < i && other.publicKey?.x === key.x && other.publicKey.y === key.y,
    );
    if (j >= 0) {
      problems.push({
        path: `readers[${i}].publicKey`,
        message: `the same key as readers[${j}] (${study.readers[j]?.readerId ?? ''}): a key belongs to one reader`,
      });
    }
  });
  const roleOf = (id: string) => {
    const at = readerAt.get(id);
    return at === undefined ? undefined : study.readers[at]?.role;
  };
  const caseAt = new Map<string, number>();
  study.cases.forEach((entry, i) => {
    const first = caseAt.get(entry.patientId);
    if (first === undefined) caseAt.set(entry.patientId, i);
    else {
      problems.push({
        path: `cases[${i}].patientId`,
        message: `duplicate patient ${entry.patientId} (also cases[${first}])`,
      });
    }
    entry.readers.forEach((id, k) => {
      const role = roleOf(id);
      const path = `cases[${i}].readers[${k}]`;
      if (role === undefined) problems.push({ path, message: `unknown reader ${id}` });
      else if (role !== 'reader') {
        problems.push({ path, message: `${id} is an ${role}, not a reader` });
      }
    });
    if (entry.readers[0] === entry.readers[1]) {
      problems.push({
        path: `cases[${i}].readers[1]`,
        message: `the two reads must be by different readers (both ${entry.readers[1]})`,
      });
    }
    const role = roleOf(entry.adjudicator);
    const path = `cases[${i}].adjudicator`;
    if (role === undefined) problems.push({ path, message: `unknown reader ${entry.adjudicator}` });
    else if (role !== 'adjudicator') {
      problems.push({ path, message: `${entry.adjudicator} is a ${role}, not an adjudicator` });
    }
  });
  const qc = qcThresholdsOf(study);
  if (qc.recommendedHbpDelayMinutes < qc.minHbpDelayMinutes) {
    problems.push({
      path: 'qc.recommendedHbpDelayMinutes',
      message: `is ${qc.recommendedHbpDelayMinutes} min, under the minimum of ${qc.minHbpDelayMinutes} min`,
    });
  }
  return problems;
}

/** Parses and checks a study file's text. */
export function parseStudy(text: string): StudyParse {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problems: [{ path: '', message: json.message }] };
  const parsed = studySchema.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  }
  const problems = crossCheckStudy(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, study: parsed.data };
}

/** The study's QC limits: its `qc` over the defaults. */
export function qcThresholdsOf(study: Study): QcThresholds {
  return { ...DEFAULT_QC_THRESHOLDS, ...study.qc };
}

/** The study's configuration of the status: its modalities and timepoint over the defaults. */
export function studyConfigOf(study: Study): StudyConfig {
  return {
    ...DEFAULT_STUDY_CONFIG,
    ...(study.modalities && { requiredModalities: study.modalities }),
    ...(study.statusTimepoint && { statusTimepoint: study.statusTimepoint }),
  };
}

/**
 * The study's reader roster (src/domain/integrity/roster.ts): the readers with a public key, or
 * undefined when none has one (then signers are not checked against the study).
 */
export function studyRoster(study: Study): Roster | undefined {
  const readers = study.readers.flatMap(({ publicKey, ...reader }) =>
    publicKey === undefined ? [] : [{ ...reader, publicKey }],
  );
  return readers.length === 0 ? undefined : { schemaVersion: 1, study: study.studyId, readers };
}
