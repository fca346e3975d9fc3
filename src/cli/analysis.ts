/**
 * What the batch CLI computes, as pure functions of imported reads (no file IO, no formatting):
 * the lesion status table, the two-reader comparison with its agreement table, and the endpoint
 * table. The bench (scripts/bench/review.mjs) times exactly these functions.
 *
 * Grouping. Reads are grouped by `patientId`; patients are listed in code-unit order of their ids
 * and a patient's reads by reader id, then read id, then version, so the output does not depend
 * on the order the files were named in (shells expand globs in locale order).
 *
 * Compare. A patient is compared when it has exactly two reads by different readers. Reader 1 is
 * chosen by the domain's one reader-order rule (`compareReadOrder`: reader id, then read id, then
 * version), the rule the review screen pools by too. The pair is compared under reader 1's study
 * configuration (`compareReads`' default); a reader 2 with another configuration is a problem,
 * but the pair is still compared. Patients with one read, more than two, or two by the same reader
 * are problems and are left out. Consensus reads (with a `consensus` block) are not compared; with
 * them, reads.ts adds the adjudication figures of the reader monitoring.
 *
 * Agreement. The domain's `poolAgreement` (kappa on matched lesions, unset calls left out by
 * default, detection agreement beside it; rules in src/domain/stats/pooledAgreement.ts).
 *
 * Endpoint. `computeEndpointTable` over one read per patient (typically the consensus reads). A
 * patient with several reads is a problem and is left out; reads with different study
 * configurations are a problem and no table is computed (one rule must judge every lesion).
 * Outcomes that match no live lesion of the reads are notes, not problems: an outcomes file
 * usually covers more patients than one batch of reads.
 */
import {
  DomainError,
  MODALITY_GROUPS,
  callValue,
  callsAt,
  compareReadOrder,
  compareReads,
  poolAgreement,
  sameStudyConfig,
  type ComparedReads,
  type PoolOptions,
  type PooledAgreement,
  computeEndpointTable,
  deriveReadStatuses,
  type CallValue,
  type DiscordanceKind,
  type EndpointTable,
  type LesionOutcome,
  type LesionStatus,
  type ModalityGroup,
  type Read,
  type ReadComparison,
} from '../domain/index.ts';
import type { LoadedRead } from './load.ts';
import type { CliProblem } from './problems.ts';

/** Derived statuses in table order. */
export const STATUS_CATEGORIES: readonly LesionStatus[] = [
  'cDLM',
  'partial DLM',
  'visible',
  'incomplete',
];

/** Which read a row or comparison side is. */
export interface ReadRef {
  readonly file: string;
  readonly patientId: string;
  readonly readerId: string;
  readonly readId: string;
  readonly version: number;
  readonly state: Read['state']['kind'];
}

