/**
 * The batch CLI on generated fixture files (fixtures.ts): exit codes, problems
 * named by file and JSON path, the agreement table of a designed pair of reads and the endpoint
 * table of designed outcomes, both worked out by hand below; and one real run of the node entry.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReads } from '../../src/cli/reads.ts';
import { computeEndpointTable, importReadJson, parseOutcomesCsv } from '../../src/domain/index.ts';
import {
  loadedRead,
  patientsOf,
  reviewStatistics,
  type ComparedPatient,
} from '../../src/store/review.ts';
import { comparePatient } from '../../src/store/review/compare.ts';
import { sha256 } from '../domain/fixtures.ts';
import {
  fixtureDir,
  readFileText,
  writeFixture,
  type LesionSpec,
  type ReadSpec,
} from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const READER_A = { id: 'reader-a', name: 'Dr A. Reader' };
const READER_B = { id: 'reader-b', name: 'Dr B. Reader' };
const READER_C = { id: 'reader-c', name: 'Dr C. Reader' };
const ADJUDICATOR = { id: 'adjudicator', name: 'Dr Adjudicator' };

const run = (...argv: string[]) => runReads(argv, (file) => readFile(file, 'utf8'), { sha256 });
/** Lines of a text output with runs of spaces collapsed (tables are aligned with spaces). */
const squeezed = (text: string) => text.split('\n').map((line) => line.replace(/ {2,}/g, ' | '));

/*
 * The designed pair (compare). Two patients, readers A and B; 10 matched lesion pairs, calls at
 * preop in CT, DWI, T1/T2, EOB order (D disappeared, P present, N not evaluable):
 *
 *   pair  patient  reader A  reader B  status A     status B
 *    1     P1       DDDD      DDDD      cDLM         cDLM
 *    2     P1       DDDD      DDDD      cDLM         cDLM
 *    3     P1       DDDD      DDDD      cDLM         cDLM
 *    4     P1       DDDD      DDDP      cDLM         partial DLM
 *    5     P1       DDDP      DDDP      partial DLM  partial DLM
 *    6     P2       DDPP      DDPP      partial DLM  partial DLM
 *    7     P2       PPPP      PPPP      visible      visible
 *    8     P2       PNPP      PPPP      visible      visible
 *    9     P2       DDDP      PPPP      partial DLM  visible
 *   10     P2       DDDN      DDDD      incomplete   cDLM
 * plus one lesion in one read only per patient (P1: reader B's L6, P2: reader A's L6), far from
 * everything: excluded from kappa, counted beside it.
 *
 * Kappa = (po - pe) / (1 - pe), pe = sum over categories of (row total x column total) / n², n = 10:
 *   CT:     agree 9 (pair 9 differs). A: D 8, P 2; B: D 7, P 3.
 *           po 0.9, pe (8·7 + 2·3)/100 = 0.62, kappa 0.28/0.38 = 0.7368 substantial.
 *   DWI:    agree 8 (pairs 8, 9 differ). A: D 8, P 1, N 1; B: D 7, P 3.
 *           po 0.8, pe (8·7 + 1·3 + 1·0)/100 = 0.59, kappa 0.21/0.41 = 0.5122 moderate.
 *   T1/T2:  agree 9 (pair 9). A: D 7, P 3; B: D 6, P 4.
 *           po 0.9, pe (7·6 + 3·4)/100 = 0.54, kappa 0.36/0.46 = 0.7826 substantial.
 *   EOB:    agree 8 (pairs 4, 10). A: D 4, P 5, N 1; B: D 4, P 6.
 *           po 0.8, pe (4·4 + 5·6 + 1·0)/100 = 0.46, kappa 0.34/0.54 = 0.6296 substantial.
 *   status: agree 7 (pairs 4, 9, 10). A: cDLM 4, partial 3, visible 2, incomplete 1;
 *           B: cDLM 4, partial 3, visible 3, incomplete 0.
 *           po 0.7, pe (4·4 + 3·3 + 2·3 + 1·0)/100 = 0.31, kappa 0.39/0.69 = 0.5652 moderate.
 * Discordances: P1 pair 4 EOB + status, R2:L6 = 3; P2 pair 8 DWI, pair 9 CT DWI T1/T2 + status,
 * pair 10 EOB + status, R1:L6 = 8; 11 in all (2 presence, 6 call, 3 status), both patients.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  ['DDDD', 'DDDD'],
  ['DDDD', 'DDDD'],
  ['DDDD', 'DDDD'],
  ['DDDD', 'DDDP'],
  ['DDDP', 'DDDP'],
  ['DDPP', 'DDPP'],
  ['PPPP', 'PPPP'],
  ['PNPP', 'PPPP'],
  ['DDDP', 'PPPP'],
  ['DDDN', 'DDDD'],
];

/** Pair k (1-based) of the design: reader A at x = 30k mm, reader B 3 mm away. */
function pairLesions(from: number, to: number, side: 0 | 1): LesionSpec[] {
  return PAIRS.slice(from - 1, to).map(([a, b], i) => ({
    segment: 'VII',
    at: [30 * (from + i), side === 0 ? 0 : 3, 0],
    calls: side === 0 ? a : b,
  }));
}
const FAR: LesionSpec = { segment: 'VI', at: [-200, 0, 0], calls: 'PPPP' };

