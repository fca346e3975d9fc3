/**
 * Reader monitoring of a reading campaign (docs/statistics.md, "Reader monitoring"): per reader,
 * the adjudication rate, the disagreement index (how often the adjudicator overruled the reader),
 * the agreement with the consensus (Cohen's kappa per modality group and for the derived status)
 * and the median active reading time per case. One function for the review screen and the batch
 * CLI (`npm run reads -- readers`), so both show the same figures on the same reads.
 *
 * Cases (`monitoringCases`). Reads are grouped by patient. A consensus read (one with a
 * `consensus` block) names its two source read versions; of a patient's consensus reads the
 * newest (latest version of each read, then latest `updatedAt`, then read id) whose two sources
 * are among the reads makes the case: the sources, and the consensus. A patient without such a
 * consensus is a case when the latest versions of its readers' reads are exactly two reads by two
 * different readers (no consensus then). Any other patient is left out and listed with why.
 * Reader 1 of a case is chosen by the one reader-order rule (`compareReadOrder`).
 *
 * Per reader, over the cases that reader read:
 * - adjudication rate: cases with at least one discordance between the two reads / cases;
 * - disagreement index: of the discordances of that reader's cases that have a consensus and
 *   whose consensus value can be read back (consensusVerdicts.ts), the share where the consensus
 *   holds another value than the reader's ("overruled"); the rest are "upheld" (the acceptance
 *   rate, 1 − the index). An own value of the adjudicator overrules both readers. Every kind of
 *   discordance counts (lesion in one read only, call, status), as in the review's acceptance;
 * - agreement with the consensus: the reader's lesions matched to the consensus's (matching.ts),
 *   calls at the status timepoint, pairs with an unset call left out and counted, Cohen's kappa
 *   with the Fleiss-Cohen-Everitt Wald interval (agreement.ts); lesions of the reader only and of
 *   the consensus only beside it;
 * - median active reading time per case (readingTime.ts: gaps between audit entries, capped).
 */
import {
  CALLS,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  type Lesion,
  type LesionId,
  type Read,
  type StudyConfig,
} from '../model.ts';
import { compareReads } from '../review/discordance.ts';
import { matchLesions } from '../review/matching.ts';
import { LESION_STATUSES } from '../schema.ts';
import { callsAt, deriveLesionStatus } from '../status.ts';
import { cohensKappaFromPairs } from './agreement.ts';
import { consensusVerdicts } from './consensusVerdicts.ts';
import type { AgreementItem, KappaInterval } from './pooledAgreement.ts';
import { compareReadOrder } from './pooledAgreement.ts';
import { DEFAULT_ACTIVE_GAP_CAP_MINUTES, activeReadingSeconds, median } from './readingTime.ts';

/** One case of the campaign: the two readers' reads of a patient and its consensus, if any. */
export interface MonitoredCase {
  readonly patientId: string;
  readonly read1: Read;
  readonly read2: Read;
  readonly consensus?: Read;
}

/** A patient that is not a case, and why. */
export interface LeftOutPatient {
  readonly patientId: string;
  readonly reason: string;
}

/** Options of `monitorReaders`. */
export interface MonitoringOptions {
  /** Confidence level of the kappa intervals (default 0.95). */
  readonly level?: number;
  /** Cap of one gap between audit entries, minutes (default 5). */
  readonly gapCapMinutes?: number;
}

/** Kappa of one reader against the consensus on one item. */
export interface ConsensusKappaRow {
  readonly item: AgreementItem;
  readonly label: string;
  /** Matched lesion pairs rated by both (unset calls left out). */
  readonly n: number;
  readonly agreements: number;
  readonly percentAgreement: number | null;
  readonly kappa: number | null;
  readonly interval: KappaInterval | null;
  readonly excludedUnset: number;
}

/** The figures of one reader. */
export interface ReaderMonitor {
  readonly readerId: string;
  readonly readerName: string;
  readonly cases: number;
  /** Cases with at least one discordance between the two reads. */
  readonly casesAdjudicated: number;
  readonly adjudicationRate: number | null;
  readonly casesWithConsensus: number;
  /** Discordances of this reader's cases with a consensus whose value could be read back. */
  readonly discordances: number;
  readonly overruled: number;
  readonly upheld: number;
  /** Discordances whose consensus value could not be read back (left out). */
  readonly notDerivable: number;
  /** overruled / discordances; null without discordances. */
  readonly disagreementIndex: number | null;
  /** upheld / discordances; null without discordances. */
  readonly acceptanceRate: number | null;
  readonly agreement: {
    readonly rows: readonly ConsensusKappaRow[];
    readonly matchedLesions: number;
    readonly readerOnly: number;
    readonly consensusOnly: number;
  };
  readonly readingTime: {
    /** Cases whose read has an active time. */
    readonly cases: number;
    readonly medianSeconds: number | null;
  };
}

