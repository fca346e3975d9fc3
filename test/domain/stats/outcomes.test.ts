import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { DEFAULT_STUDY_CONFIG, type LesionId } from '../../../src/domain/model.ts';
import {
  IOUS_FINDINGS,
  MANAGEMENTS,
  OUTCOME_COLUMNS,
  PATHOLOGIES,
  classifyOutcome,
  isIsoDate,
  lesionOutcomeSchema,
  lesionOutcomesSchema,
  type LesionOutcome,
  type OutcomeClass,
} from '../../../src/domain/stats/outcomes.ts';
import { formatOutcomeProblem, parseOutcomesCsv } from '../../../src/domain/stats/outcomesCsv.ts';

const base = { patientId: 'DREAM-001-0001', lesionId: 'L1' as LesionId };

describe('classifyOutcome (docs/statistics.md)', () => {
  it.each<[string, LesionOutcome | undefined, OutcomeClass, string]>([
    ['no outcome', undefined, 'missing', 'no outcome recorded'],
    ['management unset', { ...base }, 'missing', 'management not recorded'],
    [
      'resected, non-viable',
      { ...base, management: 'resected', pathology: 'non-viable' },
      'non-viable',
      'resected; no viable tumour cells at pathology',
    ],
    [
      'resected, viable',
      { ...base, management: 'resected', pathology: 'viable' },
      'viable',
      'resected; viable tumour cells at pathology',
    ],
    [
      'resected, pathology unset',
      { ...base, management: 'resected' },
      'missing',
      'resected; pathology not recorded',
    ],
    [
      'resected, non-viable, with a later local recurrence: pathology decides',
      {
        ...base,
        management: 'resected',
        pathology: 'non-viable',
        localRecurrence: 'yes',
        followUpMonths: 6,
      },
      'non-viable',
      'resected; no viable tumour cells at pathology',
    ],
    [
      'left in situ, recurrence with date',
      { ...base, management: 'left-in-situ', localRecurrence: 'yes', recurrenceDate: '2025-03-01' },
      'viable',
      'left in situ; local recurrence on 2025-03-01',
    ],
    [
      'left in situ, recurrence without date or months',
      { ...base, management: 'left-in-situ', localRecurrence: 'yes' },
      'viable',
      'left in situ; local recurrence',
    ],
    [
      'left in situ, no recurrence, 24 months (boundary)',
      { ...base, management: 'left-in-situ', localRecurrence: 'no', followUpMonths: 24 },
      'non-viable',
      'left in situ; no local recurrence in 24 months of follow-up',
    ],
    [
      'left in situ, no recurrence, 36 months',
      { ...base, management: 'left-in-situ', localRecurrence: 'no', followUpMonths: 36 },
      'non-viable',
      'left in situ; no local recurrence in 36 months of follow-up',
    ],
    [
      'left in situ, no recurrence, 23.9 months',
      { ...base, management: 'left-in-situ', localRecurrence: 'no', followUpMonths: 23.9 },
      'not-yet-evaluable',
      'left in situ; no local recurrence after 23.9 months of follow-up (24 needed)',
    ],
    [
      'left in situ, no recurrence, 0 months',
      { ...base, management: 'left-in-situ', localRecurrence: 'no', followUpMonths: 0 },
      'not-yet-evaluable',
      'left in situ; no local recurrence after 0 months of follow-up (24 needed)',
    ],
    [
      'left in situ, no recurrence, months unset',
      { ...base, management: 'left-in-situ', localRecurrence: 'no' },
      'missing',
      'left in situ, no local recurrence; months of follow-up not recorded',
    ],
    [
      'left in situ, recurrence unset',
      { ...base, management: 'left-in-situ', followUpMonths: 30 },
      'missing',
      'left in situ; local recurrence not recorded',
    ],
  ])('%s', (_name, outcome, kind, reason) => {
    expect(classifyOutcome(outcome, DEFAULT_STUDY_CONFIG)).toEqual({ kind, reason });
  });

  it('uses the configured minimum follow-up', () => {
    const outcome: LesionOutcome = {
      ...base,
      management: 'left-in-situ',
      localRecurrence: 'no',
      followUpMonths: 12,
    };
    const config = { ...DEFAULT_STUDY_CONFIG, minFollowUpMonths: 12 };
    expect(classifyOutcome(outcome, config).kind).toBe('non-viable');
    expect(classifyOutcome(outcome, { ...config, minFollowUpMonths: 18 }).kind).toBe(
      'not-yet-evaluable',
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a minimum follow-up of %f',
    (minFollowUpMonths) => {
      const call = () => classifyOutcome(base, { ...DEFAULT_STUDY_CONFIG, minFollowUpMonths });
      expect(call).toThrow(DomainError);
      expect(call).toThrow(/follow-up/);
    },
  );
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-28', true],
    ['2023-12-31', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-04-31', false],
    ['2024-4-3', false],
    ['2024-04-03T00:00:00Z', false],
    ['', false],
  ])('%s -> %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

const HEADER = OUTCOME_COLUMNS.join(',');

describe('parseOutcomesCsv: valid files', () => {
  it('parses every column, RFC 4180 quoting and CRLF', () => {
    const csv = [
      HEADER,
      'P1,L1,resected,non-viable,,,,not-seen',
      '"P,2",L3,left-in-situ,,yes,2025-06-30,14.5,seen',
      '"P ""3""",L2,left-in-situ,,no,,24,',
      '',
    ].join('\r\n');
    expect(parseOutcomesCsv(csv)).toEqual({
      ok: true,
      outcomes: [
        {
          patientId: 'P1',
          lesionId: 'L1',
          management: 'resected',
          pathology: 'non-viable',
          ceIous: 'not-seen',
        },
        {
          patientId: 'P,2',
          lesionId: 'L3',
          management: 'left-in-situ',
          localRecurrence: 'yes',
          recurrenceDate: '2025-06-30',
          followUpMonths: 14.5,
          ceIous: 'seen',
        },
        {
          patientId: 'P "3"',
          lesionId: 'L2',
          management: 'left-in-situ',
          localRecurrence: 'no',
          followUpMonths: 24,
        },
      ],
    });
  });

  it('accepts snake_case headers in any order, a BOM, LF, loose words and no final newline', () => {
    const csv =
      '\uFEFFlesion_id, Patient ID ,Management,CE_IOUS,local_recurrence,follow_up_months\n' +
      ' L2 , P1 ,Left in situ,Not Seen,NO,"30"\n' +
      '\n' +
      'L1,P1,RESECTED,,,';
    expect(parseOutcomesCsv(csv)).toEqual({
      ok: true,
      outcomes: [
        {
          patientId: 'P1',
          lesionId: 'L2',
          management: 'left-in-situ',
          ceIous: 'not-seen',
          localRecurrence: 'no',
          followUpMonths: 30,
        },
        { patientId: 'P1', lesionId: 'L1', management: 'resected' },
      ],
    });
  });

  it('a quoted field may hold a line break; rows count records, not lines', () => {
    const csv = 'patientId,lesionId,followUpMonths\n"P\n1",L1,abc\n';
    const result = parseOutcomesCsv(csv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatOutcomeProblem)).toEqual([
        'row 2, column followUpMonths: expected a number >= 0, got "abc"',
      ]);
    }
  });

  it('a header only gives no outcomes', () => {
    expect(parseOutcomesCsv(`${HEADER}\r\n`)).toEqual({ ok: true, outcomes: [] });
  });
});

/** The problems of a CSV as text, or a failure when it parsed. */
function problemsOf(csv: string): string[] {
  const result = parseOutcomesCsv(csv);
  if (result.ok) throw new Error('expected problems, the CSV parsed');
  return result.problems.map(formatOutcomeProblem);
}

describe('parseOutcomesCsv: problems', () => {
  it('reports every problem at once with row and column, and returns no outcomes', () => {
    const csv = [
      HEADER,
      'P1,L1,resected,non-viable,,,,seen', // row 2: fine
      'P1,L2,left-in-situ,,no,,abc,', // row 3
      'P1,X9,removed,maybe,perhaps,2025-02-30,-1,unsure', // row 4
      ',L1,,,,,,', // row 5
      'P1,L1,resected,viable,,,,', // row 6: duplicate of row 2
    ].join('\n');
    const result = parseOutcomesCsv(csv);
    expect(result).not.toHaveProperty('outcomes');
    expect(problemsOf(csv)).toEqual([
      'row 3, column followUpMonths: expected a number >= 0, got "abc"',
      'row 4, column lesionId: expected a lesion id like "L1", got "X9"',
      'row 4, column management: expected one of "resected", "left-in-situ", got "removed"',
      'row 4, column pathology: expected one of "viable", "non-viable", got "maybe"',
      'row 4, column localRecurrence: expected one of "yes", "no", got "perhaps"',
      'row 4, column recurrenceDate: expected a date YYYY-MM-DD, got "2025-02-30"',
      'row 4, column followUpMonths: expected a number >= 0, got "-1"',
      'row 4, column ceIous: expected one of "seen", "not-seen", got "unsure"',
      'row 5, column patientId: a value is required',
      'row 6, column lesionId: patient P1 lesion L1 is already on row 2',
    ]);
  });

  it.each<[string, string, string[]]>([
    ['empty file', '', ['row 1: the header row is missing']],
    [
      'unknown and repeated columns, required column missing',
      'patientId,lesion,patient_id\nP1,L1,P1\n',
      [
        'row 1, column lesion: unknown column; expected ' + OUTCOME_COLUMNS.join(', '),
        'row 1, column patient_id: column given twice',
        'row 1, column lesionId: required column is missing',
      ],
    ],
    [
      'wrong number of fields',
      'patientId,lesionId\nP1,L1,extra\nP2\n',
      ['row 2: expected 2 fields, got 3', 'row 3: expected 2 fields, got 1'],
    ],
    [
      'unclosed quote',
      'patientId,lesionId\n"P1,L1\n',
      ['row 2: a quoted field is not closed (missing ")'],
    ],
    [
      'text after a closing quote',
      'patientId,lesionId\n"P1"x,L1\n',
      ['row 2: unexpected "x" after a closing quote'],
    ],
    [
      'quote inside an unquoted field',
      'patientId,lesionId\nP"1,L1\n',
      ['row 2: a quote inside an unquoted field (quote the whole field)'],
    ],
    [
      'pathology on a lesion left in situ',
      'patientId,lesionId,management,pathology\nP1,L1,left-in-situ,viable\n',
      [
        'row 2, column pathology: pathology is recorded for resected lesions only, ' +
          'this one was left in situ',
      ],
    ],
    [
      'recurrence date without recurrence',
      'patientId,lesionId,localRecurrence,recurrenceDate\nP1,L1,no,2025-01-01\n',
      ['row 2, column recurrenceDate: a recurrence date needs localRecurrence "yes"'],
    ],
    [
      'numbers that are not plain decimals',
      'patientId,lesionId,followUpMonths\nP1,L1,1e3\nP1,L2,Infinity\nP1,L3,0x10\n',
      [
        'row 2, column followUpMonths: expected a number >= 0, got "1e3"',
        'row 3, column followUpMonths: expected a number >= 0, got "Infinity"',
        'row 4, column followUpMonths: expected a number >= 0, got "0x10"',
      ],
    ],
  ])('%s', (_name, csv, problems) => {
    expect(problemsOf(csv)).toEqual(problems);
  });
});

describe('parseOutcomesCsv: round trip (property)', () => {
  /** An RFC 4180 writer for the test: quote every field that needs it. */
  const field = (value: string | number | undefined): string => {
    if (value === undefined) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const outcome: fc.Arbitrary<LesionOutcome> = fc
    .record({
      patientId: fc
        .string({ minLength: 1, maxLength: 12 })
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      lesionId: fc.integer({ min: 1, max: 99 }).map((n): LesionId => `L${n}`),
      management: optional(fc.constantFrom(...MANAGEMENTS)),
      pathology: optional(fc.constantFrom(...PATHOLOGIES)),
      recurrence: fc.constantFrom('yes-dated', 'yes', 'no', undefined),
      followUpMonths: optional(fc.integer({ min: 0, max: 1200 }).map((n) => n / 10)),
      ceIous: optional(fc.constantFrom(...IOUS_FINDINGS)),
    })
    .map(({ recurrence, pathology, ...rest }) => {
      const o: Record<string, unknown> = { ...rest };
      if (rest.management === 'resected' && pathology !== undefined) o.pathology = pathology;
      if (recurrence !== undefined) o.localRecurrence = recurrence === 'no' ? 'no' : 'yes';
      if (recurrence === 'yes-dated') o.recurrenceDate = '2024-02-29';
      for (const key of Object.keys(o)) if (o[key] === undefined) delete o[key];
      return o as unknown as LesionOutcome;
    });

  it('write -> parse gives the same outcomes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(outcome, {
          maxLength: 8,
          selector: (o) => `${o.patientId}\n${o.lesionId}`,
        }),
        (outcomes) => {
          const lines = [
            HEADER,
            ...outcomes.map((o) => OUTCOME_COLUMNS.map((c) => field(o[c])).join(',')),
          ];
          expect(parseOutcomesCsv(lines.join('\r\n'))).toEqual({ ok: true, outcomes });
        },
      ),
    );
  });
});

describe('zod schema for outcomes as JSON', () => {
  it('accepts a valid list', () => {
    const outcomes = [
      { patientId: 'P1', lesionId: 'L1', management: 'resected', pathology: 'viable' },
      { patientId: 'P1', lesionId: 'L2' },
    ];
    expect(lesionOutcomesSchema.parse(outcomes)).toEqual(outcomes);
  });

  it.each<[string, unknown, string[]]>([
    ['unknown key', { ...base, extra: 1 }, ['']],
    ['bad lesion id', { ...base, lesionId: 'X1' }, ['lesionId']],
    ['negative months', { ...base, followUpMonths: -2 }, ['followUpMonths']],
    [
      'bad date',
      { ...base, localRecurrence: 'yes', recurrenceDate: '2025-02-30' },
      ['recurrenceDate'],
    ],
    [
      'pathology on a lesion left in situ',
      { ...base, management: 'left-in-situ', pathology: 'viable' },
      ['pathology'],
    ],
  ])('refuses %s', (_name, value, paths) => {
    const result = lesionOutcomeSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(paths);
  });

  it('refuses a lesion given twice', () => {
    const result = lesionOutcomesSchema.safeParse([base, base]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['1.lesionId']);
  });
});
