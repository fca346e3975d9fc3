import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  DEFAULT_STUDY_CONFIG,
  type Call,
  type Lesion,
  type LesionId,
  type ModalityGroup,
  type Read,
  type StudyConfig,
  type TimepointId,
} from '../../../src/domain/model.ts';
import {
  computeEndpointTable,
  type EndpointRow,
  type EndpointRowKey,
} from '../../../src/domain/stats/endpoint.ts';
import { clopperPearson, wilson } from '../../../src/domain/stats/intervals.ts';
import type { LesionOutcome } from '../../../src/domain/stats/outcomes.ts';
import { makeLesion, makeRead } from '../fixtures.ts';

type Calls = Partial<Record<ModalityGroup, Call>>;

const D: Call = 'disappeared';
const P: Call = 'present';
/** Disappeared on all four modality groups: a cDLM under the default configuration. */
const CDLM: Calls = { CT: D, DWI: D, T1T2: D, EOB: D };
/** Disappeared on CT only: a CT-DLM that MRI still shows (partial DLM). */
const CT_ONLY: Calls = { CT: D, DWI: P, T1T2: D, EOB: P };
const VISIBLE: Calls = { CT: P, DWI: P, T1T2: P, EOB: P };

function lesionWith(id: LesionId, calls: Calls, timepoint: TimepointId = 'preop'): Lesion {
  const modalities = Object.fromEntries(
    Object.entries(calls).map(([modality, call]) => [modality, { call }]),
  );
  return makeLesion({ id, assessments: { [timepoint]: { modalities } } });
}

function readOf(patientId: string, lesions: Lesion[], config?: StudyConfig): Read {
  return makeRead({
    readId: `read-${patientId}`,
    patientId,
    lesions,
    nextLesionNumber: lesions.length + 1,
    ...(config === undefined ? {} : { config }),
  });
}

const resected = (pathology: 'viable' | 'non-viable') =>
  ({ management: 'resected', pathology }) as const;
const inSitu = (localRecurrence: 'yes' | 'no', followUpMonths?: number) =>
  ({ management: 'left-in-situ', localRecurrence, followUpMonths }) as const;

function outcome(
  patientId: string,
  lesionId: LesionId,
  fields: Omit<LesionOutcome, 'patientId' | 'lesionId'>,
): LesionOutcome {
  const o: Record<string, unknown> = { patientId, lesionId, ...fields };
  for (const key of Object.keys(o)) if (o[key] === undefined) delete o[key];
  return o as unknown as LesionOutcome;
}

/** A small study that touches every class and row (see the expected rows below). */
function smallStudy(): { reads: Read[]; outcomes: LesionOutcome[] } {
  const reads = [
    readOf('P1', [
      lesionWith('L1', CDLM),
      lesionWith('L2', CDLM),
      lesionWith('L3', VISIBLE),
      { ...lesionWith('L4', CDLM), removed: { at: '2026-01-02T00:00:00.000Z' } },
    ]),
    readOf('P2', [
      lesionWith('L1', CT_ONLY),
      lesionWith('L2', CDLM),
      lesionWith('L3', CDLM),
      lesionWith('L4', CDLM),
    ]),
    readOf('P3', [lesionWith('L1', CDLM)]),
  ];
  const outcomes = [
    outcome('P1', 'L1', { ...resected('non-viable'), ceIous: 'not-seen' }),
    outcome('P1', 'L2', { ...inSitu('yes'), recurrenceDate: '2025-05-01', ceIous: 'seen' }),
    outcome('P1', 'L3', resected('viable')), // visible lesion: in no row
    outcome('P1', 'L4', resected('viable')), // removed lesion: unmatched
    outcome('P2', 'L1', resected('viable')),
    outcome('P2', 'L2', { ...inSitu('no', 30), ceIous: 'not-seen' }),
    outcome('P2', 'L3', { ...inSitu('no', 12), ceIous: 'not-seen' }),
    // P2 L4: no outcome at all
    outcome('P3', 'L1', resected('non-viable')), // CE-IOUS unknown
    outcome('P9', 'L1', resected('non-viable')), // unknown patient: unmatched
  ];
  return { reads, outcomes };
}

