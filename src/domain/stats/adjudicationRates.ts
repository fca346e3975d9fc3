/**
 * Adjudication figures of the central review (docs/statistics.md): the adjudication rate
 * (patients with at least one discordance) and each reader's acceptance rate (of the decisions
 * on discordances in that reader's comparisons, the share that accepted that reader's value).
 * Used by the review screen and by the CLI's compare when consensus reads are given.
 */
import type { Read } from '../model.ts';
import type { AdjudicationDecision } from '../review/adjudication.ts';
import type { ComparedReads } from './pooledAgreement.ts';

/** Two compared reads and the adjudicator's decisions on their discordances. */
export interface AdjudicatedPatient extends ComparedReads {
  readonly decisions: readonly AdjudicationDecision[];
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
export function reviewRates(patients: readonly AdjudicatedPatient[]): ReviewRates {
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
