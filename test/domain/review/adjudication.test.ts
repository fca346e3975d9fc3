/**
 * Adjudication (docs/domain.md §7): decisions are checked for completeness and validity, and the
 * consensus read is an ordinary read, built by commands whose audit entries carry the reasons,
 * with its provenance beside it; it survives sealing, export and import.
 */
import { describe, expect, it } from 'vitest';
import { sealAudit, verifyAuditChain } from '../../../src/domain/audit.ts';
import { addLesion, assignTimepoint, createRead, setCall } from '../../../src/domain/commands.ts';
import { exportReadJson } from '../../../src/domain/exportRead.ts';
import { importReadJson } from '../../../src/domain/importRead.ts';
import { sign } from '../../../src/domain/lifecycle.ts';
import {
  DEFAULT_STUDY_CONFIG,
  worldPoint,
  type Call,
  type CommandContext,
  type CouinaudSegment,
  type LesionId,
  type ModalityGroup,
  type Read,
  type Reader,
} from '../../../src/domain/model.ts';
import {
  buildConsensus,
  checkAdjudication,
  type AdjudicationDecision,
  type AdjudicationProblemCode,
} from '../../../src/domain/review/adjudication.ts';
import { compareReads } from '../../../src/domain/review/discordance.ts';
import { deriveReadStatuses } from '../../../src/domain/status.ts';
import { deepFreeze, makeContext, makeImagePoint, sha256 } from '../fixtures.ts';

const PATIENT = 'DREAM-042-0007';
const READER_1: Reader = { id: 'central-1', name: 'Dr One' };
const READER_2: Reader = { id: 'central-2', name: 'Dr Two' };
const ADJUDICATOR: Reader = { id: 'adjudicator', name: 'Dr Adjudicator' };
const PREOP_STUDY = '1.2.3.200';

interface LesionSpec {
  readonly segment?: CouinaudSegment;
  readonly at?: number;
  readonly diameterMm?: number;
  readonly calls: Partial<Record<ModalityGroup, Call>>;
}

const GONE = {
  CT: 'disappeared',
  DWI: 'disappeared',
  T1T2: 'disappeared',
  EOB: 'disappeared',
} as const;

/** A read built by the real commands and signed, as the central readers would leave it. */
function signedRead(
  reader: Reader,
  lesions: readonly LesionSpec[],
  ctx: CommandContext,
  options: { readonly sign?: boolean; readonly patientId?: string } = {},
): Read {
  let read = createRead({ patientId: options.patientId ?? PATIENT, reader }, ctx);
  read = assignTimepoint(read, { studyInstanceUid: PREOP_STUDY, timepoint: 'preop' }, ctx);
  lesions.forEach((spec, index) => {
    read = addLesion(
      read,
      {
        segment: spec.segment,
        baselineDiameterMm: spec.diameterMm,
        ...(spec.at !== undefined && {
          baselineLocation: makeImagePoint({ point: worldPoint(spec.at, 10, 20) }),
        }),
      },
      ctx,
    );
    const lesionId: LesionId = `L${index + 1}`;
    for (const [modality, call] of Object.entries(spec.calls)) {
      read = setCall(
        read,
        { lesionId, timepoint: 'preop', modality: modality as ModalityGroup, call },
        ctx,
      );
    }
  });
  return options.sign === false
    ? read
    : sign(read, { signerName: reader.name, meaning: 'Review' }, ctx);
}

/**
 * Reader 1: L1 VII cDLM; L2 V partial (CT present); L3 II visible (only reader 1).
 * Reader 2: L1 VII partial (EOB present), 3 mm away; L2 V as reader 1 but no diameter;
 * L3 VI CT present only (only reader 2).
 */
function scenario() {
  const ctx = makeContext('2026-02-01T08:00:00.000Z');
  const read1 = signedRead(
    READER_1,
    [
      { segment: 'VII', at: 0, diameterMm: 12, calls: GONE },
      { segment: 'V', at: 50, diameterMm: 20, calls: { ...GONE, CT: 'present' } },
      {
        segment: 'II',
        at: 100,
        calls: { CT: 'present', DWI: 'present', T1T2: 'present', EOB: 'present' },
      },
    ],
    ctx,
  );
  const read2 = signedRead(
    READER_2,
    [
      { segment: 'VII', at: 3, diameterMm: 14, calls: { ...GONE, EOB: 'present' } },
      { at: 52, calls: { ...GONE, CT: 'present' } },
      { segment: 'VI', at: 200, calls: { CT: 'present' } },
    ],
    ctx,
  );
  return { read1: deepFreeze(read1), read2: deepFreeze(read2) };
}

