/**
 * `npm run reads -- progress --study FILE READS...` on a designed campaign, and
 * `validate --study FILE` taking the study's readers with a key as the roster.
 */
import { describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { sealAudit } from '../../src/domain/audit.ts';
import { addLesion, createRead } from '../../src/domain/commands.ts';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import { signRead } from '../../src/domain/integrity/signing.ts';
import type { Read } from '../../src/domain/model.ts';
import { makeContext, sha256 } from '../domain/fixtures.ts';
import { makeKey } from '../domain/integrity/keys.ts';
import { buildRead } from './fixtures.ts';

const R1 = { id: 'R1', name: 'Dr One' };
const R2 = { id: 'R2', name: 'Dr Two' };
const exported = (read: Read) => exportReadJson(read, { now: () => '2026-03-01T12:00:00.000Z' });

const signedRead = async (patientId: string, reader: typeof R1, calls: string, prefix: string) =>
  exported(
    await buildRead(
      { patientId, reader, lesions: [{ segment: 'VI', at: [0, 0, 0], calls }] },
      prefix,
    ),
  );
/** A draft with one lesion registered: begun (a draft never edited counts as not started). */
const draftRead = async (patientId: string, reader: typeof R1) => {
  const ctx = makeContext();
  const read = addLesion(createRead({ patientId, reader }, ctx), { segment: 'VI' }, ctx);
  return exported(await sealAudit(read, sha256));
};

function studyText(readers: object[] = []): string {
  return JSON.stringify({
    schemaVersion: 1,
    studyId: 'CAMPAIGN',
    readers:
      readers.length > 0
        ? readers
        : [
            { readerId: 'R1', name: 'Dr One', role: 'reader' },
            { readerId: 'R2', name: 'Dr Two', role: 'reader' },
            { readerId: 'A', name: 'Dr Adj', role: 'adjudicator' },
          ],
    cases: ['P1', 'P2', 'P3'].map((patientId) => ({
      patientId,
      readers: ['R1', 'R2'],
      adjudicator: 'A',
    })),
    readOrder: { seed: 11 },
  });
}

/*
 * The designed campaign: P1 read and signed by both, discordant (CT call); P2 signed by R1, a
 * draft by R2; P3 signed by R2 only; and a draft of P9, which is no case of the study.
 */
const files: Record<string, string> = {
  'study.json': studyText(),
  'p1-r1.json': await signedRead('P1', R1, 'DDDD', 'a'),
  'p1-r2.json': await signedRead('P1', R2, 'PDDD', 'b'),
  'p2-r1.json': await signedRead('P2', R1, 'DDDD', 'c'),
  'p2-r2.json': await draftRead('P2', R2),
  'p3-r2.json': await signedRead('P3', R2, 'DDDD', 'd'),
  'p9-r1.json': await draftRead('P9', R1),
};
const readFile = (name: string) =>
  name in files ? Promise.resolve(files[name] ?? '') : Promise.reject(new Error('no such file'));
const run = (...argv: string[]) => runReads(argv, readFile, { sha256 });
const READS = Object.keys(files).filter((f) => f !== 'study.json');
const squeezed = (text: string) => text.split('\n').map((line) => line.replace(/ {2,}/g, ' | '));

describe('reads progress', () => {
  it('prints one row per reader: signed of theirs, in progress, not started, next', async () => {
    const result = await run('progress', '--study', 'study.json', ...READS);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(squeezed(result.stdout)).toEqual([
      'Study CAMPAIGN: 3 readers',
      'reader | name | role | progress | in progress / waiting | not started / discordant | next',
      'R1 | Dr One | reader | 2 of 3 signed | 0 | 1 | P3',
      'R2 | Dr Two | reader | 2 of 3 signed | 1 | 0 | P2',
      'A | Dr Adj | adjudicator | 1 of 3 both signed | 2 | 1 | P1',
      expect.stringMatching(/^Not in the study: read \S+ of patient P9 by R1$/),
      '',
    ]);
  });

  it('--json carries the same figures', async () => {
    const result = await run('progress', '--json', '--study=study.json', ...READS);
    const body = JSON.parse(result.stdout) as {
      ok: boolean;
      readers: { readerId: string; total: number; done: number; pending: number; open: number }[];
      outside: { patientId: string }[];
    };
    expect(body.ok).toBe(true);
    expect(body.readers.map((r) => [r.readerId, r.total, r.done, r.pending, r.open])).toEqual([
      ['R1', 3, 2, 0, 1],
      ['R2', 3, 2, 1, 0],
      ['A', 3, 1, 2, 1],
    ]);
    expect(body.outside.map((o) => o.patientId)).toEqual(['P9']);
  });

  it.each<[string, string[], number, RegExp]>([
    ['no --study', ['progress', 'p1-r1.json'], 2, /progress needs --study FILE/],
    ['--study on status', ['status', '--study', 'study.json', 'p1-r1.json'], 2, /--study belongs/],
    ['--study and --roster', ['validate', '--study', 'a', '--roster', 'b', 'x'], 2, /exclude/],
    [
      'unreadable study',
      ['progress', '--study', 'none.json', 'p1-r1.json'],
      1,
      /none\.json: \$: cannot read the study/,
    ],
  ])('%s', async (_name, argv, code, message) => {
    const result = await run(...argv);
    expect(result.exitCode).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it('an invalid study is refused with every problem by JSON path', async () => {
    files['bad.json'] = JSON.stringify({
      ...(JSON.parse(studyText()) as object),
      cases: [{ patientId: 'P1', readers: ['R1', 'R9'], adjudicator: 'R2' }],
    });
    const result = await run('progress', '--study', 'bad.json', 'p1-r1.json');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'bad.json: $.cases[0].readers[1]: unknown reader R9',
      'bad.json: $.cases[0].adjudicator: R2 is a reader, not an adjudicator',
    ]);
  });
});

const [keyA, keyB] = await Promise.all([makeKey(), makeKey()]);
const ctx = makeContext('2026-02-01T09:00:00.000Z');
const read = await signRead(
  createRead({ patientId: 'P1', reader: R1 }, ctx),
  { signerName: R1.name, meaning: 'Author' },
  ctx,
  { sha256, signBytes: keyA.signBytes },
);
const readText = exported(await sealAudit(read, sha256));

describe('validate --study: the study’s keys are the roster', () => {
  const reader = (id: string, name: string, key?: object) => ({
    readerId: id,
    name,
    role: 'reader',
    ...(key && { publicKey: key }),
  });
  const adjudicator = { readerId: 'A', name: 'Dr Adj', role: 'adjudicator' };

  it.each<[string, object[], number, RegExp]>([
    [
      'registered key',
      [reader('R1', 'Dr One (roster)', keyA.publicKey), reader('R2', 'Dr Two'), adjudicator],
      0,
      /read\.json: OK \(.*signed by Dr One \(roster\), registered key\)/,
    ],
    [
      'key registered to another reader',
      [reader('R1', 'Dr One', keyB.publicKey), reader('R2', 'Dr Two', keyA.publicKey), adjudicator],
      1,
      /read\.json: \$\.state\.signature\.signerId: roster mismatch: the key is registered to R2/,
    ],
    [
      'unknown key',
      [reader('R1', 'Dr One', keyB.publicKey), reader('R2', 'Dr Two'), adjudicator],
      1,
      /read\.json: \$\.state\.signature\.proof\.publicKey: unknown key/,
    ],
    [
      'no reader with a key',
      [reader('R1', 'Dr One'), reader('R2', 'Dr Two'), adjudicator],
      1,
      /s\.json: \$\.readers: no reader of the study has a public key/,
    ],
  ])('%s', async (_name, readers, code, line) => {
    files['s.json'] = studyText(readers);
    files['read.json'] = readText;
    const result = await run('validate', '--study', 's.json', 'read.json');
    expect(result.exitCode).toBe(code);
    expect(result.stdout).toMatch(line);
  });
});
