/**
 * What a measurement drawn in the viewer records on a lesion: every tool x timepoint x target
 * combination, the command it makes, and the read that results when it is applied.
 */
import { describe, expect, it } from 'vitest';
import {
  addLesion,
  removeLesion,
  sign,
  type ImagePoint,
  type Read,
} from '../../src/domain/index.ts';
import type { SeriesRole } from '../../src/dicom/roles.ts';
import {
  lesionsNear,
  linkLesionId,
  linkTargets,
  measurementLink,
  recordHolds,
  modalityGroupOf,
  type LinkTarget,
  type MeasurementPlace,
} from '../../src/store/reads/measurementLink.ts';
import { applyBatch } from '../../src/domain/undo.ts';
import {
  anchorPoint,
  type Measurement,
  type MeasurementTool,
} from '../../src/viewer/measurements.ts';
import { makeHeader } from '../dicom/fixtures.ts';
import { makeContext, makeRead } from '../domain/fixtures.ts';

const CT: SeriesRole = { kind: 'CT', phase: 'portal-venous' };
const ADC: SeriesRole = { kind: 'ADC' };
const HBP: SeriesRole = { kind: 'EOB', phase: 'hbp' };

function measurement(tool: MeasurementTool, values: Record<string, number>): Measurement {
  const points: Record<MeasurementTool, [number, number, number][]> = {
    Length: [
      [10, 20, 30],
      [30, 20, 30],
    ],
    Bidirectional: [
      [10, 20, 30],
      [30, 20, 30],
      [20, 15, 30],
      [20, 25, 30],
    ],
    EllipticalROI: [
      [20, 10, 30],
      [20, 30, 30],
      [10, 20, 30],
      [30, 20, 30],
    ],
    Probe: [[20, 20, 30]],
  };
  return {
    uid: 'a1',
    tool,
    viewportId: 'vp-r0c0',
    imageId: 'wadouri:x',
    points: points[tool],
    pixelCount: 57,
    values: Object.entries(values).map(([name, value]) => ({ name, value, unit: '' })),
  };
}

function place(timepoint: string, role: SeriesRole): MeasurementPlace {
  return {
    timepoint,
    role,
    valueKind: role.kind === 'ADC' ? 'ADC' : role.kind === 'CT' ? 'HU' : 'raw',
    header: makeHeader({ sopInstanceUid: '9.9', frameOfReferenceUid: 'for.1' }),
  };
}

const LENGTH = measurement('Length', { length: 20 });
const BIDI = measurement('Bidirectional', { length: 20, width: 10 });
const PROBE = measurement('Probe', { value: 40 });
const ROI = measurement('EllipticalROI', { mean: 0.9, stdDev: 0.1, area: 300 });

describe('modalityGroupOf', () => {
  it.each<[SeriesRole, string | undefined]>([
    [CT, 'CT'],
    [{ kind: 'DWI', bValue: 800 }, 'DWI'],
    [ADC, 'DWI'],
    [{ kind: 'T1' }, 'T1T2'],
    [{ kind: 'T2' }, 'T1T2'],
    [HBP, 'EOB'],
    [{ kind: 'other' }, undefined],
  ])('%j -> %s', (role, group) => {
    expect(modalityGroupOf(role)).toBe(group);
  });
});

describe('anchorPoint', () => {
  it.each<[Measurement, [number, number, number] | undefined]>([
    [LENGTH, [20, 20, 30]],
    [BIDI, [20, 20, 30]],
    [ROI, [20, 20, 30]],
    [PROBE, [20, 20, 30]],
    [{ ...LENGTH, points: [[1, 2, 3]] }, undefined],
    [{ ...PROBE, points: [] }, undefined],
  ])('%#', (m, expected) => {
    expect(anchorPoint(m.tool, m.points)).toEqual(expected);
  });
});

