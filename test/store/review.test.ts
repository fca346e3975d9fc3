/**
 * The central review's store logic in node: which reads are compared, draft decisions, the
 * agreement and acceptance figures (checked by hand against the reads' design), outcome entry,
 * and the review store end to end with the in-memory repository (build refused for a reader as
 * adjudicator, then built, signed "Adjudication", saved and exported).
 */
import { describe, expect, it } from 'vitest';
import {
  compareReads,
  importReadJson,
  verifyAuditChain,
  type Read,
} from '../../src/domain/index.ts';
import { MemoryReadRepository } from '../../src/store/reads/repository.ts';
import {
  ADJUDICATION_MEANING,
  addReads,
  adjudicatorConflict,
  comparePatient,
  createReviewStore,
  decisionProgress,
  defaultPair,
  isConsensusRead,
  loadedRead,
  patientsOf,
  reviewStatistics,
  setOutcomeField,
  toDecisions,
  updateDraft,
  type DraftDecisions,
} from '../../src/store/review.ts';
import { discordantReads, nodeSha256 } from '../e2e/review-fixtures.ts';
import { makeContext, makeRead, makeReader } from '../domain/fixtures.ts';

const { reader1, reader2 } = await discordantReads();

const ALL_DECIDED: DraftDecisions = {
  'L1~L1/EOB': { choice: 'reader1', reason: 'HBP clear' },
  'L1~L1/status': { choice: 'reader1', reason: 'follows' },
  'L2~L2/DWI': { choice: 'reader2', reason: 'motion' },
  'L4~L3/CT': { choice: 'own', ownValue: 'not-evaluable', reason: 'artefact' },
  'R1:L3': { choice: 'reader1', reason: 'seen' },
  'R2:L4': { choice: 'reader1', reason: 'cyst' },
};

describe('reads', () => {
  const file = (read: Read) => loadedRead(read, { kind: 'file', name: 'x.json' });

  it('keeps one copy of a version and groups by patient', () => {
    const other = makeRead({ patientId: 'DREAM-000', versionId: 'v-other' });
    const reads = addReads(
      [file(reader1.read)],
      [file(reader1.read), file(other), file(reader2.read)],
    );
    expect(reads).toHaveLength(3);
    expect(patientsOf(reads).map((p) => [p.patientId, p.reads.length])).toEqual([
      ['DREAM-000', 1],
      ['DREAM-001', 2],
    ]);
  });

  it('pairs two readers, signed first, never a consensus read or a superseded version', () => {
    const draft = makeRead({
      patientId: 'DREAM-001',
      readId: 'draft',
      versionId: 'draft-v1',
      reader: makeReader({ id: 'R03' }),
    });
    const older = { ...reader2.read, version: 0, versionId: 'old' };
    const pair = defaultPair([file(draft), file(older), file(reader1.read), file(reader2.read)]);
    expect(pair?.map((r) => r.read.versionId)).toEqual([
      reader1.read.versionId,
      reader2.read.versionId,
    ]);
    expect(defaultPair([file(reader1.read)])).toBeUndefined();
    expect(isConsensusRead(reader1.read)).toBe(false);
  });

  it('compares a chosen pair or the default one', () => {
    const patient = patientsOf([file(reader1.read), file(reader2.read)])[0];
    if (!patient) throw new Error('no patient');
    const result = comparePatient(patient);
    expect(result.kind).toBe('compared');
  });

  it('numbers the readers by one rule: reader 1 is the reader whose id sorts first', () => {
    const loadOrders: { name: string; reads: Read[]; chosen?: readonly [string, string] }[] = [
      { name: 'loaded R01 then R02', reads: [reader1.read, reader2.read] },
      { name: 'loaded R02 then R01', reads: [reader2.read, reader1.read] },
      // Signed reads are paired first: R02's signed read, R01's draft.
      {
        name: 'R02 signed, R01 draft',
        reads: [{ ...reader1.read, state: { kind: 'draft' } }, reader2.read],
      },
      {
        name: 'chosen R02 as "reader 1"',
        reads: [reader1.read, reader2.read],
        chosen: [reader2.read.versionId, reader1.read.versionId],
      },
    ];
    for (const { name, reads, chosen } of loadOrders) {
      const patient = patientsOf(reads.map(file))[0];
      if (!patient) throw new Error('no patient');
      const result = comparePatient(patient, chosen);
      if (result.kind !== 'compared') throw new Error(`${name}: not compared`);
      const { first, second, comparison } = result.value;
      expect([first.read.reader.id, second.read.reader.id], name).toEqual(['R01', 'R02']);
      // The tags follow: R01's unpaired lesion is R1:…, R02's R2:… (as compareReads(R01, R02)).
      const direct = compareReads(reader1.read, reader2.read);
      expect(
        comparison.discordances.map((d) => d.id),
        name,
      ).toEqual(direct.discordances.map((d) => d.id));
    }
  });
});