/*
 * The designed endpoint: one (consensus) read per patient, reader "adjudicator".
 *   patient  lesion  calls  status / CT-DLM     outcome                          class       CE-IOUS
 *   E1       L1      DDDD   cDLM, CT-DLM        resected, non-viable             non-viable  not seen
 *   E1       L2      DDDD   cDLM, CT-DLM        resected, non-viable             non-viable  not seen
 *   E1       L3      DDDD   cDLM, CT-DLM        resected, viable                 viable      seen
 *   E1       L4      DDDP   partial, CT-DLM     resected, viable                 viable      -
 *   E1       L5      PPPP   visible             (none)                           (no row)
 *   E2       L1      DDDD   cDLM, CT-DLM        in situ, no recurrence, 30 mo    non-viable  not seen
 *   E2       L2      DDDD   cDLM, CT-DLM        in situ, no recurrence, 24 mo    non-viable  not seen
 *   E2       L3      DDDD   cDLM, CT-DLM        in situ, recurrence 2025-06-01   viable      not seen
 *   E2       L4      DDDD   cDLM, CT-DLM        in situ, no recurrence, 12 mo    not yet     not seen
 *   E3       L1      DDDD   cDLM, CT-DLM        resected, non-viable             non-viable  seen
 *   E3       L2      DDDD   cDLM, CT-DLM        resected, viable                 viable      (unset)
 *   E3       L3      DDDD   cDLM, CT-DLM        (none)                           missing     (unset)
 *   E3       L4      DDDP   partial, CT-DLM     in situ, no recurrence, 36 mo    non-viable  -
 *   E3       L5      PDDD   partial, not CT     resected, viable                 (no row)
 *   E4       L1      PPPP   visible             (an outcome for L9, which does not exist: a note)
 *
 * cDLM row: E1 L1-L3, E2 L1-L4, E3 L1-L3 = 10 lesions, 3 patients; non-viable E1 L1, L2, E2 L1, L2,
 *   E3 L1 = 5; viable E1 L3, E2 L3, E3 L2 = 3; NPV 5/8 = 0.625 (docs/statistics.md test vector: Wilson
 *   0.3057-0.8632, CP 0.2449-0.9148); not yet 1 (E2 L4), missing 1 (E3 L3); evaluable patients 3.
 * CT-DLM row: cDLM row + E1 L4 (viable) + E3 L4 (non-viable) = 12 lesions, 3 patients; NPV 6/10.
 *   Wilson by hand, z = 1.959964, z² = 3.841459: centre (6 + 1.920730)/13.841459 = 0.572247, half
 *   z/13.841459 · sqrt(6·4/10 + 0.960365) = 0.141601 · 1.833133 = 0.259574 -> 0.3127-0.8318.
 *   Clopper-Pearson (R binom.test(6, 10)): 0.2624-0.8784.
 * cDLM + CE-IOUS not seen row: the cDLM lesions not seen on CE-IOUS, an unknown finding counting as
 *   missing: E1 L1, L2, E2 L1-L4, E3 L2 (unset), E3 L3 (no outcome) = 8 lesions, 3 patients;
 *   non-viable E1 L1, L2, E2 L1, L2 = 4; viable E2 L3 = 1; NPV 4/5 = 0.8; not yet 1; missing 2;
 *   evaluable patients 2 (E1, E2). Wilson: centre (4 + 1.920730)/8.841459 = 0.669656, half
 *   z/8.841459 · sqrt(4·1/5 + 0.960365) = 0.221679 · 1.326788 = 0.294122 -> 0.3755-0.9638.
 *   Clopper-Pearson (R binom.test(4, 5)): 0.2836-0.9949.
 */
