import { describe, expect, it } from 'vitest';
import {
  BASELINE_CALLS,
  asksWhereSeen,
  baselineCallOf,
  callOfBaselineTerm,
  callTerm,
} from '../../src/domain/baselineCalls.ts';
import { findReadIssues } from '../../src/domain/checks.ts';
import { createRead } from '../../src/domain/commands.ts';
import { DomainError } from '../../src/domain/errors.ts';
import {
  CALLS,
  DEFAULT_STUDY_CONFIG,
  MODALITY_GROUPS,
  type Call,
  type Lesion,
  type ModalityAssessment,
  type ModalityGroup,
} from '../../src/domain/model.ts';
import {
  deriveLesionStatus,
  deriveLesionStatusAtStatusTimepoint,
  type CallSet,
  type LesionStatus,
} from '../../src/domain/status.ts';
import { makeContext, makeImagePoint, makeLesion, makeRead, makeReader } from './fixtures.ts';

const VALUES: readonly (Call | undefined)[] = [...CALLS, undefined];

/** Every assignment of a call or unset to the four modality groups (4^4 = 256), as a set. */
function callSet(code: number): CallSet {
  const calls: Partial<Record<ModalityGroup, Call>> = {};
  MODALITY_GROUPS.forEach((modality, i) => {
    const value = VALUES[Math.floor(code / 4 ** i) % 4];
    if (value !== undefined) calls[modality] = value;
  });
  return calls;
}

function cells(calls: CallSet): Partial<Record<ModalityGroup, ModalityAssessment>> {
  return Object.fromEntries(Object.entries(calls).map(([m, call]) => [m, { call }]));
}

describe('callTerm: the word of a call at its timepoint', () => {
  it.each<[Call, string, string]>([
    ['present', 'seen', 'present'],
    ['disappeared', 'not-seen', 'disappeared'],
    ['not-evaluable', 'not-evaluable', 'not-evaluable'],
  ])('%s reads %s at baseline and %s later', (call, atBaseline, later) => {
    expect(callTerm('baseline', call)).toBe(atBaseline);
    expect(baselineCallOf(call)).toBe(atBaseline);
    expect(callTerm('preop', call)).toBe(later);
    expect(callTerm('followup-2', call)).toBe(later);
  });

  it('maps every baseline word back to one stored call, one-to-one', () => {
    const back = BASELINE_CALLS.map(callOfBaselineTerm);
    expect(new Set(back).size).toBe(BASELINE_CALLS.length);
    for (const term of BASELINE_CALLS)
      expect(callTerm('baseline', callOfBaselineTerm(term))).toBe(term);
    expect(() => callOfBaselineTerm('gone' as never)).toThrow(RangeError);
  });

  it('asks where the lesion is seen at baseline only', () => {
    expect(asksWhereSeen('baseline')).toBe(true);
    expect(asksWhereSeen('preop')).toBe(false);
    expect(asksWhereSeen('followup-1')).toBe(false);
  });
});