/** The reference of a loaded read. */
export function readRef({ file, read }: LoadedRead): ReadRef {
  return {
    file,
    patientId: read.patientId,
    readerId: read.reader.id,
    readId: read.readId,
    version: read.version,
    state: read.state.kind,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLoaded(a: LoadedRead, b: LoadedRead): number {
  return compareReadOrder(a.read, b.read) || compareText(a.file, b.file);
}

/** Reads grouped by patient (see the module comment for the order). */
export function groupByPatient(
  loaded: readonly LoadedRead[],
): { readonly patientId: string; readonly reads: readonly LoadedRead[] }[] {
  const groups = new Map<string, LoadedRead[]>();
  for (const item of loaded) {
    const list = groups.get(item.read.patientId);
    if (list === undefined) groups.set(item.read.patientId, [item]);
    else list.push(item);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([patientId, reads]) => ({ patientId, reads: [...reads].sort(compareLoaded) }));
}

function fileList(reads: readonly LoadedRead[]): string {
  return reads.map((r) => r.file).join(', ');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// status

/** One row of the lesion status table. */
export interface LesionStatusLine extends ReadRef {
  readonly lesionId: string;
  readonly segment: string | null;
  readonly timepoint: string;
  /** Calls at the read's status timepoint, per modality group (`unset` where none). */
  readonly calls: Readonly<Record<ModalityGroup, CallValue>>;
  readonly status: LesionStatus;
  readonly ctDlm: boolean;
  readonly reason: string;
}

/** The lesion status table: one row per live lesion, reads in patient order. */
export function statusTable(loaded: readonly LoadedRead[]): {
  readonly rows: readonly LesionStatusLine[];
  /** Reads without a live lesion (listed so that they are not silently missing). */
  readonly readsWithoutLesions: readonly ReadRef[];
} {
  const rows: LesionStatusLine[] = [];
  const readsWithoutLesions: ReadRef[] = [];
  for (const group of groupByPatient(loaded)) {
    for (const item of group.reads) {
      const ref = readRef(item);
      const statuses = deriveReadStatuses(item.read);
      if (statuses.length === 0) readsWithoutLesions.push(ref);
      const timepoint = item.read.config.statusTimepoint;
      for (const { lesionId, derived } of statuses) {
        const lesion = item.read.lesions.find((l) => l.id === lesionId);
        const set = lesion === undefined ? {} : callsAt(lesion, timepoint);
        const calls = Object.fromEntries(
          MODALITY_GROUPS.map((m) => [m, callValue(set, m)]),
        ) as Record<ModalityGroup, CallValue>;
        rows.push({
          ...ref,
          lesionId,
          segment: lesion?.segment ?? null,
          timepoint,
          calls,
          status: derived.status,
          ctDlm: derived.ctDlm,
          reason: derived.reason,
        });
      }
    }
  }
  return { rows, readsWithoutLesions };
}

// ---------------------------------------------------------------------------------------------
// compare

/** The comparison of the two reads of one patient. */
export interface PatientComparison {
  readonly patientId: string;
  readonly read1: ReadRef;
  readonly read2: ReadRef;
  readonly comparison: ReadComparison;
}

/** The comparison report: per patient, then the pooled agreement (domain `poolAgreement`). */
export interface CompareReport {
  readonly patients: readonly PatientComparison[];
  readonly agreement: PooledAgreement;
  readonly patientsWithDiscordances: number;
  readonly discordances: Readonly<Record<DiscordanceKind, number>>;
  readonly problems: readonly CliProblem[];
}

/** Compares the reads of each patient and pools the agreement (rules in the module comment). */
export function compareStudy(
  loaded: readonly LoadedRead[],
  options: PoolOptions = {},
): CompareReport {
  const problems: CliProblem[] = [];
  const compared: ComparedReads[] = [];
  const patients: PatientComparison[] = [];
  // Consensus reads are not compared: they carry the adjudication (src/cli/readers.ts).
  const readerReads = loaded.filter((l) => l.read.consensus === undefined);
  for (const { patientId, reads } of groupByPatient(readerReads)) {
    const [first, second] = reads;
    if (reads.length !== 2 || first === undefined || second === undefined) {
      const count = reads.length === 1 ? 'only one read' : `${reads.length} reads`;
      for (const item of reads) {
        problems.push({
          file: item.file,
          path: '$.patientId',
          message:
            `patient ${patientId} has ${count} (${fileList(reads)}); compare needs exactly two ` +
            'reads by different readers, so the patient is left out',
        });
      }
      continue;
    }
    if (first.read.reader.id === second.read.reader.id) {
      for (const item of reads) {
        problems.push({
          file: item.file,
          path: '$.reader.id',
          message:
            `both reads of patient ${patientId} are by reader ${first.read.reader.id} ` +
            `(${fileList(reads)}); compare needs two different readers, so the patient is left out`,
        });
      }
      continue;
    }
    if (!sameStudyConfig(first.read.config, second.read.config)) {
      problems.push({
        file: second.file,
        path: '$.config',
        message:
          `study configuration differs from that of ${first.file} (patient ${patientId}); ` +
          `the pair is compared under ${first.file}'s`,
      });
    }
    try {
      const comparison = compareReads(first.read, second.read);
      patients.push({ patientId, read1: readRef(first), read2: readRef(second), comparison });
      compared.push({ read1: first.read, read2: second.read, comparison });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ file: first.file, path: '$.config', message: error.message });
    }
  }

  const discordances: Record<DiscordanceKind, number> = {
    'lesion-in-one-read-only': 0,
    call: 0,
    status: 0,
  };
  let patientsWithDiscordances = 0;
  for (const p of patients) {
    for (const d of p.comparison.discordances) discordances[d.kind]++;
    if (p.comparison.discordances.length > 0) patientsWithDiscordances++;
  }
  return {
    patients,
    agreement: poolAgreement(compared, options),
    patientsWithDiscordances,
    discordances,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// endpoint

/** The endpoint report: the table (null when it cannot be computed), problems and notes. */
export interface EndpointReport {
  readonly table: EndpointTable | null;
  /** Patients whose reads entered the table. */
  readonly patients: number;
  readonly problems: readonly CliProblem[];
  /** Outcomes that match no live lesion of the reads (not an error; see the module comment). */
  readonly unmatchedOutcomes: readonly LesionOutcome[];
}

/**
 * The endpoint table of one read per patient (rules in the module comment).
 *
 * @param outcomesFile the outcomes' file name, for problems about the outcomes
 */
export function endpointStudy(
  loaded: readonly LoadedRead[],
  outcomes: readonly LesionOutcome[],
  outcomesFile = 'outcomes',
): EndpointReport {
  const problems: CliProblem[] = [];
  const reads: LoadedRead[] = [];
  for (const { patientId, reads: group } of groupByPatient(loaded)) {
    const [only] = group;
    if (group.length === 1 && only !== undefined) {
      reads.push(only);
      continue;
    }
    for (const item of group) {
      problems.push({
        file: item.file,
        path: '$.patientId',
        message:
          `patient ${patientId} has ${group.length} reads (${fileList(group)}); the endpoint ` +
          'needs one read per patient (e.g. the consensus read), so the patient is left out',
      });
    }
  }
  const [reference] = reads;
  const differing =
    reference === undefined
      ? []
      : reads.filter((r) => !sameStudyConfig(r.read.config, reference.read.config));
  if (reference !== undefined && differing.length > 0) {
    for (const item of differing) {
      problems.push({
        file: item.file,
        path: '$.config',
        message:
          `study configuration differs from that of ${reference.file}; the endpoint judges ` +
          'every lesion by one rule, so no table is computed',
      });
    }
    return { table: null, patients: reads.length, problems, unmatchedOutcomes: [] };
  }
  try {
    const table = computeEndpointTable(
      reads.map((r) => r.read),
      outcomes,
    );
    return {
      table,
      patients: reads.length,
      problems,
      unmatchedOutcomes: table.unmatchedOutcomes,
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ file: outcomesFile, path: '$', message: errorMessage(error) });
    return { table: null, patients: reads.length, problems, unmatchedOutcomes: [] };
  }
}
