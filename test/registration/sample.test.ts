/**
 * Registration recovers the sample's known motion: DREAM-001's exams registered with elastix
 * (Node build of the same pipeline the browser runs) as the app plans them, the error at every
 * lesion and distractor centre within the goal (median <= 3 mm, worst <= 5 mm), where leaving the
 * exams unregistered would be off by far more. Behaviour only; time is the bench's.
 */
import { describe, expect, it } from 'vitest';
import { applyMat, distance, IDENTITY } from '../../src/domain/registration';
import { readJson, type GroundTruth } from '../sample/sample-reader';
import { median, sampleTre } from './sample-tre';

describe('registration of the sample study (DREAM-001)', () => {
  it('recovers the known motion within 3 mm median, 5 mm worst, with no pair flagged', async () => {
    const [patient] = await sampleTre(undefined, ['DREAM-001']);
    expect(patient?.pairs.map((p) => `${p.fixed} -> ${p.moving}`)).toEqual([
      'baseline CT -> baseline MR',
      'baseline CT -> preop CT',
      'baseline MR -> preop MR',
    ]);
    const errors = patient!.errors.map((e) => e.mm);
    // 3 exams x (4 lesions + 2 distractors)
    expect(errors).toHaveLength(18);
    expect(median(errors)).toBeLessThanOrEqual(3);
    expect(Math.max(...errors)).toBeLessThanOrEqual(5);
    for (const pair of patient!.pairs) {
      expect(pair.poor).toBeUndefined();
      expect(pair.nmiAfter).toBeGreaterThan(pair.nmiBefore);
    }
  }, 90_000);

  it('the same centres unregistered are off by more than the goal (the test can fail)', () => {
    const truth = readJson<GroundTruth>('ground-truth.json');
    const p = truth.patients.find((x) => x.patientId === 'DREAM-001')!;
    const off = p.lesions.flatMap((l) =>
      (['CT', 'MR'] as const).map((kind) =>
        distance(applyMat(IDENTITY, l.centre.baseline!.CT!), l.centre.preop![kind]!),
      ),
    );
    expect(Math.min(...off)).toBeGreaterThan(5);
  });
});
