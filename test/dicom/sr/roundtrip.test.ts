/**
 * JSON -> SR -> JSON: the fixture reads and, as a property, reads generated with the domain's
 * commands (any segment, places with any double coordinates, every call, measurements, comments
 * with surrounding spaces and non-Latin text, recurrence, removed lesions, signed or draft) come
 * back as the very same read file. The coded content is the authority: a changed call or a
 * foreign SOP Instance UID is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCodedContent } from '../../../src/dicom/sr/decode.ts';
import { encodeReadSr, writePart10 } from '../../../src/dicom/sr/encode.ts';
import { exportReadSr, importReadSr } from '../../../src/dicom/sr/index.ts';
import type { Item } from '../../../src/dicom/sr/content.ts';
import { readPart10 } from '../../../src/dicom/sr/dataset.ts';
import {
  COUINAUD_SEGMENTS,
  MODALITY_GROUPS,
  addLesion,
  createRead,
  exportReadJson,
  removeLesion,
  sealAudit,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSitePoint,
  sign,
  worldPoint,
  type Call,
  type ImagePoint,
  type Read,
  type TimepointId,
} from '../../../src/domain/index.ts';
import { makeContext, sha256 } from '../../domain/fixtures.ts';
import { cliRead, consensusRead, designedReads, goldenFileReads } from './fixtures.ts';

const json = (read: Read) => exportReadJson(read, { now: () => '2026-05-01T00:00:00.000Z' });

async function roundTrip(read: Read): Promise<Read> {
  const { bytes } = await exportReadSr(read, { sha256 });
  const result = await importReadSr(bytes, { sha256 });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.read;
}

describe('SR import of the fixture reads', () => {
  it('gives back every state of the designed read, a CLI read, a consensus and the golden files unchanged', async () => {
    const golden = (await goldenFileReads()).map(([, read]) => read);
    const reads = [...(await designedReads()), await cliRead(), await consensusRead(), ...golden];
    for (const read of reads) expect(json(await roundTrip(read))).toBe(json(read));
  }, 60_000);

  it('keeps Japanese comments and the signer (dcmjs reads sequence text as windows-1252)', async () => {
    const signed = (await designedReads())[3];
    const back = await roundTrip(signed);
    expect(back.lesions[0]?.assessments.preop?.modalities.DWI?.comment).toBe(
      '拡散制限あり; restricted',
    );
    expect(back.state).toEqual(signed.state);
  });
});

/** Rewrites every content item with a predicate's help (the tamper tests). */
function mapItems(item: Item, change: (item: Item) => Item): Item {
  const changed = change(item);
  const content = changed.ContentSequence;
  return Array.isArray(content)
    ? { ...changed, ContentSequence: content.map((c) => mapItems(c as Item, change)) }
    : changed;
}

