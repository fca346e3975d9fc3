/**
 * Measured values at a fixed precision (src/domain/precision.ts): a read signed with the
 * viewer's float noise in it (as reads were recorded before the rounding at record time) still
 * replays, verifies and imports unchanged, while its CSV and SDTM tables are written rounded.
 */
import { describe, expect, it } from 'vitest';
import { sealAudit } from '../../../src/domain/audit.ts';
import { addLesion, createRead, setMeasurement } from '../../../src/domain/commands.ts';
import { exportReadCsv, exportReadJson } from '../../../src/domain/exportRead.ts';
import { sdtmCsv, sdtmTables } from '../../../src/domain/export/sdtm.ts';
import { importReadJson } from '../../../src/domain/importRead.ts';
import { signRead } from '../../../src/domain/integrity/signing.ts';
import { CSV_COLUMNS } from '../../../src/domain/exportCsv.ts';
import { roundAdc, roundDiameterMm, roundTo } from '../../../src/domain/precision.ts';
import { makeContext, makeImagePoint, sha256 } from '../fixtures.ts';

const NOISY_BASELINE = 17.384826660156257;
const NOISY_PREOP = 6.400009155273423;
const NOISY_ADC = 0.8812345678901;

async function noisySignedRead() {
  const ctx = makeContext('2026-02-01T09:00:00.000Z');
  let r = createRead({ patientId: 'DREAM-001', reader: { id: 'R01', name: 'Dr Ito' } }, ctx);
  r = addLesion(
    r,
    { segment: 'VII', baselineLocation: makeImagePoint(), baselineDiameterMm: NOISY_BASELINE },
    ctx,
  );
  r = setMeasurement(
    r,
    { lesionId: 'L1', timepoint: 'preop', modality: 'CT', diameterMm: NOISY_PREOP },
    ctx,
  );
  r = setMeasurement(
    r,
    { lesionId: 'L1', timepoint: 'preop', modality: 'DWI', adcMean: NOISY_ADC, adcSd: 0.123456 },
    ctx,
  );
  const sealed = await sealAudit(r, sha256);
  return sealAudit(
    await signRead(sealed, { signerName: 'Dr Ito', meaning: 'Author' }, ctx, { sha256 }),
    sha256,
  );
}

describe('measured values at a fixed precision', () => {
  it('rounds to 0.01 mm and 0.001 x 10^-3 mm²/s, printing the shortest number', () => {
    expect(roundDiameterMm(NOISY_BASELINE)).toBe(17.38);
    expect(String(roundDiameterMm(NOISY_PREOP))).toBe('6.4');
    expect(roundDiameterMm(12)).toBe(12);
    expect(roundAdc(NOISY_ADC)).toBe(0.881);
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
  });

  it('a signed read holding float noise still verifies and imports as signed', async () => {
    const read = await noisySignedRead();
    const json = exportReadJson(read, { now: () => '2026-03-01T12:00:00.000Z' });
    // The JSON is the signed content: its digits are kept, or the content hash would not match.
    expect(json).toContain(`"baselineDiameterMm": ${NOISY_BASELINE}`);
    const result = await importReadJson(json, { sha256 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.integrity.replay).toBe('full');
    expect(result.integrity.signature?.contentHash).toBe('verified');
    expect(result.read.lesions[0]?.baselineDiameterMm).toBe(NOISY_BASELINE);
  });

  it('writes its CSV and SDTM values rounded', async () => {
    const read = await noisySignedRead();
    const rows = exportReadCsv(read)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: (typeof CSV_COLUMNS)[number]) =>
      rows.slice(1).map((row) => row[CSV_COLUMNS.indexOf(name)]);
    expect(column('baseline_diameter_mm')).toEqual(['17.38', '17.38']);
    expect(column('diameter_mm')).toEqual(['6.4', '']);
    expect(column('adc_mean')).toEqual(['', '0.881']);
    expect(column('adc_sd')).toEqual(['', '0.123']);
    const tr = sdtmCsv(sdtmTables([read], { studyId: 'DREAM' }).TR);
    expect(tr).toContain(',17.38,mm,17.38,17.38,mm,');
    expect(tr).toContain(',6.4,mm,6.4,6.4,mm,');
    expect(tr).not.toContain('17.3848');
  });
});
