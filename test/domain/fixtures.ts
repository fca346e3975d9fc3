/** Fixture builders with defaults for the domain tests. Tests may use node; src/domain may not. */
import { createHash } from 'node:crypto';
import type { Sha256 } from '../../src/domain/audit.ts';
import {
  addLesion,
  assignTimepoint,
  removeLesion,
  setBaseline,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSegment,
  setSitePoint,
} from '../../src/domain/commands.ts';
import {
  DEFAULT_STUDY_CONFIG,
  worldPoint,
  type CommandContext,
  type ImagePoint,
  type Lesion,
  type Read,
  type Reader,
} from '../../src/domain/model.ts';

/** sha256 hex via node, with the async signature of the injected Web Crypto one. */
export const sha256: Sha256 = (text) =>
  Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));

/** A deterministic context: the clock ticks one second per call, ids count up. */
export function makeContext(start = '2026-01-01T00:00:00.000Z'): CommandContext & {
  readonly calls: { now: number; newId: number };
} {
  const calls = { now: 0, newId: 0 };
  const t0 = new Date(start).getTime();
  return {
    calls,
    now: () => new Date(t0 + 1000 * calls.now++).toISOString(),
    newId: () => `id-${++calls.newId}`,
  };
}

/** Recursively freezes a value, so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export function makeReader(overrides: Partial<Reader> = {}): Reader {
  return { id: 'reader-1', name: 'Dr Reader One', ...overrides };
}

export function makeImagePoint(overrides: Partial<ImagePoint> = {}): ImagePoint {
  return {
    point: worldPoint(-50.5, 120, 300.25),
    studyInstanceUid: '1.2.3.1',
    seriesInstanceUid: '1.2.3.1.2',
    sopInstanceUid: '1.2.3.1.2.3',
    frameNumber: 1,
    frameOfReferenceUid: '1.2.3.9',
    ...overrides,
  };
}

export function makeLesion(overrides: Partial<Lesion> = {}): Lesion {
  return {
    id: 'L1',
    segment: 'VII',
    baselineLocation: makeImagePoint(),
    baselineDiameterMm: 12,
    createdAt: '2026-01-01T00:00:00.000Z',
    assessments: {},
    ...overrides,
  };
}

/** A draft read with no audit entries; handy for pure functions of a read. */
export function makeRead(overrides: Partial<Read> = {}): Read {
  return {
    schemaVersion: 3,
    readId: 'read-1',
    version: 1,
    versionId: 'version-1',
    patientId: 'DREAM-001-0001',
    reader: makeReader(),
    config: DEFAULT_STUDY_CONFIG,
    timepointAssignment: {},
    lesions: [],
    nextLesionNumber: 1,
    state: { kind: 'draft' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    audit: [],
    pendingAudit: [],
    ...overrides,
  };
}

/** Every edit command, applied to L1 of a read, for table tests. */
export const EDITS: [string, (read: Read, ctx: CommandContext) => Read][] = [
  ['addLesion', (r, c) => addLesion(r, { segment: 'V' }, c)],
  ['removeLesion', (r, c) => removeLesion(r, { lesionId: 'L1', reason: 'duplicate' }, c)],
  ['setSegment', (r, c) => setSegment(r, { lesionId: 'L1', segment: 'VIII' }, c)],
  ['setBaseline', (r, c) => setBaseline(r, { lesionId: 'L1', diameterMm: 22 }, c)],
  [
    'setCall',
    (r, c) =>
      setCall(r, { lesionId: 'L1', timepoint: 'preop', modality: 'CT', call: 'disappeared' }, c),
  ],
  [
    'setMeasurement',
    (r, c) =>
      setMeasurement(r, { lesionId: 'L1', timepoint: 'preop', modality: 'DWI', adcMean: 1.1 }, c),
  ],
  [
    'setSitePoint',
    (r, c) =>
      setSitePoint(
        r,
        { lesionId: 'L1', timepoint: 'preop', modality: 'EOB', sitePoint: makeImagePoint() },
        c,
      ),
  ],
  [
    'setComment',
    (r, c) =>
      setComment(r, { lesionId: 'L1', timepoint: 'preop', modality: 'T1T2', comment: 'motion' }, c),
  ],
  [
    'setRecurrence',
    (r, c) => setRecurrence(r, { lesionId: 'L1', timepoint: 'followup-1', recurrence: 'no' }, c),
  ],
  [
    'assignTimepoint',
    (r, c) => assignTimepoint(r, { studyInstanceUid: '1.2.3', timepoint: 'preop' }, c),
  ],
];