describe('adjudicatorConflict', () => {
  const file = (read: Read) => loadedRead(read, { kind: 'file', name: 'x.json' });
  const patient = patientsOf([file(reader2.read), file(reader1.read)])[0];
  const result = patient && comparePatient(patient);
  if (result?.kind !== 'compared') throw new Error('not compared');
  it.each<[string, { id: string; name: string } | undefined, string | undefined]>([
    [
      'reader 2 logged in (the tester’s Suzuki) is said to have read the case',
      { id: 'R02', name: 'Suzuki' },
      'R02',
    ],
    ['reader 1 logged in is too', { id: 'R01', name: 'Tanaka' }, 'R01'],
    ['a third identity may adjudicate', { id: 'ADJ1', name: 'Dr Adjudicator' }, undefined],
    ['nobody set: no conflict (the screen asks for an adjudicator)', undefined, undefined],
  ])('%s', (_name, adjudicator, readerId) => {
    expect(adjudicatorConflict(adjudicator, result.value)?.id).toBe(readerId);
  });
});

describe('decisions', () => {
  const comparison = compareReads(reader1.read, reader2.read);

  it('counts a decision only with a choice, a reason and (for own) a value', () => {
    let drafts: DraftDecisions = {};
    drafts = updateDraft(drafts, 'L1~L1/EOB', { choice: 'reader1' });
    drafts = updateDraft(drafts, 'L4~L3/CT', { choice: 'own', reason: 'artefact' });
    expect(decisionProgress(comparison, drafts)).toEqual({ decided: 0, total: 6 });
    drafts = updateDraft(drafts, 'L1~L1/EOB', { reason: '  ' });
    drafts = updateDraft(drafts, 'L4~L3/CT', { ownValue: 'not-evaluable' });
    expect(decisionProgress(comparison, drafts)).toEqual({ decided: 1, total: 6 });
    // Leaving "own" drops the own value.
    drafts = updateDraft(drafts, 'L4~L3/CT', { choice: 'reader2' });
    expect(drafts['L4~L3/CT']).toEqual({ choice: 'reader2', reason: 'artefact' });
    expect(toDecisions(comparison, drafts)).toEqual([
      { discordanceId: 'L1~L1/EOB', choice: 'reader1', reason: '  ' },
      { discordanceId: 'L4~L3/CT', choice: 'reader2', reason: 'artefact' },
    ]);
  });
});

describe('agreement and rates', () => {
  const comparison = compareReads(reader1.read, reader2.read);
  const patients = [
    {
      read1: reader1.read,
      read2: reader2.read,
      comparison,
      decisions: toDecisions(comparison, ALL_DECIDED),
    },
  ];

  it('per modality and status over the matched pairs (worked by hand)', () => {
    // Pairs L1~L1, L2~L2, L4~L3. CT: D/D, D/D, D/P -> 2 of 3; categories P,D,N,unset:
    // rows (R1) D=3; cols (R2) D=2, P=1 -> p_e = (3*2)/9 = 2/3, kappa = (2/3-2/3)/(1/3) = 0.
    const rows = reviewStatistics(patients).agreement.rows;
    const ct = rows.find((r) => r.item === 'CT');
    expect(ct?.percentAgreement).toBeCloseTo(66.667, 3);
    expect(ct?.kappa).toBe(0);
    expect(ct?.strength).toBe('slight');
    // T1/T2: D/D, D/D, D/D: one category only, kappa undefined.
    expect(rows.find((r) => r.item === 'T1T2')?.kappa).toBeNull();
    // DWI: D/D, P/N, P/P -> 2/3; p_e = (1*1 + 2*1)/9 = 1/3 -> kappa = (2/3-1/3)/(2/3) = 0.5.
    expect(rows.find((r) => r.item === 'DWI')?.kappa).toBeCloseTo(0.5, 12);
    // Status: cDLM/partial, partial/partial, partial/partial -> 2/3, p_e = 2*3/9 -> 0.
    const status = rows.find((r) => r.item === 'status');
    expect(status?.percentAgreement).toBeCloseTo(66.667, 3);
    expect(status?.kappa).toBe(0);
  });

  it('adjudication rate and each reader’s acceptance', () => {
    const rates = reviewStatistics(patients).rates;
    expect(rates).toMatchObject({
      patients: 1,
      patientsAdjudicated: 1,
      adjudicationRate: 1,
      discordances: 6,
      lesionsInOneReadOnly: 2,
      matchedPairs: 3,
      decided: 6,
      own: 1,
    });
    expect(rates.readers.map((r) => [r.readerId, r.accepted, r.decisions])).toEqual([
      ['R01', 4, 6],
      ['R02', 1, 6],
    ]);
    expect(reviewStatistics([]).rates.adjudicationRate).toBeNull();
  });
});

