/**
 * The central review that shows the disagreement (docs/domain.md §7): a status discordance grouped
 * under the call discordances that make it; a decision that contradicts another refused as soon
 * as it is taken; and "2+1", one reader's whole read accepted with a reason, recorded in the
 * consensus read, whose audit trail still replays and whose signature still checks.
 */
import { describe, expect, it } from 'vitest';
import { sealAudit } from '../../../src/domain/audit.ts';
import { addLesion, assignTimepoint, createRead, setCall } from '../../../src/domain/commands.ts';
import { exportReadJson } from '../../../src/domain/exportRead.ts';
import { importReadJson } from '../../../src/domain/importRead.ts';
import { checkReadIntegrity } from '../../../src/domain/integrity/checkRead.ts';
import { sign } from '../../../src/domain/lifecycle.ts';
import {
  DEFAULT_STUDY_CONFIG,
  worldPoint,
  type Call,
  type CommandContext,
  type ModalityGroup,
  type Read,
  type Reader,
  type StudyConfig,
} from '../../../src/domain/model.ts';
import {
  buildConsensus,
  decisionConflict,
  groupDiscordances,
  type DecisionChoice,
} from '../../../src/domain/review/adjudication.ts';
import { compareReads } from '../../../src/domain/review/discordance.ts';
import { deriveReadStatuses } from '../../../src/domain/status.ts';
import { makeContext, makeImagePoint, sha256 } from '../fixtures.ts';

const R1: Reader = { id: 'R01', name: 'Dr One' };
const R2: Reader = { id: 'R02', name: 'Dr Two' };
const ADJ: Reader = { id: 'ADJ', name: 'Dr Adjudicator' };
type Calls = Partial<Record<ModalityGroup, Call>>;
const GONE: Calls = {
  CT: 'disappeared',
  DWI: 'disappeared',
  T1T2: 'disappeared',
  EOB: 'disappeared',
};

/** A signed read of one patient: one lesion per call set, at x = 0, 50, 100 ... mm. */
function read(reader: Reader, lesions: readonly (Calls | null)[], ctx: CommandContext): Read {
  let r = createRead({ patientId: 'P1', reader }, ctx);
  r = assignTimepoint(r, { studyInstanceUid: '1.2.3.200', timepoint: 'preop' }, ctx);
  lesions.forEach((calls, index) => {
    if (calls === null) return;
    r = addLesion(
      r,
      {
        segment: 'VII',
        baselineDiameterMm: 10,
        baselineLocation: makeImagePoint({ point: worldPoint(index * 50, 10, 20) }),
      },
      ctx,
    );
    const lesionId = r.lesions.at(-1)?.id ?? 'L1';
    for (const [modality, call] of Object.entries(calls)) {
      r = setCall(
        r,
        { lesionId, timepoint: 'preop', modality: modality as ModalityGroup, call },
        ctx,
      );
    }
  });
  return sign(r, { signerName: reader.name, meaning: 'Review' }, ctx);
}

function pair(calls1: Calls, calls2: Calls, config?: StudyConfig) {
  const ctx = makeContext('2026-02-01T08:00:00.000Z');
  return compareReads(read(R1, [calls1], ctx), read(R2, [calls2], ctx), config);
}

