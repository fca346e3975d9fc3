/**
 * Property: for any read the commands can build (arbitrary command sequences, refused commands
 * skipped, then sealed), export -> import -> export is byte-identical and the import equals the
 * read. Numbers are generated as decimals without -0, which JSON cannot carry (it writes 0).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealAudit } from '../../src/domain/audit.ts';
import {
  addLesion,
  assignTimepoint,
  createRead,
  removeLesion,
  setBaseline,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSegment,
  setSitePoint,
} from '../../src/domain/commands.ts';
import { attempt } from '../../src/domain/errors.ts';
import { exportReadJson } from '../../src/domain/exportRead.ts';
import { importReadJson } from '../../src/domain/importRead.ts';
import { amend, sign } from '../../src/domain/lifecycle.ts';
import {
  CALLS,
  COUINAUD_SEGMENTS,
  MODALITY_GROUPS,
  worldPoint,
  type CommandContext,
  type LesionId,
  type Read,
  type TimepointId,
} from '../../src/domain/model.ts';
import { makeContext, makeImagePoint, sha256 } from './fixtures.ts';

type Command = (read: Read, ctx: CommandContext) => Read;

const positive = fc.integer({ min: 1, max: 5000 }).map((n) => n / 10);
const coordinate = fc.integer({ min: -3000, max: 3000 }).map((n) => (n === 0 ? 0.5 : n / 4));
const lesionId = fc.integer({ min: 1, max: 4 }).map((n): LesionId => `L${n}`);
const timepoint = fc.constantFrom<TimepointId>('baseline', 'preop', 'followup-1', 'followup-12');
const modality = fc.constantFrom(...MODALITY_GROUPS);
const text = fc.string({ maxLength: 12, unit: 'grapheme' });
const imagePoint = fc
  .tuple(coordinate, coordinate, coordinate, fc.integer({ min: 1, max: 40 }))
  .map(([x, y, z, frameNumber]) => makeImagePoint({ point: worldPoint(x, y, z), frameNumber }));
const cell = fc.record({ lesionId, timepoint, modality });

const command: fc.Arbitrary<Command> = fc.oneof(
  fc
    .record({
      segment: fc.option(fc.constantFrom(...COUINAUD_SEGMENTS), { nil: undefined }),
      d: fc.option(positive, { nil: undefined }),
    })
    .map(
      ({ segment, d }): Command =>
        (r, c) =>
          addLesion(r, { segment, baselineDiameterMm: d }, c),
    ),
  fc.record({ lesionId, reason: text }).map(
    (i): Command =>
      (r, c) =>
        removeLesion(r, i, c),
  ),
  fc
    .record({
      lesionId,
      segment: fc.option(fc.constantFrom(...COUINAUD_SEGMENTS), { nil: undefined }),
    })
    .map(
      (i): Command =>
        (r, c) =>
          setSegment(r, i, c),
    ),
  fc.record({ lesionId, location: fc.option(imagePoint), diameterMm: fc.option(positive) }).map(
    (i): Command =>
      (r, c) =>
        setBaseline(r, i, c),
  ),
  fc.record({ cell, call: fc.option(fc.constantFrom(...CALLS), { nil: undefined }) }).map(
    ({ cell: at, call }): Command =>
      (r, c) =>
        setCall(r, { ...at, call }, c),
  ),
  fc
    .record({
      cell,
      diameterMm: fc.option(positive),
      adcMean: fc.option(positive),
      adcPixels: fc.option(fc.integer({ min: 1, max: 999 })),
    })
    .map(
      ({ cell: at, ...m }): Command =>
        (r, c) =>
          setMeasurement(r, { ...at, ...m }, c),
    ),
  fc.record({ cell, sitePoint: fc.option(imagePoint, { nil: undefined }) }).map(
    ({ cell: at, sitePoint }): Command =>
      (r, c) =>
        setSitePoint(r, { ...at, sitePoint }, c),
  ),
  fc.record({ cell, comment: text }).map(
    ({ cell: at, comment }): Command =>
      (r, c) =>
        setComment(r, { ...at, comment }, c),
  ),
  fc
    .record({
      lesionId,
      timepoint,
      recurrence: fc.option(fc.constantFrom('yes' as const, 'no' as const), { nil: undefined }),
    })
    .map(
      (i): Command =>
        (r, c) =>
          setRecurrence(r, i, c),
    ),
  fc
    .record({
      studyInstanceUid: fc.constantFrom('1.2.3', '1.2.4', '2.25.9'),
      timepoint: fc.option(timepoint, { nil: undefined }),
    })
    .map(
      (i): Command =>
        (r, c) =>
          assignTimepoint(r, i, c),
    ),
  fc.constant<Command>((r, c) => sign(r, { signerName: 'Dr P', meaning: 'Author' }, c)),
  text.map(
    (reason): Command =>
      (r, c) =>
        amend(r, reason, c),
  ),
);

async function buildRead(commands: readonly Command[]): Promise<Read> {
  const ctx = makeContext();
  const start = createRead({ patientId: 'DREAM-P', reader: { id: 'r1', name: 'R' } }, ctx);
  const read = commands.reduce((r, cmd) => {
    const result = attempt(() => cmd(r, ctx));
    return result.ok ? result.value : r;
  }, start);
  return sealAudit(read, sha256);
}

describe('export/import round trip (property)', () => {
  it('export -> import -> export is identical and import(export(read)) equals read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 40 }), async (commands) => {
        const read = await buildRead(commands);
        const now = () => '2026-06-01T00:00:00.000Z';
        const first = exportReadJson(read, { now });
        const imported = await importReadJson(first, { sha256 });
        if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
        expect(imported.read).toStrictEqual(read);
        expect(exportReadJson(imported.read, { now })).toBe(first);
      }),
      { numRuns: 150 },
    );
  });
});
