/** Hanging one protocol on a study, timepoint order, and the protocol data's checks. */
import { describe, expect, it } from 'vitest';
import {
  compareTimepoints,
  hangStudy,
  parseProtocol,
  protocolProblems,
  type HangingProtocol,
  type StudySeries,
} from '../../../src/domain/hanging';

const s = (key: string, timepoint: string, role: string, bValue?: number): StudySeries => ({
  key,
  timepoint,
  modality: role.startsWith('CT') ? 'CT' : 'MR',
  role,
  ...(bValue !== undefined && { bValue }),
});

const protocol = (
  columns: [string, string[]][],
  rows: HangingProtocol['rows'] = 'timepoints',
): HangingProtocol => ({
  id: 'p',
  name: 'p',
  rows,
  columns: columns.map(([label, roles]) => ({ label, roles })),
  match: [],
});

/** The grid as rows of series keys (`-` for an empty cell). */
function hung(p: HangingProtocol, series: StudySeries[]): string[][] {
  const grid = hangStudy(p, series);
  return grid.rows.map((_, row) =>
    grid.cells.filter((c) => c.row === row).map((c) => c.seriesKey ?? '-'),
  );
}

describe('hangStudy', () => {
  it.each<[string, HangingProtocol, StudySeries[], string[][]]>([
    [
      'role preference in order, per row',
      protocol([['CT', ['CT_PORTAL', 'CT_ARTERIAL']]]),
      [
        s('a', 'baseline', 'CT_ARTERIAL'),
        s('p', 'baseline', 'CT_PORTAL'),
        s('q', 'preop', 'CT_ARTERIAL'),
      ],
      [['p'], ['q']],
    ],
    [
      'a series is hung once per row: the second column takes another or is left out',
      protocol([
        ['first', ['CT_PORTAL', 'CT_ARTERIAL']],
        ['arterial', ['CT_ARTERIAL']],
      ]),
      [s('a', 'baseline', 'CT_ARTERIAL')],
      [['a']],
    ],
    [
      'the DWI stack with the largest known b',
      protocol([['DWI', ['DWI_HIGHEST']]]),
      [
        s('u', 'baseline', 'DWI_UNKNOWN'),
        s('d8', 'baseline', 'DWI_800', 800),
        s('d1', 'baseline', 'DWI_1000', 1000),
        s('d0', 'baseline', 'DWI_0', 0),
      ],
      [['d1']],
    ],
    [
      'a family pattern and the any-series pattern',
      protocol([
        ['EOB', ['EOB_*']],
        ['any', ['*']],
      ]),
      [
        s('t2', 'baseline', 'T2'),
        s('art', 'baseline', 'EOB_ARTERIAL'),
        s('hbp', 'baseline', 'EOB_HBP'),
      ],
      [['art', 't2']],
    ],
    [
      'a timepoint with nothing to hang is left out',
      protocol([['CT', ['CT_PORTAL']]]),
      [
        s('b', 'baseline', 'CT_PORTAL'),
        s('x', 'preop', 'OTHER'),
        s('f', 'followup-1', 'CT_PORTAL'),
      ],
      [['b'], ['f']],
    ],
    [
      'a column one row cannot fill is left out',
      protocol([
        ['CT', ['CT_PORTAL']],
        ['T2', ['T2']],
      ]),
      [s('b', 'baseline', 'CT_PORTAL'), s('t2', 'baseline', 'T2'), s('p', 'preop', 'CT_PORTAL')],
      [['b'], ['p']],
    ],
    [
      'no column fills every row: nothing',
      protocol([
        ['CT', ['CT_PORTAL']],
        ['T2', ['T2']],
      ]),
      [s('b', 'baseline', 'CT_PORTAL'), s('t2', 'preop', 'T2')],
      [],
    ],
    [
      'rows listed by the protocol, in its order',
      protocol([['CT', ['CT_PORTAL']]], ['preop', 'baseline']),
      [
        s('b', 'baseline', 'CT_PORTAL'),
        s('p', 'preop', 'CT_PORTAL'),
        s('f', 'followup-1', 'CT_PORTAL'),
      ],
      [['p'], ['b']],
    ],
    [
      'empty cells allowed: a column any row fills stays, the others show nothing',
      {
        ...protocol([
          ['CT', ['CT_PORTAL']],
          ['T2', ['T2']],
          ['ADC', ['ADC']],
        ]),
        emptyCells: true,
      },
      [
        s('b', 'baseline', 'CT_PORTAL'),
        s('t2', 'baseline', 'T2'),
        s('p', 'preop', 'CT_PORTAL'),
        s('f', 'followup-1', 'T2'),
        s('x', 'followup-2', 'OTHER'),
      ],
      [
        ['b', 't2'],
        ['p', '-'],
        ['-', 'f'],
      ],
    ],
  ])('%s', (_name, p, series, expected) => {
    expect(hung(p, series)).toEqual(expected);
  });

  it('names each row’s timepoint and each column’s label', () => {
    const grid = hangStudy(
      protocol([
        ['CT', ['CT_PORTAL']],
        ['T2', ['T2']],
        ['T1', ['T1']],
      ]),
      [
        s('b', 'baseline', 'CT_PORTAL'),
        s('bt', 'baseline', 'T2'),
        s('p', 'preop', 'CT_PORTAL'),
        s('pt', 'preop', 'T2'),
      ],
    );
    expect(grid.rows).toEqual(['baseline', 'preop']);
    expect(grid.columns).toEqual(['CT', 'T2']);
    expect(grid.cells.map((c) => `${c.row}${c.column}:${c.timepoint}:${c.label}`)).toEqual([
      '00:baseline:CT',
      '01:baseline:T2',
      '10:preop:CT',
      '11:preop:T2',
    ]);
  });
});

