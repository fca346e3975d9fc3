/**
 * Hanging protocols as plain data (docs/hanging-protocols.md): which protocol fits a study is
 * decided by weighted match rules over a plain description of the study's series; the chosen
 * protocol then hangs one row per timepoint and one column per wanted role.
 */

/** One series of the study, as much as hanging needs to know about it. */
export interface StudySeries {
  /** The series' key in the catalogue (a DWI b-value stack has its own). */
  readonly key: string;
  /** Timepoint id: `baseline`, `preop`, `followup-N`, or a study's own id. */
  readonly timepoint: string;
  /** DICOM modality, e.g. `CT`, `MR`. */
  readonly modality: string;
  /** Role key, e.g. `CT_PORTAL`, `DWI_800`, `ADC`, `ADC_COMPUTED`, `T1`, `T2`, `EOB_HBP`. */
  readonly role: string;
  /** The b-value of a DWI stack, when known. */
  readonly bValue?: number;
}

/** What a match rule looks at: sets of values, or counts. */
export const SET_ATTRIBUTES = ['modalities', 'roles', 'timepoints'] as const;
export const COUNT_ATTRIBUTES = ['seriesCount', 'timepointCount'] as const;
export type SetAttribute = (typeof SET_ATTRIBUTES)[number];
export type CountAttribute = (typeof COUNT_ATTRIBUTES)[number];

/**
 * One rule: a set attribute `contains` a value (any of a list), or a count lies within
 * `atLeast`..`atMost`. A satisfied rule adds its weight; an unsatisfied `required` rule excludes
 * the protocol.
 */
export type MatchRule =
  | {
      readonly attribute: SetAttribute;
      readonly contains: string | readonly string[];
      readonly weight?: number;
      readonly required?: boolean;
    }
  | {
      readonly attribute: CountAttribute;
      readonly atLeast?: number;
      readonly atMost?: number;
      readonly weight?: number;
      readonly required?: boolean;
    };

export interface ProtocolColumn {
  readonly label: string;
  /**
   * Role patterns in order of preference: a role key (`CT_PORTAL`), a family (`EOB_*`), the DWI
   * stack with the largest b (`DWI_HIGHEST`) or any series (`*`).
   */
  readonly roles: readonly string[];
}

export interface HangingProtocol {
  readonly id: string;
  readonly name: string;
  /** `timepoints`: one row per timepoint present, in clinical order; or a list of timepoint ids. */
  readonly rows: 'timepoints' | readonly string[];
  readonly columns: readonly ProtocolColumn[];
  readonly match: readonly MatchRule[];
  /**
   * `true`: a column stays when any row fills it, and a row without its roles shows an empty
   * cell (the series was not acquired at that timepoint), so exams of different modalities at
   * different timepoints are all on screen. Absent or `false`: a column stays only when every
   * row fills it, so the grid has no empty cell.
   */
  readonly emptyCells?: boolean;
}

/** One cell of a hung grid. */
export interface HungCell {
  readonly row: number;
  readonly column: number;
  readonly timepoint: string;
  readonly label: string;
  /** Absent only in a protocol with `emptyCells`: the row's timepoint has none of the roles. */
  readonly seriesKey?: string;
}

/**
 * A protocol hung on a study: `rows.length` x `columns.length` cells, every one filled unless
 * the protocol allows empty cells; every row and every column shows at least one series.
 */
export interface HangingGrid {
  readonly protocolId: string;
  /** Timepoint of each row. */
  readonly rows: readonly string[];
  /** Label of each column. */
  readonly columns: readonly string[];
  readonly cells: readonly HungCell[];
}

/** A protocol that fits the study, its score and its grid. */
export interface ProtocolMatch {
  readonly protocol: HangingProtocol;
  readonly score: number;
  readonly grid: HangingGrid;
}
