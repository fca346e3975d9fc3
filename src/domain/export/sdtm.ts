/**
 * CDISC SDTM oncology domains from consensus reads: TU (lesion identification), TR (lesion
 * results: diameters, ADC, per-modality calls) and RS (per-lesion derived status). The mapping,
 * controlled terms and what is left out are documented in docs/sdtm.md; keep both in step.
 *
 * Pure: the rows depend only on the reads and the study id, in the order given (subjects sorted
 * by USUBJID, lesions in registry order, timepoints baseline, preop, follow-ups). Removed lesions
 * are left out, as in the read CSV. The read holds no dates (imaging dates are blinded), so the
 * --DTC variables are not written; the data manager joins them from the visit schedule.
 */
import { csvRecord } from '../exportCsv.ts';
import {
  MODALITY_GROUPS,
  type Call,
  type Lesion,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from '../model.ts';
import { roundAdc, roundDiameterMm } from '../precision.ts';
import { deriveReadStatuses } from '../status.ts';
import { byTimepoint, timepointOrder } from '../timepointOrder.ts';

type Cell = string | number | undefined;

/** TU variables, in column order. */
export const TU_COLUMNS = [
  'STUDYID',
  'DOMAIN',
  'USUBJID',
  'TUSEQ',
  'TULNKID',
  'TUTESTCD',
  'TUTEST',
  'TUORRES',
  'TUSTRESC',
  'TULOC',
  'TUEVAL',
  'TUEVALID',
  'VISITNUM',
  'VISIT',
] as const;

/** TR variables, in column order. */
export const TR_COLUMNS = [
  'STUDYID',
  'DOMAIN',
  'USUBJID',
  'TRSEQ',
  'TRLNKID',
  'TRTESTCD',
  'TRTEST',
  'TRORRES',
  'TRORRESU',
  'TRSTRESC',
  'TRSTRESN',
  'TRSTRESU',
  'TRMETHOD',
  'TREVAL',
  'TREVALID',
  'VISITNUM',
  'VISIT',
] as const;

/** RS variables, in column order. */
export const RS_COLUMNS = [
  'STUDYID',
  'DOMAIN',
  'USUBJID',
  'RSSEQ',
  'RSLNKID',
  'RSTESTCD',
  'RSTEST',
  'RSCAT',
  'RSORRES',
  'RSSTRESC',
  'RSEVAL',
  'RSEVALID',
  'VISITNUM',
  'VISIT',
] as const;

/** Variables SDTMIG marks Required ("Req") for each domain; never empty in a row. */
export const SDTM_REQUIRED = {
  TU: ['STUDYID', 'DOMAIN', 'USUBJID', 'TUSEQ', 'TUTESTCD', 'TUTEST'],
  TR: ['STUDYID', 'DOMAIN', 'USUBJID', 'TRSEQ', 'TRTESTCD', 'TRTEST'],
  RS: ['STUDYID', 'DOMAIN', 'USUBJID', 'RSSEQ', 'RSTESTCD', 'RSTEST'],
} as const;

export type SdtmDomain = keyof typeof SDTM_REQUIRED;

/** The three domains as header + rows of unescaped cells. */
export type SdtmTables = Readonly<Record<SdtmDomain, Cell[][]>>;

export interface SdtmOptions {
  /** STUDYID, and the prefix of USUBJID (`<STUDYID>-<patient id>`). */
  readonly studyId: string;
}

/** The evaluator of a consensus read (SDTM --EVAL / --EVALID). */
const EVAL = 'INDEPENDENT ASSESSOR';
const EVALID = 'ADJUDICATOR';

/** TRMETHOD per modality group (see docs/sdtm.md for the terms). */
export const SDTM_METHOD: Readonly<Record<ModalityGroup, string>> = {
  CT: 'CT SCAN',
  DWI: 'DIFFUSION-WEIGHTED MRI',
  T1T2: 'T1/T2-WEIGHTED MRI',
  EOB: 'GADOXETATE-ENHANCED MRI',
};

/** TR tumour state per call. */
const TUMSTATE: Readonly<Record<Call, string>> = {
  present: 'PRESENT',
  disappeared: 'ABSENT',
  'not-evaluable': 'NOT EVALUABLE',
};

/** VISITNUM: baseline 1, preop 2, followup-N 2 + N. */
export function visitNum(timepoint: TimepointId): number {
  return timepointOrder(timepoint) + 1;
}

/** VISIT: `BASELINE`, `PRE-OPERATIVE`, `FOLLOW-UP N`. */
export function visitName(timepoint: TimepointId): string {
  if (timepoint === 'baseline') return 'BASELINE';
  if (timepoint === 'preop') return 'PRE-OPERATIVE';
  return `FOLLOW-UP ${timepoint.slice('followup-'.length)}`;
}

const visit = (timepoint: TimepointId): Cell[] => [visitNum(timepoint), visitName(timepoint)];

interface TrResult {
  readonly testcd: string;
  readonly test: string;
  readonly value: string | number;
  readonly unit?: string;
  readonly method?: string;
}

const ADC_UNIT = '10^-3 mm2/s';

/** The TR results of one lesion at one timepoint, modality by modality. */
function trResults(lesion: Lesion, timepoint: TimepointId): TrResult[] {
  const results: TrResult[] = [];
  if (timepoint === 'baseline' && lesion.baselineDiameterMm !== undefined) {
    const value = roundDiameterMm(lesion.baselineDiameterMm);
    results.push({ testcd: 'LDIAM', test: 'Longest Diameter', value, unit: 'mm' });
  }
  const modalities = lesion.assessments[timepoint]?.modalities ?? {};
  for (const group of MODALITY_GROUPS) {
    const a = modalities[group];
    if (a === undefined) continue;
    const method = SDTM_METHOD[group];
    if (a.call !== undefined) {
      results.push({ testcd: 'TUMSTATE', test: 'Tumor State', value: TUMSTATE[a.call], method });
    }
    if (a.diameterMm !== undefined) {
      const value = roundDiameterMm(a.diameterMm);
      results.push({ testcd: 'LDIAM', test: 'Longest Diameter', value, unit: 'mm', method });
    }
    if (a.adcMean !== undefined) {
      const test = 'Apparent Diffusion Coefficient Mean';
      results.push({ testcd: 'ADCMEAN', test, value: roundAdc(a.adcMean), unit: ADC_UNIT, method });
    }
    if (a.adcSd !== undefined) {
      const test = 'Apparent Diffusion Coefficient SD';
      results.push({ testcd: 'ADCSD', test, value: roundAdc(a.adcSd), unit: ADC_UNIT, method });
    }
  }
  return results;
}

function subjectRows(read: Read, studyId: string, seq: Record<SdtmDomain, number>) {
  const usubjid = `${studyId}-${read.patientId}`;
  const head = (domain: SdtmDomain): Cell[] => [studyId, domain, usubjid, (seq[domain] += 1)];
  const live = read.lesions.filter((l) => l.removed === undefined);
  const tu: Cell[][] = live.map((lesion) => [
    ...head('TU'),
    lesion.id,
    'TUMIDENT',
    'Tumor Identification',
    'LIVER METASTASIS',
    'LIVER METASTASIS',
    lesion.segment === undefined ? undefined : `LIVER SEGMENT ${lesion.segment}`,
    EVAL,
    EVALID,
    ...visit('baseline'),
  ]);
  const tr: Cell[][] = [];
  for (const lesion of live) {
    const timepoints = new Set<TimepointId>(['baseline']);
    for (const [tp] of byTimepoint(lesion.assessments)) timepoints.add(tp);
    for (const tp of [...timepoints].sort((a, b) => timepointOrder(a) - timepointOrder(b))) {
      for (const r of trResults(lesion, tp)) {
        const numeric = typeof r.value === 'number' ? r.value : undefined;
        tr.push([
          ...head('TR'),
          lesion.id,
          r.testcd,
          r.test,
          String(r.value),
          r.unit,
          String(r.value),
          numeric,
          r.unit,
          r.method,
          EVAL,
          EVALID,
          ...visit(tp),
        ]);
      }
    }
  }
  const status = read.config.statusTimepoint;
  const rs: Cell[][] = [];
  for (const row of deriveReadStatuses(read)) {
    if (!live.some((l) => l.id === row.lesionId)) continue;
    const category = 'DISAPPEARING LIVER METASTASIS';
    const { status: derived, ctDlm } = row.derived;
    rs.push([
      ...head('RS'),
      row.lesionId,
      'DLMSTAT',
      'Disappearing Liver Metastasis Status',
      category,
      derived,
      derived.toUpperCase(),
      EVAL,
      EVALID,
      ...visit(status),
    ]);
    const yn = ctDlm ? 'Y' : 'N';
    rs.push([
      ...head('RS'),
      row.lesionId,
      'CTDLM',
      'Disappeared on CT',
      category,
      yn,
      yn,
      EVAL,
      EVALID,
      ...visit(status),
    ]);
  }
  return { tu, tr, rs };
}

/**
 * TU, TR and RS of consensus reads (one per subject; the caller passes consensus reads only).
 * --SEQ numbers run 1, 2, ... per subject and domain.
 */
export function sdtmTables(reads: readonly Read[], options: SdtmOptions): SdtmTables {
  const tables = { TU: [[...TU_COLUMNS]], TR: [[...TR_COLUMNS]], RS: [[...RS_COLUMNS]] } as Record<
    SdtmDomain,
    Cell[][]
  >;
  const sorted = [...reads].sort((a, b) =>
    a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0,
  );
  for (const read of sorted) {
    const rows = subjectRows(read, options.studyId, { TU: 0, TR: 0, RS: 0 });
    tables.TU.push(...rows.tu);
    tables.TR.push(...rows.tr);
    tables.RS.push(...rows.rs);
  }
  return tables;
}

/** One domain as RFC 4180 CSV text (quoting and formula defence as the read CSV). */
export function sdtmCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => csvRecord(row)).join('');
}