const E_READS: readonly (readonly string[])[] = [
  ['DDDD', 'DDDD', 'DDDD', 'DDDP', 'PPPP'],
  ['DDDD', 'DDDD', 'DDDD', 'DDDD'],
  ['DDDD', 'DDDD', 'DDDD', 'DDDP', 'PDDD'],
  ['PPPP'],
];
const OUTCOMES_CSV = [
  'patient_id,lesion_id,management,pathology,local_recurrence,recurrence_date,follow_up_months,ce_ious',
  'DREAM-002-0001,L1,resected,non-viable,,,,not seen',
  'DREAM-002-0001,L2,Resected,non viable,,,,not-seen',
  'DREAM-002-0001,L3,resected,viable,,,,seen',
  'DREAM-002-0001,L4,resected,viable,,,,',
  'DREAM-002-0002,L1,Left in situ,,no,,30,not seen',
  'DREAM-002-0002,L2,left-in-situ,,no,,24,not seen',
  'DREAM-002-0002,L3,left-in-situ,,yes,2025-06-01,,not seen',
  'DREAM-002-0002,L4,left-in-situ,,no,,12,not seen',
  'DREAM-002-0003,L1,resected,non-viable,,,,seen',
  'DREAM-002-0003,L2,resected,viable,,,,',
  'DREAM-002-0003,L4,left-in-situ,,no,,36,',
  'DREAM-002-0003,L5,resected,viable,,,,',
  'DREAM-002-0004,L9,resected,viable,,,,',
  '',
].join('\n');

const files: Record<string, string> = {};
let dir = '';

function spec(patientId: string, reader: ReadSpec['reader'], lesions: LesionSpec[]): ReadSpec {
  return { patientId, reader, lesions };
}

beforeAll(async () => {
  dir = fixtureDir();
  const write = (name: string, text: string) => (files[name] = writeFixture(dir, name, text));
  const P1 = 'DREAM-001-0001';
  const P2 = 'DREAM-001-0002';
  const designed: [string, ReadSpec][] = [
    ['p1-a.json', spec(P1, READER_A, pairLesions(1, 5, 0))],
    ['p1-b.json', spec(P1, READER_B, [...pairLesions(1, 5, 1), FAR])],
    ['p2-a.json', spec(P2, READER_A, [...pairLesions(6, 10, 0), FAR])],
    ['p2-b.json', spec(P2, READER_B, pairLesions(6, 10, 1))],
    // Pairing problems: a third read of P1, a patient read once, a patient read twice by one reader.
    ['p1-c.json', spec(P1, READER_C, pairLesions(1, 5, 0))],
    ['p3-a.json', spec('DREAM-001-0003', READER_A, pairLesions(1, 2, 0))],
    ['p4-a1.json', spec('DREAM-001-0004', READER_A, pairLesions(1, 2, 0))],
    ['p4-a2.json', spec('DREAM-001-0004', READER_A, pairLesions(1, 2, 1))],
    // A second read of endpoint patient E1 (the endpoint needs one read per patient).
    [
      'e1-again.json',
      spec('DREAM-002-0001', READER_A, [{ segment: 'II', at: [0, 0, 0], calls: 'DDDD' }]),
    ],
  ];
  E_READS.forEach((codes, p) => {
    const lesions = codes.map((calls, i): LesionSpec => ({
      segment: 'V',
      at: [20 * i, 0, 0],
      calls,
    }));
    designed.push([`e${p + 1}.json`, spec(`DREAM-002-000${p + 1}`, ADJUDICATOR, lesions)]);
  });
  for (const [index, [name, s]] of designed.entries())
    write(name, await readFileText(s, `r${index}`));

  // Malformed read files.
  const good = JSON.parse(await readFile(files['p1-a.json'] ?? '', 'utf8')) as {
    reader: Record<string, unknown>;
    lesions: Record<string, unknown>[];
    audit: { after: unknown }[];
  };
  write('bad-syntax.json', '{\n  "schemaVersion": 1,\n  "readId": "x",\n');
  write('not-object.json', '[1, 2, 3]\n');
  const schema = structuredClone(good);
  delete schema.reader.name;
  const l1 = schema.lesions[0] as {
    assessments: { preop: { modalities: { CT: { call: string } } } };
  };
  l1.assessments.preop.modalities.CT.call = 'gone';
  (schema.lesions[1] as Record<string, unknown>).colour = 'red';
  write('schema.json', JSON.stringify(schema, null, 2));
  const tampered = structuredClone(good);
  const entry = tampered.audit[3];
  if (entry === undefined) throw new Error('fixture read has too short an audit trail');
  entry.after = { segment: 'VIII' };
  write('tampered.json', JSON.stringify(tampered, null, 2));
  write('outcomes.csv', OUTCOMES_CSV);
  write(
    'outcomes-bad.csv',
    'patientId,lesionId,management,followUpMonths\nDREAM-002-0001,L1,resected,\nDREAM-002-0001,L2,excised,twelve\n',
  );
  files['missing.json'] = resolve(dir, 'missing.json');
});

const f = (name: string): string => {
  const path = files[name];
  if (path === undefined) throw new Error(`no fixture ${name}`);
  return path;
};