const decide = (
  discordanceId: string,
  choice: AdjudicationDecision['choice'],
  reason: string,
  ownValue?: AdjudicationDecision['ownValue'],
): AdjudicationDecision => ({
  discordanceId,
  choice,
  reason,
  ...(ownValue !== undefined && { ownValue }),
});

const COMPLETE: AdjudicationDecision[] = [
  decide('L1~L1/EOB', 'reader1', 'HBP: no residual defect at the site'),
  decide('L1~L1/status', 'reader1', 'follows the EOB decision'),
  decide('R1:L3', 'reader1', 'clearly a metastasis on baseline portal venous CT'),
  decide('R2:L3', 'reader1', 'a cyst, not a metastasis'),
];

describe('the scenario', () => {
  it('has the expected discordances', () => {
    const { read1, read2 } = scenario();
    expect(compareReads(read1, read2).discordances.map((d) => d.id)).toEqual([
      'L1~L1/EOB',
      'L1~L1/status',
      'R1:L3',
      'R2:L3',
    ]);
  });
});

describe('checkAdjudication', () => {
  const { read1, read2 } = scenario();
  const comparison = compareReads(read1, read2);
  const replace = (id: string, decision: Partial<AdjudicationDecision>) =>
    COMPLETE.map((d) => (d.discordanceId === id ? { ...d, ...decision } : d));

  it('accepts complete, valid decisions', () => {
    expect(checkAdjudication(comparison, COMPLETE)).toEqual([]);
  });

  it.each<[string, AdjudicationDecision[], [AdjudicationProblemCode, string][]]>([
    [
      'no decisions at all',
      [],
      [
        ['missing-decision', 'L1~L1/EOB'],
        ['missing-decision', 'L1~L1/status'],
        ['missing-decision', 'R1:L3'],
        ['missing-decision', 'R2:L3'],
      ],
    ],
    ['one decision missing', COMPLETE.slice(1), [['missing-decision', 'L1~L1/EOB']]],
    ['empty reason', replace('R2:L3', { reason: '' }), [['empty-reason', 'R2:L3']]],
    ['blank reason', replace('R1:L3', { reason: '  \n ' }), [['empty-reason', 'R1:L3']]],
    [
      'a decision for an unknown discordance',
      [...COMPLETE, decide('L9~L9/CT', 'reader1', 'stale')],
      [['unknown-discordance', 'L9~L9/CT']],
    ],
    [
      'two decisions for one discordance',
      [...COMPLETE, decide('R1:L3', 'reader2', 'changed my mind')],
      [['duplicate-decision', 'R1:L3']],
    ],
    [
      'an unknown choice',
      replace('R1:L3', { choice: 'reader3' as AdjudicationDecision['choice'] }),
      [['invalid-choice', 'R1:L3']],
    ],
    [
      'own call without a value (and so no status check)',
      replace('L1~L1/EOB', { choice: 'own' }),
      [['invalid-own-value', 'L1~L1/EOB']],
    ],
    [
      'own call with a status as its value',
      replace('L1~L1/EOB', { choice: 'own', ownValue: 'cDLM' }),
      [['invalid-own-value', 'L1~L1/EOB']],
    ],
    [
      'own status with a call as its value',
      replace('L1~L1/status', { choice: 'own', ownValue: 'present' }),
      [['invalid-own-value', 'L1~L1/status']],
    ],
    [
      'own value for a lesion in one read only',
      replace('R2:L3', { choice: 'own', ownValue: 'present' }),
      [['invalid-own-value', 'R2:L3']],
    ],
    [
      'an own value beside an accepted reader',
      replace('L1~L1/EOB', { ownValue: 'present' }),
      [['invalid-own-value', 'L1~L1/EOB']],
    ],
    [
      'status decision contradicted by the call decision',
      replace('L1~L1/EOB', { choice: 'reader2' }),
      [['status-inconsistent', 'L1~L1/status']],
    ],
    [
      'own status that the own call does not derive',
      [
        ...replace('L1~L1/EOB', { choice: 'own', ownValue: 'not-evaluable' }).filter(
          (d) => d.discordanceId !== 'L1~L1/status',
        ),
        decide('L1~L1/status', 'own', 'artefact', 'visible'),
      ],
      [['status-inconsistent', 'L1~L1/status']],
    ],
  ])('rejects %s', (_name, decisions, expected) => {
    const problems = checkAdjudication(comparison, decisions);
    expect(problems.map((p) => [p.code, p.discordanceId])).toEqual(expected);
    for (const p of problems) expect(p.message).toContain(p.discordanceId);
  });

  it('accepts an own call with the status it derives', () => {
    const decisions = [
      ...replace('L1~L1/EOB', { choice: 'own', ownValue: 'not-evaluable' }).filter(
        (d) => d.discordanceId !== 'L1~L1/status',
      ),
      decide('L1~L1/status', 'own', 'HBP not evaluable (motion)', 'incomplete'),
    ];
    expect(checkAdjudication(comparison, decisions)).toEqual([]);
  });
});

