import { describe, expect, it } from 'vitest';
import { addLesion, createRead, setCall, setSitePoint } from '../../src/domain/commands.ts';
import { amend, sign } from '../../src/domain/lifecycle.ts';
import {
  COUINAUD_CODES,
  COUINAUD_SEGMENTS,
  DEFAULT_STUDY_CONFIG,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  isFollowUpTimepoint,
  isTimepointId,
  worldPoint,
} from '../../src/domain/model.ts';
import { makeContext, makeImagePoint, makeReader } from './fixtures.ts';

describe('timepoint ids', () => {
  it.each<[string, boolean, boolean]>([
    ['baseline', true, false],
    ['preop', true, false],
    ['followup-1', true, true],
    ['followup-12', true, true],
    ['followup-0', false, false],
    ['followup-01', false, false],
    ['followup-1.5', false, false],
    ['followup--2', false, false],
    ['followup-', false, false],
    ['Baseline', false, false],
    ['', false, false],
  ])('%j valid=%s follow-up=%s', (id, valid, followUp) => {
    expect(isTimepointId(id)).toBe(valid);
    if (isTimepointId(id)) expect(isFollowUpTimepoint(id)).toBe(followUp);
  });
});

describe('Couinaud codes (DICOM CID 7170, docs/domain.md §4)', () => {
  it.each<[string, string, string | undefined]>([
    ['I', '71133005', undefined],
    ['II', '277956007', undefined],
    ['III', '277957003', undefined],
    ['IVa', '277958008', 'IVa'],
    ['IVb', '277958008', 'IVb'],
    ['V', '277959000', undefined],
    ['VI', '277960005', undefined],
    ['VII', '277961009', undefined],
    ['VIII', '277962002', undefined],
  ])('%s -> SCT %s, local modifier %s', (segment, code, modifier) => {
    const coded = COUINAUD_CODES[segment as keyof typeof COUINAUD_CODES];
    expect(coded.codeValue).toBe(code);
    expect(coded.codingSchemeDesignator).toBe('SCT');
    expect(coded.localModifier?.codeValue).toBe(modifier);
  });

  it('covers every segment exactly once', () => {
    expect(Object.keys(COUINAUD_CODES).sort()).toEqual([...COUINAUD_SEGMENTS].sort());
  });
});

describe('modality groups and defaults', () => {
  it('labels the four groups in the seed wording and requires all by default', () => {
    expect(MODALITY_GROUPS.map((m) => MODALITY_LABELS[m])).toEqual([
      'CT',
      'DWI',
      'T1/T2',
      'contrast MRI (EOB)',
    ]);
    expect(DEFAULT_STUDY_CONFIG).toMatchObject({
      requiredModalities: ['CT', 'DWI', 'T1T2', 'EOB'],
      matchDistanceMm: 15,
      statusTimepoint: 'preop',
    });
  });
});

describe('worldPoint', () => {
  it('keeps LPS mm coordinates', () => {
    expect(worldPoint(-1.5, 2, 3e2)).toEqual({ x: -1.5, y: 2, z: 300 });
  });

  it.each([
    [Number.NaN, 0, 0],
    [0, Infinity, 0],
    [0, 0, -Infinity],
  ])('refuses (%s, %s, %s)', (x, y, z) => {
    expect(() => worldPoint(x, y, z)).toThrow(RangeError);
  });
});

describe('a read is plain JSON', () => {
  it('survives JSON round trips unchanged, with no undefined members anywhere', () => {
    const ctx = makeContext();
    let read = createRead({ patientId: 'DREAM-001-0001', reader: makeReader() }, ctx);
    read = addLesion(
      read,
      { segment: 'IVb', baselineLocation: makeImagePoint(), baselineDiameterMm: 9 },
      ctx,
    );
    const cell = { lesionId: 'L1', timepoint: 'preop', modality: 'EOB' } as const;
    read = setCall(read, { ...cell, call: 'disappeared' }, ctx);
    read = setSitePoint(read, { ...cell, sitePoint: makeImagePoint({ frameNumber: 2 }) }, ctx);
    read = amend(sign(read, { signerName: 'Dr One', meaning: 'Author' }, ctx), 'recheck', ctx);
    const once = JSON.parse(JSON.stringify(read)) as unknown;
    expect(once).toStrictEqual(read);
    expect(JSON.stringify(once)).toBe(JSON.stringify(read));
  });
});
