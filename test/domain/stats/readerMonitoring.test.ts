/**
 * Reader monitoring (src/domain/stats/readerMonitoring.ts, consensusVerdicts.ts, readingTime.ts)
 * on the campaign of monitoringFixtures.ts. Every expected figure is worked out by hand here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activeReadingSeconds,
  cohensKappaFromPairs,
  consensusVerdicts,
  median,
  monitorReaders,
  monitoringCases,
  type AuditEntry,
  type Read,
  type ReaderMonitor,
  type ReaderMonitoring,
} from '../../../src/domain/index.ts';
import { buildCampaign } from './monitoringFixtures.ts';

/** Audit entries at the given instants (only seq and at matter here). */
function trail(times: readonly string[]): AuditEntry[] {
  return times.map((at, i): AuditEntry => ({
    seq: i + 1,
    at,
    readerId: 'r',
    action: 'set-call',
    before: null,
    after: null,
    prevHash: '',
    hash: '',
  }));
}

describe('active reading time', () => {
  it.each([
    // 09:00:00 -> 09:01:00 -> 09:01:30: 60 + 30 = 90 s.
    [
      'two short gaps',
      ['2026-03-02T09:00:00Z', '2026-03-02T09:01:00Z', '2026-03-02T09:01:30Z'],
      5,
      90,
    ],
    // 2 min, then a 20 min pause counted as the 5 min cap: 120 + 300 = 420 s.
    [
      'a pause is capped',
      ['2026-03-02T09:00:00Z', '2026-03-02T09:02:00Z', '2026-03-02T09:22:00Z'],
      5,
      420,
    ],
    // The same with a 30 min cap: 120 + 1200 = 1320 s.
    [
      'a larger cap',
      ['2026-03-02T09:00:00Z', '2026-03-02T09:02:00Z', '2026-03-02T09:22:00Z'],
      30,
      1320,
    ],
    // A clock set back 10 s counts 0, the next gap +20 s counts: 20 s.
    [
      'a backward gap counts 0',
      ['2026-03-02T09:00:10Z', '2026-03-02T09:00:00Z', '2026-03-02T09:00:20Z'],
      5,
      20,
    ],
    // An unreadable time is skipped: 09:00:00 -> 09:00:45 = 45 s.
    [
      'an unreadable time is skipped',
      ['2026-03-02T09:00:00Z', 'not a time', '2026-03-02T09:00:45Z'],
      5,
      45,
    ],
  ] as const)('%s', (_name, times, cap, seconds) => {
    expect(activeReadingSeconds(trail(times), cap)).toBe(seconds);
  });

  it('follows seq order, not the order of the array', () => {
    const [first, second, third] = trail([
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:00:40Z',
      '2026-03-02T09:01:00Z',
    ]);
    if (!first || !second || !third) throw new Error('trail');
    // 40 + 20 = 60 s whichever order the entries are listed in.
    expect(activeReadingSeconds([third, first, second])).toBe(60);
  });

  it('has no time with fewer than two timed entries, and refuses a cap that is not positive', () => {
    expect(activeReadingSeconds(trail(['2026-03-02T09:00:00Z']))).toBeNull();
    expect(activeReadingSeconds([])).toBeNull();
    expect(() => activeReadingSeconds(trail([]), 0)).toThrow(RangeError);
  });

  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ] as const)('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('reader monitoring of the designed campaign', () => {
  let reads: readonly Read[];
  let byPatient: Awaited<ReturnType<typeof buildCampaign>>['byPatient'];
  let monitoring: ReaderMonitoring;
  let a: ReaderMonitor;
  let b: ReaderMonitor;
  beforeAll(async () => {
    ({ reads, byPatient } = await buildCampaign());
    monitoring = monitorReaders(reads);
    const [first, second] = monitoring.readers;
    if (!first || !second) throw new Error('two readers expected');
    [a, b] = [first, second];
  });

  it('makes five cases, four with a consensus, whatever order the reads come in', () => {
    const { cases, leftOut } = monitoringCases([...reads].reverse());
    expect(cases.map((c) => [c.patientId, c.read1.reader.id, c.consensus !== undefined])).toEqual([
      ['DREAM-M01', 'reader-a', true],
      ['DREAM-M02', 'reader-a', true],
      ['DREAM-M03', 'reader-a', true],
      ['DREAM-M04', 'reader-a', true],
      ['DREAM-M05', 'reader-a', false],
    ]);
    expect(leftOut).toEqual([]);
    expect(monitorReaders([...reads].reverse())).toEqual(monitoring);
    expect(monitoring.readers.map((r) => r.readerId)).toEqual(['reader-a', 'reader-b']);
  });

  it('reads the adjudicator’s decisions back from the consensus read', () => {
    const m03 = byPatient.get('DREAM-M03');
    if (!m03?.consensus) throw new Error('M03');
    const { verdicts } = consensusVerdicts(m03.a, m03.b, m03.consensus);
    // CT settled for A (present), status for A (visible), A's L2 left out.
    expect(verdicts.map((v) => [v.discordance.id, v.consensusValue])).toEqual([
      ['L1~L1/CT', 'present'],
      ['L1~L1/status', 'visible'],
      ['R1:L2', 'not-registered'],
    ]);
    const m04 = byPatient.get('DREAM-M04');
    if (!m04?.consensus) throw new Error('M04');
    // The adjudicator's own values: T1/T2 present, so D D P D is partial DLM.
    expect(
      consensusVerdicts(m04.a, m04.b, m04.consensus).verdicts.map((v) => v.consensusValue),
    ).toEqual(['present', 'partial DLM']);
  });

  it('adjudication rate: M02, M03, M04, M05 are discordant, M01 is not: 4 / 5 for each reader', () => {
    for (const r of [a, b]) {
      expect([r.cases, r.casesAdjudicated, r.adjudicationRate]).toEqual([5, 4, 0.8]);
    }
    expect(monitoring.campaignAdjudicationRate).toBe(0.8);
    expect([monitoring.cases, monitoring.casesWithConsensus]).toEqual([5, 4]);
  });

  it('disagreement index: A overruled 5 of 7, B 4 of 7, the campaign 9 of 14', () => {
    // Discordances with a consensus: M02 2, M03 3, M04 2 = 7 for each reader (M05 has none).
    // A overruled: M02 EOB + status (2), M03 L2 left out (1), M04 both own values (2) = 5.
    // B overruled: M03 CT + status (2), M04 both (2) = 4; upheld: M02 2, M03 L2 1 = 3.
    expect([a.discordances, a.overruled, a.upheld, a.notDerivable]).toEqual([7, 5, 2, 0]);
    expect([b.discordances, b.overruled, b.upheld, b.notDerivable]).toEqual([7, 4, 3, 0]);
    expect(a.disagreementIndex).toBeCloseTo(5 / 7, 12);
    expect(b.disagreementIndex).toBeCloseTo(4 / 7, 12);
    expect(a.acceptanceRate).toBeCloseTo(2 / 7, 12);
    expect(monitoring.campaignDisagreementIndex).toBeCloseTo(9 / 14, 12);
    expect([a.casesWithConsensus, b.casesWithConsensus]).toEqual([4, 4]);
  });

  it('agreement with the consensus: kappa per modality and status, worked by hand', () => {
    // Consensus lesions: M01 DDDD, PPPP; M02 DDDP; M03 PPPP; M04 DDPD.
    // A: M01 DDDD, PPPP; M02 DDDD; M03 PPPP (+ L2 only A's); M04 DDND. 5 matched, 1 A only.
    // kappa = (n·agreements − Σ r_i c_i) / (n² − Σ r_i c_i), n = 5:
    // CT  D P D P D vs D P D P D: 5 agree, r=c=(D3,P2): Σ=13, (25−13)/(25−13) = 1.
    // DWI the same: 1.
    // T1/T2 D P D P N vs D P D P P: 4 agree, r (D2,P2,N1), c (D2,P3): Σ=4+6=10, (20−10)/15 = 2/3.
    // EOB D P D P D vs D P P P D: 4 agree, r (D3,P2), c (D2,P3): Σ=12, (20−12)/13 = 8/13.
    // status cDLM vis cDLM vis inc vs cDLM vis pDLM vis pDLM: 3 agree,
    //   r (cDLM2, vis2, inc1), c (cDLM1, vis2, pDLM2): Σ=2+4=6, (15−6)/19 = 9/19.
    const kappas = (r: ReaderMonitor) => r.agreement.rows.map((row) => [row.item, row.kappa]);
    const expectKappas = (r: ReaderMonitor, expected: readonly (readonly [string, number])[]) =>
      kappas(r).forEach(([item, kappa], i) => {
        expect(item).toBe(expected[i]?.[0]);
        expect(kappa).toBeCloseTo(expected[i]?.[1] ?? NaN, 12);
      });
    expectKappas(a, [
      ['CT', 1],
      ['DWI', 1],
      ['T1T2', 2 / 3],
      ['EOB', 8 / 13],
      ['status', 9 / 19],
    ]);
    expect([a.agreement.matchedLesions, a.agreement.readerOnly, a.agreement.consensusOnly]).toEqual(
      [5, 1, 0],
    );
    // B: M01 DDDD, PPPP; M02 DDDP; M03 DPPP; M04 DDDD. 5 matched.
    // CT D P D D D vs D P D P D: 4 agree, r (D4,P1), c (D3,P2): Σ=14, (20−14)/11 = 6/11.
    // DWI D P D P D vs the same: 1. EOB D P P P D vs D P P P D: 1.
    // T1/T2 D P D P D vs D P D P P: r (D3,P2), c (D2,P3): Σ=12, (20−12)/13 = 8/13.
    // status cDLM vis pDLM pDLM cDLM vs cDLM vis pDLM vis pDLM: 3 agree,
    //   r (cDLM2, vis1, pDLM2), c (cDLM1, vis2, pDLM2): Σ=2+2+4=8, (15−8)/17 = 7/17.
    expectKappas(b, [
      ['CT', 6 / 11],
      ['DWI', 1],
      ['T1T2', 8 / 13],
      ['EOB', 1],
      ['status', 7 / 17],
    ]);
    expect(b.agreement.rows.map((row) => [row.n, row.agreements, row.excludedUnset])).toEqual([
      [5, 4, 0],
      [5, 5, 0],
      [5, 4, 0],
      [5, 5, 0],
      [5, 3, 0],
    ]);
  });

  it('names the kappa interval and computes it as agreement.ts does on the same table', () => {
    const t1t2 = a.agreement.rows.find((row) => row.item === 'T1T2');
    // A's T1/T2 pairs listed above, reader first, consensus second.
    const direct = cohensKappaFromPairs(
      [
        ['disappeared', 'disappeared'],
        ['present', 'present'],
        ['disappeared', 'disappeared'],
        ['present', 'present'],
        ['not-evaluable', 'present'],
      ],
      ['present', 'disappeared', 'not-evaluable'],
    );
    expect(t1t2?.interval).toEqual({
      ...direct.interval,
      method: 'fleiss-cohen-everitt-wald',
      level: 0.95,
    });
  });

  it('median active reading time: A 90 s, B 180 s (gaps capped at 5 min)', () => {
    // A's reads: M01 60+60+30 = 150, M02 60+30 = 90, M03 150, M04 90, M05 90 -> median 90.
    // B's: M01 120+120+min(1200,300) = 540, M02..M04 120+60 = 180, M05 min(600,300)+60 = 360
    // -> sorted 180 180 180 360 540, median 180.
    expect([a.readingTime.cases, a.readingTime.medianSeconds]).toEqual([5, 90]);
    expect([b.readingTime.cases, b.readingTime.medianSeconds]).toEqual([5, 180]);
    // With a 30 min cap B's M01 is 120+120+1200 = 1440 and M05 600+60 = 660: median still 180.
    const wide = monitorReaders(reads, { gapCapMinutes: 30 });
    expect(wide.readers[1]?.readingTime.medianSeconds).toBe(180);
    expect(wide.gapCapMinutes).toBe(30);
  });

  it('a discordance whose lesion is not in the consensus is not read back, never guessed', () => {
    const m02 = byPatient.get('DREAM-M02');
    if (!m02?.consensus) throw new Error('M02');
    // The consensus's only lesion removed: the EOB and status discordances have no consensus value.
    const emptied: Read = {
      ...m02.consensus,
      lesions: m02.consensus.lesions.map((l) => ({ ...l, removed: { at: l.createdAt } })),
    };
    const m = monitorReaders([m02.a, m02.b, emptied]);
    expect(
      m.readers.map((r) => [r.discordances, r.notDerivable, r.overruled, r.disagreementIndex]),
    ).toEqual([
      [0, 2, 0, null],
      [0, 2, 0, null],
    ]);
  });

  it('an unset call is a discordance the consensus overrules, and is left out of kappa', () => {
    const m01 = byPatient.get('DREAM-M01');
    if (!m01?.consensus) throw new Error('M01');
    // A's L1 without its CT call (same version id, so still the consensus's source).
    const a: Read = {
      ...m01.a,
      lesions: m01.a.lesions.map((l) =>
        l.id !== 'L1'
          ? l
          : {
              ...l,
              assessments: {
                preop: { modalities: { ...l.assessments.preop?.modalities, CT: {} } },
              },
            },
      ),
    };
    const [ra, rb] = monitorReaders([a, m01.b, m01.consensus]).readers;
    // L1~L1/CT unset vs D and L1~L1/status incomplete vs cDLM; the consensus holds D and cDLM.
    expect([ra?.discordances, ra?.overruled, rb?.overruled]).toEqual([2, 2, 0]);
    // A's CT: L1 left out (unset), L2 P/P: n = 1, one category only, so kappa is undefined.
    const ct = ra?.agreement.rows.find((row) => row.item === 'CT');
    expect([ct?.n, ct?.excludedUnset, ct?.kappa]).toEqual([1, 1, null]);
  });

  it('a patient whose consensus sources are not loaded and who lacks a pair is left out', () => {
    const m02 = byPatient.get('DREAM-M02');
    if (!m02?.consensus) throw new Error('M02');
    const { cases, leftOut } = monitoringCases([m02.a, m02.consensus]);
    expect(cases).toEqual([]);
    expect(leftOut).toHaveLength(1);
    expect(leftOut[0]?.patientId).toBe('DREAM-M02');
    expect(leftOut[0]?.reason).toMatch(/source reads that are not loaded/);
  });
});