describe('buildConsensus', () => {
  const build = (decisions = COMPLETE) => {
    const { read1, read2 } = scenario();
    return buildConsensus(
      { read1, read2, adjudicator: ADJUDICATOR, decisions },
      makeContext('2026-03-01T09:00:00.000Z'),
    );
  };

  it('builds the consensus read with the expected statuses', () => {
    const result = build();
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { read } = result;
    expect(read.reader).toEqual(ADJUDICATOR);
    expect(read.patientId).toBe(PATIENT);
    expect(read.state.kind).toBe('draft');
    expect(deriveReadStatuses(read).map((s) => [s.lesionId, s.derived.status])).toEqual([
      ['L1', 'cDLM'],
      ['L2', 'partial DLM'],
      ['L3', 'visible'],
    ]);
    expect(
      read.lesions.map((l) => [l.id, l.segment, l.baselineLocation?.point.x, l.baselineDiameterMm]),
    ).toEqual([
      ['L1', 'VII', 0, 12],
      ['L2', 'V', 50, 20],
      ['L3', 'II', 100, undefined],
    ]);
    expect(read.timepointAssignment).toEqual({ [PREOP_STUDY]: 'preop' });
  });

  it('returns the provenance of every consensus lesion and field', () => {
    const result = build();
    if (!result.ok) throw new Error('expected ok');
    const { provenance } = result;
    expect(provenance.read1).toEqual({
      readId: 'id-1',
      versionId: 'id-2',
      version: 1,
      readerId: 'central-1',
    });
    expect(provenance.read2).toMatchObject({ readId: 'id-3', readerId: 'central-2' });
    expect(provenance.timepoint).toBe('preop');
    expect(provenance.adjudicatorId).toBe('adjudicator');
    expect(provenance.lesions).toEqual([
      {
        lesionId: 'L1',
        reader1LesionId: 'L1',
        reader2LesionId: 'L1',
        distanceMm: 3,
        presence: 'agreed',
        segment: 'agreed',
        baselineLocation: 'reader1',
        baselineDiameterMm: 'reader1',
        calls: { CT: 'agreed', DWI: 'agreed', T1T2: 'agreed', EOB: 'reader1' },
        status: 'reader1',
        decisions: ['L1~L1/EOB', 'L1~L1/status'],
      },
      {
        lesionId: 'L2',
        reader1LesionId: 'L2',
        reader2LesionId: 'L2',
        distanceMm: 2,
        presence: 'agreed',
        segment: 'reader1',
        baselineLocation: 'reader1',
        baselineDiameterMm: 'reader1',
        calls: { CT: 'agreed', DWI: 'agreed', T1T2: 'agreed', EOB: 'agreed' },
        status: 'agreed',
        decisions: [],
      },
      {
        lesionId: 'L3',
        reader1LesionId: 'L3',
        presence: 'reader1',
        segment: 'reader1',
        baselineLocation: 'reader1',
        baselineDiameterMm: 'reader1',
        calls: { CT: 'reader1', DWI: 'reader1', T1T2: 'reader1', EOB: 'reader1' },
        status: 'reader1',
        decisions: ['R1:L3'],
      },
    ]);
    expect(provenance.rejected).toEqual([
      { side: 'reader2', lesionId: 'L3', discordanceId: 'R2:L3' },
    ]);
    expect(provenance.decisions).toEqual(COMPLETE);
  });

  it('records every decision with its reason in the audit trail, by the adjudicator', () => {
    const result = build();
    if (!result.ok) throw new Error('expected ok');
    const entries = result.read.pendingAudit;
    for (const decision of COMPLETE) {
      expect(entries.some((e) => e.reason?.includes(decision.reason))).toBe(true);
      expect(
        entries.some((e) => e.reason?.includes(`adjudication ${decision.discordanceId}:`)),
      ).toBe(true);
    }
    expect(entries.every((e) => e.readerId === 'adjudicator')).toBe(true);
    expect(entries.every((e) => (e.reason ?? '').trim() !== '')).toBe(true);
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['create-read', undefined],
      ['assign-timepoint', `study:${PREOP_STUDY}`],
      ['add-lesion', 'L1'],
      ['set-call', 'L1/preop/CT'],
      ['set-call', 'L1/preop/DWI'],
      ['set-call', 'L1/preop/T1T2'],
      ['set-call', 'L1/preop/EOB'],
      ['add-lesion', 'L2'],
      ['set-call', 'L2/preop/CT'],
      ['set-call', 'L2/preop/DWI'],
      ['set-call', 'L2/preop/T1T2'],
      ['set-call', 'L2/preop/EOB'],
      ['add-lesion', 'L3'],
      ['set-call', 'L3/preop/CT'],
      ['set-call', 'L3/preop/DWI'],
      ['set-call', 'L3/preop/T1T2'],
      ['set-call', 'L3/preop/EOB'],
    ]);
    const reasonOf = (target: string) => entries.find((e) => e.target === target)?.reason;
    expect(reasonOf('L1/preop/EOB')).toBe(
      'adjudication L1~L1/EOB: accepted reader 1 [central-1] (disappeared) — HBP: no residual defect at the site',
    );
    expect(reasonOf('L1/preop/CT')).toBe(
      'agreed by both readers (reader 1 [central-1] L1, reader 2 [central-2] L1)',
    );
    expect(reasonOf('L1')).toContain(
      'adjudication L1~L1/status: accepted reader 1 [central-1] (cDLM) — follows the EOB decision',
    );
    expect(reasonOf('L3')).toContain(
      'adjudication R1:L3: accepted reader 1 [central-1] (registered)',
    );
    expect(entries[0]?.reason).toContain(
      'reader 2 [central-2] L3 left out: adjudication R2:L3: accepted reader 1 [central-1] (not-registered) — a cyst, not a metastasis',
    );
  });

  it('accepting reader 2 takes its lesion, calls and values', () => {
    const decisions = [
      decide('L1~L1/EOB', 'reader2', 'uptake defect persists on HBP'),
      decide('L1~L1/status', 'reader2', 'follows EOB'),
      decide('R1:L3', 'reader2', 'not seen on review'),
      decide('R2:L3', 'reader2', 'small metastasis in VI'),
    ];
    const result = build(decisions);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(deriveReadStatuses(result.read).map((s) => s.derived.status)).toEqual([
      'partial DLM',
      'partial DLM',
      'visible',
    ]);
    expect(result.read.lesions[2]).toMatchObject({ id: 'L3', segment: 'VI' });
    expect(
      result.provenance.lesions.map((l) => [l.lesionId, l.reader1LesionId, l.reader2LesionId]),
    ).toEqual([
      ['L1', 'L1', 'L1'],
      ['L2', 'L2', 'L2'],
      ['L3', undefined, 'L3'],
    ]);
    expect(result.provenance.lesions[0]?.calls.EOB).toBe('reader2');
    expect(result.provenance.rejected).toEqual([
      { side: 'reader1', lesionId: 'L3', discordanceId: 'R1:L3' },
    ]);
  });

  it("an own call becomes the adjudicator's; an unset call is recorded on the lesion entry", () => {
    const decisions = [
      decide('L1~L1/EOB', 'own', 'HBP degraded by motion', 'unset'),
      decide('L1~L1/status', 'own', 'EOB cannot be judged', 'incomplete'),
      ...COMPLETE.slice(2),
    ];
    const result = build(decisions);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(deriveReadStatuses(result.read)[0]?.derived.status).toBe('incomplete');
    expect(result.provenance.lesions[0]).toMatchObject({
      calls: { EOB: 'adjudicator' },
      status: 'adjudicator',
    });
    const l1 = result.read.pendingAudit.find((e) => e.target === 'L1');
    expect(l1?.reason).toContain(
      "adjudication L1~L1/EOB: adjudicator's own value (unset) — HBP degraded by motion",
    );
    expect(result.read.pendingAudit.some((e) => e.target === 'L1/preop/EOB')).toBe(false);
  });

  it('a status both readers agreed on can change through call decisions (source: adjudicator)', () => {
    const ctx = makeContext();
    const read1 = signedRead(
      READER_1,
      [{ segment: 'V', at: 0, calls: { ...GONE, CT: 'present' } }],
      ctx,
    );
    const read2 = signedRead(
      READER_2,
      [{ segment: 'V', at: 0, calls: { ...GONE, DWI: 'present' } }],
      ctx,
    );
    const decisions = [
      decide('L1~L1/CT', 'reader2', 'CT: only a scar'),
      decide('L1~L1/DWI', 'reader1', 'DWI: T2 shine-through'),
    ];
    const result = buildConsensus({ read1, read2, adjudicator: ADJUDICATOR, decisions }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(deriveReadStatuses(result.read)[0]?.derived.status).toBe('cDLM');
    expect(result.provenance.lesions[0]?.status).toBe('adjudicator');
    expect(result.read.pendingAudit.find((e) => e.target === 'L1')?.reason).toContain(
      'status cDLM follows from the adjudicated calls (both readers: partial DLM)',
    );
  });

  it('needs no decisions when the reads agree', () => {
    const ctx = makeContext();
    const spec = [{ segment: 'V' as const, at: 0, calls: GONE }];
    const read1 = signedRead(READER_1, spec, ctx);
    const read2 = signedRead(READER_2, spec, ctx);
    const result = buildConsensus({ read1, read2, adjudicator: ADJUDICATOR, decisions: [] }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.provenance.lesions[0]).toMatchObject({ presence: 'agreed', status: 'agreed' });
    expect(deriveReadStatuses(result.read)[0]?.derived.status).toBe('cDLM');
  });

  it.each<
    [
      string,
      (ctx: CommandContext) => Parameters<typeof buildConsensus>[0],
      AdjudicationProblemCode[],
    ]
  >([
    [
      'unsigned reads',
      (ctx) => ({
        read1: signedRead(READER_1, [], ctx, { sign: false }),
        read2: signedRead(READER_2, [], ctx, { sign: false }),
        adjudicator: ADJUDICATOR,
        decisions: [],
      }),
      ['read-not-signed', 'read-not-signed'],
    ],
    [
      'the adjudicator is a reader',
      (ctx) => ({
        read1: signedRead(READER_1, [], ctx),
        read2: signedRead(READER_2, [], ctx),
        adjudicator: READER_2,
        decisions: [],
      }),
      ['adjudicator-is-reader'],
    ],
    [
      'one reader twice',
      (ctx) => ({
        read1: signedRead(READER_1, [], ctx),
        read2: signedRead(READER_1, [], ctx),
        adjudicator: ADJUDICATOR,
        decisions: [],
      }),
      ['same-reader'],
    ],
    [
      'different patients',
      (ctx) => ({
        read1: signedRead(READER_1, [], ctx),
        read2: signedRead(READER_2, [], ctx, { patientId: 'DREAM-001-0001' }),
        adjudicator: ADJUDICATOR,
        decisions: [],
      }),
      ['different-patients'],
    ],
    [
      'different configurations and none given',
      (ctx) => ({
        read1: signedRead(READER_1, [], ctx),
        read2: {
          ...signedRead(READER_2, [], ctx),
          config: { ...DEFAULT_STUDY_CONFIG, matchDistanceMm: 10 },
        },
        adjudicator: ADJUDICATOR,
        decisions: [],
      }),
      ['config-mismatch'],
    ],
    [
      'incomplete decisions',
      (ctx) => ({
        read1: signedRead(READER_1, [{ at: 0, calls: { CT: 'present' } }], ctx),
        read2: signedRead(READER_2, [], ctx),
        adjudicator: ADJUDICATOR,
        decisions: [],
      }),
      ['missing-decision'],
    ],
  ])('refuses %s, building nothing', (_name, input, codes) => {
    const result = buildConsensus(input(makeContext()), makeContext());
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(codes);
  });

  it('is deterministic for the same context', () => {
    expect(build()).toEqual(build());
  });

  it('passes sealing, export, import (schema, hash chain, statuses) and re-export unchanged', async () => {
    const result = build();
    if (!result.ok) throw new Error('expected ok');
    const ctx = makeContext('2026-03-02T10:00:00.000Z');
    const signed = sign(
      result.read,
      { signerName: ADJUDICATOR.name, meaning: 'Adjudication' },
      ctx,
    );
    const sealed = await sealAudit(signed, sha256);
    expect(await verifyAuditChain(sealed.audit, sha256)).toEqual({ ok: true });
    const now = () => '2026-03-02T11:00:00.000Z';
    const text = exportReadJson(sealed, { now });
    const imported = await importReadJson(text, { sha256 });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(imported.read).toEqual(sealed);
    expect(exportReadJson(imported.read, { now })).toBe(text);
  });
});