describe('groupDiscordances: a status discordance under the calls that make it', () => {
  const ONLY_CT_MR: StudyConfig = { ...DEFAULT_STUDY_CONFIG, requiredModalities: ['CT', 'EOB'] };
  const cases: {
    name: string;
    calls1: Calls;
    calls2: Calls;
    config?: StudyConfig;
    status: boolean;
    causes: string[];
    calls: string[];
  }[] = [
    {
      name: 'one call makes the status differ',
      calls1: GONE,
      calls2: { ...GONE, EOB: 'present' },
      status: true,
      causes: ['L1~L1/EOB'],
      calls: [],
    },
    {
      name: 'two calls make it',
      calls1: GONE,
      calls2: { ...GONE, CT: 'present', DWI: 'not-evaluable' },
      status: true,
      causes: ['L1~L1/CT', 'L1~L1/DWI'],
      calls: [],
    },
    {
      name: 'calls differ, statuses agree: the calls stand alone',
      calls1: { ...GONE, CT: 'present' },
      calls2: { ...GONE, DWI: 'present' },
      status: false,
      causes: [],
      calls: ['L1~L1/CT', 'L1~L1/DWI'],
    },
    {
      name: 'a call on a group not required never causes the status',
      calls1: GONE,
      calls2: { ...GONE, DWI: 'present', EOB: 'present' },
      config: ONLY_CT_MR,
      status: true,
      causes: ['L1~L1/EOB'],
      calls: ['L1~L1/DWI'],
    },
    {
      name: 'an unset call against a set one is a cause too',
      calls1: GONE,
      calls2: { CT: 'disappeared', DWI: 'disappeared', T1T2: 'disappeared' },
      status: true,
      causes: ['L1~L1/EOB'],
      calls: [],
    },
  ];
  it.each(cases)('$name', ({ calls1, calls2, config, status, causes, calls }) => {
    const comparison = pair(calls1, calls2, config);
    const groups = groupDiscordances(comparison);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    if (group?.kind !== 'pair') throw new Error('expected a pair group');
    expect(group.status?.id).toBe(status ? 'L1~L1/status' : undefined);
    expect(group.causes.map((d) => d.id)).toEqual(causes);
    expect(group.calls.map((d) => d.id)).toEqual(calls);
    // Every discordance is in exactly one place.
    const placed = [...(group.status ? [group.status] : []), ...group.causes, ...group.calls];
    expect(placed.map((d) => d.id).sort()).toEqual(comparison.discordances.map((d) => d.id).sort());
  });

  it('pairs without discordance make no group; a lesion in one read only is a group of its own', () => {
    const ctx = makeContext('2026-02-01T08:00:00.000Z');
    const comparison = compareReads(
      read(R1, [GONE, GONE, null], ctx),
      read(R2, [GONE, { ...GONE, CT: 'present' }, GONE], ctx),
    );
    expect(groupDiscordances(comparison).map((g) => [g.kind, g.key])).toEqual([
      ['pair', 'L2~L2'],
      ['presence', 'R2:L3'],
    ]);
  });
});

describe('decisionConflict: a contradicting decision is refused where it is made', () => {
  // Reader 1: cDLM. Reader 2: EOB present, CT not evaluable -> partial DLM.
  const comparison = pair(GONE, { ...GONE, EOB: 'present', CT: 'not-evaluable' });
  const d = (id: string, choice: DecisionChoice['choice'], ownValue?: string): DecisionChoice => ({
    discordanceId: `L1~L1/${id}`,
    choice,
    ...(ownValue !== undefined && { ownValue: ownValue as DecisionChoice['ownValue'] }),
  });
  const cases: {
    name: string;
    taken: DecisionChoice[];
    candidate: DecisionChoice;
    refused: boolean;
    conflictsWith?: string[];
    possible?: string[];
  }[] = [
    {
      name: "reader 1's status, then reader 2's contradicting EOB call",
      taken: [d('status', 'reader1')],
      candidate: d('EOB', 'reader2'),
      refused: true,
      conflictsWith: ['L1~L1/status'],
      possible: ['partial DLM'],
    },
    {
      name: "reader 2's EOB call, then reader 1's status (cDLM)",
      taken: [d('EOB', 'reader2')],
      candidate: d('status', 'reader1'),
      refused: true,
      conflictsWith: ['L1~L1/EOB'],
      possible: ['partial DLM'],
    },
    {
      name: "reader 1's status with reader 1's EOB call",
      taken: [d('status', 'reader1')],
      candidate: d('EOB', 'reader1'),
      refused: false,
    },
    {
      name: 'status cDLM while the CT call is still undecided: not yet a contradiction',
      taken: [d('EOB', 'reader1')],
      candidate: d('status', 'reader1'),
      refused: false,
    },
    {
      name: 'own CT call "not evaluable" against a cDLM status',
      taken: [d('status', 'reader1'), d('EOB', 'reader1')],
      candidate: d('CT', 'own', 'not-evaluable'),
      refused: true,
      conflictsWith: ['L1~L1/status', 'L1~L1/EOB'],
      possible: ['incomplete'],
    },
    {
      name: 'own status "incomplete" after CT not evaluable and EOB disappeared',
      taken: [d('CT', 'reader2'), d('EOB', 'reader1')],
      candidate: d('status', 'own', 'incomplete'),
      refused: false,
    },
    {
      name: 'own status "visible" after EOB disappeared is possible (CT could still be present)',
      taken: [d('EOB', 'reader1')],
      candidate: d('status', 'own', 'visible'),
      refused: true,
      conflictsWith: ['L1~L1/EOB'],
      possible: ['cDLM', 'partial DLM', 'incomplete'],
    },
    {
      name: 'an own status without its value yet states nothing',
      taken: [d('EOB', 'reader2')],
      candidate: d('status', 'own'),
      refused: false,
    },
  ];
  it.each(cases)('$name', ({ taken, candidate, refused, conflictsWith, possible }) => {
    const conflict = decisionConflict(comparison, taken, candidate);
    expect(conflict !== undefined).toBe(refused);
    if (!conflict) return;
    expect(conflict.discordanceId).toBe(candidate.discordanceId);
    expect(conflict.conflictsWith).toEqual(conflictsWith);
    expect([...conflict.possible].sort()).toEqual([...(possible ?? [])].sort());
    expect(conflict.message).toContain(candidate.discordanceId);
  });

  it('a decision on a lesion in one read only never conflicts', () => {
    const ctx = makeContext('2026-02-01T08:00:00.000Z');
    const c = compareReads(read(R1, [GONE], ctx), read(R2, [GONE, GONE], ctx));
    expect(decisionConflict(c, [], { discordanceId: 'R2:L2', choice: 'reader1' })).toBeUndefined();
  });
});

