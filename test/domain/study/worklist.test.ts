/**
 * The seeded read order (same seed, same order; a permutation; seed and reader change it), the
 * reader's worklist (order, state, progress, next case) and the adjudicator's cases.
 */
import { describe, expect, it } from 'vitest';
import {
  adjudicationList,
  isUntouchedRead,
  parseStudy,
  readOrder,
  readerWorklist,
  seededShuffle,
  worklistStates,
  type Read,
  type Study,
} from '../../../src/domain/index.ts';
import { buildRead, type ReadSpec } from '../../cli/fixtures.ts';
import { makeRead } from '../fixtures.ts';

const PATIENTS = Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);

function study(seed: number): Study {
  const parsed = parseStudy(
    JSON.stringify({
      schemaVersion: 1,
      studyId: 'S',
      readers: [
        { readerId: 'R1', name: 'One', role: 'reader' },
        { readerId: 'R2', name: 'Two', role: 'reader' },
        { readerId: 'R3', name: 'Three', role: 'reader' },
        { readerId: 'A', name: 'Adj', role: 'adjudicator' },
      ],
      // Cases listed in reverse: the order must not depend on the file's order of cases.
      cases: [...PATIENTS].reverse().map((patientId, i) => ({
        patientId,
        readers: i % 3 === 0 ? ['R2', 'R3'] : ['R1', 'R2'],
        adjudicator: 'A',
      })),
      readOrder: { seed },
    }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.study;
}

describe('seededShuffle', () => {
  it.each([0, 1, 1527, 0xffffffff])(
    'seed %i: a permutation, the same for the same seed',
    (seed) => {
      const once = seededShuffle(PATIENTS, seed);
      expect(seededShuffle(PATIENTS, seed)).toEqual(once);
      expect([...once].sort()).toEqual(PATIENTS);
    },
  );

  it('different seeds give different orders', () => {
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => seededShuffle(PATIENTS, seed).join()));
    expect(orders.size).toBe(5);
  });

  it('leaves its input alone and handles 0 and 1 items', () => {
    const input = ['a', 'b', 'c'];
    seededShuffle(input, 9);
    expect(input).toEqual(['a', 'b', 'c']);
    expect(seededShuffle([], 9)).toEqual([]);
    expect(seededShuffle(['x'], 9)).toEqual(['x']);
  });
});

describe('readOrder', () => {
  it('is the reader’s own cases, fixed by seed and reader, independent of the file order', () => {
    const s = study(42);
    const r1 = readOrder(s, 'R1');
    expect([...r1].sort()).toEqual(
      s.cases
        .filter((c) => c.readers.includes('R1'))
        .map((c) => c.patientId)
        .sort(),
    );
    expect(readOrder(s, 'R1')).toEqual(r1);
    const reordered = { ...s, cases: [...s.cases].reverse() };
    expect(readOrder(reordered, 'R1')).toEqual(r1);
    expect(readOrder(study(43), 'R1')).not.toEqual(r1);
    expect(readOrder(s, 'A')).toEqual([]);
  });

  it('differs between readers of the same cases', () => {
    const s = study(42);
    const shared = (order: string[]) => order.filter((p) => readOrder(s, 'R1').includes(p));
    expect(shared(readOrder(s, 'R2'))).not.toEqual(readOrder(s, 'R1'));
  });
});

const R1 = { id: 'R1', name: 'One' };
const signed = (patientId: string, at: string): Read =>
  makeRead({
    patientId,
    reader: R1,
    readId: `${patientId}-s`,
    updatedAt: at,
    state: {
      kind: 'signed',
      signature: { signerId: 'R1', signerName: 'One', at, meaning: 'Author' },
    },
  });
const draft = (patientId: string, at: string, reader = R1): Read =>
  makeRead({ patientId, reader, readId: `${patientId}-d-${reader.id}`, updatedAt: at });

