/**
 * A small reading campaign for the reader-monitoring tests (test/domain/stats/readerMonitoring
 * .test.ts, test/cli/readers.test.ts): five patients, each read by Dr A (`reader-a`) and Dr B
 * (`reader-b`), four with a signed consensus by the adjudicator (`adj-x`) built by the domain's
 * own `buildConsensus` from decisions with known overrules. Every read is made with the app's
 * commands on a clock the design sets, so the gaps between audit entries are known.
 *
 * Calls at preop are given in CT, DWI, T1/T2, EOB order: D disappeared, P present, N not
 * evaluable. All four groups are required, so DDDD is cDLM, a P with a D partial DLM, PPPP
 * visible, D/N without P incomplete. The figures each test expects are worked out there.
 */
import { sealAudit } from '../../../src/domain/audit.ts';
import { addLesion, createRead, setCall } from '../../../src/domain/commands.ts';
import { signRead } from '../../../src/domain/integrity/signing.ts';
import {
  MODALITY_GROUPS,
  worldPoint,
  type Call,
  type CommandContext,
  type CouinaudSegment,
  type Read,
  type Reader,
} from '../../../src/domain/model.ts';
import { buildConsensus, type AdjudicationDecision } from '../../../src/domain/review/index.ts';
import { makeImagePoint, sha256 } from '../fixtures.ts';

const CALL_OF: Readonly<Record<string, Call>> = {
  D: 'disappeared',
  P: 'present',
  N: 'not-evaluable',
};

export const READER_A: Reader = { id: 'reader-a', name: 'Dr A' };
export const READER_B: Reader = { id: 'reader-b', name: 'Dr B' };
export const ADJUDICATOR: Reader = { id: 'adj-x', name: 'Dr X' };

/** One lesion: segment, baseline place (x mm; y = z = 0) and preop calls. */
interface LesionSpec {
  readonly segment: CouinaudSegment;
  readonly x: number;
  readonly calls: string;
}

/** One read: its lesions and the seconds before each lesion's commands and before signing. */
interface ReadSpec {
  readonly lesions: readonly LesionSpec[];
  /** lesions.length + 1 gaps: create -> lesion 1, ..., last lesion -> sign. */
  readonly gaps: readonly number[];
}

/** One patient of the campaign. */
export interface PatientSpec {
  readonly patientId: string;
  readonly a: ReadSpec;
  readonly b: ReadSpec;
  /** Decisions on the discordances (reader 1 = A); no consensus when absent. */
  readonly decisions?: readonly Omit<AdjudicationDecision, 'reason'>[];
}

/**
 * The campaign (figures worked out in test/domain/stats/readerMonitoring.test.ts).
 * - M01: the readers agree; consensus without decisions.
 * - M02: EOB D (A) vs P (B), status cDLM vs partial DLM; both settled for B.
 * - M03: CT P (A) vs D (B), status visible vs partial DLM, settled for A; A's L2 is in A's read
 *   only and is left out (for B).
 * - M04: T1/T2 N (A) vs D (B), status incomplete vs cDLM; the adjudicator's own values, present
 *   and partial DLM, overrule both.
 * - M05: CT P (A) vs D (B); no consensus.
 */
export const CAMPAIGN: readonly PatientSpec[] = [
  {
    patientId: 'DREAM-M01',
    a: {
      lesions: [
        { segment: 'VI', x: 0, calls: 'DDDD' },
        { segment: 'VII', x: 50, calls: 'PPPP' },
      ],
      gaps: [60, 60, 30],
    },
    b: {
      lesions: [
        { segment: 'VI', x: 2, calls: 'DDDD' },
        { segment: 'VII', x: 51, calls: 'PPPP' },
      ],
      gaps: [120, 120, 1200],
    },
    decisions: [],
  },
  {
    patientId: 'DREAM-M02',
    a: { lesions: [{ segment: 'VIII', x: 0, calls: 'DDDD' }], gaps: [60, 30] },
    b: { lesions: [{ segment: 'VIII', x: 3, calls: 'DDDP' }], gaps: [120, 60] },
    decisions: [
      { discordanceId: 'L1~L1/EOB', choice: 'reader2' },
      { discordanceId: 'L1~L1/status', choice: 'reader2' },
    ],
  },
  {
    patientId: 'DREAM-M03',
    a: {
      lesions: [
        { segment: 'II', x: 0, calls: 'PPPP' },
        { segment: 'V', x: 40, calls: 'DDDD' },
      ],
      gaps: [60, 60, 30],
    },
    b: { lesions: [{ segment: 'II', x: 1, calls: 'DPPP' }], gaps: [120, 60] },
    decisions: [
      { discordanceId: 'L1~L1/CT', choice: 'reader1' },
      { discordanceId: 'L1~L1/status', choice: 'reader1' },
      { discordanceId: 'R1:L2', choice: 'reader2' },
    ],
  },
  {
    patientId: 'DREAM-M04',
    a: { lesions: [{ segment: 'VI', x: 0, calls: 'DDND' }], gaps: [60, 30] },
    b: { lesions: [{ segment: 'VI', x: 2, calls: 'DDDD' }], gaps: [120, 60] },
    decisions: [
      { discordanceId: 'L1~L1/T1T2', choice: 'own', ownValue: 'present' },
      { discordanceId: 'L1~L1/status', choice: 'own', ownValue: 'partial DLM' },
    ],
  },
  {
    patientId: 'DREAM-M05',
    a: { lesions: [{ segment: 'III', x: 0, calls: 'PPPP' }], gaps: [60, 30] },
    b: { lesions: [{ segment: 'III', x: 1, calls: 'DPPP' }], gaps: [600, 60] },
  },
];

