import { describe, expect, it } from 'vitest';
import {
  BLINDED_ATTRIBUTES,
  DATE_MASK,
  blindText,
  blindTimepointId,
  isBlindedField,
  maskDates,
  redactFields,
} from '../../src/domain';

describe('isBlindedField', () => {
  it.each([
    // [name, blinded]
    ['StudyDate', true],
    ['studyDate', true],
    ['studyTime', true],
    ['seriesTime', true],
    ['acquisitionTime', true],
    ['contrastBolusStartTime', true],
    ['InstitutionName', true],
    ['institutionName', true],
    ['StationName', true],
    ['ReferringPhysicianName', true],
    ['PerformingPhysicianName', true],
    ['OperatorsName', true],
    ['AccessionNumber', true],
    ['ClinicalTrialSiteName', true],
    ['00080020', true],
    ['(0008,0080)', true],
    ['0008,0050', true],
    ['00081070', true],
    ['x00080020', false],
    ['patientId', false],
    ['seriesDescription', false],
    ['sopInstanceUid', false],
    ['clinicalTrialTimePointId', false],
    ['contrastBolusAgent', false],
    ['00100020', false],
    ['', false],
  ])('%s -> %s', (name, blinded) => {
    expect(isBlindedField(name)).toBe(blinded);
  });

  it('lists every attribute once, with a well-formed tag', () => {
    const keywords = BLINDED_ATTRIBUTES.map((a) => a.keyword);
    expect(new Set(keywords).size).toBe(keywords.length);
    for (const a of BLINDED_ATTRIBUTES) expect(a.tag).toMatch(/^[0-9A-F]{8}$/);
  });
});

describe('maskDates', () => {
  it.each([
    // [text, masked]
    [
      'wadouri:/sample-dicom/DREAM-001/20250310-CT/SE01/IM0001.dcm',
      `wadouri:/sample-dicom/DREAM-001/${DATE_MASK}-CT/SE01/IM0001.dcm`,
    ],
    ['Visit 2025-03-10', `Visit ${DATE_MASK}`],
    ['scan 2025/03/10 post', `scan ${DATE_MASK} post`],
    ['10.03.2025', DATE_MASK],
    ['10/03/2025', DATE_MASK],
    ['T1 at 09:17', `T1 at ${DATE_MASK}`],
    ['T1 at 09:17:35', `T1 at ${DATE_MASK}`],
    // Left alone: a UID (a date-like run inside a longer number), a series description, a size.
    [
      '2.25.109415304665016796735008728105903552881',
      '2.25.109415304665016796735008728105903552881',
    ],
    ['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.2'],
    ['CT ABD PORTAL', 'CT ABD PORTAL'],
    ['DWI b800', 'DWI b800'],
    ['20251310', '20251310'], // month 13
    ['http://127.0.0.1:4173/dicom-web', 'http://127.0.0.1:4173/dicom-web'],
  ])('%s', (text, masked) => {
    expect(maskDates(text)).toBe(masked);
  });

  it('changes nothing when blinding is off', () => {
    expect(blindText('Visit 2025-03-10', false)).toBe('Visit 2025-03-10');
    expect(blindText('Visit 2025-03-10', true)).toBe(`Visit ${DATE_MASK}`);
  });
});

describe('redactFields', () => {
  const fields: [string, string][] = [
    ['imageId', 'wadouri:/s/DREAM-001/20250310-CT/SE01/IM0001.dcm'],
    ['patientId', 'DREAM-001'],
    ['studyDate', '20250310'],
    ['studyTime', '091500'],
    ['InstitutionName', 'General Hospital'],
    ['seriesDescription', 'CT ABD PORTAL'],
  ];

  it('keeps every row and value when blinding is off', () => {
    expect(redactFields(fields, false)).toEqual(
      fields.map(([name, value]) => ({ name, value, blinded: false })),
    );
  });

  it('keeps every row, hides blinded values and masks dates in the others when on', () => {
    expect(redactFields(fields, true)).toEqual([
      {
        name: 'imageId',
        value: `wadouri:/s/DREAM-001/${DATE_MASK}-CT/SE01/IM0001.dcm`,
        blinded: true,
      },
      { name: 'patientId', value: 'DREAM-001', blinded: false },
      { name: 'studyDate', value: undefined, blinded: true },
      { name: 'studyTime', value: undefined, blinded: true },
      { name: 'InstitutionName', value: undefined, blinded: true },
      { name: 'seriesDescription', value: 'CT ABD PORTAL', blinded: false },
    ]);
  });
});

describe('blindTimepointId', () => {
  it.each([
    // [id, enabled, shown]
    ['baseline', true, 'baseline'],
    ['preop', true, 'preop'],
    ['followup-1', true, 'followup-1'],
    ['followup-12', true, 'followup-12'],
    ['VISIT 2025-03-10', true, 'other'],
    ['20250310', true, 'other'],
    ['VISIT 2025-03-10', false, 'VISIT 2025-03-10'],
  ])('%s (blinded %s) -> %s', (id, enabled, shown) => {
    expect(blindTimepointId(id, enabled)).toBe(shown);
  });
});