/** The reader monitoring of a campaign. */
export interface ReaderMonitoring {
  readonly cases: number;
  readonly casesWithConsensus: number;
  /** Readers in reader id order. */
  readonly readers: readonly ReaderMonitor[];
  /** All readers' discordances pooled: overruled / discordances (the plot's campaign line). */
  readonly campaignDisagreementIndex: number | null;
  /** Cases with a discordance / cases. */
  readonly campaignAdjudicationRate: number | null;
  readonly level: number;
  readonly gapCapMinutes: number;
  readonly leftOut: readonly LeftOutPatient[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The latest version of each read id. */
function latestVersions(reads: readonly Read[]): Read[] {
  const latest = new Map<string, Read>();
  for (const read of reads) {
    const other = latest.get(read.readId);
    if (other === undefined || read.version > other.version) latest.set(read.readId, read);
  }
  return [...latest.values()];
}

/** The cases of the campaign and the patients left out (rules in the module comment). */
export function monitoringCases(reads: readonly Read[]): {
  readonly cases: readonly MonitoredCase[];
  readonly leftOut: readonly LeftOutPatient[];
} {
  const byPatient = new Map<string, Read[]>();
  for (const read of reads) {
    const list = byPatient.get(read.patientId) ?? [];
    list.push(read);
    byPatient.set(read.patientId, list);
  }
  const cases: MonitoredCase[] = [];
  const leftOut: LeftOutPatient[] = [];
  for (const [patientId, list] of [...byPatient].sort(([a], [b]) => compareText(a, b))) {
    const readerReads = list.filter((r) => r.consensus === undefined);
    const consensusReads = latestVersions(list.filter((r) => r.consensus !== undefined)).sort(
      (a, b) => compareText(b.updatedAt, a.updatedAt) || compareText(a.readId, b.readId),
    );
    const withSources = consensusReads.flatMap((consensus) => {
      const sources = (consensus.consensus?.sources ?? []).map((s) =>
        readerReads.find((r) => r.versionId === s.versionId),
      );
      const [a, b] = sources;
      return sources.length === 2 && a !== undefined && b !== undefined
        ? [{ consensus, a, b }]
        : [];
    });
    const [newest] = withSources;
    if (newest !== undefined) {
      const [read1, read2] = [newest.a, newest.b].sort(compareReadOrder);
      if (read1 !== undefined && read2 !== undefined) {
        cases.push({ patientId, read1, read2, consensus: newest.consensus });
        continue;
      }
    }
    const latest = latestVersions(readerReads).sort(compareReadOrder);
    const [read1, read2] = latest;
    if (latest.length === 2 && read1 && read2 && read1.reader.id !== read2.reader.id) {
      cases.push({ patientId, read1, read2 });
      continue;
    }
    const why =
      consensusReads.length > 0 ? 'its consensus names source reads that are not loaded; ' : '';
    leftOut.push({
      patientId,
      reason: `${why}${latest.length} reader read(s), a case needs two by different readers`,
    });
  }
  return { cases, leftOut };
}

/** What is accumulated per reader while walking the cases. */
interface Tally {
  name: string;
  cases: number;
  adjudicated: number;
  withConsensus: number;
  discordances: number;
  overruled: number;
  notDerivable: number;
  pairs: Map<AgreementItem, [string, string][]>;
  excluded: Map<AgreementItem, number>;
  matched: number;
  readerOnly: number;
  consensusOnly: number;
  seconds: number[];
}

function newTally(name: string): Tally {
  return {
    name,
    cases: 0,
    adjudicated: 0,
    withConsensus: 0,
    discordances: 0,
    overruled: 0,
    notDerivable: 0,
    pairs: new Map(),
    excluded: new Map(),
    matched: 0,
    readerOnly: 0,
    consensusOnly: 0,
    seconds: [],
  };
}

function lesionById(read: Read, id: LesionId): Lesion | undefined {
  return read.lesions.find((l) => l.id === id);
}

/** Adds the reader-vs-consensus call pairs of one case to the tally. */
function tallyAgreement(tally: Tally, read: Read, consensus: Read, config: StudyConfig): void {
  const matching = matchLesions(read.lesions, consensus.lesions, config);
  tally.matched += matching.pairs.length;
  tally.readerOnly += matching.unmatchedA.length;
  tally.consensusOnly += matching.unmatchedB.length;
  const push = (item: AgreementItem, a: string | undefined, b: string | undefined) => {
    if (a === undefined || b === undefined) {
      tally.excluded.set(item, (tally.excluded.get(item) ?? 0) + 1);
      return;
    }
    const list = tally.pairs.get(item) ?? [];
    list.push([a, b]);
    tally.pairs.set(item, list);
  };
  for (const pair of matching.pairs) {
    const mine = lesionById(read, pair.a);
    const theirs = lesionById(consensus, pair.b);
    if (mine === undefined || theirs === undefined) continue;
    const calls1 = callsAt(mine, config.statusTimepoint);
    const calls2 = callsAt(theirs, config.statusTimepoint);
    for (const modality of MODALITY_GROUPS) push(modality, calls1[modality], calls2[modality]);
    push(
      'status',
      deriveLesionStatus(calls1, config).status,
      deriveLesionStatus(calls2, config).status,
    );
  }
}

function kappaRows(tally: Tally, level: number): ConsensusKappaRow[] {
  const items: AgreementItem[] = [...MODALITY_GROUPS, 'status'];
  return items.map((item) => {
    const pairs = tally.pairs.get(item) ?? [];
    const excludedUnset = tally.excluded.get(item) ?? 0;
    const label = item === 'status' ? 'derived status' : MODALITY_LABELS[item];
    if (pairs.length === 0) {
      const none = { percentAgreement: null, kappa: null, interval: null };
      return { item, label, n: 0, agreements: 0, ...none, excludedUnset };
    }
    const categories: readonly string[] = item === 'status' ? LESION_STATUSES : CALLS;
    const k = cohensKappaFromPairs(pairs, categories, level);
    return {
      item,
      label,
      n: k.n,
      agreements: k.agreements,
      percentAgreement: k.percentAgreement,
      kappa: k.kappa,
      interval:
        k.interval === null
          ? null
          : { ...k.interval, method: 'fleiss-cohen-everitt-wald' as const, level },
      excludedUnset,
    };
  });
}

const share = (x: number, n: number): number | null => (n === 0 ? null : x / n);

/**
 * The reader monitoring of a campaign from all its reads (readers' reads and consensus reads
 * together; rules in the module comment).
 */
export function monitorReaders(
  reads: readonly Read[],
  options: MonitoringOptions = {},
): ReaderMonitoring {
  const level = options.level ?? 0.95;
  const gapCapMinutes = options.gapCapMinutes ?? DEFAULT_ACTIVE_GAP_CAP_MINUTES;
  const { cases, leftOut } = monitoringCases(reads);
  const tallies = new Map<string, Tally>();
  const tallyOf = (read: Read): Tally => {
    const found = tallies.get(read.reader.id) ?? newTally(read.reader.name);
    tallies.set(read.reader.id, found);
    return found;
  };
  let adjudicatedCases = 0;
  for (const c of cases) {
    const config = c.consensus?.config ?? c.read1.config;
    const { comparison, verdicts } =
      c.consensus === undefined
        ? { comparison: compareReads(c.read1, c.read2, config), verdicts: [] }
        : consensusVerdicts(c.read1, c.read2, c.consensus, config);
    const discordant = comparison.discordances.length > 0;
    if (discordant) adjudicatedCases++;
    for (const [side, read] of [
      ['reader1', c.read1],
      ['reader2', c.read2],
    ] as const) {
      const tally = tallyOf(read);
      tally.cases++;
      if (discordant) tally.adjudicated++;
      const seconds = activeReadingSeconds(read.audit, gapCapMinutes);
      if (seconds !== null) tally.seconds.push(seconds);
      if (c.consensus === undefined) continue;
      tally.withConsensus++;
      for (const { discordance, consensusValue } of verdicts) {
        if (consensusValue === undefined) {
          tally.notDerivable++;
          continue;
        }
        tally.discordances++;
        const mine = side === 'reader1' ? discordance.value1 : discordance.value2;
        if (consensusValue !== mine) tally.overruled++;
      }
      tallyAgreement(tally, read, c.consensus, config);
    }
  }
  const readers = [...tallies]
    .sort(([a], [b]) => compareText(a, b))
    .map(([readerId, t]): ReaderMonitor => ({
      readerId,
      readerName: t.name,
      cases: t.cases,
      casesAdjudicated: t.adjudicated,
      adjudicationRate: share(t.adjudicated, t.cases),
      casesWithConsensus: t.withConsensus,
      discordances: t.discordances,
      overruled: t.overruled,
      upheld: t.discordances - t.overruled,
      notDerivable: t.notDerivable,
      disagreementIndex: share(t.overruled, t.discordances),
      acceptanceRate: share(t.discordances - t.overruled, t.discordances),
      agreement: {
        rows: kappaRows(t, level),
        matchedLesions: t.matched,
        readerOnly: t.readerOnly,
        consensusOnly: t.consensusOnly,
      },
      readingTime: { cases: t.seconds.length, medianSeconds: median(t.seconds) },
    }));
  const overruled = readers.reduce((n, r) => n + r.overruled, 0);
  const discordances = readers.reduce((n, r) => n + r.discordances, 0);
  return {
    cases: cases.length,
    casesWithConsensus: cases.filter((c) => c.consensus !== undefined).length,
    readers,
    campaignDisagreementIndex: share(overruled, discordances),
    campaignAdjudicationRate: share(adjudicatedCases, cases.length),
    level,
    gapCapMinutes,
    leftOut,
  };
}