describe('readerWorklist', () => {
  const s = study(7);
  const order = readOrder(s, 'R1');
  const [first = '', second = '', third = ''] = order;

  it.each<[string, Read[], Record<string, string>, number, string | undefined]>([
    ['no reads', [], {}, 0, first],
    ['a draft of the first', [draft(first, 't1')], { [first]: 'in-progress' }, 0, first],
    ['the first signed', [signed(first, 't1')], { [first]: 'signed' }, 1, second],
    [
      'the second signed, the first a draft',
      [draft(first, 't1'), signed(second, 't2')],
      { [first]: 'in-progress', [second]: 'signed' },
      1,
      first,
    ],
    [
      'the latest read counts: amended after signing',
      [signed(first, 't1'), draft(first, 't2'), signed(second, 't1')],
      { [first]: 'in-progress', [second]: 'signed' },
      1,
      first,
    ],
    [
      'another reader’s read does not count',
      [draft(third, 't1', { id: 'R2', name: 'Two' })],
      {},
      0,
      first,
    ],
    [
      'all signed',
      order.map((p) => signed(p, 't1')),
      Object.fromEntries(order.map((p) => [p, 'signed'])),
      order.length,
      undefined,
    ],
  ])('%s', (_name, reads, states, signedCount, next) => {
    const list = readerWorklist(s, 'R1', worklistStates(reads, 'R1'));
    expect(list.items.map((i) => i.patientId)).toEqual(order);
    expect(list.items.map((i) => i.position)).toEqual(order.map((_, i) => i + 1));
    expect(list.items.map((i) => i.state)).toEqual(order.map((p) => states[p] ?? 'not-started'));
    expect([list.signed, list.total, list.next]).toEqual([signedCount, order.length, next]);
  });
});

describe('adjudicationList', () => {
  const s: Study = {
    ...study(1),
    cases: [
      { patientId: 'P01', readers: ['R1', 'R2'], adjudicator: 'A' },
      { patientId: 'P02', readers: ['R1', 'R2'], adjudicator: 'A' },
      { patientId: 'P03', readers: ['R1', 'R2'], adjudicator: 'A' },
    ],
  };
  const spec = (patientId: string, reader: typeof R1, calls: string): ReadSpec => ({
    patientId,
    reader,
    lesions: [{ segment: 'VI', at: [0, 0, 0], calls }],
  });
  const R2 = { id: 'R2', name: 'Two' };

  it('waiting, concordant and discordant cases, with the count of discordances', async () => {
    const reads = await Promise.all([
      buildRead(spec('P01', R1, 'DDDD'), 'a'),
      buildRead(spec('P01', R2, 'DDDD'), 'b'),
      buildRead(spec('P02', R1, 'DDDD'), 'c'),
      buildRead(spec('P02', R2, 'PDDD'), 'd'),
      buildRead(spec('P03', R1, 'DDDD'), 'e'),
    ]);
    expect(adjudicationList(s, 'A', reads)).toEqual([
      { patientId: 'P01', state: 'concordant', signedReads: 2, discordances: 0 },
      // The CT call differs, and with it the derived status.
      { patientId: 'P02', state: 'discordant', signedReads: 2, discordances: 2 },
      { patientId: 'P03', state: 'waiting', signedReads: 1, discordances: 0 },
    ]);
    expect(adjudicationList(s, 'R1', reads)).toEqual([]);
  });
});

describe('untouched drafts', () => {
  type Entry = Read['pendingAudit'][number];
  const withActions = (actions: string[], overrides: Partial<Read> = {}): Read =>
    makeRead({
      patientId: 'P01',
      reader: { id: 'R1', name: 'One' },
      pendingAudit: actions.map((action) => ({ action }) as unknown as Entry),
      ...overrides,
    });

  it.each<[string, Read, boolean]>([
    ['opened only (create-read)', withActions(['create-read']), true],
    ['opened, exam QC recorded on open', withActions(['create-read', 'record-exam-qc']), true],
    ['a lesion added', withActions(['create-read', 'add-lesion']), false],
    [
      'a lesion added then undone (still an edit)',
      withActions(['create-read', 'add-lesion', 'remove-lesion']),
      false,
    ],
    ['a comment', withActions(['create-read', 'set-comment']), false],
    [
      'signed without edits',
      withActions(['create-read', 'sign'], { state: { kind: 'signed' } as Read['state'] }),
      false,
    ],
    ['an amendment (version 2)', withActions(['create-read'], { version: 2 }), false],
  ])('%s: untouched %s', (_name, read, untouched) => {
    expect(isUntouchedRead(read)).toBe(untouched);
    // An untouched draft does not mark the patient in progress.
    expect(worklistStates([read], 'R1').P01).toBe(
      untouched ? undefined : read.state.kind === 'signed' ? 'signed' : 'in-progress',
    );
  });

  it('an untouched draft does not hide an older read that was worked on', () => {
    const worked = withActions(['create-read', 'add-lesion'], { readId: 'a' });
    const opened = withActions(['create-read'], {
      readId: 'b',
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(worklistStates([worked, opened], 'R1')).toEqual({ P01: 'in-progress' });
  });
});