/** A clock the builder moves by hand, and counting ids with a prefix. */
function handClock(prefix: string, start: string) {
  let at = Date.parse(start);
  let ids = 0;
  const ctx: CommandContext = {
    now: () => new Date(at).toISOString(),
    newId: () => `${prefix}-${++ids}`,
  };
  return { ctx, wait: (seconds: number) => (at += seconds * 1000) };
}

/** Builds, signs and seals one reader's read on the design's clock. */
async function buildRead(
  patientId: string,
  reader: Reader,
  spec: ReadSpec,
  prefix: string,
): Promise<Read> {
  const { ctx, wait } = handClock(prefix, '2026-03-02T09:00:00.000Z');
  let read = createRead({ patientId, reader }, ctx);
  for (const [index, lesion] of spec.lesions.entries()) {
    wait(spec.gaps[index] ?? 0);
    const lesionId = `L${index + 1}` as const;
    read = addLesion(
      read,
      {
        segment: lesion.segment,
        baselineLocation: makeImagePoint({ point: worldPoint(lesion.x, 0, 0) }),
        baselineDiameterMm: 10,
      },
      ctx,
    );
    MODALITY_GROUPS.forEach((modality, m) => {
      const call = CALL_OF[lesion.calls[m] ?? ''];
      if (call !== undefined) {
        read = setCall(read, { lesionId, timepoint: 'preop', modality, call }, ctx);
      }
    });
  }
  wait(spec.gaps[spec.lesions.length] ?? 0);
  read = await signRead(read, { signerName: reader.name, meaning: 'Author' }, ctx, { sha256 });
  return sealAudit(read, sha256);
}

/** Every read of the campaign: per patient A's, B's and the consensus where designed. */
export async function buildCampaign(): Promise<{
  readonly reads: readonly Read[];
  readonly byPatient: ReadonlyMap<string, { a: Read; b: Read; consensus?: Read }>;
}> {
  const reads: Read[] = [];
  const byPatient = new Map<string, { a: Read; b: Read; consensus?: Read }>();
  for (const p of CAMPAIGN) {
    const a = await buildRead(p.patientId, READER_A, p.a, `${p.patientId}-a`);
    const b = await buildRead(p.patientId, READER_B, p.b, `${p.patientId}-b`);
    reads.push(a, b);
    let consensus: Read | undefined;
    if (p.decisions !== undefined) {
      const { ctx } = handClock(`${p.patientId}-x`, '2026-03-09T09:00:00.000Z');
      const decisions = p.decisions.map((d) => ({ ...d, reason: 'seen on the images' }));
      const built = buildConsensus(
        { read1: a, read2: b, adjudicator: ADJUDICATOR, decisions },
        ctx,
      );
      if (!built.ok) {
        throw new Error(`${p.patientId}: ${built.problems.map((q) => q.message).join('; ')}`);
      }
      const signed = await signRead(
        built.read,
        { signerName: ADJUDICATOR.name, meaning: 'Adjudication' },
        ctx,
        { sha256 },
      );
      consensus = await sealAudit(signed, sha256);
      reads.push(consensus);
    }
    byPatient.set(p.patientId, { a, b, ...(consensus && { consensus }) });
  }
  return { reads, byPatient };
}