describe('usage', () => {
  it('prints the help with exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['compare', '--help']]) {
      const result = await run(...argv);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^Usage: npm run reads -- <command> \[--json\] FILES\.\.\./);
    }
  });

  it.each([
    [[], /no command/],
    [['frobnicate', 'a.json'], /unknown command "frobnicate"; expected one of validate, status/],
    [['validate'], /validate: no files given/],
    [['compare', '--verbose', 'a.json'], /unknown option --verbose/],
    [['compare', '--outcomes', 'o.csv', 'a.json'], /--outcomes belongs to the endpoint command/],
    [['endpoint', 'a.json', '--outcomes'], /--outcomes needs a file/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const result = await run(...argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('--help');
  });
});

describe('validate', () => {
  it('passes good files, one OK line each, exit 0', async () => {
    const result = await run('validate', f('p1-a.json'), f('e1.json'));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${f('p1-a.json')}: OK \\(patient DREAM-001-0001, reader reader-a, read r0-1 v1 signed, 5 lesions, \\d+ audit entries, hash chain intact, replay-checked, content hash verified, no key signature\\)$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^${f('e1.json')}: OK `)),
      '2 files: 2 OK, 0 with problems',
      '',
    ]);
    expect(result.stderr).toBe('');
  });

  it('names the file and JSON path of every problem, exit 1', async () => {
    const names = ['bad-syntax.json', 'not-object.json', 'schema.json', 'tampered.json'];
    const result = await run('validate', f('p1-a.json'), ...names.map(f), f('missing.json'));
    expect(result.exitCode).toBe(1);
    const out = result.stdout.split('\n');
    expect(out[0]).toMatch(/p1-a\.json: OK/);
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^${f('bad-syntax.json')}: \\$: not valid JSON \\(line \\d+, column \\d+\\)`),
        ),
        `${f('not-object.json')}: $: a read file is a JSON object`,
        expect.stringMatching(new RegExp(`^${f('schema.json')}: \\$\\.reader\\.name: `)),
        expect.stringMatching(
          new RegExp(
            `^${f('schema.json')}: \\$\\.lesions\\[0\\]\\.assessments\\.preop\\.modalities\\.CT\\.call: `,
          ),
        ),
        `${f('schema.json')}: $.lesions[1].colour: unknown key "colour"`,
        `${f('tampered.json')}: $.audit[3]: audit entry hash does not match its content (the entry was changed)`,
        expect.stringMatching(
          new RegExp(`^${f('missing.json')}: \\$: cannot read the file: ENOENT`),
        ),
      ]),
    );
    expect(out.at(-2)).toBe('6 files: 1 OK, 5 with problems (7 problems)');
  });

  it('--json lists files and problems with their paths', async () => {
    const result = await run('validate', '--json', f('p1-a.json'), f('tampered.json'));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as {
      ok: boolean;
      files: { file: string; ok: boolean }[];
      problems: { file: string; path: string; message: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.files.map((x) => [x.file, x.ok])).toEqual([
      [f('p1-a.json'), true],
      [f('tampered.json'), false],
    ]);
    expect(json.problems).toEqual([
      {
        file: f('tampered.json'),
        path: '$.audit[3]',
        message: 'audit entry hash does not match its content (the entry was changed)',
      },
    ]);
  });
});

describe('status', () => {
  it('prints the lesion table of the reads', async () => {
    const result = await run('status', f('p2-a.json'), f('e3.json'));
    expect(result.exitCode).toBe(0);
    const lines = squeezed(result.stdout);
    expect(lines[0]).toBe(
      'patient | reader | read | v | state | lesion | segment | timepoint | CT | DWI | T1/T2 | EOB | status | CT-DLM | reason',
    );
    expect(lines).toContain(
      'DREAM-001-0002 | reader-a | r2-1 | 1 | signed | L5 | VII | preop | disappeared | disappeared | disappeared | not-evaluable | incomplete | yes | disappeared on CT, DWI and T1/T2; not evaluable on contrast MRI (EOB)',
    );
    expect(lines).toContain(
      'DREAM-002-0003 | adjudicator | r11-1 | 1 | signed | L5 | V | preop | present | disappeared | disappeared | disappeared | partial DLM | no | disappeared on DWI, T1/T2 and contrast MRI (EOB); visible on CT',
    );
    expect(lines.at(-2)).toBe('11 lesions in 2 reads');
  });

  it('--json gives one row per lesion; bad files are problems, the rest is still listed', async () => {
    const result = await run('status', '--json', f('e1.json'), f('bad-syntax.json'));
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as {
      lesions: { lesionId: string; status: string; ctDlm: boolean; calls: object }[];
      problems: { file: string; path: string }[];
    };
    expect(json.lesions.map((l) => [l.lesionId, l.status, l.ctDlm])).toEqual([
      ['L1', 'cDLM', true],
      ['L2', 'cDLM', true],
      ['L3', 'cDLM', true],
      ['L4', 'partial DLM', true],
      ['L5', 'visible', false],
    ]);
    expect(json.lesions[3]?.calls).toEqual({
      CT: 'disappeared',
      DWI: 'disappeared',
      T1T2: 'disappeared',
      EOB: 'present',
    });
    expect(json.problems).toEqual([
      expect.objectContaining({ file: f('bad-syntax.json'), path: '$' }),
    ]);
  });
});

