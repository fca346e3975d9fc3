/**
 * Coded concepts of the DREAM SR (docs/sr.md): standard codes (DCM, SCT, UCUM, UMLS) where DICOM
 * has them, and the project's private coding scheme `99DREAM` for what it has not (the modality
 * groups, the per-modality call, the derived status and the CT-DLM flag).
 */
import type {
  BaselineCall,
  Call,
  CouinaudSegment,
  LesionStatus,
  ModalityGroup,
  TimepointId,
} from '../../domain/index.ts';
import {
  COUINAUD_CODES,
  MODALITY_LABELS,
  asksWhereSeen,
  baselineCallOf,
  callOfBaselineTerm,
} from '../../domain/index.ts';

/** The Coding Scheme Identification of the project scheme, as the SR declares it. */
export const DREAM_SCHEME_IDENTIFICATION = {
  CodingSchemeDesignator: '99DREAM',
  CodingSchemeName: 'DREAM Reader coding scheme',
  CodingSchemeResponsibleOrganization: 'DREAM Reader project (docs/sr.md)',
} as const;

/** A code sequence item as dcmjs naturalizes it. */
export interface Code {
  readonly CodeValue: string;
  readonly CodingSchemeDesignator: string;
  readonly CodeMeaning: string;
}

const code = (value: string, scheme: string, meaning: string): Code => ({
  CodeValue: value,
  CodingSchemeDesignator: scheme,
  CodeMeaning: meaning,
});

/** The project's private coding scheme designator (docs/sr.md). */
export const DREAM_SCHEME = '99DREAM';
const dream = (value: string, meaning: string) => code(value, DREAM_SCHEME, meaning);

/** Concept names of the content items. */
export const CONCEPTS = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  personObserverLogin: code('128774', 'DCM', "Person Observer's Login Name"),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  timePoint: code('C2348792', 'UMLS', 'Time Point'),
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  topographicalModifier: code('106233006', 'SCT', 'Topographical modifier'),
  imageRegion: code('111030', 'DCM', 'Image Region'),
  sourceOfMeasurement: code('121112', 'DCM', 'Source of Measurement'),
  longAxis: code('103339001', 'SCT', 'Long Axis'),
  adc: code('113041', 'DCM', 'Apparent Diffusion Coefficient'),
  derivation: code('121401', 'DCM', 'Derivation'),
  comment: code('121106', 'DCM', 'Comment'),
  modalityGroup: dream('MODGRP', 'Modality group'),
  place: dream('PLACE', 'Marked lesion place'),
  call: dream('CALL', 'Lesion call'),
  pixelCount: dream('NPIX', 'Number of pixels in ROI'),
  recurrence: dream('RECUR', 'Recurrence at lesion site'),
  status: dream('STATUS', 'Derived DLM status'),
  statusReason: dream('REASON', 'Reason of derived status'),
  ctDlm: dream('CTDLM', 'CT-DLM'),
  timepointRecorded: dream('TPREC', 'Assessment recorded at time point'),
  readRecord: dream('RECORD', 'DREAM read record'),
} as const;

/** Values of coded items. */
export const VALUES = {
  person: code('121006', 'DCM', 'Person'),
  english: code('en', 'RFC5646', 'English'),
  imagingProcedure: code('363679005', 'SCT', 'Imaging procedure'),
  livermetastasis: code('94381002', 'SCT', 'Secondary malignant neoplasm of liver'),
  mean: code('373098007', 'SCT', 'Mean'),
  standardDeviation: code('386136009', 'SCT', 'Standard Deviation'),
  baseline: dream('BASELINE', 'Baseline location'),
  yes: code('373066001', 'SCT', 'Yes'),
  no: code('373067005', 'SCT', 'No'),
} as const;

/** UCUM units of the measurements. */
export const UNITS = {
  mm: code('mm', 'UCUM', 'millimeter'),
  um2PerS: code('um2/s', 'UCUM', 'square micrometer per second'),
  pixels: code('{pixels}', 'UCUM', 'pixels'),
} as const;

