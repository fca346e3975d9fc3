/** `reads sdtm` on in-memory read files: outputs, row counts, usage errors and refusals. */
import { describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { TU_COLUMNS } from '../../src/domain/export/sdtm.ts';
import { sha256 } from '../domain/fixtures.ts';
import { readFileText, type ReadSpec } from './fixtures.ts';

const ADJUDICATOR = { id: 'adjudicator', name: 'Dr Adjudicator' };
const P1: ReadSpec = {
  patientId: 'P1',
  reader: ADJUDICATOR,
  lesions: [
    { segment: 'VII', at: [0, 0, 0], calls: 'DDDD' },
    { segment: 'II', at: [50, 0, 0], calls: 'PP--' },
  ],
};
const P2: ReadSpec = { ...P1, patientId: 'P2', lesions: [P1.lesions[0]!] };

async function files(): Promise<Record<string, string>> {
  return {
    'p1.json': await readFileText(P1, 'p1'),
    'p2.json': await readFileText(P2, 'p2'),
    'p1-again.json': await readFileText(P1, 'p1b'),
    'broken.json': '{',
  };
}

async function run(...argv: string[]) {
  const texts = await files();
  return runReads(
    argv,
    (file) => {
      const text = texts[file];
      return text === undefined ? Promise.reject(new Error('ENOENT')) : Promise.resolve(text);
    },
    { sha256 },
  );
}

describe('reads sdtm', () => {
  it('returns tu.csv, tr.csv and rs.csv for consensus reads', async () => {
    const result = await run('sdtm', '--study', 'DREAM-X', '--out', 'out/', 'p2.json', 'p1.json');
    expect(result.exitCode).toBe(0);
    expect(result.outputs?.map((o) => o.path)).toEqual(['out/tu.csv', 'out/tr.csv', 'out/rs.csv']);
    const tu = result.outputs?.[0]?.text.split('\r\n') ?? [];
    expect(tu[0]).toBe(TU_COLUMNS.join(','));
    expect(tu.slice(1, 4).map((line) => line.split(',').slice(0, 5))).toEqual([
      ['DREAM-X', 'TU', 'DREAM-X-P1', '1', 'L1'],
      ['DREAM-X', 'TU', 'DREAM-X-P1', '2', 'L2'],
      ['DREAM-X', 'TU', 'DREAM-X-P2', '1', 'L1'],
    ]);
    // TR: P1 L1 4 calls, L2 2 calls, P2 L1 4 calls, plus any baseline diameters.
    expect(result.stdout).toMatch(
      /^out\/tu\.csv: 3 rows\nout\/tr\.csv: \d+ rows\nout\/rs\.csv: 6 rows\n$/,
    );
  });

  it.each([
    [['sdtm', 'p1.json'], /--out DIR is required/],
    [['sdtm', '--out'], /--out needs a value/],
    [['sdtm', '--out', 'o'], /no files given/],
    [['sdtm', '--bogus', '--out', 'o', 'p1.json'], /unknown option --bogus/],
  ])('usage error %j', async (argv, message) => {
    const result = await run(...argv);
    expect([result.exitCode, result.outputs]).toEqual([2, []]);
    expect(result.stderr).toMatch(message);
  });

  it.each([
    [['p1.json', 'broken.json'], /broken\.json/],
    [
      ['p1.json', 'p1-again.json'],
      /p1-again\.json: .*patient P1 already has a consensus read \(p1\.json\)/,
    ],
  ])('writes nothing when a file has a problem: %j', async (inputs, message) => {
    const result = await run('sdtm', '--out', 'o', ...inputs);
    expect([result.exitCode, result.outputs]).toEqual([1, []]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/No SDTM files written/);
  });
});
