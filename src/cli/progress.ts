/**
 * `npm run reads -- progress --study FILE READS...`: the campaign's progress per reader
 * (src/domain/study/progress.ts) over the given read files; and the study file's loading, which
 * `validate --study` also uses (its readers with a key are the roster).
 */
import {
  campaignProgress,
  parseStudy,
  type CampaignProgress,
  type Study,
} from '../domain/index.ts';
import { loadParsed, type LoadedRead, type ReadText } from './load.ts';
import type { CliProblem } from './problems.ts';
import { formatTable } from './table.ts';

/** A study file, or its problems (each by JSON path). */
export function loadStudy(
  file: string,
  readFile: ReadText,
): Promise<{ ok: true; study: Study } | { ok: false; problems: CliProblem[] }> {
  return loadParsed<{ ok: true; study: Study }>(file, readFile, 'study', parseStudy);
}

/** The progress of the study over the loaded reads. */
export function studyProgress(study: Study, loaded: readonly LoadedRead[]): CampaignProgress {
  return campaignProgress(
    study,
    loaded.map((l) => l.read),
  );
}

/**
 * The progress table: one row per reader. Readers: cases, signed, in progress, not started,
 * next case. Adjudicators: cases, with both reads signed, waiting, discordant, first discordant.
 */
export function renderProgress(progress: CampaignProgress): string[] {
  const rows = progress.readers.map((r) => [
    r.readerId,
    r.name,
    r.role,
    r.role === 'reader' ? `${r.done} of ${r.total} signed` : `${r.done} of ${r.total} both signed`,
    String(r.pending),
    String(r.open),
    r.next ?? '-',
  ]);
  const header = [
    'reader',
    'name',
    'role',
    'progress',
    'in progress / waiting',
    'not started / discordant',
    'next',
  ];
  return [
    `Study ${progress.studyId}: ${progress.readers.length} readers`,
    ...formatTable([header, ...rows], ['left', 'left', 'left', 'left', 'right', 'right', 'left']),
    ...progress.outside.map(
      (o) => `Not in the study: read ${o.readId} of patient ${o.patientId} by ${o.readerId}`,
    ),
  ];
}
