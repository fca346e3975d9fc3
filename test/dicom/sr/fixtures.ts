/**
 * Reads for the SR tests, made with the domain's own commands: a designed read that uses every
 * field the SR codes (segments incl. IVa, baseline place and size, every call, diameter, ADC
 * mean/SD/pixels, site points on frame 3 and at coordinate 0, comments in Japanese, recurrence
 * at follow-up, a removed lesion) in its draft, signed, amended and re-signed versions, plus the
 * CLI's designed reads, the review's two sample reads and their consensus, and the committed
 * golden read files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  addLesion,
  buildConsensus,
  importReadJson,
  amend,
  assignTimepoint,
  createRead,
  removeLesion,
  sealAudit,
  setCall,
  setComment,
  setMeasurement,
  setRecurrence,
  setSitePoint,
  sign,
  worldPoint,
  type CommandContext,
  type ImagePoint,
  type Read,
} from '../../../src/domain/index.ts';
import { buildRead } from '../../cli/fixtures.ts';
import { sha256 } from '../../domain/fixtures.ts';
import { discordantReads } from '../../e2e/review-fixtures.ts';

function context(prefix: string): CommandContext {
  let ticks = 0;
  let ids = 0;
  const t0 = Date.parse('2026-02-01T08:00:00.000Z');
  return {
    now: () => new Date(t0 + 1000 * ticks++).toISOString(),
    newId: () => `${prefix}-${++ids}`,
  };
}

const place = (x: number, y: number, z: number, over: Partial<ImagePoint> = {}): ImagePoint => ({
  point: worldPoint(x, y, z),
  studyInstanceUid: '1.2.826.0.1.3680043.10.1.1',
  seriesInstanceUid: '1.2.826.0.1.3680043.10.1.1.2',
  sopInstanceUid: `1.2.826.0.1.3680043.10.1.1.2.${Math.abs(Math.round(z)) + 1}`,
  frameNumber: 1,
  frameOfReferenceUid: '1.2.826.0.1.3680043.10.1.9',
  ...over,
});

const MR = {
  studyInstanceUid: '1.2.826.0.1.3680043.10.2.1',
  seriesInstanceUid: '1.2.826.0.1.3680043.10.2.1.5',
  sopInstanceUid: '1.2.826.0.1.3680043.10.2.1.5.1',
};

/** The designed read in its four states: draft, signed v1, amended v2 (editing), signed v2. */
export async function designedReads(): Promise<[Read, Read, Read, Read]> {
  const ctx = context('sr');
  let read = createRead({ patientId: 'DREAM-SR-01', reader: { id: 'r1', name: '山田 太郎' } }, ctx);
  read = assignTimepoint(
    read,
    { studyInstanceUid: '1.2.826.0.1.3680043.10.1.1', timepoint: 'baseline' },
    ctx,
  );
  read = addLesion(
    read,
    { segment: 'VII', baselineLocation: place(-50.5, 0, 120.25), baselineDiameterMm: 14.5 },
    ctx,
  );
  read = addLesion(
    read,
    { segment: 'IVa', baselineLocation: place(0, 0, 0, { frameNumber: 3 }) },
    ctx,
  );
  read = addLesion(read, { segment: 'II' }, ctx);
  read = addLesion(read, {}, ctx);
  const cell = (lesionId: 'L1' | 'L2' | 'L3', modality: 'CT' | 'DWI' | 'T1T2' | 'EOB') => ({
    lesionId,
    timepoint: 'preop' as const,
    modality,
  });
  read = setCall(read, { ...cell('L1', 'CT'), call: 'disappeared' }, ctx);
  read = setSitePoint(read, { ...cell('L1', 'CT'), sitePoint: place(-49, 1.5, 118) }, ctx);
  read = setCall(read, { ...cell('L1', 'DWI'), call: 'present' }, ctx);
  read = setMeasurement(
    read,
    { ...cell('L1', 'DWI'), diameterMm: 7.3, adcMean: 1.137, adcSd: 0.21, adcPixels: 48 },
    ctx,
  );
  read = setComment(read, { ...cell('L1', 'DWI'), comment: '拡散制限あり; restricted' }, ctx);
  read = setCall(read, { ...cell('L1', 'T1T2'), call: 'not-evaluable' }, ctx);
  for (const modality of ['CT', 'DWI', 'T1T2', 'EOB'] as const) {
    read = setCall(read, { ...cell('L2', modality), call: 'disappeared' }, ctx);
    read = setSitePoint(
      read,
      {
        ...cell('L2', modality),
        sitePoint:
          modality === 'CT'
            ? place(0, 0, 0, { frameNumber: 2 })
            : place(0, 0, 0, { ...MR, frameNumber: 2 }),
      },
      ctx,
    );
  }
  read = setMeasurement(
    read,
    { lesionId: 'L1', timepoint: 'baseline', modality: 'CT', diameterMm: 14.5 },
    ctx,
  );
  read = setRecurrence(read, { lesionId: 'L2', timepoint: 'followup-1', recurrence: 'no' }, ctx);
  read = removeLesion(read, { lesionId: 'L4', reason: 'duplicate of L1' }, ctx);
  const draft = await sealAudit(read, sha256);
  const signed1 = await sealAudit(
    sign(draft, { signerName: '山田 太郎', meaning: 'Author' }, ctx),
    sha256,
  );
  let v2 = amend(signed1, 'EOB of L3 read late', ctx);
  v2 = setCall(v2, { ...cell('L3', 'EOB'), call: 'present' }, ctx);
  const amended = await sealAudit(v2, sha256);
  const signed2 = await sealAudit(
    sign(amended, { signerName: '山田 太郎', meaning: 'Author' }, ctx),
    sha256,
  );
  return [draft, signed1, amended, signed2];
}

