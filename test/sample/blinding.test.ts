/**
 * Blinding against the sample's own values (test/sample/blinded-values.ts): the tag browser's
 * rows of a CT and an MR header carry none of them once redacted (and do carry them before), and
 * the exports of a reader's read of the sample (JSON, CSV, DICOM SR) carry none at all: a read
 * holds the reader's own actions' times, never the images' (docs/blinding.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInstanceHeader } from '../../src/dicom/header.ts';
import { exportReadSr } from '../../src/dicom/sr/index.ts';
import { exportReadCsv, exportReadJson, redactFields, type Read } from '../../src/domain/index.ts';
import { sha256 } from '../domain/fixtures.ts';
import { discordantReads } from '../e2e/review-fixtures.ts';
import { findBlinded, sampleBlindedValues } from './blinded-values.ts';
import { SAMPLE_DIR } from './sample-reader.ts';

const values = sampleBlindedValues();

/** The tag browser's rows for a sample file (src/ui/TagBrowser.tsx shows the same fields). */
function rowsOf(file: string): [string, string][] {
  const header = parseInstanceHeader(new Uint8Array(readFileSync(join(SAMPLE_DIR, file))));
  return [
    ['imageId', `wadouri:/sample-dicom/${file}`],
    ...Object.entries(header).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v ?? ''),
    ]),
  ];
}

describe('the sample has values to hide', () => {
  it.each([
    'StudyDate',
    'SeriesDate',
    'AcquisitionDate',
    'ContentDate',
    'StudyTime',
    'SeriesTime',
    'AcquisitionTime',
    'AccessionNumber',
    'ClinicalTrialSiteName',
  ])('%s', (keyword) => {
    expect(values.byKeyword[keyword]?.length ?? 0).toBeGreaterThan(0);
  });
});

describe.each([
  'DREAM-001/20250310-CT/SE02-CT_PORTAL/IM0001.dcm',
  'DREAM-002/20250729-MR/SE01-T2/IM0001.dcm',
])('tag browser rows of %s', (file) => {
  const text = (rows: { name: string; value: string | undefined }[]) =>
    rows.map((r) => `${r.name} ${r.value ?? ''}`).join('\n');

  it('show the dates and times unblinded', () => {
    const rows = rowsOf(file);
    const shown = findBlinded(text(redactFields(rows, false)), values.needles);
    const field = (name: string) => rows.find(([n]) => n === name)?.[1];
    expect(shown).toEqual(expect.arrayContaining([field('studyDate'), field('studyTime')]));
    expect(shown).toContain(field('acquisitionTime'));
  });

  it('show none of them blinded, and keep every row', () => {
    const rows = redactFields(rowsOf(file), true);
    expect(findBlinded(text(rows), values.needles)).toEqual([]);
    expect(rows.map((r) => r.name)).toEqual(rowsOf(file).map(([name]) => name));
    expect(rows.find((r) => r.name === 'studyDate')).toMatchObject({ blinded: true });
  });
});

describe('exports of a read of the sample', () => {
  let reads: Read[] = [];
  beforeAll(async () => {
    const { reader1, reader2 } = await discordantReads();
    reads = [reader1.read, reader2.read];
  });

  it('reference sample images (so the check is not empty)', () => {
    const json = exportReadJson(reads[0] as Read, { now: () => '2026-12-06T12:00:00.000Z' });
    expect(json).toMatch(/"sopInstanceUid": ?"2\.25\./);
  });

  it('carry no image date, time, site or accession number (JSON, CSV, SR)', async () => {
    for (const read of reads) {
      const json = exportReadJson(read, { now: () => '2026-12-06T12:00:00.000Z' });
      const csv = exportReadCsv(read);
      const { bytes } = await exportReadSr(read, { sha256 });
      // DA, TM, LO, SH and PN values are ASCII in the Part 10 bytes.
      const srText = Buffer.from(bytes).toString('latin1');
      expect(srText).toContain('DREAM-001');
      expect(findBlinded(json, values.needles)).toEqual([]);
      expect(findBlinded(csv, values.needles)).toEqual([]);
      expect(findBlinded(srText, values.needles)).toEqual([]);
    }
  });
});