describe('compare', () => {
  const designed = () => [f('p1-a.json'), f('p1-b.json'), f('p2-a.json'), f('p2-b.json')];

  interface AgreementJson {
    item: string;
    n: number;
    agreements: number;
    percentAgreement: number;
    kappa: number;
    strength: string;
    counts: number[][];
    interval: { method: string; level: number };
  }
  interface CompareJson {
    ok: boolean;
    patients: { patientId: string; read1: { readerId: string }; discordances: { id: string }[] }[];
    summary: {
      matchedPairs: number;
      inOneReadOnly: { reader1: number; reader2: number };
      discordances: Record<string, number>;
      patientsWithDiscordances: number;
    };
    agreement: AgreementJson[];
    methods: { level: number; includeUnset: boolean };
    detection: { matchedPairs: number; onlyOneReader: number; positiveSpecificAgreement: number };
    problems: { file: string; path: string; message: string }[];
  }

  it('computes the agreement table of the designed pair (worked out by hand above)', async () => {
    const result = await run('compare', '--json', ...designed());
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as CompareJson;
    expect(json.summary).toMatchObject({
      matchedPairs: 10,
      inOneReadOnly: { reader1: 1, reader2: 1 },
      discordances: { 'lesion-in-one-read-only': 2, call: 6, status: 3 },
      patientsWithDiscordances: 2,
    });
    const expected: [string, number, number, string][] = [
      ['CT', 9, 0.28 / 0.38, 'substantial'],
      ['DWI', 8, 0.21 / 0.41, 'moderate'],
      ['T1T2', 9, 0.36 / 0.46, 'substantial'],
      ['EOB', 8, 0.34 / 0.54, 'substantial'],
      ['status', 7, 0.39 / 0.69, 'moderate'],
    ];
    expect(json.agreement.map((row) => row.item)).toEqual(expected.map(([item]) => item));
    expect(json.methods).toMatchObject({ level: 0.95, includeUnset: false });
    expect(json.agreement[0]?.interval).toMatchObject({
      method: 'fleiss-cohen-everitt-wald',
      level: 0.95,
    });
    expect(json.detection).toMatchObject({
      matchedPairs: 10,
      onlyOneReader: 2,
      positiveSpecificAgreement: 20 / 22,
    });
    for (const [item, agreements, kappa, strength] of expected) {
      const row = json.agreement.find((r) => r.item === item);
      expect(row?.n).toBe(10);
      expect(row?.agreements).toBe(agreements);
      expect(row?.percentAgreement).toBeCloseTo(agreements * 10, 10);
      expect(row?.kappa).toBeCloseTo(kappa, 10);
      expect(row?.strength).toBe(strength);
    }
    // Status: rows reader A, columns reader B, order cDLM, partial DLM, visible, incomplete.
    expect(json.agreement.find((r) => r.item === 'status')?.counts).toEqual([
      [3, 1, 0, 0],
      [0, 2, 1, 0],
      [0, 0, 2, 0],
      [1, 0, 0, 0],
    ]);
    expect(json.patients.map((p) => p.discordances.map((d) => d.id))).toEqual([
      ['L4~L4/EOB', 'L4~L4/status', 'R2:L6'],
      [
        'L3~L3/DWI',
        'L4~L4/CT',
        'L4~L4/DWI',
        'L4~L4/T1T2',
        'L4~L4/status',
        'L5~L5/EOB',
        'L5~L5/status',
        'R1:L6',
      ],
    ]);
  });

  it('does not depend on the order the files are named in', async () => {
    const forward = await run('compare', '--json', ...designed());
    const shuffled = await run('compare', '--json', ...[...designed()].reverse());
    expect(shuffled.stdout).toBe(forward.stdout);
    const json = JSON.parse(forward.stdout) as CompareJson;
    expect(json.patients.map((p) => p.read1.readerId)).toEqual(['reader-a', 'reader-a']);
  });

  it('prints the discordances and the agreement table as text', async () => {
    const result = await run('compare', ...designed());
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const lines = squeezed(result.stdout);
    expect(lines).toEqual(
      expect.arrayContaining([
        `DREAM-001-0001: reader 1 reader-a (${f('p1-a.json')}) vs reader 2 reader-b (${f('p1-b.json')})`,
        ' | L4~L4/EOB | call contrast MRI (EOB) | disappeared | present',
        ' | R2:L6 | lesion in one read only (reader 2) | not-registered | registered',
        'Compared 2 patients: reader-a vs reader-b (2 patients)',
        'Discordances: 11 (lesion in one read only 2, call 6, derived status 3); patients with at least one: 2 of 2 (100.0%)',
        // Detection: a = 10 matched, b = c = 1; PSA = 20/22 = 0.909.
        'Detection: reader 1 found 11, reader 2 11; matched 10; found by one reader only 2 (reader 1 1, reader 2 1)',
        expect.stringMatching(
          /^Positive specific agreement on detection 2a\/\(2a\+b\+c\): 0\.909, 95% CI \[\d\.\d{3}, \d\.\d{3}\] \(cluster bootstrap over patients, percentile, seed 20260101, 2000 resamples\)$/,
        ),
        "Agreement over 10 matched lesion pairs; lesions in one read only are not in kappa (see detection); a pair with an unset call is left out of that modality's kappa",
        'rated | n | agree | % agreement | kappa | kappa 95% CI (Wald) | kappa 95% CI (bootstrap) | unset left out | Landis & Koch',
        expect.stringMatching(
          /^CT \| 10 \| 9 \| 90\.0 \| 0\.737 \| \[-?\d\.\d{3}, \d\.\d{3}\] \| \[-?\d\.\d{3}, \d\.\d{3}\] \| 0 \| substantial$/,
        ),
        expect.stringMatching(/^DWI \| 10 \| 8 \| 80\.0 \| 0\.512 \| .* \| 0 \| moderate$/),
        expect.stringMatching(/^T1\/T2 \| 10 \| 9 \| 90\.0 \| 0\.783 \| .* \| 0 \| substantial$/),
        expect.stringMatching(
          /^contrast MRI \(EOB\) \| 10 \| 8 \| 80\.0 \| 0\.630 \| .* \| 0 \| substantial$/,
        ),
        expect.stringMatching(
          /^derived status \| 10 \| 7 \| 70\.0 \| 0\.565 \| .* \| 0 \| moderate$/,
        ),
        'Kappa intervals: Wald = Wald, Fleiss-Cohen-Everitt SE, clipped to [-1, 1], assumes independent lesions; bootstrap = cluster bootstrap over patients, percentile, seed 20260101, 2000 resamples.',
      ]),
    );
  });

  it('reports patients without exactly two reads by different readers, and still compares the rest', async () => {
    const names = ['p1-a.json', 'p1-b.json', 'p1-c.json', 'p2-a.json', 'p2-b.json', 'p3-a.json'];
    const result = await run('compare', ...[...names, 'p4-a1.json', 'p4-a2.json'].map(f));
    expect(result.exitCode).toBe(1);
    const problems = result.stderr.trimEnd().split('\n');
    expect(problems).toHaveLength(6);
    for (const name of ['p1-a.json', 'p1-b.json', 'p1-c.json']) {
      expect(problems).toContain(
        `${f(name)}: $.patientId: patient DREAM-001-0001 has 3 reads (${f('p1-a.json')}, ${f('p1-b.json')}, ${f('p1-c.json')}); compare needs exactly two reads by different readers, so the patient is left out`,
      );
    }
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${f('p3-a.json')}: \\$\\.patientId: patient DREAM-001-0003 has only one read`),
      ),
    );
    for (const name of ['p4-a1.json', 'p4-a2.json']) {
      expect(problems).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${f(name)}: \\$\\.reader\\.id: both reads of patient DREAM-001-0004 are by reader reader-a`,
          ),
        ),
      );
    }
    expect(result.stdout).toContain('Compared 1 patient: reader-a vs reader-b (1 patient)');
  });
});

