import { describe, expect, it } from 'vitest';
import {
  addLesion,
  assignTimepoint,
  createRead,
  nextLesionId,
  removeLesion,
  setBaseline,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSegment,
  setSitePoint,
} from '../../src/domain/commands.ts';
import { DomainError, attempt, type DomainErrorCode } from '../../src/domain/errors.ts';
import {
  DEFAULT_STUDY_CONFIG,
  type CommandContext,
  type Read,
  type TimepointId,
} from '../../src/domain/model.ts';
import { EDITS, deepFreeze, makeContext, makeImagePoint, makeReader } from './fixtures.ts';

function newRead(ctx: CommandContext = makeContext()): Read {
  return createRead({ patientId: 'DREAM-001-0001', reader: makeReader() }, ctx);
}

/** A draft with lesions L1 (VII) and L2 (II). */
function twoLesions(ctx: CommandContext = makeContext()): Read {
  let read = newRead(ctx);
  read = addLesion(read, { segment: 'VII', baselineDiameterMm: 14 }, ctx);
  return addLesion(read, { segment: 'II' }, ctx);
}

function codeOf(fn: () => unknown): DomainErrorCode | undefined {
  const result = attempt(fn);
  return result.ok ? undefined : result.error.code;
}

describe('createRead', () => {
  it('starts a draft v1 with injected ids and clock and one pending audit entry', () => {
    const read = newRead();
    expect(read).toMatchObject({
      schemaVersion: 3,
      readId: 'id-1',
      versionId: 'id-2',
      version: 1,
      state: { kind: 'draft' },
      config: DEFAULT_STUDY_CONFIG,
      lesions: [],
      nextLesionNumber: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      audit: [],
    });
    expect(read.pendingAudit).toEqual([
      {
        seq: 1,
        at: '2026-01-01T00:00:00.000Z',
        readerId: 'reader-1',
        action: 'create-read',
        before: null,
        after: {
          readId: 'id-1',
          versionId: 'id-2',
          patientId: 'DREAM-001-0001',
          reader: makeReader(),
          config: DEFAULT_STUDY_CONFIG,
        },
      },
    ]);
  });

  it.each<[string, Parameters<typeof createRead>[0], DomainErrorCode]>([
    ['empty patient id', { patientId: ' ', reader: makeReader() }, 'invalid-input'],
    ['empty reader id', { patientId: 'P1', reader: makeReader({ id: '' }) }, 'invalid-input'],
    [
      'no required modality',
      {
        patientId: 'P1',
        reader: makeReader(),
        config: { ...DEFAULT_STUDY_CONFIG, requiredModalities: [] },
      },
      'invalid-config',
    ],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(() => createRead(input, makeContext()))).toBe(code);
  });

  it.each(['2026-01-01T01:00:00+01:00', '2026-01-01 00:00:00', 'yesterday'])(
    'refuses a clock that does not give UTC ISO: %s',
    (time) => {
      const ctx = { now: () => time, newId: () => 'x' };
      expect(codeOf(() => newRead(ctx))).toBe('invalid-input');
    },
  );
});

describe('lesion ids', () => {
  it('counts up and never reuses an id, even after removal', () => {
    const ctx = makeContext();
    let read = twoLesions(ctx);
    read = removeLesion(read, { lesionId: 'L2' }, ctx);
    expect(nextLesionId(read)).toBe('L3');
    read = addLesion(read, {}, ctx);
    expect(read.lesions.map((l) => [l.id, l.removed !== undefined])).toEqual([
      ['L1', false],
      ['L2', true],
      ['L3', false],
    ]);
    expect(read.nextLesionNumber).toBe(4);
  });

  it('keeps a removed lesion and its reason and refuses to edit it', () => {
    const ctx = makeContext();
    const read = removeLesion(
      twoLesions(ctx),
      { lesionId: 'L1', reason: ' duplicate of L2 ' },
      ctx,
    );
    expect(read.lesions[0]?.removed).toEqual({ at: read.updatedAt, reason: 'duplicate of L2' });
    expect(read.lesions[0]?.segment).toBe('VII');
    expect(codeOf(() => removeLesion(read, { lesionId: 'L1' }, ctx))).toBe('lesion-removed');
    expect(codeOf(() => setSegment(read, { lesionId: 'L1', segment: 'I' }, ctx))).toBe(
      'lesion-removed',
    );
  });
});

