/**
 * Agreement statistics of the central review (pure, domain.md §7): per modality group and for
 * the derived status, percent agreement and Cohen's kappa over the matched lesion pairs of every
 * compared patient; the adjudication rate (patients with at least one discordance); and each
 * reader's acceptance rate (of the decisions on discordances in that reader's comparisons, the
 * share that accepted that reader's value).
 *
 * Lesions registered by one reader only have no partner to agree with: they are counted apart
 * (and are discordances, so they weigh in the adjudication rate), not in kappa.
 */
import {
  CALL_VALUES,
  MODALITY_GROUPS,
  callValue,
  cohensKappaFromPairs,
  type AdjudicationDecision,
  type KappaResult,
  type LesionStatus,
  type ModalityGroup,
  type Read,
  type ReadComparison,
} from '../../domain';
import { LESION_STATUS_VALUES } from './decisions';

/** One compared patient: the two reads, their comparison, and the decisions taken so far. */
export interface ComparedPatient {
  readonly read1: Read;
  readonly read2: Read;
  readonly comparison: ReadComparison;
  readonly decisions: readonly AdjudicationDecision[];
}

/** What an agreement row is about. */
export type AgreementItem = ModalityGroup | 'status';

/** One row of the agreement table; `kappa` null when there are no pairs to compare. */
export interface AgreementRow {
  readonly item: AgreementItem;
  /** Matched lesion pairs compared. */
  readonly pairs: number;
  readonly result: KappaResult | null;
}

/** Agreement per modality group (CT, DWI, T1/T2, EOB; unset is a category) and for status. */
export function agreementRows(patients: readonly ComparedPatient[]): AgreementRow[] {
  const pairs = patients.flatMap((p) => p.comparison.pairs);
  const rows: AgreementRow[] = MODALITY_GROUPS.map((modality) => {
    const labels = pairs.map(
      (pair) => [callValue(pair.calls1, modality), callValue(pair.calls2, modality)] as const,
    );
    return {
      item: modality,
      pairs: labels.length,
      result: labels.length === 0 ? null : cohensKappaFromPairs(labels, CALL_VALUES),
    };
  });
  const statuses = pairs.map(
    (pair) => [pair.status1.status, pair.status2.status] as readonly [LesionStatus, LesionStatus],
  );
  rows.push({
    item: 'status',
    pairs: statuses.length,
    result: statuses.length === 0 ? null : cohensKappaFromPairs(statuses, LESION_STATUS_VALUES),
  });
  return rows;
}

/** A reader's share of accepted decisions. */
export interface ReaderAcceptance {
  readonly readerId: string;
  readonly readerName: string;
  /** Decisions taken on discordances of comparisons this reader was part of. */
  readonly decisions: number;
  /** Of those, the ones that accepted this reader's value. */
  readonly accepted: number;
  /** accepted / decisions; null without decisions. */
  readonly rate: number | null;
}

/** Adjudication figures over the compared patients. */
export interface ReviewRates {
  readonly patients: number;
  /** Patients with at least one discordance (they need adjudication). */
  readonly patientsAdjudicated: number;
  /** patientsAdjudicated / patients; null without patients. */
  readonly adjudicationRate: number | null;
  readonly discordances: number;
  readonly lesionsInOneReadOnly: number;
  readonly matchedPairs: number;
  /** Decisions taken: by reader 1, by reader 2, own calls. */
  readonly decided: number;
  readonly own: number;
  readonly readers: readonly ReaderAcceptance[];
}

/** Adjudication rate and per-reader acceptance rates. */
export function reviewRates(patients: readonly ComparedPatient[]): ReviewRates {
  const acceptance = new Map<string, { name: string; decisions: number; accepted: number }>();
  const credit = (read: Read, decisions: number, accepted: number) => {
    const entry = acceptance.get(read.reader.id) ?? {
      name: read.reader.name,
      decisions: 0,
      accepted: 0,
    };
    entry.decisions += decisions;
    entry.accepted += accepted;
    acceptance.set(read.reader.id, entry);
  };
  let decided = 0;
  let own = 0;
  for (const { read1, read2, comparison, decisions } of patients) {
    const known = new Set(comparison.discordances.map((d) => d.id));
    const valid = decisions.filter((d) => known.has(d.discordanceId));
    decided += valid.length;
    own += valid.filter((d) => d.choice === 'own').length;
    credit(read1, valid.length, valid.filter((d) => d.choice === 'reader1').length);
    credit(read2, valid.length, valid.filter((d) => d.choice === 'reader2').length);
  }
  const adjudicated = patients.filter((p) => p.comparison.discordances.length > 0).length;
  return {
    patients: patients.length,
    patientsAdjudicated: adjudicated,
    adjudicationRate: patients.length === 0 ? null : adjudicated / patients.length,
    discordances: patients.reduce((n, p) => n + p.comparison.discordances.length, 0),
    lesionsInOneReadOnly: patients.reduce((n, p) => n + p.comparison.unpaired.length, 0),
    matchedPairs: patients.reduce((n, p) => n + p.comparison.pairs.length, 0),
    decided,
    own,
    readers: [...acceptance]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([readerId, e]) => ({
        readerId,
        readerName: e.name,
        decisions: e.decisions,
        accepted: e.accepted,
        rate: e.decisions === 0 ? null : e.accepted / e.decisions,
      })),
  };
}