type Counts = Pick<
  EndpointRow,
  | 'nonViable'
  | 'viable'
  | 'evaluable'
  | 'evaluablePatients'
  | 'notYetEvaluable'
  | 'missingOutcome'
  | 'lesions'
  | 'patients'
>;

describe('computeEndpointTable: a small study by hand', () => {
  const table = computeEndpointTable(smallStudy().reads, smallStudy().outcomes);

  it.each<[EndpointRowKey, Counts, number]>([
    // cDLM: P1 L1 nv, P1 L2 v, P2 L2 nv, P2 L3 not yet, P2 L4 missing, P3 L1 nv.
    [
      'cdlm',
      {
        nonViable: 3,
        viable: 1,
        evaluable: 4,
        evaluablePatients: 3,
        notYetEvaluable: 1,
        missingOutcome: 1,
        lesions: 6,
        patients: 3,
      },
      0.75,
    ],
    // CT-DLM: the six cDLMs (all disappeared on CT) plus P2 L1 (viable).
    [
      'ct-dlm',
      {
        nonViable: 3,
        viable: 2,
        evaluable: 5,
        evaluablePatients: 3,
        notYetEvaluable: 1,
        missingOutcome: 1,
        lesions: 7,
        patients: 3,
      },
      0.6,
    ],
    // cDLM, CE-IOUS not seen: P1 L1 nv, P2 L2 nv, P2 L3 not yet, P2 L4 missing (no outcome),
    // P3 L1 missing (CE-IOUS unknown); P1 L2 was seen on CE-IOUS, so it is not in this row.
    [
      'cdlm-ceious-not-seen',
      {
        nonViable: 2,
        viable: 0,
        evaluable: 2,
        evaluablePatients: 2,
        notYetEvaluable: 1,
        missingOutcome: 2,
        lesions: 5,
        patients: 3,
      },
      1,
    ],
  ])('row %s', (key, counts, npv) => {
    const row = table.rows.find((r) => r.key === key);
    expect(row).toMatchObject({ ...counts, npv });
    expect(row?.clopperPearson).toEqual({
      ...clopperPearson(counts.nonViable, counts.evaluable),
      method: 'clopper-pearson',
      level: 0.95,
    });
    expect(row?.wilson).toEqual({
      ...wilson(counts.nonViable, counts.evaluable),
      method: 'wilson',
      level: 0.95,
    });
  });

  // Per patient, by hand from the lesions listed above (TN = all non-viable, FN = one viable):
  //   cDLM:   P1 (nv, v) FN; P2 (nv, not yet, missing) not evaluable; P3 (nv) TN -> 1/2.
  //   CT-DLM: P1 FN; P2 (L1 viable) FN; P3 TN -> 1/3.
  //   CE-IOUS not seen: P1 (nv) TN; P2 (nv, not yet, missing) and P3 (missing) not evaluable -> 1/1.
  // Sensitivity: not yet evaluable as non-viable (best) and as viable (worst), missing stays out.
  it.each<[EndpointRowKey, [number, number, number, number], [number, number], [number, number]]>([
    ['cdlm', [1, 1, 1, 0.5], [4, 5], [3, 5]],
    ['ct-dlm', [1, 2, 0, 1 / 3], [4, 6], [3, 6]],
    ['cdlm-ceious-not-seen', [1, 0, 2, 1], [3, 3], [2, 3]],
  ])('row %s per patient and sensitivity', (key, [tn, fn, notEvaluable, npv], best, worst) => {
    const row = table.rows.find((r) => r.key === key);
    expect(row?.perPatient).toMatchObject({
      trueNegatives: tn,
      falseNegatives: fn,
      notEvaluable,
      x: tn,
      n: tn + fn,
    });
    expect(row?.perPatient.estimate).toBeCloseTo(npv, 12);
    expect(row?.perPatient.clopperPearson).toEqual({
      ...clopperPearson(tn, tn + fn),
      method: 'clopper-pearson',
      level: 0.95,
    });
    const s = row?.sensitivity;
    expect([s?.bestCase.nonViable, s?.bestCase.evaluable]).toEqual(best);
    expect([s?.worstCase.nonViable, s?.worstCase.evaluable]).toEqual(worst);
    expect(s?.missingOutcome).toBe(row?.missingOutcome);
    expect(s?.bestCase.clopperPearson?.method).toBe('clopper-pearson');
  });

  it('gives the cDLM row a ratio-estimator interval with its design effect (by hand)', () => {
    // Clusters (non-viable, evaluable): P1 (1, 2), P2 (1, 1), P3 (1, 1); p = 3/4.
    // Residuals x - p·m: -0.5, 0.25, 0.25; squares 0.375; Var = 3/2 · 0.375 / 4² = 0.03515625,
    // SE 0.1875; binomial 0.75 · 0.25 / 4 = 0.046875; design effect 0.75.
    // 0.75 ± 1.959964 · 0.1875 = 0.382507 .. 1.117 (clipped to 1).
    const row = table.rows.find((r) => r.key === 'cdlm');
    expect(row?.ratioEstimator?.standardError).toBeCloseTo(0.1875, 12);
    expect(row?.ratioEstimator?.designEffect).toBeCloseTo(0.75, 12);
    expect(row?.ratioEstimator?.lower).toBeCloseTo(0.382507, 6);
    expect(row?.ratioEstimator?.upper).toBe(1);
    expect(row?.clusterBootstrap).toMatchObject({
      method: 'cluster-bootstrap-percentile',
      level: 0.95,
      seed: table.bootstrap.seed,
      resamples: table.bootstrap.resamples,
      clusters: 3,
    });
    expect(table.level).toBe(0.95);
  });

  it('lists the rows in table order with their labels', () => {
    expect(table.rows.map((r) => [r.key, r.label])).toEqual([
      ['cdlm', 'cDLM (CT+MRI)'],
      ['ct-dlm', 'CT-DLM (CT alone)'],
      ['cdlm-ceious-not-seen', 'cDLM, CE-IOUS not seen (CT+MRI+CE-IOUS)'],
    ]);
  });

  it('lists the lesions with status, outcome class and rows; skips removed and visible ones', () => {
    expect(
      table.lesions.map((l) => [
        `${l.patientId}/${l.lesionId}`,
        l.derived.status,
        l.classification.kind,
        l.rows.join(' '),
      ]),
    ).toEqual([
      ['P1/L1', 'cDLM', 'non-viable', 'cdlm ct-dlm cdlm-ceious-not-seen'],
      ['P1/L2', 'cDLM', 'viable', 'cdlm ct-dlm'],
      ['P2/L1', 'partial DLM', 'viable', 'ct-dlm'],
      ['P2/L2', 'cDLM', 'non-viable', 'cdlm ct-dlm cdlm-ceious-not-seen'],
      ['P2/L3', 'cDLM', 'not-yet-evaluable', 'cdlm ct-dlm cdlm-ceious-not-seen'],
      ['P2/L4', 'cDLM', 'missing', 'cdlm ct-dlm cdlm-ceious-not-seen'],
      ['P3/L1', 'cDLM', 'non-viable', 'cdlm ct-dlm cdlm-ceious-not-seen'],
    ]);
    expect(table.lesions[4]?.classification.reason).toBe(
      'left in situ; no local recurrence after 12 months of follow-up (24 needed)',
    );
  });

  it('reports outcomes that match no live lesion', () => {
    expect(table.unmatchedOutcomes.map((o) => `${o.patientId}/${o.lesionId}`)).toEqual([
      'P1/L4',
      'P9/L1',
    ]);
  });

  it('uses the minimum follow-up of the configuration', () => {
    const { reads, outcomes } = smallStudy();
    const config = { ...DEFAULT_STUDY_CONFIG, minFollowUpMonths: 12 };
    const row = computeEndpointTable(reads, outcomes, config).rows[0];
    expect(row).toMatchObject({ nonViable: 4, evaluable: 5, notYetEvaluable: 0 });
  });
});