describe('baseline calls and the derived status', () => {
  it('never change the status: all 256 baseline x 256 pre-op combinations', () => {
    let compared = 0;
    const differing: string[] = [];
    const seen = new Set<LesionStatus>();
    for (let pre = 0; pre < 256; pre++) {
      const preop = callSet(pre);
      const expected = deriveLesionStatus(preop, DEFAULT_STUDY_CONFIG);
      seen.add(expected.status);
      for (let base = 0; base < 256; base++) {
        const lesion = makeLesion({
          assessments: {
            baseline: { modalities: cells(callSet(base)) },
            preop: { modalities: cells(preop) },
          },
        });
        const derived = deriveLesionStatusAtStatusTimepoint(lesion, DEFAULT_STUDY_CONFIG);
        const same =
          derived.status === expected.status &&
          derived.reason === expected.reason &&
          derived.ctDlm === expected.ctDlm;
        if (!same) differing.push(`${JSON.stringify(callSet(base))} / ${JSON.stringify(preop)}`);
        compared++;
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBe(65536);
    expect(seen).toEqual(new Set(['cDLM', 'partial DLM', 'visible', 'incomplete']));
  });

  const notSeen: Call = 'disappeared';
  const gone = (): ModalityAssessment => ({ call: 'disappeared', sitePoint: makeImagePoint() });
  it.each<[string, CallSet, CallSet, LesionStatus, boolean]>([
    // [case, baseline calls, pre-op calls, status, reported as "not seen at baseline"]
    [
      'seen everywhere at baseline, gone everywhere',
      { CT: 'present', DWI: 'present', T1T2: 'present', EOB: 'present' },
      { CT: 'disappeared', DWI: 'disappeared', T1T2: 'disappeared', EOB: 'disappeared' },
      'cDLM',
      false,
    ],
    [
      'not seen on EOB at baseline, gone everywhere',
      { CT: 'present', DWI: 'present', T1T2: 'present', EOB: notSeen },
      { CT: 'disappeared', DWI: 'disappeared', T1T2: 'disappeared', EOB: 'disappeared' },
      'cDLM',
      true,
    ],
    [
      'not seen on any MRI at baseline, gone everywhere',
      { CT: 'present', DWI: notSeen, T1T2: notSeen, EOB: notSeen },
      { CT: 'disappeared', DWI: 'disappeared', T1T2: 'disappeared', EOB: 'disappeared' },
      'cDLM',
      true,
    ],
    [
      'not seen on DWI at baseline, seen on DWI pre-op',
      { CT: 'present', DWI: notSeen, T1T2: 'present', EOB: 'present' },
      { CT: 'disappeared', DWI: 'present', T1T2: 'disappeared', EOB: 'disappeared' },
      'partial DLM',
      false,
    ],
    [
      'not evaluable on T1/T2 at baseline, gone on T1/T2',
      { CT: 'present', T1T2: 'not-evaluable' },
      { CT: 'present', DWI: 'present', T1T2: 'disappeared', EOB: 'present' },
      'partial DLM',
      false,
    ],
    [
      'no baseline calls, not evaluable on DWI pre-op',
      {},
      { CT: 'disappeared', DWI: 'not-evaluable', T1T2: 'disappeared', EOB: 'disappeared' },
      'incomplete',
      false,
    ],
  ])('%s', (_, baseline, preop, status, flagged) => {
    const preopCells = Object.fromEntries(
      Object.entries(preop).map(([m, call]) => [m, call === 'disappeared' ? gone() : { call }]),
    );
    const lesion: Lesion = makeLesion({
      baselineDiameterMm: 12,
      assessments: {
        baseline: { modalities: cells(baseline) },
        preop: { modalities: preopCells },
      },
    });
    expect(deriveLesionStatusAtStatusTimepoint(lesion, DEFAULT_STUDY_CONFIG).status).toBe(status);
    const read = makeRead({ lesions: [lesion], timepointAssignment: { '1.2.3': 'preop' } });
    const reported = findReadIssues(read)
      .filter((issue) => issue.kind === 'disappeared-not-seen-at-baseline')
      .map((issue) => issue.modality);
    const expected = MODALITY_GROUPS.filter(
      (m) => baseline[m] === 'disappeared' && preop[m] === 'disappeared',
    );
    expect(reported).toEqual(expected);
    expect(reported.length > 0).toBe(flagged);
  });
});

describe('baseline calls in the consistency checks', () => {
  it('does not read "not seen" at baseline as a disappearance without a site', () => {
    const lesion = makeLesion({
      assessments: { baseline: { modalities: { DWI: { call: 'disappeared' } } } },
    });
    const kinds = findReadIssues(makeRead({ lesions: [lesion] })).map((i) => i.kind);
    expect(kinds).not.toContain('disappeared-without-site');
    expect(kinds).not.toContain('disappeared-with-diameter');
  });

  it('reports "not seen" at baseline with a size on that modality', () => {
    const lesion = makeLesion({
      assessments: { baseline: { modalities: { CT: { call: 'disappeared', diameterMm: 9 } } } },
    });
    const issues = findReadIssues(makeRead({ lesions: [lesion] }));
    expect(
      issues.filter((i) => i.kind === 'not-seen-with-diameter').map((i) => i.modality),
    ).toEqual(['CT']);
  });
});

describe('baseline as the status timepoint', () => {
  it('is refused when a read is created', () => {
    const config = { ...DEFAULT_STUDY_CONFIG, statusTimepoint: 'baseline' as const };
    expect(() =>
      createRead({ patientId: 'P1', reader: makeReader(), config }, makeContext()),
    ).toThrow(DomainError);
  });
});
