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
 * the read whose reader id sorts first: when the same two readers read every patient (the usual
 * central review), reader 1 is then the same person throughout, which pooled kappa needs (its
 * chance agreement comes from each rater's marginals). The pair is compared under reader 1's study
 * configuration (`compareReads`' default); a reader 2 with another configuration is a problem,
 * but the pair is still compared. Patients with one read, more than two, or two by the same reader
 * are problems and are left out.
 *
 * Agreement. Per modality group and for the derived status: percent agreement and Cohen's kappa
 * over the MATCHED lesion pairs of all compared patients, pooled. Categories are those of the
 * discordance list: for a modality present / disappeared / not-evaluable / unset (unset is a value,
 * as in the discordances, so percent agreement = 1 - call discordances / pairs), for the status
 * cDLM / partial DLM / visible / incomplete. Lesions registered in one read only have no second
 * rating, so they cannot enter a kappa: they are excluded from it and reported beside the table as
 * counts per reader (and as "lesion in one read only" discordances). Kappa treats lesions as
 * independent although they cluster within patients; the patient count is reported beside it.
 *
 * Endpoint. `computeEndpointTable` over one read per patient (typically the consensus reads). A
 * patient with several reads is a problem and is left out; reads with different study
 * configurations are a problem and no table is computed (one rule must judge every lesion).
 * Outcomes that match no live lesion of the reads are notes, not problems: an outcomes file
 * usually covers more patients than one batch of reads.
 */
import {
  CALL_VALUES,
  DomainError,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  callValue,
  callsAt,
  cohensKappaFromPairs,
  compareReads,
  computeEndpointTable,
  deriveReadStatuses,
  type AgreementLabel,
  type CallValue,
  type DiscordanceKind,
  type EndpointTable,
  type Interval,
  type LesionOutcome,
  type LesionStatus,
  type ModalityGroup,
  type Read,
  type ReadComparison,
  type StudyConfig,
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
  return (
    compareText(a.read.reader.id, b.read.reader.id) ||
    compareText(a.read.readId, b.read.readId) ||
    a.read.version - b.read.version ||
    compareText(a.file, b.file)
  );
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

function sameConfig(a: StudyConfig, b: StudyConfig): boolean {
  const modalities = (c: StudyConfig): string => [...c.requiredModalities].sort().join(',');
  return (
    modalities(a) === modalities(b) &&
    a.matchDistanceMm === b.matchDistanceMm &&
    a.statusTimepoint === b.statusTimepoint &&
    a.minFollowUpMonths === b.minFollowUpMonths
  );
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

/** What is rated in one row of the agreement table. */
export type AgreementItem = ModalityGroup | 'status';

/** One row of the agreement table. */
export interface AgreementRow {
  readonly item: AgreementItem;
  /** `CT`, `DWI`, `T1/T2`, `contrast MRI (EOB)`, `derived status`. */
  readonly label: string;
  readonly categories: readonly string[];
  /** Matched lesion pairs rated (both readers). */
  readonly n: number;
  readonly agreements: number;
  /** 0..100; null without pairs. */
  readonly percentAgreement: number | null;
  /** Cohen's kappa; null without pairs or when both readers used one single category. */
  readonly kappa: number | null;
  readonly strength: AgreementLabel | null;
  readonly standardError: number | null;
  /** Large-sample 95% interval of kappa. */
  readonly interval: Interval | null;
  /** `counts[i][j]`: reader 1 said `categories[i]`, reader 2 `categories[j]`. */
  readonly counts: readonly (readonly number[])[];
}

/** The comparison report: per patient, then the pooled agreement table. */
export interface CompareReport {
  readonly patients: readonly PatientComparison[];
  readonly agreement: readonly AgreementRow[];
  readonly matchedPairs: number;
  /** Lesions registered in one read only (excluded from kappa), per side. */
  readonly inOneReadOnly: { readonly reader1: number; readonly reader2: number };
  readonly patientsWithDiscordances: number;
  readonly discordances: Readonly<Record<DiscordanceKind, number>>;
  /** Reader id pairs (reader 1, reader 2) with their patient counts. */
  readonly readerPairs: readonly {
    readonly reader1: string;
    readonly reader2: string;
    readonly patients: number;
  }[];
  readonly problems: readonly CliProblem[];
}

function agreementRow<L extends string>(
  item: AgreementItem,
  label: string,
  categories: readonly L[],
  pairs: readonly (readonly [L, L])[],
): AgreementRow {
  const empty = categories.map(() => categories.map(() => 0));
  if (pairs.length === 0) {
    return {
      item,
      label,
      categories,
      n: 0,
      agreements: 0,
      percentAgreement: null,
      kappa: null,
      strength: null,
      standardError: null,
      interval: null,
      counts: empty,
    };
  }
  const index = new Map(categories.map((c, i) => [c, i] as const));
  for (const [a, b] of pairs) {
    const row = empty[index.get(a) ?? -1];
    const j = index.get(b);
    if (row !== undefined && j !== undefined) row[j] = (row[j] ?? 0) + 1;
  }
  const result = cohensKappaFromPairs(pairs, categories);
  return {
    item,
    label,
    categories,
    n: result.n,
    agreements: result.agreements,
    percentAgreement: result.percentAgreement,
    kappa: result.kappa,
    strength: result.label,
    standardError: result.standardError,
    interval: result.interval,
    counts: empty,
  };
}

/** Pooled agreement table over the matched pairs of the compared patients. */
export function agreementTable(patients: readonly PatientComparison[]): AgreementRow[] {
  const pairs = patients.flatMap((p) => p.comparison.pairs);
  return [
    ...MODALITY_GROUPS.map((m) =>
      agreementRow(
        m,
        MODALITY_LABELS[m],
        CALL_VALUES,
        pairs.map((p) => [callValue(p.calls1, m), callValue(p.calls2, m)] as const),
      ),
    ),
    agreementRow(
      'status',
      'derived status',
      STATUS_CATEGORIES,
      pairs.map((p) => [p.status1.status, p.status2.status] as const),
    ),
  ];
}

/** Compares the reads of each patient and pools the agreement (rules in the module comment). */
export function compareStudy(loaded: readonly LoadedRead[]): CompareReport {
  const problems: CliProblem[] = [];
  const patients: PatientComparison[] = [];
  for (const { patientId, reads } of groupByPatient(loaded)) {
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
    if (!sameConfig(first.read.config, second.read.config)) {
      problems.push({
        file: second.file,
        path: '$.config',
        message:
          `study configuration differs from that of ${first.file} (patient ${patientId}); ` +
          `the pair is compared under ${first.file}'s`,
      });
    }
    try {
      patients.push({
        patientId,
        read1: readRef(first),
        read2: readRef(second),
        comparison: compareReads(first.read, second.read),
      });
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
  const inOneReadOnly = { reader1: 0, reader2: 0 };
  const readerPairs = new Map<string, { reader1: string; reader2: string; patients: number }>();
  let matchedPairs = 0;
  let patientsWithDiscordances = 0;
  for (const p of patients) {
    matchedPairs += p.comparison.pairs.length;
    for (const u of p.comparison.unpaired) inOneReadOnly[u.side]++;
    for (const d of p.comparison.discordances) discordances[d.kind]++;
    if (p.comparison.discordances.length > 0) patientsWithDiscordances++;
    const key = JSON.stringify([p.read1.readerId, p.read2.readerId]);
    const entry = readerPairs.get(key);
    if (entry === undefined) {
      readerPairs.set(key, { reader1: p.read1.readerId, reader2: p.read2.readerId, patients: 1 });
    } else entry.patients++;
  }
  return {
    patients,
    agreement: agreementTable(patients),
    matchedPairs,
    inOneReadOnly,
    patientsWithDiscordances,
    discordances,
    readerPairs: [...readerPairs.values()],
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
      : reads.filter((r) => !sameConfig(r.read.config, reference.read.config));
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