describe('endpoint', () => {
  interface RowJson {
    key: string;
    nonViable: number;
    viable: number;
    evaluable: number;
    npv: number;
    clopperPearson: { lower: number; upper: number; method: string; level: number };
    wilson: { lower: number; upper: number };
    lesions: number;
    patients: number;
    evaluablePatients: number;
    notYetEvaluable: number;
    missingOutcome: number;
    perPatient: { x: number; n: number; notEvaluable: number };
    sensitivity: Record<'bestCase' | 'worstCase', { nonViable: number; evaluable: number }>;
    clusterBootstrap: { method: string; clusters: number };
    ratioEstimator: { method: string; level: number };
  }
  const reads = () => ['e1.json', 'e2.json', 'e3.json', 'e4.json'].map(f);

  it('computes the endpoint table of the designed outcomes (worked out by hand above)', async () => {
    const result = await run(
      'endpoint',
      '--any-read',
      '--json',
      '--outcomes',
      f('outcomes.csv'),
      ...reads(),
    );
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as {
      rows: RowJson[];
      patients: number;
      level: number;
      bootstrap: { seed: number; resamples: number };
      unmatchedOutcomes: { patientId: string; lesionId: string }[];
    };
    expect(json.patients).toBe(4);
    const counts = json.rows.map((r) => [
      r.key,
      r.nonViable,
      r.evaluable,
      r.lesions,
      r.patients,
      r.evaluablePatients,
      r.notYetEvaluable,
      r.missingOutcome,
    ]);
    expect(counts).toEqual([
      ['cdlm', 5, 8, 10, 3, 3, 1, 1],
      ['ct-dlm', 6, 10, 12, 3, 3, 1, 1],
      ['cdlm-ceious-not-seen', 4, 5, 8, 3, 2, 1, 2],
    ]);
    const round = (i: { lower: number; upper: number }) =>
      [i.lower, i.upper].map((x) => x.toFixed(4));
    expect(
      json.rows.map((r) => [r.npv.toFixed(4), round(r.clopperPearson), round(r.wilson)]),
    ).toEqual([
      ['0.6250', ['0.2449', '0.9148'], ['0.3057', '0.8632']],
      ['0.6000', ['0.2624', '0.8784'], ['0.3127', '0.8318']],
      ['0.8000', ['0.2836', '0.9949'], ['0.3755', '0.9638']],
    ]);
    expect(json.unmatchedOutcomes).toEqual([
      expect.objectContaining({ patientId: 'DREAM-002-0004', lesionId: 'L9' }),
    ]);
    // Per patient (all non-viable = true negative, one viable = false negative), from the design:
    //   cDLM: E1 (nv, nv, v), E2 (nv, nv, v, not yet), E3 (nv, v, missing) all false negative: 0/3.
    //   CE-IOUS not seen: E1 (nv, nv) TN; E2 (nv, nv, v, not yet) FN; E3 (missing, missing) not
    //   evaluable: 1/2. Sensitivity of cDLM: not yet as non-viable 6/9, as viable 5/9.
    expect(
      json.rows.map((r) => [r.key, r.perPatient.x, r.perPatient.n, r.perPatient.notEvaluable]),
    ).toEqual([
      ['cdlm', 0, 3, 0],
      ['ct-dlm', 0, 3, 0],
      ['cdlm-ceious-not-seen', 1, 2, 1],
    ]);
    const cdlm = json.rows[0];
    expect([cdlm?.sensitivity.bestCase.nonViable, cdlm?.sensitivity.bestCase.evaluable]).toEqual([
      6, 9,
    ]);
    expect([cdlm?.sensitivity.worstCase.nonViable, cdlm?.sensitivity.worstCase.evaluable]).toEqual([
      5, 9,
    ]);
    expect(json.level).toBe(0.95);
    expect(json.bootstrap).toEqual({ seed: 20260101, resamples: 2000 });
    expect(cdlm?.clopperPearson).toMatchObject({ method: 'clopper-pearson', level: 0.95 });
    expect(cdlm?.clusterBootstrap).toMatchObject({
      method: 'cluster-bootstrap-percentile',
      clusters: 3,
    });
    expect(cdlm?.ratioEstimator).toMatchObject({ method: 'ratio-estimator', level: 0.95 });
  });

  it('prints the endpoint table as text', async () => {
    const result = await run(
      'endpoint',
      '--any-read',
      `--outcomes=${f('outcomes.csv')}`,
      ...reads(),
    );
    expect(result.exitCode).toBe(0);
    const lines = squeezed(result.stdout);
    expect(lines).toEqual(
      expect.arrayContaining([
        'row | NPV | non-viable/evaluable | Clopper-Pearson 95% | Wilson 95% | lesions | patients | evaluable patients | not yet evaluable | missing outcome',
        'cDLM (CT+MRI) | 0.6250 | 5/8 | 0.2449-0.9148 | 0.3057-0.8632 | 10 | 3 | 3 | 1 | 1',
        'CT-DLM (CT alone) | 0.6000 | 6/10 | 0.2624-0.8784 | 0.3127-0.8318 | 12 | 3 | 3 | 1 | 1',
        'cDLM, CE-IOUS not seen (CT+MRI+CE-IOUS) | 0.8000 | 4/5 | 0.2836-0.9949 | 0.3755-0.9638 | 8 | 3 | 2 | 1 | 2',
        'Note: outcomes that match no live lesion of these reads (1):',
        ' | patient DREAM-002-0004 lesion L9',
      ]),
    );
  });

  it('names the row and column of every outcomes CSV problem, exit 1, no table', async () => {
    const result = await run(
      'endpoint',
      '--any-read',
      '--outcomes',
      f('outcomes-bad.csv'),
      ...reads(),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('No endpoint table (the outcomes file has problems).\n');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${f('outcomes-bad.csv')}: row 3, column management: expected one of "resected", "left-in-situ", got "excised"`,
      `${f('outcomes-bad.csv')}: row 3, column followUpMonths: expected a number >= 0, got "twelve"`,
    ]);
  });

  it('leaves out a patient with several reads, as a problem naming both files', async () => {
    const result = await run(
      'endpoint',
      '--any-read',
      '--json',
      '--outcomes',
      f('outcomes.csv'),
      ...reads(),
      f('e1-again.json'),
    );
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as {
      patients: number;
      rows: RowJson[];
      problems: { file: string; path: string; message: string }[];
    };
    expect(json.problems.map((p) => [p.file, p.path])).toEqual([
      [f('e1.json'), '$.patientId'],
      [f('e1-again.json'), '$.patientId'],
    ]);
    expect(json.problems[0]?.message).toMatch(
      /^patient DREAM-002-0001 has 2 reads .* the endpoint needs one read per patient/,
    );
    expect(json.patients).toBe(3);
    // Without E1 (L1, L2 non-viable, L3 viable): cDLM 3/5.
    expect(json.rows[0]).toMatchObject({ nonViable: 3, evaluable: 5, lesions: 7, patients: 2 });
  });
});

describe('node entry (end to end)', () => {
  it('runs `node scripts/reads.mjs validate` for real', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(
        process.execPath,
        ['scripts/reads.mjs', 'validate', f('p1-a.json'), f('tampered.json')],
        { cwd: ROOT },
        (error, out) => done({ code: error === null ? 0 : Number(error.code), stdout: out }),
      );
    });
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${f('p1-a.json')}: OK `)),
      `${f('tampered.json')}: $.audit[3]: audit entry hash does not match its content (the entry was changed)`,
      '2 files: 1 OK, 1 with problems (1 problem)',
      '',
    ]);
  }, 60_000);
});