describe('SR import refuses what does not add up', () => {
  const cases: [string, (dataset: Item) => Item, RegExp][] = [
    [
      'a call changed in the coded content',
      (dataset) =>
        mapItems(dataset, (item) => {
          const code = (item.ConceptCodeSequence as Item[] | undefined)?.[0];
          return code?.CodeValue === 'DISAPPEARED'
            ? { ...item, ConceptCodeSequence: [{ ...code, CodeValue: 'PRESENT' }] }
            : item;
        }),
      /statuses|rule derives/,
    ],
    [
      'another SOP Instance UID',
      (dataset) => ({ ...dataset, SOPInstanceUID: '2.25.1' }),
      /SOPInstanceUID/,
    ],
    [
      'a signed read marked UNVERIFIED',
      (dataset) => ({ ...dataset, VerificationFlag: 'UNVERIFIED' }),
      /VerificationFlag/,
    ],
    [
      'no read record',
      (dataset) => ({
        ...dataset,
        ContentSequence: (dataset.ContentSequence as Item[]).filter(
          (item) => (item.ConceptNameCodeSequence as Item[])[0]?.CodeValue !== 'RECORD',
        ),
      }),
      /record/,
    ],
  ];
  it.each(cases)('%s', async (_name, tamper, problem) => {
    const signed = (await designedReads())[1];
    const { dataset } = await encodeReadSr(signed, { sha256 });
    const result = await importReadSr(writePart10(tamper(dataset)), { sha256 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : JSON.stringify(result.problems)).toMatch(problem);
  });

  it('refuses a file that is not DICOM', async () => {
    const result = await importReadSr(new TextEncoder().encode('{"readId":"x"}'), { sha256 });
    expect(result.ok).toBe(false);
  });
});

/* ---- the property ---- */

const coordinate = fc.double({ min: -500, max: 500, noNaN: true });
const placeArb = fc
  .record({ x: coordinate, y: coordinate, z: coordinate, frame: fc.integer({ min: 1, max: 4 }) })
  .map(({ x, y, z, frame }): ImagePoint => ({
    point: worldPoint(x, y, z),
    studyInstanceUid: '1.2.826.0.1.3680043.10.9.1',
    seriesInstanceUid: '1.2.826.0.1.3680043.10.9.1.1',
    sopInstanceUid: `1.2.826.0.1.3680043.10.9.1.1.${frame}`,
    frameNumber: frame,
    frameOfReferenceUid: '1.2.826.0.1.3680043.10.9.9',
  }));
const positive = fc.double({ min: 0.1, max: 300, noNaN: true });
const cellArb = fc.record(
  {
    call: fc.constantFrom<Call>('present', 'disappeared', 'not-evaluable'),
    diameterMm: positive,
    adcMean: fc.double({ min: 0, max: 4, noNaN: true }),
    adcSd: fc.double({ min: 0, max: 1, noNaN: true }),
    adcPixels: fc.integer({ min: 1, max: 5000 }),
    sitePoint: placeArb,
    comment: fc.constantFrom(' leading', 'trailing  ', '造影で残存', 'a\\b "q" <x>'),
  },
  { requiredKeys: [] },
);
const TIMEPOINTS: TimepointId[] = ['baseline', 'preop', 'followup-1'];
const lesionArb = fc.record({
  segment: fc.option(fc.constantFrom(...COUINAUD_SEGMENTS), { nil: undefined }),
  baselineLocation: fc.option(placeArb, { nil: undefined }),
  baselineDiameterMm: fc.option(positive, { nil: undefined }),
  cells: fc.array(
    fc.tuple(fc.constantFrom(...TIMEPOINTS), fc.constantFrom(...MODALITY_GROUPS), cellArb),
    { maxLength: 5 },
  ),
  recurrence: fc.option(fc.constantFrom<'yes' | 'no'>('yes', 'no'), { nil: undefined }),
  removed: fc.boolean(),
});
const readArb = fc.record({
  lesions: fc.array(lesionArb, { maxLength: 4 }),
  signed: fc.boolean(),
});

type ReadSpec = typeof readArb extends fc.Arbitrary<infer T> ? T : never;

async function buildRead(spec: ReadSpec): Promise<Read> {
  const ctx = makeContext();
  let read = createRead({ patientId: 'DREAM-PBT', reader: { id: 'r9', name: 'Dr 検証' } }, ctx);
  for (const [index, lesion] of spec.lesions.entries()) {
    const lesionId = `L${index + 1}` as const;
    read = addLesion(read, lesion, ctx);
    for (const [timepoint, modality, cell] of lesion.cells) {
      const at = { lesionId, timepoint, modality };
      if (cell.call !== undefined) read = setCall(read, { ...at, call: cell.call }, ctx);
      read = setMeasurement(read, { ...at, ...cell }, ctx);
      if (cell.sitePoint) read = setSitePoint(read, { ...at, sitePoint: cell.sitePoint }, ctx);
      if (cell.comment) read = setComment(read, { ...at, comment: cell.comment }, ctx);
    }
    if (lesion.recurrence !== undefined) {
      const input = { lesionId, timepoint: 'followup-1' as const, recurrence: lesion.recurrence };
      read = setRecurrence(read, input, ctx);
    }
    if (lesion.removed) read = removeLesion(read, { lesionId, reason: 'test' }, ctx);
  }
  read = await sealAudit(read, sha256);
  if (spec.signed) read = sign(read, { signerName: 'Dr 検証', meaning: 'Author' }, ctx);
  return sealAudit(read, sha256);
}

describe('JSON -> SR -> JSON over generated reads', () => {
  it('keeps the whole read file: lesions, segments, calls, measurements, statuses, state', async () => {
    await fc.assert(
      fc.asyncProperty(readArb, async (spec) => {
        const read = await buildRead(spec);
        expect(json(await roundTrip(read))).toBe(json(read));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('the coded content alone gives the lesions (places to single precision)', async () => {
    await fc.assert(
      fc.asyncProperty(readArb, async (spec) => {
        const read = await buildRead(spec);
        const { dataset } = await encodeReadSr(read, { sha256 });
        const coded = decodeCodedContent(readPart10(writePart10(dataset)), {});
        expect(coded.problems).toEqual([]);
        for (const lesion of read.lesions) {
          const back = coded.lesions.get(lesion.id);
          expect(back?.segment).toBe(lesion.segment);
          for (const [tp, assessment] of Object.entries(lesion.assessments)) {
            for (const modality of MODALITY_GROUPS) {
              const cell = assessment?.modalities[modality];
              const other = back?.assessments[tp as TimepointId]?.modalities[modality];
              expect(other?.call).toBe(cell?.call);
              expect(other?.diameterMm).toBe(cell?.diameterMm);
              expect(other?.adcPixels).toBe(cell?.adcPixels);
              if (cell?.adcMean !== undefined) expect(other?.adcMean).toBeCloseTo(cell.adcMean, 9);
              if (cell?.sitePoint !== undefined) {
                // + 0: dcmjs reads a -0 coordinate as 0
                const x = (other?.sitePoint?.point.x ?? NaN) + 0;
                expect(x).toBe(Math.fround(cell.sitePoint.point.x) + 0);
                expect(other?.sitePoint?.sopInstanceUid).toBe(cell.sitePoint.sopInstanceUid);
              }
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