describe('computeEndpointTable: the interval test vectors of docs/statistics.md through the table', () => {
  /** n cDLMs, x of them non-viable (resected), three lesions per patient. */
  function study(x: number, n: number): { reads: Read[]; outcomes: LesionOutcome[] } {
    const reads: Read[] = [];
    const outcomes: LesionOutcome[] = [];
    for (let p = 0; p * 3 < n; p++) {
      const patientId = `P${p + 1}`;
      const lesions: Lesion[] = [];
      for (let k = 0; k < 3 && p * 3 + k < n; k++) {
        const id: LesionId = `L${k + 1}`;
        lesions.push(lesionWith(id, CDLM));
        const nonViable = p * 3 + k < x;
        outcomes.push(outcome(patientId, id, resected(nonViable ? 'non-viable' : 'viable')));
      }
      reads.push(readOf(patientId, lesions));
    }
    return { reads, outcomes };
  }

  it.each([
    // [x, n, Wilson lower, Wilson upper, CP lower, CP upper] from docs/statistics.md.
    [25, 40, 0.4703, 0.7578, 0.458, 0.7727],
    [5, 8, 0.3057, 0.8632, 0.2449, 0.9148],
    [0, 10, 0, 0.2775, 0, 0.3085],
    [10, 10, 0.7225, 1, 0.6915, 1],
  ])('%i/%i', (x, n, wl, wu, cl, cu) => {
    const { reads, outcomes } = study(x, n);
    const row = computeEndpointTable(reads, outcomes).rows[0]!;
    const round4 = (v: number | undefined) => Math.round((v ?? Number.NaN) * 1e4) / 1e4;
    expect(row).toMatchObject({
      nonViable: x,
      evaluable: n,
      npv: x / n,
      evaluablePatients: Math.ceil(n / 3),
    });
    expect([row.wilson?.lower, row.wilson?.upper].map(round4)).toEqual([wl, wu]);
    expect([row.clopperPearson?.lower, row.clopperPearson?.upper].map(round4)).toEqual([cl, cu]);
  });
});

