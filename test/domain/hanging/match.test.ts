/**
 * Hanging protocol matching over the app's protocols (src/viewer/protocols): which protocol wins
 * on each kind of study, its grid, and the order of the switcher's list. Every grid is checked
 * to have no empty cell (unless its protocol allows them), no empty row or column, and only
 * series of the row's timepoint.
 */
import { describe, expect, it } from 'vitest';
import {
  chooseProtocol,
  matchProtocols,
  type HangingGrid,
  type HangingProtocol,
  type StudySeries,
} from '../../../src/domain/hanging';
import { PROTOCOLS } from '../../../src/viewer/protocols';

/** A series at a timepoint with a role key (CT roles are CT, the rest MR). */
function s(timepoint: string, role: string, bValue?: number): StudySeries {
  return {
    key: `${timepoint}/${role}`,
    timepoint,
    modality: role.startsWith('CT_') ? 'CT' : 'MR',
    role,
    ...(bValue !== undefined && { bValue }),
  };
}

const dwi = (timepoint: string, ...bs: number[]) => bs.map((b) => s(timepoint, `DWI_${b}`, b));

/** A DREAM-001-like exam pair: CT and the full EOB-MRI protocol. */
const ctMr = (timepoint: string, ct: string[] = ['CT_PORTAL']): StudySeries[] => [
  ...ct.map((role) => s(timepoint, role)),
  s(timepoint, 'T2'),
  ...dwi(timepoint, 50, 400, 800),
  s(timepoint, 'ADC'),
  s(timepoint, 'T1'),
  ...['PRE', 'ARTERIAL', 'PORTAL', 'TRANSITIONAL', 'HBP'].map((p) => s(timepoint, `EOB_${p}`)),
];

const mrOnly = (timepoint: string) => ctMr(timepoint, []);

/** The grid as `timepoint/role` per row, for the tables below. */
const rowsOf = (grid: HangingGrid) =>
  grid.rows.map((_, row) => grid.cells.filter((c) => c.row === row).map((c) => c.seriesKey ?? '-'));

interface Case {
  name: string;
  series: StudySeries[];
  /** Protocol ids that fit, best first. */
  matches: string[];
  /** The best protocol's grid (or `protocol`'s), row by row; `-` for an empty cell. */
  grid: string[][];
  protocol?: string;
}

