/** The worklist states per patient and the stored reader identity, as pure functions. */
import { describe, expect, it } from 'vitest';
import { addLesion, createRead, sign, type Read } from '../../src/domain/index.ts';
import { parseReader } from '../../src/store/reads/reader.ts';
import { latestRead } from '../../src/store/reads/repository.ts';
import { worklistStates } from '../../src/store/reads/worklist.ts';
import { makeContext } from '../domain/fixtures.ts';

const one = { id: 'r1', name: 'Dr One' };
const two = { id: 'r2', name: 'Dr Two' };

function readOf(patientId: string, reader = one, start = '2026-01-01T00:00:00.000Z'): Read {
  const ctx = { ...makeContext(start), newId: () => crypto.randomUUID() };
  return createRead({ patientId, reader }, ctx);
}

describe('worklistStates', () => {
  it('is in progress for an edited draft, signed for a signed read, absent when not started', () => {
    const draft = addLesion(readOf('P1'), { segment: 'V' }, makeContext());
    const signed = sign(readOf('P2'), { signerName: 'Dr One', meaning: 'Author' }, makeContext());
    // P4 was only opened (a draft with its create-read entry alone): not started.
    const opened = readOf('P4');
    expect(worklistStates([draft, signed, readOf('P3', two), opened], 'r1')).toEqual({
      P1: 'in-progress',
      P2: 'signed',
    });
  });

  it('takes the reader’s latest read of a patient', () => {
    const older = readOf('P1', one, '2026-01-01T00:00:00.000Z');
    const newer = sign(
      readOf('P1', one, '2026-02-01T00:00:00.000Z'),
      { signerName: 'Dr One', meaning: 'Author' },
      makeContext('2026-02-02T00:00:00.000Z'),
    );
    expect(latestRead([newer, older], 'r1')).toBe(newer);
    expect(worklistStates([older, newer], 'r1')).toEqual({ P1: 'signed' });
  });
});

describe('parseReader', () => {
  it.each([
    ['{"id":"R01","name":"Dr Ito"}', { id: 'R01', name: 'Dr Ito' }],
    [null, undefined],
    ['not json', undefined],
    ['{"id":"","name":"Dr Ito"}', undefined],
    ['{"id":"R01"}', undefined],
    ['[1]', undefined],
  ])('%s -> %o', (text, reader) => {
    expect(parseReader(text)).toEqual(reader);
  });
});