describe('edit commands', () => {
  it.each(EDITS.filter(([name]) => name !== 'addLesion' && name !== 'assignTimepoint'))(
    '%s refuses an unknown lesion',
    (_name, command) => {
      const ctx = makeContext();
      const read = newRead(ctx);
      expect(codeOf(() => command(read, ctx))).toBe('unknown-lesion');
    },
  );

  it.each(EDITS)(
    '%s never mutates its (deep-frozen) input and appends one entry',
    (_n, command) => {
      const ctx = makeContext();
      const read = deepFreeze(twoLesions(ctx));
      const snapshot = structuredClone(read);
      const next = command(read, ctx);
      expect(read).toEqual(snapshot);
      expect(next).not.toBe(read);
      expect(next.pendingAudit).toHaveLength(read.pendingAudit.length + 1);
      expect(next.pendingAudit.at(-1)?.seq).toBe(read.pendingAudit.length + 1);
      expect(next.updatedAt).toBe(next.pendingAudit.at(-1)?.at);
    },
  );

  it.each(EDITS)(
    '%s applied twice changes nothing the second time (no audit noise)',
    (name, command) => {
      if (name === 'addLesion') return; // adding twice makes two lesions by design
      const ctx = makeContext();
      const once = command(twoLesions(ctx), ctx);
      if (name === 'removeLesion') {
        expect(codeOf(() => command(once, ctx))).toBe('lesion-removed');
        return;
      }
      expect(command(once, ctx)).toBe(once);
    },
  );
});

describe('per-cell commands', () => {
  const cell = { lesionId: 'L1', timepoint: 'preop', modality: 'CT' } as const;

  it('sets, changes and clears a call, pruning empty records', () => {
    const ctx = makeContext();
    const base = twoLesions(ctx);
    let read = setCall(base, { ...cell, call: 'present' }, ctx);
    read = setCall(read, { ...cell, call: 'disappeared' }, ctx);
    expect(read.lesions[0]?.assessments).toEqual({
      preop: { modalities: { CT: { call: 'disappeared' } } },
    });
    expect(read.pendingAudit.slice(-2).map((e) => [e.target, e.before, e.after])).toEqual([
      ['L1/preop/CT', { call: null }, { call: 'present' }],
      ['L1/preop/CT', { call: 'present' }, { call: 'disappeared' }],
    ]);
    read = setCall(read, { ...cell, call: undefined }, ctx);
    expect(read.lesions[0]?.assessments).toEqual({});
  });

  it('patches measurements: undefined keeps, null clears', () => {
    const ctx = makeContext();
    let read = setMeasurement(
      twoLesions(ctx),
      { ...cell, diameterMm: 8, adcMean: 1.2, adcSd: 0.2, adcPixels: 40 },
      ctx,
    );
    read = setMeasurement(read, { ...cell, diameterMm: null, adcMean: 1.3 }, ctx);
    expect(read.lesions[0]?.assessments.preop?.modalities.CT).toEqual({
      adcMean: 1.3,
      adcSd: 0.2,
      adcPixels: 40,
    });
    expect(read.pendingAudit.at(-1)).toMatchObject({
      action: 'set-measurement',
      before: { diameterMm: 8, adcMean: 1.2, adcSd: 0.2, adcPixels: 40 },
      after: { adcMean: 1.3, adcSd: 0.2, adcPixels: 40 },
    });
  });

  it.each<[string, Parameters<typeof setMeasurement>[1]]>([
    ['zero diameter', { ...cell, diameterMm: 0 }],
    ['NaN diameter', { ...cell, diameterMm: Number.NaN }],
    ['negative ADC', { ...cell, adcMean: -0.1 }],
    ['infinite SD', { ...cell, adcSd: Infinity }],
    ['fractional pixels', { ...cell, adcPixels: 2.5 }],
    ['unknown modality', { ...cell, modality: 'PET' as 'CT', diameterMm: 5 }],
    ['bad timepoint', { ...cell, timepoint: 'followup-0', diameterMm: 5 }],
  ])('setMeasurement refuses %s', (_name, input) => {
    const ctx = makeContext();
    expect(codeOf(() => setMeasurement(twoLesions(ctx), input, ctx))).toBe('invalid-input');
  });

  it('stores a site point and clears it', () => {
    const ctx = makeContext();
    const site = makeImagePoint({ frameNumber: 3 });
    let read = setSitePoint(twoLesions(ctx), { ...cell, sitePoint: site }, ctx);
    expect(read.lesions[0]?.assessments.preop?.modalities.CT?.sitePoint).toEqual(site);
    read = setSitePoint(read, { ...cell, sitePoint: undefined }, ctx);
    expect(read.lesions[0]?.assessments).toEqual({});
  });

  it.each([
    ['frame 0', makeImagePoint({ frameNumber: 0 })],
    ['empty SOP UID', makeImagePoint({ sopInstanceUid: '' })],
    ['NaN coordinate', { ...makeImagePoint(), point: { x: Number.NaN, y: 0, z: 0 } } as never],
  ])('setSitePoint refuses %s', (_name, sitePoint) => {
    const ctx = makeContext();
    expect(codeOf(() => setSitePoint(twoLesions(ctx), { ...cell, sitePoint }, ctx))).toBe(
      'invalid-input',
    );
  });

  it('keeps a comment as written and clears it when blank', () => {
    const ctx = makeContext();
    let read = setComment(twoLesions(ctx), { ...cell, comment: ' breathing artefact ' }, ctx);
    expect(read.lesions[0]?.assessments.preop?.modalities.CT?.comment).toBe(' breathing artefact ');
    read = setComment(read, { ...cell, comment: '   ' }, ctx);
    expect(read.lesions[0]?.assessments).toEqual({});
  });

  it('records recurrence at follow-up beside the calls of that timepoint', () => {
    const ctx = makeContext();
    let read = setCall(
      twoLesions(ctx),
      { ...cell, timepoint: 'followup-2', call: 'disappeared' },
      ctx,
    );
    read = setRecurrence(read, { lesionId: 'L1', timepoint: 'followup-2', recurrence: 'yes' }, ctx);
    expect(read.lesions[0]?.assessments['followup-2']).toEqual({
      modalities: { CT: { call: 'disappeared' } },
      recurrence: 'yes',
    });
    expect(read.pendingAudit.at(-1)).toMatchObject({
      target: 'L1/followup-2',
      before: null,
      after: 'yes',
    });
    read = setRecurrence(
      read,
      { lesionId: 'L1', timepoint: 'followup-2', recurrence: undefined },
      ctx,
    );
    expect(read.lesions[0]?.assessments['followup-2']).toEqual({
      modalities: { CT: { call: 'disappeared' } },
    });
  });

  it.each<TimepointId>(['baseline', 'preop'])('refuses recurrence at %s', (timepoint) => {
    const ctx = makeContext();
    const run = () =>
      setRecurrence(twoLesions(ctx), { lesionId: 'L1', timepoint, recurrence: 'no' }, ctx);
    expect(codeOf(run)).toBe('invalid-input');
  });
});

