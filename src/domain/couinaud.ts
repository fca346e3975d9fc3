/**
 * Couinaud liver segments and their codes (docs/domain.md §4; DICOM CID 7170), used for the lesion
 * registry and as Finding Site (363698007) in DICOM SR.
 */

/** Couinaud liver segments; IV is split into IVa/IVb as readers use them. */
export type CouinaudSegment = 'I' | 'II' | 'III' | 'IVa' | 'IVb' | 'V' | 'VI' | 'VII' | 'VIII';

/** All Couinaud segments in anatomical order. */
export const COUINAUD_SEGMENTS: readonly CouinaudSegment[] = [
  'I',
  'II',
  'III',
  'IVa',
  'IVb',
  'V',
  'VI',
  'VII',
  'VIII',
];

/** A coded concept (DICOM code sequence item) with an optional local modifier. */
export interface CodedSegment {
  readonly codeValue: string;
  readonly codingSchemeDesignator: 'SCT';
  readonly codeMeaning: string;
  /**
   * IVa/IVb have no standard SNOMED code (CID 7170 has only IV), so they are coded as IV plus
   * this local modifier (scheme `99DREAM`), keeping the standard code for outside consumers.
   */
  readonly localModifier?: {
    readonly codeValue: string;
    readonly codingSchemeDesignator: '99DREAM';
    readonly codeMeaning: string;
  };
}

const SEGMENT_IV = '277958008';

/** SNOMED CT codes of the Couinaud segments from DICOM CID 7170 (docs/domain.md §4). */
export const COUINAUD_CODES: Readonly<Record<CouinaudSegment, CodedSegment>> = {
  I: { codeValue: '71133005', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver segment I' },
  II: { codeValue: '277956007', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver segment II' },
  III: { codeValue: '277957003', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver segment III' },
  IVa: {
    codeValue: SEGMENT_IV,
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Liver segment IV',
    localModifier: { codeValue: 'IVa', codingSchemeDesignator: '99DREAM', codeMeaning: 'IVa' },
  },
  IVb: {
    codeValue: SEGMENT_IV,
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Liver segment IV',
    localModifier: { codeValue: 'IVb', codingSchemeDesignator: '99DREAM', codeMeaning: 'IVb' },
  },
  V: { codeValue: '277959000', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver segment V' },
  VI: { codeValue: '277960005', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver segment VI' },
  VII: { codeValue: '277961009', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver segment VII' },
  VIII: {
    codeValue: '277962002',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Liver segment VIII',
  },
};