describe("2+1: one reader's whole read accepted, with a reason", () => {
  function reads() {
    const ctx = makeContext('2026-02-01T08:00:00.000Z');
    return {
      ctx,
      read1: read(R1, [GONE, { ...GONE, CT: 'present' }, GONE], ctx),
      read2: read(R2, [{ ...GONE, EOB: 'present' }, GONE, null, GONE], ctx),
    };
  }
  const cases: {
    side: 'reader1' | 'reader2';
    statuses: [string, string][];
  }[] = [
    {
      side: 'reader1',
      statuses: [
        ['L1', 'cDLM'],
        ['L2', 'partial DLM'],
        ['L3', 'cDLM'],
      ],
    },
    {
      side: 'reader2',
      statuses: [
        ['L1', 'partial DLM'],
        ['L2', 'cDLM'],
        ['L3', 'cDLM'],
      ],
    },
  ];
  it.each(cases)(
    'accepting $side gives that read, recorded and replayable',
    async ({ side, statuses }) => {
      const { ctx, read1, read2 } = reads();
      const reason = 'the other read missed the hepatobiliary phase';
      const result = buildConsensus(
        { read1, read2, adjudicator: ADJ, decisions: [], wholeRead: { side, reason } },
        ctx,
      );
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(deriveReadStatuses(result.read).map((s) => [s.lesionId, s.derived.status])).toEqual(
        statuses,
      );
      const readerId = side === 'reader1' ? 'R01' : 'R02';
      const first = result.read.pendingAudit[0]?.reason ?? '';
      expect(first).toContain(`2+1: the adjudicator accepts the whole read of`);
      expect(first).toContain(`[${readerId}] — ${reason}`);
      // Every discordance was settled for that reader, each decision carrying the reason.
      expect(result.provenance.decisions).toHaveLength(result.comparison.discordances.length);
      for (const decision of result.provenance.decisions) {
        expect(decision.choice).toBe(side);
        expect(decision.reason).toContain(reason);
      }
      // Signed, exported and imported again: the replay and the signature check pass.
      const signed = await sealAudit(
        sign(result.read, { signerName: ADJ.name, meaning: 'Adjudication' }, ctx),
        sha256,
      );
      const imported = await importReadJson(exportReadJson(signed, { now: ctx.now }), { sha256 });
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
      const integrity = await checkReadIntegrity(imported.read, { sha256 });
      expect(integrity.problems).toEqual([]);
      expect(integrity.report.replay).toBe('full');
      expect(imported.read.consensus?.sources.map((s) => s.readerId)).toEqual(['R01', 'R02']);
      expect(imported.read.audit[0]?.reason).toContain(reason);
    },
  );

  const refusals: {
    name: string;
    reason: string;
    decisions: number;
    codes: string[];
  }[] = [
    { name: 'a blank reason', reason: '  ', decisions: 0, codes: ['empty-reason'] },
    {
      name: 'decisions given beside it',
      reason: 'ok',
      decisions: 1,
      codes: ['whole-read-with-decisions'],
    },
  ];
  it.each(refusals)('refuses $name', ({ reason, decisions, codes }) => {
    const { ctx, read1, read2 } = reads();
    const result = buildConsensus(
      {
        read1,
        read2,
        adjudicator: ADJ,
        decisions: Array.from({ length: decisions }, () => ({
          discordanceId: 'L1~L1/EOB',
          choice: 'reader1' as const,
          reason: 'x',
        })),
        wholeRead: { side: 'reader1', reason },
      },
      ctx,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(codes);
  });
});
