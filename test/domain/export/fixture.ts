/** A small signed read whose CSV and SDTM exports are checked column by column. */
import type { ModalityAssessment, Read } from '../../../src/domain/model.ts';
import { makeLesion, makeRead } from '../fixtures.ts';

const gone: ModalityAssessment = { call: 'disappeared' };

/**
 * L1 (VII, 12 mm): present on CT at baseline, disappeared on all four at preop (cDLM), no site
 * recurrence at follow-up 1. L2 (IVa, 25 mm): present on CT (18 mm) and DWI (ADC 1.1) at preop,
 * the rest unset (visible). L3 (II): nothing recorded (incomplete). L4: removed.
 */
export function exportFixtureRead(): Read {
  return makeRead({
    readId: 'read-7',
    version: 2,
    patientId: 'DREAM-001-0007',
    reader: { id: 'R1', name: 'Reader One' },
    lesions: [
      makeLesion({
        id: 'L1',
        segment: 'VII',
        baselineDiameterMm: 12,
        assessments: {
          baseline: { modalities: { CT: { call: 'present', diameterMm: 12 } } },
          preop: { modalities: { CT: gone, DWI: gone, T1T2: gone, EOB: gone } },
          'followup-1': { modalities: {}, recurrence: 'no' },
        },
      }),
      makeLesion({
        id: 'L2',
        segment: 'IVa',
        baselineDiameterMm: 25,
        assessments: {
          preop: {
            modalities: {
              CT: { call: 'present', diameterMm: 18 },
              DWI: { call: 'present', adcMean: 1.1, adcSd: 0.2, adcPixels: 40 },
            },
          },
        },
      }),
      makeLesion({ id: 'L3', segment: 'II', baselineDiameterMm: undefined, assessments: {} }),
      makeLesion({
        id: 'L4',
        removed: { at: '2026-01-02T00:00:00.000Z' },
        assessments: { preop: { modalities: { CT: gone } } },
      }),
    ],
    nextLesionNumber: 5,
    state: {
      kind: 'signed',
      signature: {
        signerName: 'Reader One',
        signerId: 'R1',
        at: '2026-02-03T10:20:30.000Z',
        meaning: 'Author',
      },
    },
  });
}