describe('the review screen and the CLI give identical figures on the same reads', () => {
  /** The screen's path: import each file as the review store does, pair by its default rule. */
  async function screenPatients(names: readonly string[]): Promise<ComparedPatient[]> {
    const loaded = [];
    for (const name of names) {
      const result = await importReadJson(await readFile(f(name), 'utf8'), { sha256 });
      if (!result.ok) throw new Error(`${name} does not import`);
      loaded.push(loadedRead(result.read, { kind: 'file', name }));
    }
    return patientsOf(loaded).flatMap((patient) => {
      const compared = comparePatient(patient);
      return compared.kind === 'compared'
        ? [
            {
              read1: compared.value.first.read,
              read2: compared.value.second.read,
              comparison: compared.value.comparison,
              decisions: [],
            },
          ]
        : [];
    });
  }

  it('compare: agreement rows, detection and reader pairs', async () => {
    const names = ['p1-a.json', 'p1-b.json', 'p2-a.json', 'p2-b.json'];
    const cli = JSON.parse((await run('compare', '--json', ...names.map(f))).stdout) as {
      agreement: unknown;
      detection: unknown;
      summary: { readerPairs: unknown };
    };
    // Loaded in reverse, the screen still numbers reader A first: the one reader-order rule.
    const patients = await screenPatients([...names].reverse());
    expect(patients.map((p) => p.read1.reader.id)).toEqual(['reader-a', 'reader-a']);
    const { agreement } = reviewStatistics(patients);
    const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    expect(viaJson(agreement.rows)).toEqual(cli.agreement);
    expect(viaJson(agreement.detection)).toEqual(cli.detection);
    expect(viaJson(agreement.readerPairs)).toEqual(cli.summary.readerPairs);
  });

  it('endpoint: the rows the screen computes from the same reads and outcomes', async () => {
    const names = ['e1.json', 'e2.json', 'e3.json', 'e4.json'];
    const cli = JSON.parse(
      (
        await run(
          'endpoint',
          '--any-read',
          '--json',
          '--outcomes',
          f('outcomes.csv'),
          ...names.map(f),
        )
      ).stdout,
    ) as { rows: unknown };
    const reads = [];
    for (const name of names) {
      const result = await importReadJson(await readFile(f(name), 'utf8'), { sha256 });
      if (result.ok) reads.push(result.read);
    }
    const outcomes = parseOutcomesCsv(await readFile(f('outcomes.csv'), 'utf8'));
    if (!outcomes.ok) throw new Error('the outcomes fixture does not parse');
    // What the screen's EndpointPanel computes.
    const table = computeEndpointTable(reads, outcomes.outcomes);
    expect(JSON.parse(JSON.stringify(table.rows))).toEqual(cli.rows);
  });
});