/** A signed read of the CLI's kind (cDLM, partial, visible, incomplete lesions). */
export function cliRead(): Promise<Read> {
  return buildRead(
    {
      patientId: 'P1',
      reader: { id: 'reader-a', name: 'Dr A. Reader' },
      lesions: [
        { segment: 'VII', at: [30, 0, 0], calls: 'DDDD' },
        { segment: 'VIII', at: [60, 0, 0], calls: 'DDDP' },
        { segment: 'I', at: [90, 0, 0], calls: 'PPPP' },
        { segment: 'IVb', at: [120, 0, 0], calls: 'DDDN' },
      ],
    },
    'cli-sr',
  );
}

/** The consensus of the two sample reads (every discordance settled for reader 1), signed. */
export async function consensusRead(): Promise<Read> {
  const { reader1, reader2 } = await discordantReads();
  const ctx = context('consensus');
  const input = {
    read1: reader1.read,
    read2: reader2.read,
    adjudicator: { id: 'ADJ', name: 'Dr Adjudicator' },
  };
  const open = buildConsensus({ ...input, decisions: [] }, ctx);
  const ids = open.ok ? [] : open.problems.flatMap((p) => p.discordanceId ?? []);
  const decisions = ids.map((discordanceId) => ({
    discordanceId,
    choice: 'reader1' as const,
    reason: 'as reader 1',
  }));
  const result = buildConsensus({ ...input, decisions }, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const sealed = await sealAudit(result.read, sha256);
  return sealAudit(
    sign(sealed, { signerName: 'Dr Adjudicator', meaning: 'Adjudication' }, ctx),
    sha256,
  );
}

/** The committed golden read files (test/domain/fixtures), through the app's import. */
export async function goldenFileReads(): Promise<[string, Read][]> {
  const dir = join(import.meta.dirname, '../../domain/fixtures');
  const out: [string, Read][] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const result = await importReadJson(readFileSync(join(dir, name), 'utf8'), { sha256 });
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
    out.push([name, result.read]);
  }
  return out;
}