describe('outcomes', () => {
  it('sets and unsets fields; an emptied outcome is dropped', () => {
    let outcomes = setOutcomeField([], 'P', 'L1', 'management', 'resected');
    outcomes = setOutcomeField(outcomes, 'P', 'L1', 'pathology', 'non-viable');
    outcomes = setOutcomeField(outcomes, 'P', 'L2', 'ceIous', 'seen');
    expect(outcomes).toEqual([
      { patientId: 'P', lesionId: 'L1', management: 'resected', pathology: 'non-viable' },
      { patientId: 'P', lesionId: 'L2', ceIous: 'seen' },
    ]);
    outcomes = setOutcomeField(outcomes, 'P', 'L2', 'ceIous', undefined);
    expect(outcomes).toHaveLength(1);
  });
});

describe('review store', () => {
  it('refuses a reader as adjudicator, then builds, signs, saves and exports the consensus', async () => {
    const repository = new MemoryReadRepository();
    const review = createReviewStore({
      sha256: nodeSha256,
      context: makeContext('2026-03-01T00:00:00.000Z'),
      repository: () => repository,
    });
    await review.loadFiles([
      { name: 'r1.json', text: reader1.json },
      { name: 'r2.json', text: reader2.json },
      { name: 'bad.json', text: '{"schemaVersion": 1}' },
    ]);
    const state = review.store.get();
    expect(state.reads).toHaveLength(2);
    expect(state.fileProblems.map((f) => f.file)).toEqual(['bad.json']);

    const key = `${reader1.read.versionId}~${reader2.read.versionId}`;
    for (const [id, draft] of Object.entries(ALL_DECIDED)) review.setDraft(key, id, draft);
    await review.buildConsensus(reader1.read, reader2.read, { id: 'R02', name: 'Dr Sato' });
    const refused = review.store.get().consensus[key];
    expect(refused?.kind === 'refused' && refused.problems.map((p) => p.code)).toEqual([
      'adjudicator-is-reader',
    ]);

    await review.buildConsensus(reader1.read, reader2.read, { id: 'ADJ', name: 'Dr Adj' });
    await review.signConsensus(key, 'Dr Adj');
    const built = review.store.get().consensus[key];
    if (built?.kind !== 'built') throw new Error('not built');
    expect(built.save).toEqual({ kind: 'saved' });
    expect(built.read.state.kind === 'signed' && built.read.state.signature.meaning).toBe(
      ADJUDICATION_MEANING,
    );
    expect(isConsensusRead(built.read)).toBe(true);
    expect((await verifyAuditChain(built.read.audit, nodeSha256)).ok).toBe(true);
    expect(await repository.list('DREAM-001')).toHaveLength(1);
    // A signed consensus is not rebuilt.
    await review.buildConsensus(reader1.read, reader2.read, { id: 'ADJ', name: 'Dr Adj' });
    expect(review.store.get().consensus[key]).toBe(built);

    const file = review.exportConsensus(key);
    expect(file?.fileName).toBe('DREAM-001-consensus-ADJ-v1.json');
    const imported = await importReadJson(file?.text ?? '', { sha256: nodeSha256 });
    expect(imported.ok).toBe(true);
  });

  it('keeps the outcomes when a CSV has problems', () => {
    const review = createReviewStore({
      sha256: nodeSha256,
      context: makeContext(),
      repository: () => new MemoryReadRepository(),
    });
    review.importOutcomesCsv({
      name: 'ok.csv',
      text: 'patientId,lesionId,management\nP,L1,resected\n',
    });
    expect(review.store.get().outcomes).toHaveLength(1);
    review.importOutcomesCsv({
      name: 'bad.csv',
      text: 'patientId,lesionId,management\nP,L1,eaten\n',
    });
    const state = review.store.get();
    expect(state.outcomes).toHaveLength(1);
    expect(state.outcomeProblems?.map((p) => [p.row, p.column])).toEqual([[2, 'management']]);
  });
});