describe('compareTimepoints', () => {
  it('sorts clinically, follow-ups by number, other ids last', () => {
    const ids = ['week-3', 'followup-10', 'preop', 'followup-2', 'baseline', 'another'];
    expect([...ids].sort(compareTimepoints)).toEqual([
      'baseline',
      'preop',
      'followup-2',
      'followup-10',
      'another',
      'week-3',
    ]);
  });
});

describe('protocolProblems names every problem by its path', () => {
  const good = {
    id: 'a',
    name: 'A',
    rows: 'timepoints',
    columns: [{ label: 'x', roles: ['*'] }],
    match: [],
  };

  it.each<[string, unknown, string[]]>([
    ['a good protocol', good, []],
    ['not an object', null, ['$: an object is needed']],
    ['an empty id', { ...good, id: '' }, ['$.id: a non-empty string is needed']],
    [
      'rows',
      { ...good, rows: [] },
      ['$.rows: "timepoints" or a non-empty list of timepoint ids is needed'],
    ],
    [
      'a column',
      { ...good, columns: [{ label: 1, roles: [] }] },
      [
        '$.columns[0].label: a string is needed',
        '$.columns[0].roles: a non-empty list of role patterns is needed',
      ],
    ],
    ['no match list', { ...good, match: undefined }, ['$.match: a list of rules is needed']],
    [
      'rules',
      {
        ...good,
        match: [
          { attribute: 'colour', contains: 'red' },
          { attribute: 'roles', contains: [] },
          { attribute: 'seriesCount' },
          { attribute: 'seriesCount', atLeast: '2', weight: 'x', required: 'yes' },
        ],
      },
      [
        '$.match[0].attribute: one of modalities, roles, timepoints, seriesCount, timepointCount is needed',
        '$.match[1].contains: a value or a non-empty list of values is needed',
        '$.match[2]: atLeast or atMost is needed',
        '$.match[3].atLeast: a number is needed',
        '$.match[3].weight: a number is needed',
        '$.match[3].required: true or false is needed',
      ],
    ],
  ])('%s', (_name, value, problems) => {
    expect(protocolProblems(value)).toEqual(problems);
  });

  it('parseProtocol refuses a bad protocol with its problems', () => {
    expect(() => parseProtocol({ ...good, id: '' })).toThrow('$.id: a non-empty string is needed');
    expect(() => parseProtocol({ ...good, emptyCells: 'yes' })).toThrow(
      '$.emptyCells: true or false is needed',
    );
    expect(parseProtocol({ ...good, emptyCells: true }).emptyCells).toBe(true);
    expect(parseProtocol(good).id).toBe('a');
  });
});