const CASES: Case[] = [
  {
    name: 'a single CT series',
    series: [s('baseline', 'CT_PORTAL')],
    matches: ['ct', 'series'],
    grid: [['baseline/CT_PORTAL']],
  },
  {
    name: 'a single MR series',
    series: [s('preop', 'T2')],
    matches: ['mr', 'series'],
    grid: [['preop/T2']],
  },
  {
    name: 'CT only at two timepoints (arterial at baseline only: no arterial column)',
    series: [s('baseline', 'CT_ARTERIAL'), s('baseline', 'CT_PORTAL'), s('preop', 'CT_PORTAL')],
    matches: ['ct', 'series'],
    grid: [['baseline/CT_PORTAL'], ['preop/CT_PORTAL']],
  },
  {
    name: 'CT only, both phases at both timepoints',
    series: ['baseline', 'preop'].flatMap((t) => [s(t, 'CT_PORTAL'), s(t, 'CT_ARTERIAL')]),
    matches: ['ct', 'series'],
    grid: [
      ['baseline/CT_PORTAL', 'baseline/CT_ARTERIAL'],
      ['preop/CT_PORTAL', 'preop/CT_ARTERIAL'],
    ],
  },
  {
    name: 'the full DREAM-001 sample',
    series: [...ctMr('baseline', ['CT_ARTERIAL', 'CT_PORTAL']), ...ctMr('preop')],
    matches: ['dlm', 'dlm-t1t2', 'mr', 'ct', 'series'],
    grid: ['baseline', 'preop'].map((t) => [
      `${t}/CT_PORTAL`,
      `${t}/DWI_800`,
      `${t}/ADC`,
      `${t}/EOB_HBP`,
    ]),
  },
  {
    name: 'MR only at two timepoints',
    series: [...mrOnly('baseline'), ...mrOnly('preop')],
    matches: ['mr', 'series'],
    grid: ['baseline', 'preop'].map((t) => [`${t}/DWI_800`, `${t}/ADC`, `${t}/T2`, `${t}/EOB_HBP`]),
  },
  {
    name: 'DWI without ADC (no ADC column)',
    series: ['baseline', 'preop'].flatMap((t) => [
      s(t, 'CT_PORTAL'),
      ...dwi(t, 50, 800),
      s(t, 'T2'),
      s(t, 'EOB_HBP'),
    ]),
    matches: ['dlm', 'dlm-t1t2', 'mr', 'ct', 'series'],
    grid: ['baseline', 'preop'].map((t) => [`${t}/CT_PORTAL`, `${t}/DWI_800`, `${t}/EOB_HBP`]),
  },
  {
    name: 'T1/T2 present, no DWI and no EOB: the T1/T2 protocol wins',
    series: ['baseline', 'preop'].flatMap((t) => [s(t, 'CT_PORTAL'), s(t, 'T2'), s(t, 'T1')]),
    // dlm and ct tie at 3: the one listed first comes first.
    matches: ['dlm-t1t2', 'mr', 'dlm', 'ct', 'series'],
    grid: ['baseline', 'preop'].map((t) => [`${t}/CT_PORTAL`, `${t}/T2`, `${t}/T1`]),
  },
  {
    name: 'three timepoints, given out of order: one row each in clinical order',
    series: [...ctMr('followup-1'), ...ctMr('baseline'), ...ctMr('preop')],
    matches: ['dlm', 'dlm-t1t2', 'mr', 'ct', 'series'],
    grid: ['baseline', 'preop', 'followup-1'].map((t) => [
      `${t}/CT_PORTAL`,
      `${t}/DWI_800`,
      `${t}/ADC`,
      `${t}/EOB_HBP`,
    ]),
  },
  {
    name: 'CT at baseline, MR at pre-op: both on screen, each where the other was not acquired',
    series: [s('baseline', 'CT_PORTAL'), s('preop', 'T2'), s('preop', 'ADC')],
    // dlm-t1t2 and mr tie at 5: the one listed first comes first.
    matches: ['dlm-t1t2', 'mr', 'dlm', 'ct', 'series'],
    grid: [
      ['baseline/CT_PORTAL', '-'],
      ['-', 'preop/T2'],
    ],
  },
  {
    name: 'DREAM-003: CT + MR baseline, CT-only pre-op, MR-only follow-up',
    series: [...ctMr('baseline'), s('preop', 'CT_PORTAL'), ...ctMr('followup-1', [])],
    matches: ['dlm', 'dlm-t1t2', 'mr', 'ct', 'series'],
    grid: [
      ['baseline/CT_PORTAL', 'baseline/DWI_800', 'baseline/ADC', 'baseline/EOB_HBP'],
      ['preop/CT_PORTAL', '-', '-', '-'],
      ['-', 'followup-1/DWI_800', 'followup-1/ADC', 'followup-1/EOB_HBP'],
    ],
  },
  {
    name: 'MR only in one row: a strict protocol hangs only the rows it can fill',
    series: [s('baseline', 'CT_PORTAL'), s('preop', 'T2'), s('preop', 'ADC')],
    matches: ['dlm-t1t2', 'mr', 'dlm', 'ct', 'series'],
    protocol: 'mr',
    grid: [['preop/ADC', 'preop/T2']],
  },
  {
    name: 'only series of an unknown role: MRI fits by its rules but hangs nothing',
    series: [s('baseline', 'OTHER'), s('preop', 'OTHER')],
    matches: ['series'],
    grid: [['baseline/OTHER'], ['preop/OTHER']],
  },
  { name: 'nothing', series: [], matches: [], grid: [] },
];