describe('computeEndpointTable: configuration', () => {
  it('derives the status at config.statusTimepoint', () => {
    const reads = [readOf('P1', [lesionWith('L1', CDLM, 'followup-1')])];
    const outcomes = [outcome('P1', 'L1', resected('non-viable'))];
    expect(computeEndpointTable(reads, outcomes).lesions).toEqual([]);
    const config = { ...DEFAULT_STUDY_CONFIG, statusTimepoint: 'followup-1' as const };
    expect(computeEndpointTable(reads, outcomes, config).rows[0]).toMatchObject({
      nonViable: 1,
      evaluable: 1,
    });
  });

  it('uses the required modalities of the configuration', () => {
    const config: StudyConfig = { ...DEFAULT_STUDY_CONFIG, requiredModalities: ['CT', 'EOB'] };
    const reads = [readOf('P1', [lesionWith('L1', { CT: D, EOB: D, DWI: P })], config)];
    const outcomes = [outcome('P1', 'L1', resected('viable'))];
    expect(computeEndpointTable(reads, outcomes).rows[0]).toMatchObject({ viable: 1 });
    expect(computeEndpointTable(reads, outcomes, DEFAULT_STUDY_CONFIG).rows[0]?.lesions).toBe(0);
  });

  it('takes the configuration the reads share, and refuses reads that differ', () => {
    const other: StudyConfig = { ...DEFAULT_STUDY_CONFIG, minFollowUpMonths: 12 };
    const reads = [readOf('P1', [], other), readOf('P2', [], other)];
    expect(computeEndpointTable(reads, []).config).toBe(other);
    const mixed = [readOf('P1', []), readOf('P2', [], other)];
    expect(() => computeEndpointTable(mixed, [])).toThrow(DomainError);
    expect(() => computeEndpointTable(mixed, [])).toThrow(/P1 and P2/);
    expect(computeEndpointTable(mixed, [], other).config).toBe(other);
  });

  it('refuses an invalid configuration', () => {
    const config: StudyConfig = { ...DEFAULT_STUDY_CONFIG, requiredModalities: [] };
    const reads = [readOf('P1', [lesionWith('L1', CDLM)])];
    expect(() => computeEndpointTable(reads, [], config)).toThrow(DomainError);
  });
});

