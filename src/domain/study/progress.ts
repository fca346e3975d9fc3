/**
 * Campaign progress per reader (docs/campaign.md §Progress), shown by
 * `npm run reads -- progress --study FILE READS...` (src/cli/progress.ts).
 */
import type { Read } from '../model.ts';
import type { Study, StudyRole } from './schema.ts';
import { adjudicationList, readerWorklist, worklistStates } from './worklist.ts';

export interface ReaderProgress {
  readonly readerId: string;
  readonly name: string;
  readonly role: StudyRole;
  /** Cases to read (reader) or to adjudicate (adjudicator). */
  readonly total: number;
  /** Reader: signed reads. Adjudicator: cases whose two reads are signed (concordant or not). */
  readonly done: number;
  /** Reader: reads in progress. Adjudicator: cases waiting for two signed reads. */
  readonly pending: number;
  /** Reader: cases not started. Adjudicator: cases discordant, to adjudicate. */
  readonly open: number;
  /** Reader: the next case to read. Adjudicator: the first discordant case. */
  readonly next: string | undefined;
}

/** A read the study does not expect (its patient is no case, or its reader is not assigned). */
export interface ReadOutsideStudy {
  readonly patientId: string;
  readonly readerId: string;
  readonly readId: string;
}

export interface CampaignProgress {
  readonly studyId: string;
  readonly readers: readonly ReaderProgress[];
  readonly outside: readonly ReadOutsideStudy[];
}

/** Progress of every reader of the study (in the file's order) over `reads`. */
export function campaignProgress(study: Study, reads: readonly Read[]): CampaignProgress {
  const readers = study.readers.map((reader): ReaderProgress => {
    const base = { readerId: reader.readerId, name: reader.name, role: reader.role };
    if (reader.role === 'adjudicator') {
      const list = adjudicationList(study, reader.readerId, reads);
      const discordant = list.filter((item) => item.state === 'discordant');
      return {
        ...base,
        total: list.length,
        done: list.filter((item) => item.state !== 'waiting').length,
        pending: list.filter((item) => item.state === 'waiting').length,
        open: discordant.length,
        next: discordant[0]?.patientId,
      };
    }
    const list = readerWorklist(study, reader.readerId, worklistStates(reads, reader.readerId));
    return {
      ...base,
      total: list.total,
      done: list.signed,
      pending: list.items.filter((item) => item.state === 'in-progress').length,
      open: list.items.filter((item) => item.state === 'not-started').length,
      next: list.next,
    };
  });
  const expected = (read: Read) =>
    study.cases.some(
      (entry) =>
        entry.patientId === read.patientId &&
        (entry.readers.includes(read.reader.id) || entry.adjudicator === read.reader.id),
    );
  const outside = reads
    .filter((read) => !expected(read))
    .map((read) => ({ patientId: read.patientId, readerId: read.reader.id, readId: read.readId }));
  return { studyId: study.studyId, readers, outside };
}
