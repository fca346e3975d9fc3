/**
 * The review store's side of showing the disagreement, on the two prepared reads of DREAM-001
 * (test/e2e/review-fixtures.ts): where each discordance is shown, a draft that contradicts
 * another refused, and "2+1" through the store (the accepted reader on every discordance, the
 * reason on the consensus read's first audit entry).
 */
import { describe, expect, it } from 'vitest';
import { compareReads } from '../../src/domain/index.ts';
import { MemoryReadRepository } from '../../src/store/reads/repository.ts';
import {
  createReviewStore,
  decisionsOf,
  draftConflict,
  shownMarks,
  viewOfDiscordance,
} from '../../src/store/review.ts';
import { discordantReads, nodeSha256 } from '../e2e/review-fixtures.ts';
import { makeContext } from '../domain/fixtures.ts';

const { reader1, reader2 } = await discordantReads();
const comparison = compareReads(reader1.read, reader2.read);
const byId = (id: string) => {
  const d = comparison.discordances.find((x) => x.id === id);
  if (!d) throw new Error(`no ${id}`);
  return d;
};

describe('where a discordance is shown', () => {
  it.each([
    ['L2~L2/DWI', 'preop', 'DWI'],
    ['L1~L1/EOB', 'preop', 'EOB'],
    ['L1~L1/status', 'preop', 'EOB'],
    ['L4~L3/CT', 'preop', 'CT'],
    ['R1:L3', 'baseline', undefined],
  ])('%s: %s %s', (id, timepoint, modality) => {
    expect(viewOfDiscordance(byId(id), comparison)).toEqual({
      timepoint,
      ...(modality && { modality }),
    });
  });

  it('marks both readers, by baseline place when no place was recorded at the timepoint', () => {
    const d = byId('L2~L2/DWI');
    const marks = shownMarks(d, reader1.read, reader2.read, viewOfDiscordance(d, comparison));
    expect(marks.map((m) => [m.side, m.readerId, m.lesionId, m.kind])).toEqual([
      ['reader1', 'R01', 'L2', 'baseline'],
      ['reader2', 'R02', 'L2', 'baseline'],
    ]);
  });
});

describe('draftConflict', () => {
  it('refuses reader 2 on L1 EOB after reader 1 on the status, and lets reader 1 stand', () => {
    const drafts = { 'L1~L1/status': { choice: 'reader1' as const, reason: '' } };
    expect(
      draftConflict(comparison, drafts, 'L1~L1/EOB', { choice: 'reader2' })?.conflictsWith,
    ).toEqual(['L1~L1/status']);
    expect(draftConflict(comparison, drafts, 'L1~L1/EOB', { choice: 'reader1' })).toBeUndefined();
    // A reason typed later never brings a refusal.
    expect(draftConflict(comparison, drafts, 'L1~L1/status', { reason: 'x' })).toBeUndefined();
  });
});

describe('2+1 through the store', () => {
  it('builds the consensus from reader 2 with the reason recorded', async () => {
    const review = createReviewStore({
      sha256: nodeSha256,
      context: makeContext('2026-03-01T00:00:00.000Z'),
      repository: () => new MemoryReadRepository(),
    });
    await review.loadFiles([
      { name: 'r1.json', text: reader1.json },
      { name: 'r2.json', text: reader2.json },
    ]);
    const key = `${reader1.read.versionId}~${reader2.read.versionId}`;
    // A draft taken before is set aside by the whole-read acceptance.
    review.setDraft(key, 'L1~L1/EOB', { choice: 'reader1', reason: 'x' });
    review.setWholeRead(key, { side: 'reader2', reason: 'reader 1 read the wrong exam' });
    const state = review.store.get();
    const decisions = decisionsOf(
      comparison,
      state.drafts[key] ?? {},
      state.wholeRead[key],
      reader1.read,
      reader2.read,
    );
    expect(decisions.map((d) => d.choice)).toEqual(comparison.discordances.map(() => 'reader2'));
    await review.buildConsensus(reader1.read, reader2.read, { id: 'ADJ', name: 'Dr Adj' });
    const built = review.store.get().consensus[key];
    if (built?.kind !== 'built') throw new Error(JSON.stringify(built));
    expect(built.read.audit[0]?.reason).toContain(
      '2+1: the adjudicator accepts the whole read of reader 2 [R02] — reader 1 read the wrong exam',
    );
    // Reader 2's lesions: L3 of reader 1 left out, reader 2's L4 taken in.
    expect(built.provenance.rejected.map((r) => r.discordanceId)).toEqual(['R1:L3']);
    expect(built.read.lesions).toHaveLength(4);
    review.setWholeRead(key, undefined);
    expect(review.store.get().wholeRead[key]).toBeUndefined();
  });
});