type Row = [string, Measurement, string, SeriesRole, LinkTarget, string | undefined, object?];
const rows: Row[] = [
  [
    'length at baseline -> new lesion',
    LENGTH,
    'baseline',
    CT,
    'new',
    'addLesion',
    { baselineDiameterMm: 20 },
  ],
  [
    'bidirectional at baseline -> new lesion',
    BIDI,
    'baseline',
    CT,
    'new',
    'addLesion',
    { baselineDiameterMm: 20 },
  ],
  [
    'length at baseline -> lesion baseline',
    LENGTH,
    'baseline',
    CT,
    'L1',
    'setBaseline',
    { diameterMm: 20 },
  ],
  [
    'length at preop -> modality diameter',
    LENGTH,
    'preop',
    HBP,
    'L1',
    'setMeasurement',
    { modality: 'EOB', diameterMm: 20 },
  ],
  ['length at preop -> no new lesion', LENGTH, 'preop', CT, 'new', undefined],
  [
    'length on an unclassified series at preop',
    LENGTH,
    'preop',
    { kind: 'other' },
    'L1',
    undefined,
  ],
  ['probe at baseline -> new lesion', PROBE, 'baseline', CT, 'new', 'addLesion', {}],
  ['probe at baseline -> lesion location', PROBE, 'baseline', CT, 'L1', 'setBaseline', {}],
  ['probe at preop -> site point', PROBE, 'preop', CT, 'L1', 'setSitePoint', { modality: 'CT' }],
  [
    'probe at follow-up -> site point',
    PROBE,
    'followup-1',
    HBP,
    'L1',
    'setSitePoint',
    { modality: 'EOB' },
  ],
  [
    'ellipse on ADC -> ADC',
    ROI,
    'preop',
    ADC,
    'L1',
    'setMeasurement',
    { modality: 'DWI', adcMean: 0.9, adcSd: 0.1, adcPixels: 57 },
  ],
  [
    'ellipse on ADC at baseline -> ADC',
    ROI,
    'baseline',
    ADC,
    'L1',
    'setMeasurement',
    { timepoint: 'baseline', adcMean: 0.9 },
  ],
  ['ellipse on ADC -> no new lesion', ROI, 'baseline', ADC, 'new', undefined],
  ['ellipse on CT -> nothing', ROI, 'preop', CT, 'L1', undefined],
  ['length before stats are computed', measurement('Length', {}), 'baseline', CT, 'new', undefined],
  ['unknown timepoint', LENGTH, 'unassigned', CT, 'L1', undefined],
];

describe('measurementLink', () => {
  it.each(rows)('%s', (_name, m, timepoint, role, target, kind, expected) => {
    const link = measurementLink(m, place(timepoint, role), target);
    expect(link?.command.kind).toBe(kind);
    if (!link) return;
    expect(link.command.input).toMatchObject(expected ?? {});
    // The command applies to a read with one lesion, and stores what it says.
    const ctx = makeContext();
    const read = addLesion(makeRead(), {}, ctx);
    const { read: after } = applyBatch(read, [link.command], ctx);
    expect(after.audit.length + after.pendingAudit.length).toBeGreaterThan(
      read.audit.length + read.pendingAudit.length,
    );
  });

  it('places points with the image they were drawn on', () => {
    const link = measurementLink(PROBE, place('baseline', CT), 'new');
    expect(link?.command.input).toMatchObject({
      baselineLocation: {
        point: { x: 20, y: 20, z: 30 },
        sopInstanceUid: '9.9',
        frameOfReferenceUid: 'for.1',
        frameNumber: 1,
      },
    });
  });
});

describe('linkTargets', () => {
  it('offers a new lesion first, then live lesions, and nothing on a signed read', () => {
    const ctx = makeContext();
    let read: Read = makeRead();
    read = addLesion(read, {}, ctx);
    read = addLesion(read, {}, ctx);
    const targets = linkTargets(LENGTH, place('baseline', CT), read).map((t) => t.target);
    expect(targets).toEqual(['new', 'L1', 'L2']);
    expect(linkTargets(LENGTH, place('preop', CT), read).map((t) => t.target)).toEqual([
      'L1',
      'L2',
    ]);
    const signed = sign(read, { signerName: 'A', meaning: 'Author' }, ctx);
    expect(linkTargets(LENGTH, place('baseline', CT), signed)).toEqual([]);
  });
});

