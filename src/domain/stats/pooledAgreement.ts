/**
 * Agreement of two readers pooled over the compared patients (docs/statistics.md), one
 * computation for the review screen and the batch CLI alike.
 *
 * Reader order. Pooled kappa takes its chance agreement from each rater's marginals, so "reader
 * 1" must be the same person across patients. The one rule (`compareReadOrder`): of the two reads
 * of a patient, reader 1 is the read whose reader id sorts first (code-unit order), then read id,
 * then version. When the same two readers read every patient, reader 1 is then the same person
 * throughout, whatever order the reads were loaded or paired in. The review screen numbers its
 * pairs by this rule too (src/store/review/compare.ts); a comparison handed over the other way
 * round is turned round before pooling.
 *
 * Kappa. Per modality group and for the derived status, percent agreement and Cohen's kappa over
 * the MATCHED lesion pairs. By default a pair where either reader left the call unset is left out
 * of that modality's kappa and counted (`excludedUnset`): an unset call is missing data, not a
 * rating; `includeUnset` makes unset a category as in the discordance list. The interval is the
 * large-sample Wald interval with the Fleiss-Cohen-Everitt standard error, clipped to [-1, 1]
 * (`method: 'fleiss-cohen-everitt-wald'`), which assumes independent lesions; a cluster bootstrap
 * percentile interval over patients (seed and resamples stated) is the alternative.
 *
 * Detection. Kappa cannot see lesions found by one reader only, so detection is reported beside
 * it: lesions found by each reader, matched pairs a, lesions of reader 1 only b and of reader 2
 * only c, and the positive specific agreement 2a / (2a + b + c) (the Dice coefficient; there are
 * no "both negative" lesions, so no kappa of detection), with a cluster bootstrap interval.
 */
import { MODALITY_GROUPS, MODALITY_LABELS, type ModalityGroup, type Read } from '../model.ts';
import {
  CALL_VALUES,
  callValue,
  type CallValue,
  type ReadComparison,
} from '../review/discordance.ts';
import { LESION_STATUSES } from '../schema.ts';
import { cohensKappaFromPairs, type AgreementLabel } from './agreement.ts';
import {
  DEFAULT_BOOTSTRAP,
  clusterBootstrap,
  type BootstrapInterval,
  type BootstrapSettings,
} from './cluster.ts';
import type { Interval } from './intervals.ts';