describe('matchProtocols over the app’s protocols', () => {
  it.each(CASES.map((c) => [c.name, c]))('%s', (_name, c) => {
    const matches = matchProtocols(PROTOCOLS, c.series);
    expect(matches.map((m) => m.protocol.id)).toEqual(c.matches);
    const best = chooseProtocol(matches, c.protocol);
    expect(best?.protocol.id).toBe(c.protocol ?? c.matches[0]);
    expect(best ? rowsOf(best.grid) : []).toEqual(c.grid);
    const byKey = new Map(c.series.map((x) => [x.key, x]));
    for (const { grid, protocol } of matches) {
      // Every cell there, filled unless the protocol allows empty cells; every row and column
      // shows a series; every series at its row's timepoint, none twice in a row.
      expect(grid.cells).toHaveLength(grid.rows.length * grid.columns.length);
      if (protocol.emptyCells !== true) {
        expect(grid.cells.every((cell) => cell.seriesKey !== undefined)).toBe(true);
      }
      for (let row = 0; row < grid.rows.length; row++) {
        expect(grid.cells.some((x) => x.row === row && x.seriesKey !== undefined)).toBe(true);
      }
      for (let column = 0; column < grid.columns.length; column++) {
        expect(grid.cells.some((x) => x.column === column && x.seriesKey !== undefined)).toBe(true);
      }
      for (const cell of grid.cells) {
        if (cell.seriesKey === undefined) continue;
        expect(byKey.get(cell.seriesKey)?.timepoint).toBe(grid.rows[cell.row]);
      }
      for (let row = 0; row < grid.rows.length; row++) {
        const keys = grid.cells.flatMap((x) => (x.row === row && x.seriesKey) || []);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });

  it('scores stay in order: each match scores at least as much as the next', () => {
    for (const c of CASES) {
      const scores = matchProtocols(PROTOCOLS, c.series).map((m) => m.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('reaches T1/T2 on the full sample through the second protocol', () => {
    const sample = [...ctMr('baseline', ['CT_ARTERIAL', 'CT_PORTAL']), ...ctMr('preop')];
    const t1t2 = chooseProtocol(matchProtocols(PROTOCOLS, sample), 'dlm-t1t2');
    expect(t1t2?.protocol.id).toBe('dlm-t1t2');
    expect(t1t2 && rowsOf(t1t2.grid)[0]).toEqual([
      'baseline/CT_PORTAL',
      'baseline/T2',
      'baseline/T1',
      'baseline/EOB_HBP',
    ]);
  });
});

describe('scoring rules', () => {
  const protocol = (id: string, match: HangingProtocol['match']): HangingProtocol => ({
    id,
    name: id,
    rows: 'timepoints',
    columns: [{ label: 'any', roles: ['*'] }],
    match,
  });
  const study = [s('baseline', 'CT_PORTAL'), s('baseline', 'EOB_HBP'), s('preop', 'CT_PORTAL')];
  const scoreOf = (rules: HangingProtocol['match']) =>
    matchProtocols([protocol('p', rules)], study)[0]?.score;

  it.each<[string, HangingProtocol['match'], number | undefined]>([
    ['no rules: 0', [], 0],
    [
      'a satisfied rule adds its weight',
      [{ attribute: 'modalities', contains: 'CT', weight: 4 }],
      4,
    ],
    [
      'an unsatisfied one adds nothing',
      [{ attribute: 'modalities', contains: 'US', weight: 4 }],
      0,
    ],
    ['a role family counts', [{ attribute: 'roles', contains: 'EOB', weight: 2 }], 2],
    ['so does an exact role key', [{ attribute: 'roles', contains: 'EOB_HBP', weight: 2 }], 2],
    ['a list is any of', [{ attribute: 'roles', contains: ['T1', 'CT'], weight: 3 }], 3],
    ['a timepoint', [{ attribute: 'timepoints', contains: 'preop', weight: 1 }], 1],
    ['a count within bounds', [{ attribute: 'seriesCount', atLeast: 3, atMost: 3, weight: 5 }], 5],
    ['a count out of bounds', [{ attribute: 'timepointCount', atLeast: 3, weight: 5 }], 0],
    [
      'an unsatisfied required rule excludes',
      [
        { attribute: 'modalities', contains: 'CT', weight: 9 },
        { attribute: 'modalities', contains: 'US', weight: 1, required: true },
      ],
      undefined,
    ],
    [
      'a satisfied required rule adds like any other',
      [{ attribute: 'modalities', contains: 'MR', weight: 1, required: true }],
      1,
    ],
  ])('%s', (_name, rules, score) => {
    expect(scoreOf(rules)).toBe(score);
  });

  it('leaves out a protocol that would hang nothing', () => {
    const nothing: HangingProtocol = {
      ...protocol('t2', [{ attribute: 'modalities', contains: 'CT', weight: 10 }]),
      columns: [{ label: 'T2', roles: ['T2'] }],
    };
    expect(matchProtocols([nothing, protocol('any', [])], study).map((m) => m.protocol.id)).toEqual(
      ['any'],
    );
  });

  it('breaks ties by catalogue order, whatever the order of the series', () => {
    const a = protocol('a', [{ attribute: 'modalities', contains: 'CT', weight: 1 }]);
    const b = protocol('b', [{ attribute: 'roles', contains: 'EOB', weight: 1 }]);
    const reversed = [...study].reverse();
    for (const series of [study, reversed]) {
      expect(matchProtocols([a, b], series).map((m) => m.protocol.id)).toEqual(['a', 'b']);
      expect(matchProtocols([b, a], series).map((m) => m.protocol.id)).toEqual(['b', 'a']);
    }
  });
});

describe('chooseProtocol', () => {
  // CT only: the DLM protocols need MR.
  const matches = matchProtocols(PROTOCOLS, [s('baseline', 'CT_PORTAL'), s('preop', 'CT_PORTAL')]);

  it.each([
    ['no choice: the best', undefined, 'ct'],
    ['a choice that fits', 'series', 'series'],
    ['a choice that does not fit this study: the best', 'dlm', 'ct'],
    ['an unknown id: the best', 'nope', 'ct'],
  ])('%s', (_name, chosen, shown) => {
    expect(chooseProtocol(matches, chosen)?.protocol.id).toBe(shown);
  });

  it('is undefined when nothing fits', () => {
    expect(chooseProtocol([], 'dlm')).toBeUndefined();
  });
});