/** The modality groups as codes of the project scheme. */
export const MODALITY_CODES: Readonly<Record<ModalityGroup, Code>> = {
  CT: dream('CT', MODALITY_LABELS.CT),
  DWI: dream('DWI', MODALITY_LABELS.DWI),
  T1T2: dream('T1T2', MODALITY_LABELS.T1T2),
  EOB: dream('EOB', MODALITY_LABELS.EOB),
};

/** The calls as codes of the project scheme. */
export const CALL_CODES: Readonly<Record<Call, Code>> = {
  present: dream('PRESENT', 'present'),
  disappeared: dream('DISAPPEARED', 'disappeared'),
  'not-evaluable': dream('NOTEVAL', 'not-evaluable'),
};

/**
 * The baseline calls as codes (docs/sr.md): at baseline a call says where the lesion is seen
 * (src/domain/baselineCalls.ts), so it is not written as PRESENT or DISAPPEARED.
 */
export const BASELINE_CALL_CODES: Readonly<Record<BaselineCall, Code>> = {
  seen: dream('SEEN', 'seen'),
  'not-seen': dream('NOTSEEN', 'not seen'),
  'not-evaluable': CALL_CODES['not-evaluable'],
};

/** The code of a stored call at its timepoint. */
export function callCode(timepoint: TimepointId, call: Call): Code {
  return asksWhereSeen(timepoint) ? BASELINE_CALL_CODES[baselineCallOf(call)] : CALL_CODES[call];
}

/**
 * The stored call of a call code at its timepoint; at baseline the baseline codes, and the
 * later-timepoint codes as well (SR files written before the baseline codes existed).
 */
export function callOfCode(
  timepoint: TimepointId,
  value: Partial<Code> | undefined,
): Call | undefined {
  const term = asksWhereSeen(timepoint) ? keyOfCode(BASELINE_CALL_CODES, value) : undefined;
  return term === undefined ? keyOfCode(CALL_CODES, value) : callOfBaselineTerm(term);
}

/** The derived statuses as codes of the project scheme. */
export const STATUS_CODES: Readonly<Record<LesionStatus, Code>> = {
  cDLM: dream('CDLM', 'cDLM'),
  'partial DLM': dream('PDLM', 'partial DLM'),
  visible: dream('VISIBLE', 'visible'),
  incomplete: dream('INCOMPLETE', 'incomplete'),
};

/** The Couinaud segment as Finding Site value (SCT) and its local modifier for IVa/IVb. */
export function segmentCodes(segment: CouinaudSegment): { site: Code; modifier?: Code } {
  const coded = COUINAUD_CODES[segment];
  const site = code(coded.codeValue, coded.codingSchemeDesignator, coded.codeMeaning);
  const local = coded.localModifier;
  return local === undefined
    ? { site }
    : { site, modifier: code(local.codeValue, local.codingSchemeDesignator, local.codeMeaning) };
}

/** Whether two codes name the same concept (value and scheme; the meaning is only words). */
export function sameCode(a: Partial<Code> | undefined, b: Code): boolean {
  return a?.CodeValue === b.CodeValue && a.CodingSchemeDesignator === b.CodingSchemeDesignator;
}

/** The key of a table whose code matches, if any. */
export function keyOfCode<K extends string>(
  table: Readonly<Record<K, Code>>,
  value: Partial<Code> | undefined,
): K | undefined {
  return (Object.keys(table) as K[]).find((key) => sameCode(value, table[key]));
}

/** SOP classes of the SR and of referenced images. */
export const SOP_CLASSES = {
  comprehensive3dSr: '1.2.840.10008.5.1.4.1.1.88.34',
  ctImage: '1.2.840.10008.5.1.4.1.1.2',
  enhancedCtImage: '1.2.840.10008.5.1.4.1.1.2.1',
  mrImage: '1.2.840.10008.5.1.4.1.1.4',
  enhancedMrImage: '1.2.840.10008.5.1.4.1.1.4.1',
} as const;