/** What orders two reads of a patient. */
export interface ReadOrderKey {
  readonly reader: { readonly id: string };
  readonly readId: string;
  readonly version: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The reader-order rule (module comment): negative when `a` is reader 1. */
export function compareReadOrder(a: ReadOrderKey, b: ReadOrderKey): number {
  return (
    compareText(a.reader.id, b.reader.id) ||
    compareText(a.readId, b.readId) ||
    a.version - b.version
  );
}

/** Two items (reads, loaded files) as reader 1, reader 2 by `compareReadOrder`. */
export function inReaderOrder<T>(a: T, b: T, readOf: (item: T) => ReadOrderKey): readonly [T, T] {
  return compareReadOrder(readOf(a), readOf(b)) <= 0 ? [a, b] : [b, a];
}

/** Two reads of one patient and their comparison (`compareReads(read1, read2)`). */
export interface ComparedReads {
  readonly read1: Read;
  readonly read2: Read;
  readonly comparison: ReadComparison;
}

/** What is rated in an agreement row. */
export type AgreementItem = ModalityGroup | 'status';

/** The kappa interval, named. */
export interface KappaInterval extends Interval {
  readonly method: 'fleiss-cohen-everitt-wald';
  readonly level: number;
}

/** One row of the pooled agreement table. */
export interface AgreementRow {
  readonly item: AgreementItem;
  /** `CT`, `DWI`, `T1/T2`, `contrast MRI (EOB)`, `derived status`. */
  readonly label: string;
  readonly categories: readonly string[];
  /** Matched pairs rated by both readers (after leaving out unset calls). */
  readonly n: number;
  readonly agreements: number;
  /** 0..100; null without pairs. */
  readonly percentAgreement: number | null;
  /** Null without pairs or when both readers used one single category. */
  readonly kappa: number | null;
  readonly strength: AgreementLabel | null;
  readonly standardError: number | null;
  readonly interval: KappaInterval | null;
  /** Cluster bootstrap of kappa over patients; null when not asked for or undefined. */
  readonly bootstrap: BootstrapInterval | null;
  /** `counts[i][j]`: reader 1 said `categories[i]`, reader 2 `categories[j]`. */
  readonly counts: readonly (readonly number[])[];
  /** Matched pairs left out because a reader left the call unset (0 with `includeUnset`). */
  readonly excludedUnset: number;
}

/** Lesions found by each reader and the positive specific agreement on detection. */
export interface DetectionAgreement {
  readonly matchedPairs: number;
  readonly onlyReader1: number;
  readonly onlyReader2: number;
  readonly onlyOneReader: number;
  readonly foundByReader1: number;
  readonly foundByReader2: number;
  /** 2a / (2a + b + c); null without lesions. */
  readonly positiveSpecificAgreement: number | null;
  readonly bootstrap: BootstrapInterval | null;
}

/** The pooled agreement of the compared patients. */
export interface PooledAgreement {
  readonly patients: number;
  readonly level: number;
  readonly includeUnset: boolean;
  /** Null when no bootstrap was asked for. */
  readonly bootstrap: BootstrapSettings | null;
  /** Reader ids (reader 1, reader 2) with their patient counts, in first-seen order. */
  readonly readerPairs: readonly {
    readonly reader1: string;
    readonly reader2: string;
    readonly patients: number;
  }[];
  readonly rows: readonly AgreementRow[];
  readonly detection: DetectionAgreement;
}

/** Options of `poolAgreement`. */
export interface PoolOptions {
  /** Unset as a category of the modality kappas (default false: such pairs are left out). */
  readonly includeUnset?: boolean;
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** Bootstrap settings, or null for no bootstrap (default `DEFAULT_BOOTSTRAP`). */
  readonly bootstrap?: BootstrapSettings | null;
}

type LabelPair = readonly [string, string];

/** One patient's comparison turned to reader order: label pairs per item and detection counts. */
interface OrientedPatient {
  readonly labels: ReadonlyMap<AgreementItem, readonly LabelPair[]>;
  readonly matched: number;
  readonly only1: number;
  readonly only2: number;
}

function orient(compared: ComparedReads): {
  patient: OrientedPatient;
  reader1: string;
  reader2: string;
} {
  const swap = compareReadOrder(compared.read1, compared.read2) > 0;
  const { pairs, unpaired } = compared.comparison;
  const labels = new Map<AgreementItem, LabelPair[]>();
  const put = (item: AgreementItem, a: string, b: string): void => {
    const list = labels.get(item) ?? [];
    list.push(swap ? [b, a] : [a, b]);
    labels.set(item, list);
  };
  for (const pair of pairs) {
    for (const m of MODALITY_GROUPS) put(m, callValue(pair.calls1, m), callValue(pair.calls2, m));
    put('status', pair.status1.status, pair.status2.status);
  }
  const side1 = unpaired.filter((u) => u.side === 'reader1').length;
  const side2 = unpaired.length - side1;
  const [first, second] = swap
    ? [compared.read2, compared.read1]
    : [compared.read1, compared.read2];
  return {
    patient: {
      labels,
      matched: pairs.length,
      only1: swap ? side2 : side1,
      only2: swap ? side1 : side2,
    },
    reader1: first.reader.id,
    reader2: second.reader.id,
  };
}

/**
 * One patient's additive totals for kappa: row counts, column counts and agreements of its pairs
 * (category indices from `index`), so that a bootstrap resample just sums them.
 */
function kappaTotals(pairs: readonly LabelPair[], index: ReadonlyMap<string, number>, k: number) {
  const totals = new Array<number>(2 * k + 1).fill(0);
  for (const [a, b] of pairs) {
    const i = index.get(a) ?? 0;
    const j = index.get(b) ?? 0;
    totals[i] = (totals[i] ?? 0) + 1;
    totals[k + j] = (totals[k + j] ?? 0) + 1;
    if (i === j) totals[2 * k] = (totals[2 * k] ?? 0) + 1;
  }
  return totals;
}

/**
 * Kappa from summed totals, by the same exact integer formula as `cohensKappa` (agreement.ts),
 * without its standard error: the bootstrap calls it thousands of times.
 */
function kappaOfTotals(totals: ArrayLike<number>, k: number): number | null {
  let n = 0;
  let chance = 0;
  for (let i = 0; i < k; i++) {
    n += totals[i] ?? 0;
    chance += (totals[i] ?? 0) * (totals[k + i] ?? 0);
  }
  const agreements = totals[2 * k] ?? 0;
  if (n === 0 || chance === n * n) return null;
  return (n * agreements - chance) / (n * n - chance);
}

function agreementRow(
  item: AgreementItem,
  patients: readonly OrientedPatient[],
  includeUnset: boolean,
  level: number,
  bootstrap: BootstrapSettings | null,
): AgreementRow {
  const modality = item !== 'status';
  const categories: readonly string[] = !modality
    ? LESION_STATUSES
    : includeUnset
      ? CALL_VALUES
      : CALL_VALUES.filter((c) => c !== 'unset');
  const keep = ([a, b]: LabelPair): boolean =>
    includeUnset || !modality || (a !== ('unset' satisfies CallValue) && b !== 'unset');
  const perPatient = patients.map((p) => (p.labels.get(item) ?? []).filter(keep));
  const pairs = perPatient.flat();
  const all = patients.reduce((n, p) => n + (p.labels.get(item)?.length ?? 0), 0);
  const counts = categories.map(() => categories.map(() => 0));
  const index = new Map(categories.map((c, i) => [c, i] as const));
  for (const [a, b] of pairs) {
    const row = counts[index.get(a) ?? -1];
    const j = index.get(b);
    if (row !== undefined && j !== undefined) row[j] = (row[j] ?? 0) + 1;
  }
  const label = modality ? MODALITY_LABELS[item] : 'derived status';
  const base = { item, label, categories, counts, excludedUnset: all - pairs.length };
  if (pairs.length === 0) {
    return {
      ...base,
      n: 0,
      agreements: 0,
      percentAgreement: null,
      kappa: null,
      strength: null,
      standardError: null,
      interval: null,
      bootstrap: null,
    };
  }
  const result = cohensKappaFromPairs(pairs, categories, level);
  return {
    ...base,
    n: result.n,
    agreements: result.agreements,
    percentAgreement: result.percentAgreement,
    kappa: result.kappa,
    strength: result.label,
    standardError: result.standardError,
    interval:
      result.interval === null
        ? null
        : { ...result.interval, method: 'fleiss-cohen-everitt-wald', level },
    bootstrap:
      bootstrap === null || result.kappa === null
        ? null
        : clusterBootstrap(
            perPatient
              .filter((list) => list.length > 0)
              .map((list) => kappaTotals(list, index, categories.length)),
            (sums) => kappaOfTotals(sums, categories.length),
            bootstrap,
            level,
          ),
  };
}

function psa(a: number, b: number, c: number): number | null {
  return a + b + c === 0 ? null : (2 * a) / (2 * a + b + c);
}

function detection(
  patients: readonly OrientedPatient[],
  level: number,
  bootstrap: BootstrapSettings | null,
): DetectionAgreement {
  const sum = (f: (p: OrientedPatient) => number): number => patients.reduce((n, p) => n + f(p), 0);
  const a = sum((p) => p.matched);
  const b = sum((p) => p.only1);
  const c = sum((p) => p.only2);
  const value = psa(a, b, c);
  return {
    matchedPairs: a,
    onlyReader1: b,
    onlyReader2: c,
    onlyOneReader: b + c,
    foundByReader1: a + b,
    foundByReader2: a + c,
    positiveSpecificAgreement: value,
    bootstrap:
      bootstrap === null || value === null
        ? null
        : clusterBootstrap(
            patients.map((p) => [p.matched, p.only1, p.only2]),
            (sums) => psa(sums[0] ?? 0, sums[1] ?? 0, sums[2] ?? 0),
            bootstrap,
            level,
          ),
  };
}

/**
 * Pools the agreement of the compared patients (rules in the module comment).
 * @throws RangeError for a level not in (0, 1) or invalid bootstrap settings
 */
export function poolAgreement(
  compared: readonly ComparedReads[],
  options: PoolOptions = {},
): PooledAgreement {
  const level = options.level ?? 0.95;
  const includeUnset = options.includeUnset ?? false;
  const bootstrap = options.bootstrap === undefined ? DEFAULT_BOOTSTRAP : options.bootstrap;
  const oriented = compared.map(orient);
  const patients = oriented.map((o) => o.patient);
  const readerPairs = new Map<string, { reader1: string; reader2: string; patients: number }>();
  for (const { reader1, reader2 } of oriented) {
    const key = JSON.stringify([reader1, reader2]);
    const entry = readerPairs.get(key);
    if (entry === undefined) readerPairs.set(key, { reader1, reader2, patients: 1 });
    else entry.patients++;
  }
  const items: readonly AgreementItem[] = [...MODALITY_GROUPS, 'status'];
  return {
    patients: compared.length,
    level,
    includeUnset,
    bootstrap,
    readerPairs: [...readerPairs.values()],
    rows: items.map((item) => agreementRow(item, patients, includeUnset, level, bootstrap)),
    detection: detection(patients, level, bootstrap),
  };
}