describe('computeEndpointTable: input errors and empty input', () => {
  it.each<[string, () => unknown]>([
    ['a patient read twice', () => computeEndpointTable([readOf('P1', []), readOf('P1', [])], [])],
    [
      'a lesion outcome twice',
      () =>
        computeEndpointTable(
          [],
          [outcome('P1', 'L1', resected('viable')), outcome('P1', 'L1', resected('non-viable'))],
        ),
    ],
  ])('refuses %s', (_name, f) => {
    expect(f).toThrow(DomainError);
  });

  it('no reads: three empty rows with null NPV and intervals', () => {
    const table = computeEndpointTable([], []);
    expect(table.config).toBe(DEFAULT_STUDY_CONFIG);
    for (const row of table.rows) {
      expect(row).toMatchObject({
        evaluable: 0,
        npv: null,
        clopperPearson: null,
        wilson: null,
        lesions: 0,
        patients: 0,
      });
    }
  });
});

describe('computeEndpointTable: properties', () => {
  const call = fc.constantFrom<Call | undefined>(D, D, P, 'not-evaluable', undefined);
  const calls = fc.record({ CT: call, DWI: call, T1T2: call, EOB: call });
  const fields = fc.record({
    management: fc.constantFrom('resected', 'left-in-situ', undefined),
    pathology: fc.constantFrom('viable', 'non-viable', undefined),
    localRecurrence: fc.constantFrom('yes', 'no', undefined),
    followUpMonths: fc.constantFrom(0, 12, 24, 36, undefined),
    ceIous: fc.constantFrom('seen', 'not-seen', undefined),
    present: fc.boolean(),
  });
  const patients = fc.array(fc.array(fc.tuple(calls, fields), { maxLength: 5 }), {
    maxLength: 6,
  });

  it('counts add up, rows nest, and the NPV is the ratio', () => {
    fc.assert(
      fc.property(patients, (data) => {
        const reads: Read[] = [];
        const outcomes: LesionOutcome[] = [];
        data.forEach((lesions, p) => {
          const patientId = `P${p + 1}`;
          const built = lesions.map(([c, f], k) => {
            const id: LesionId = `L${k + 1}`;
            const { present, ...rest } = f;
            const pathology = rest.management === 'resected' ? rest.pathology : undefined;
            if (present) outcomes.push(outcome(patientId, id, { ...rest, pathology }));
            const defined = Object.fromEntries(Object.entries(c).filter(([, v]) => v)) as Calls;
            return lesionWith(id, defined);
          });
          reads.push(readOf(patientId, built));
        });
        const table = computeEndpointTable(reads, outcomes);
        for (const row of table.rows) {
          expect(row.nonViable + row.viable).toBe(row.evaluable);
          expect(row.evaluable + row.notYetEvaluable + row.missingOutcome).toBe(row.lesions);
          expect(row.evaluablePatients).toBeLessThanOrEqual(row.patients);
          expect(row.patients).toBeLessThanOrEqual(row.lesions);
          expect(row.npv).toBe(row.evaluable === 0 ? null : row.nonViable / row.evaluable);
        }
        const [cdlm, ctDlm, ceIous] = table.rows;
        // CT is required by default, so every cDLM is a CT-DLM; row 3 is a subset of row 1.
        expect(ctDlm!.lesions).toBeGreaterThanOrEqual(cdlm!.lesions);
        expect(ceIous!.lesions).toBeLessThanOrEqual(cdlm!.lesions);
        expect(table.unmatchedOutcomes).toEqual([]);
      }),
    );
  });
});