describe('lesion-level commands', () => {
  it('sets and clears the segment', () => {
    const ctx = makeContext();
    let read = setSegment(twoLesions(ctx), { lesionId: 'L1', segment: 'IVa' }, ctx);
    expect(read.lesions[0]?.segment).toBe('IVa');
    read = setSegment(read, { lesionId: 'L1', segment: undefined }, ctx);
    expect(read.lesions[0]).not.toHaveProperty('segment');
    expect(codeOf(() => setSegment(read, { lesionId: 'L1', segment: 'IX' as 'I' }, ctx))).toBe(
      'invalid-input',
    );
  });

  it('patches the baseline location and diameter', () => {
    const ctx = makeContext();
    const location = makeImagePoint();
    let read = setBaseline(twoLesions(ctx), { lesionId: 'L1', location }, ctx);
    expect(read.lesions[0]).toMatchObject({ baselineLocation: location, baselineDiameterMm: 14 });
    read = setBaseline(read, { lesionId: 'L1', diameterMm: null }, ctx);
    expect(read.lesions[0]).not.toHaveProperty('baselineDiameterMm');
    expect(read.lesions[0]?.baselineLocation).toEqual(location);
  });

  it('assigns, moves and unassigns a study', () => {
    const ctx = makeContext();
    let read = assignTimepoint(
      newRead(ctx),
      { studyInstanceUid: '1.2.3', timepoint: 'baseline' },
      ctx,
    );
    read = assignTimepoint(read, { studyInstanceUid: '1.2.4', timepoint: 'preop' }, ctx);
    read = assignTimepoint(read, { studyInstanceUid: '1.2.3', timepoint: 'followup-1' }, ctx);
    expect(read.timepointAssignment).toEqual({ '1.2.3': 'followup-1', '1.2.4': 'preop' });
    expect(read.pendingAudit.at(-1)).toMatchObject({
      target: 'study:1.2.3',
      before: 'baseline',
      after: 'followup-1',
    });
    read = assignTimepoint(read, { studyInstanceUid: '1.2.4', timepoint: undefined }, ctx);
    expect(read.timepointAssignment).toEqual({ '1.2.3': 'followup-1' });
    const bad = () =>
      assignTimepoint(read, { studyInstanceUid: '1.2.5', timepoint: 'week-3' as TimepointId }, ctx);
    expect(codeOf(bad)).toBe('invalid-input');
  });

  it('throws DomainError instances (not plain errors)', () => {
    const ctx = makeContext();
    expect(() => setSegment(newRead(ctx), { lesionId: 'L9', segment: 'I' }, ctx)).toThrow(
      DomainError,
    );
  });
});