describe('recordHolds and lesionsNear', () => {
  it('a record holds until it is undone, for every kind of link', () => {
    const ctx = makeContext();
    const base = addLesion(makeRead(), {}, ctx);
    const links = [
      measurementLink(LENGTH, place('baseline', CT), 'new'),
      measurementLink(LENGTH, place('baseline', CT), 'L1'),
      measurementLink(LENGTH, place('preop', HBP), 'L1'),
      measurementLink(PROBE, place('preop', HBP), 'L1'),
      measurementLink(ROI, place('baseline', ADC), 'L1'),
    ];
    for (const link of links) {
      if (!link) throw new Error('no link');
      const recorded = { link, lesionId: linkLesionId(base, link) };
      expect(recordHolds(base, recorded)).toBe(false);
      const done = applyBatch(base, [link.command], ctx);
      expect(recordHolds(done.read, recorded)).toBe(true);
      const undone = applyBatch(done.read, done.inverse, ctx);
      expect(recordHolds(undone.read, recorded)).toBe(false);
    }
    expect(linkLesionId(base, links[0]!)).toBe('L2');
    expect(linkLesionId(base, links[1]!)).toBe('L1');
  });

  it('finds live lesions within a few mm of where a new lesion would go', () => {
    const ctx = makeContext();
    const newAt = measurementLink(PROBE, place('baseline', CT), 'new');
    if (!newAt) throw new Error('no link');
    // L1 from the same place; L2 from a probe 4 mm away; L3 10 mm away; L4 in another frame.
    const at = (dx: number, frameOfReferenceUid = 'for.1') => {
      const input = newAt.command.input as { baselineLocation: ImagePoint };
      const p = input.baselineLocation;
      return { ...p, frameOfReferenceUid, point: { ...p.point, x: p.point.x + dx } };
    };
    let read = addLesion(makeRead(), { baselineLocation: at(0) }, ctx);
    read = addLesion(read, { baselineLocation: at(4) }, ctx);
    read = addLesion(read, { baselineLocation: at(10) }, ctx);
    read = addLesion(read, { baselineLocation: at(0, 'for.2') }, ctx);
    expect(lesionsNear(read, newAt)).toEqual(['L1', 'L2']);
    expect(lesionsNear(read, newAt, 2)).toEqual(['L1']);
    // Recording onto an existing lesion never asks.
    const onL1 = measurementLink(PROBE, place('baseline', CT), 'L1');
    expect(onL1 && lesionsNear(read, onL1)).toEqual([]);
    const removed = removeLesion(read, { lesionId: 'L1', reason: 'dup' }, ctx);
    expect(lesionsNear(removed, newAt)).toEqual(['L2']);
  });
});

describe('values at the read’s precision (src/domain/precision.ts)', () => {
  it('records a length to 0.01 mm and an ADC ROI to 0.001, not the viewer’s floats', () => {
    const noisy = measurement('Length', { length: 17.384826660156257 });
    const added = measurementLink(noisy, place('baseline', CT), 'new');
    expect(added?.command.input).toMatchObject({ baselineDiameterMm: 17.38 });
    const later = measurementLink(
      measurement('Length', { length: 6.400009155273423 }),
      place('preop', CT),
      'L1',
    );
    expect(later?.command.input).toMatchObject({ diameterMm: 6.4 });
    const roi = measurementLink(
      measurement('EllipticalROI', { mean: 0.8812345678, stdDev: 0.1234567, area: 300 }),
      place('preop', ADC),
      'L1',
    );
    expect(roi?.command.input).toMatchObject({ adcMean: 0.881, adcSd: 0.123 });
  });
});
