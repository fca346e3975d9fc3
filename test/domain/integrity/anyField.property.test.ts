/**
 * Property: any single field changed in a signed read's JSON is detected by the import
 * (docs/record-integrity.md). Every leaf of the export file except `exportedAt` (the time of the
 * export, not part of the record) is a candidate; the new value is any other JSON scalar.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealAudit } from '../../../src/domain/audit.ts';
import {
  addLesion,
  assignTimepoint,
  createRead,
  recordExamQc,
  setCall,
  setExamNotEvaluable,
  setMeasurement,
} from '../../../src/domain/commands.ts';
import { exportReadJson } from '../../../src/domain/exportRead.ts';
import { importReadJson } from '../../../src/domain/importRead.ts';
import { signRead } from '../../../src/domain/integrity/signing.ts';
import { makeContext, makeImagePoint, sha256 } from '../fixtures.ts';
import { makeKey, verify } from './keys.ts';

const key = await makeKey();
const ctx = makeContext('2026-02-01T09:00:00.000Z');
let draft = createRead({ patientId: 'DREAM-001-0002', reader: { id: 'r1', name: 'Dr One' } }, ctx);
draft = assignTimepoint(draft, { studyInstanceUid: '1.2.3', timepoint: 'preop' }, ctx);
draft = recordExamQc(
  draft,
  {
    studyInstanceUid: '1.2.4',
    qc: {
      timepoint: 'preop',
      groups: ['DWI', 'EOB'],
      thresholds: { minHbpDelayMinutes: 10, recommendedHbpDelayMinutes: 20 },
      findings: [
        { check: 'hbp-delay', level: 'fail', series: 's1', value: 8.2, message: 'HBP 8.2 min' },
        { check: 'adc', level: 'pass', message: 'scanner ADC map' },
      ],
    },
  },
  ctx,
);
draft = setExamNotEvaluable(draft, { studyInstanceUid: '1.2.4', reason: 'HBP too early' }, ctx);
draft = addLesion(
  draft,
  { segment: 'IVa', baselineLocation: makeImagePoint(), baselineDiameterMm: 14 },
  ctx,
);
draft = setCall(
  draft,
  { lesionId: 'L1', timepoint: 'preop', modality: 'CT', call: 'disappeared' },
  ctx,
);
draft = setMeasurement(
  draft,
  { lesionId: 'L1', timepoint: 'preop', modality: 'DWI', adcMean: 1.2 },
  ctx,
);
const signed = await sealAudit(
  await signRead(draft, { signerName: 'Dr One', meaning: 'Author' }, ctx, {
    sha256,
    signBytes: key.signBytes,
  }),
  sha256,
);
const text = exportReadJson(signed, { now: () => '2026-03-01T12:00:00.000Z' });

type Path = readonly (string | number)[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function leaves(value: Json, path: Path = []): Path[] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [i, v] as const)
      : Object.entries(value);
    return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

function setAt(value: Json, path: Path, next: Json): Json {
  const [head, ...rest] = path;
  if (head === undefined) return next;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, next) : v));
  const record = value as { [key: string]: Json };
  return { ...record, [head]: setAt(record[head] ?? null, rest, next) };
}

function getAt(value: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k] ?? null, value);
}

const document = JSON.parse(text) as Json;
const candidates = leaves(document).filter((path) => path[0] !== 'exportedAt');

describe('a signed read', () => {
  it('imports untouched, its signature verified', async () => {
    const result = await importReadJson(text, { sha256, verify });
    expect(result.ok && result.integrity.signature?.key).toBe('verified');
    expect(candidates.length).toBeGreaterThan(100);
    // The exam QC fields (schema v3) are among the candidates.
    expect(candidates.filter((path) => path[0] === 'examQc').length).toBeGreaterThan(10);
  });

  it('refuses any single changed field', async () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: candidates.length - 1 }), scalar, async (index, value) => {
        const path = candidates[index] ?? [];
        fc.pre(JSON.stringify(getAt(document, path)) !== JSON.stringify(value));
        const changed = JSON.stringify(setAt(document, path, value));
        const result = await importReadJson(changed, { sha256, verify });
        expect(result.ok, `changed ${path.join('.')} to ${JSON.stringify(value)}`).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
