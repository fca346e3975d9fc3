/**
 * Who may adjudicate: never one of the case's two readers (docs/domain.md §7), told apart by id.
 */
import { describe, expect, it } from 'vitest';
import { adjudicatorReadCase } from '../../../src/domain/index.ts';
import type { Reader } from '../../../src/domain/index.ts';

const TANAKA: Reader = { id: 'R01', name: 'Tanaka' };
const SUZUKI: Reader = { id: 'R02', name: 'Suzuki' };
const reads = [{ reader: SUZUKI }, { reader: TANAKA }];

describe('adjudicatorReadCase', () => {
  it.each<[string, Reader, string | undefined]>([
    ['reader 2 of the case (as the review numbers it) is refused', SUZUKI, 'R02'],
    ['reader 1 of the case is refused', TANAKA, 'R01'],
    ['a reader renamed since is the same reader', { id: 'R02', name: 'Dr Suzuki' }, 'R02'],
    ['a third identity may adjudicate', { id: 'ADJ1', name: 'Dr Adjudicator' }, undefined],
    ['an id that only differs in case is another reader', { id: 'r02', name: 'Suzuki' }, undefined],
  ])('%s', (_name, adjudicator, readerId) => {
    expect(adjudicatorReadCase(adjudicator, reads)?.id).toBe(readerId);
  });

  it('has nobody to refuse without reads', () => {
    expect(adjudicatorReadCase(SUZUKI, [])).toBeUndefined();
  });
});
