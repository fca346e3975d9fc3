/**
 * Automatic guess of a series' reading role (docs/domain.md §3). The reader can always override it;
 * the guess only has to be right for the common vendor conventions.
 */
import type { InstanceHeader } from './header.ts';
import { secondsBetween } from './time.ts';

export type CtPhase = 'non-contrast' | 'arterial' | 'portal-venous' | 'delayed' | 'unknown';
export type EobPhase = 'pre' | 'arterial' | 'portal' | 'transitional' | 'hbp';

export type SeriesRole =
  | { kind: 'CT'; phase: CtPhase }
  /** bValue is undefined for a series that looks like DWI but carries no b-value tag. */
  | { kind: 'DWI'; bValue: number | undefined }
  /**
   * A scanner ADC map, or (with `computed`) one the viewer fits from a DWI series' b-value stacks,
   * listing the b-values the fit uses.
   */
  | { kind: 'ADC'; computed?: { bValues: readonly number[] } }
  | { kind: 'T2' }
  | { kind: 'T1' }
  | { kind: 'EOB'; phase: EobPhase }
  | { kind: 'other' };

/** Phase boundaries in seconds after (0018,1042) Contrast/Bolus Start Time. */
const ARTERIAL_END = 45;
const PORTAL_END = 120;
/** Hepatobiliary phase from 10 min; 20 min is typical (adequate HBP in 93% at 20 min). */
const HBP_START = 10 * 60;

/** Upper-cased, with every non-alphanumeric run turned into one space, padded: ` T1 VIBE ART `. */
function words(text: string): string {
  return ` ${text.toUpperCase().replace(/[^A-Z0-9]+/g, ' ')} `;
}

function has(text: string, pattern: RegExp): boolean {
  return pattern.test(text);
}

/** (0018,0010) values that mean "no contrast" rather than naming an agent. */
const NO_AGENT = /^(|NONE|NO|N\/A|NA|NIL|-|0|NO CONTRAST|WITHOUT)$/i;
const EOB_AGENT = /GADOXET|EOB|PRIMOVIST|EOVIST|GD[-\s]?EOB[-\s]?DTPA/i;

function agentOf(header: InstanceHeader): string {
  const agent = header.contrastBolusAgent.trim();
  return NO_AGENT.test(agent) ? '' : agent;
}

/** Seconds from injection to acquisition: (0008,0032), else (0008,0031), minus (0018,1042). */
function secondsAfterInjection(header: InstanceHeader): number | undefined {
  if (header.contrastBolusStartTime.trim() === '') return undefined;
  const acquired = header.acquisitionTime.trim() || header.seriesTime.trim();
  return secondsBetween(header.contrastBolusStartTime, acquired);
}

function ctPhaseFromTiming(seconds: number): CtPhase {
  if (seconds < 0) return 'non-contrast';
  if (seconds < ARTERIAL_END) return 'arterial';
  if (seconds <= PORTAL_END) return 'portal-venous';
  return 'delayed';
}

function ctPhaseFromDescription(text: string): CtPhase | undefined {
  if (has(text, / (NATIVE|NON ?CON\w*|NONCONTRAST|PLAIN|UNENHANCED|PRE|NC|WITHOUT) /)) {
    return 'non-contrast';
  }
  if (has(text, / (ART|ARTERIAL|LATE ART\w*) /)) return 'arterial';
  if (has(text, / (PV|PVP|PORTAL|VENOUS|PORTOVENOUS) /)) return 'portal-venous';
  if (has(text, / (DELAY|DELAYED|EQUILIBRIUM|EQ|LATE) /)) return 'delayed';
  return undefined;
}

const CONTRAST_WORDS = / (C|CE|CONTRAST|ENHANCED|POST|KM|IV) /;

/** CT: agent (0018,0010) and timing first, then (0008,103E) keywords; no agent -> non-contrast. */
function classifyCt(header: InstanceHeader): SeriesRole {
  const agent = agentOf(header);
  const seconds = secondsAfterInjection(header);
  if (agent !== '' && seconds !== undefined) {
    return { kind: 'CT', phase: ctPhaseFromTiming(seconds) };
  }
  const fromText = ctPhaseFromDescription(words(header.seriesDescription));
  if (fromText !== undefined) return { kind: 'CT', phase: fromText };
  // Anonymisers often blank (0018,0010): a description that says "contrast" is not non-contrast.
  const saysContrast = has(words(header.seriesDescription), CONTRAST_WORDS);
  return { kind: 'CT', phase: agent === '' && !saysContrast ? 'non-contrast' : 'unknown' };
}

/**
 * ADC map: (0008,0008) Image Type value ADC (Siemens `DERIVED\PRIMARY\DIFFUSION\ADC`, GE); a
 * Philips image with (0018,9075) Diffusion Directionality ISOTROPIC that is derived or has no
 * b-value (Philips trace images are ISOTROPIC too but carry their b); the description.
 */
function isAdc(header: InstanceHeader, text: string): boolean {
  if (header.imageType.includes('ADC')) return true;
  const philips = header.manufacturer.toUpperCase().includes('PHILIPS');
  if (
    philips &&
    header.diffusionDirectionality === 'ISOTROPIC' &&
    (header.bValue === undefined || header.imageType.includes('DERIVED'))
  ) {
    return true;
  }
  return has(text, / (ADC|APPARENT DIFFUSION\w*) /);
}

function isDwi(headers: readonly InstanceHeader[], text: string): boolean {
  if (headers.some((h) => h.bValue !== undefined)) return true;
  return has(text, / (DWI|DW|DIFFUSION|EP2D DIFF\w*|DIFF|RESOLVE|TRACEW) /);
}

function eobPhaseFromTiming(seconds: number): EobPhase {
  if (seconds < 0) return 'pre';
  if (seconds < ARTERIAL_END) return 'arterial';
  if (seconds <= PORTAL_END) return 'portal';
  if (seconds < HBP_START) return 'transitional';
  return 'hbp';
}

/** Minutes written in the description, e.g. `20MIN`, `20 min`, `HBP 15'`. */
function minutesIn(text: string): number | undefined {
  const match = / (\d{1,2}) ?MIN\w* /.exec(text);
  return match === null ? undefined : Number(match[1]);
}

function eobPhaseFromDescription(text: string): EobPhase | undefined {
  if (has(text, / (HBP|HEPATOBILIARY|HEPATOCYTE\w*|HEPATOCYTIC) /)) return 'hbp';
  const minutes = minutesIn(text);
  if (minutes !== undefined) return eobPhaseFromTiming(minutes * 60);
  if (has(text, / (TRANS|TRANSITION|TRANSITIONAL|TP|EQUILIBRIUM) /)) return 'transitional';
  if (has(text, / (PV|PVP|PORTAL|VENOUS) /)) return 'portal';
  if (has(text, / (ART|ARTERIAL) /)) return 'arterial';
  if (has(text, / (PRE|NATIVE|PLAIN|PRECONTRAST) /)) return 'pre';
  return undefined;
}

const T2_WORDS = / (T2\w*|HASTE|TSE|SSFSE|SSH|SPAIR T2|BLADE|STIR) /;
const T1_WORDS = / (T1\w*|VIBE|DIXON|IN|OPP|OP|INPHASE|OPPOSED|LAVA|THRIVE|FLASH|MDIXON|FL3D) /;

/** T1-like by description, or by timing: (0018,0080) TR < 800 ms and (0018,0081) TE < 30 ms. */
function weighting(header: InstanceHeader, text: string): 'T1' | 'T2' | undefined {
  if (has(text, / T2\w* /)) return 'T2';
  if (has(text, / T1\w* /)) return 'T1';
  if (has(text, T2_WORDS)) return 'T2';
  if (has(text, T1_WORDS)) return 'T1';
  const { echoTime: te, repetitionTime: tr } = header;
  if (te !== undefined && te >= 60) return 'T2';
  if (te !== undefined && tr !== undefined && tr < 800 && te < 30) return 'T1';
  return undefined;
}

/**
 * EOB (gadoxetate) phase: with an EOB agent in (0018,0010), time after (0018,1042), then the
 * description; without an agent tag, only a description naming EOB/HBP, or a T1 series with a
 * dynamic-phase word (this study's contrast MRI is EOB).
 */
function classifyEob(header: InstanceHeader, text: string, isT1: boolean): SeriesRole | undefined {
  const agent = agentOf(header);
  const eobAgent = EOB_AGENT.test(agent);
  const namedEob = has(text, / (EOB|PRIMOVIST|EOVIST|GADOXETATE|GADOXETIC) /);
  const fromText = eobPhaseFromDescription(text);
  if (eobAgent) {
    const seconds = secondsAfterInjection(header);
    if (seconds !== undefined) return { kind: 'EOB', phase: eobPhaseFromTiming(seconds) };
    if (fromText !== undefined) return { kind: 'EOB', phase: fromText };
    return undefined;
  }
  if (agent !== '') return undefined; // another agent: not EOB, leave it to T1/T2.
  if (fromText === 'hbp') return { kind: 'EOB', phase: 'hbp' };
  if (namedEob) return { kind: 'EOB', phase: fromText ?? 'pre' };
  if (isT1 && fromText !== undefined) return { kind: 'EOB', phase: fromText };
  return undefined;
}

/**
 * Classifies one (sub)series from its instances' headers. The first header carries the series
 * attributes; b-values are looked at across all instances.
 */
export function classifySeries(headers: readonly InstanceHeader[]): SeriesRole {
  const header = headers[0];
  if (header === undefined) return { kind: 'other' };
  if (header.modality === 'CT') return classifyCt(header);
  if (header.modality !== 'MR' && header.modality !== '') return { kind: 'other' };
  const text = words(header.seriesDescription);
  if (isAdc(header, text)) return { kind: 'ADC' };
  if (isDwi(headers, text)) {
    const bValues = new Set(headers.map((h) => h.bValue).filter((b) => b !== undefined));
    const bValue = bValues.size === 1 ? [...bValues][0] : undefined;
    return { kind: 'DWI', bValue };
  }
  const weight = weighting(header, text);
  const eob = weight === 'T2' ? undefined : classifyEob(header, text, weight === 'T1');
  if (eob !== undefined) return eob;
  if (weight !== undefined) return { kind: weight };
  return { kind: 'other' };
}

export const CT_LABELS: Record<CtPhase, [string, string]> = {
  'non-contrast': ['CT non-contrast', 'CT_NONCONTRAST'],
  arterial: ['CT arterial', 'CT_ARTERIAL'],
  'portal-venous': ['CT portal venous', 'CT_PORTAL'],
  delayed: ['CT delayed', 'CT_DELAYED'],
  unknown: ['CT (phase unknown)', 'CT_UNKNOWN'],
};

export const EOB_LABELS: Record<EobPhase, [string, string]> = {
  pre: ['EOB pre-contrast', 'EOB_PRE'],
  arterial: ['EOB arterial', 'EOB_ARTERIAL'],
  portal: ['EOB portal venous', 'EOB_PORTAL'],
  transitional: ['EOB transitional', 'EOB_TRANSITIONAL'],
  hbp: ['EOB hepatobiliary (HBP)', 'EOB_HBP'],
};

/** Readable English label, e.g. "CT portal venous", "DWI b=800", "ADC map". */
export function roleLabel(role: SeriesRole): string {
  switch (role.kind) {
    case 'CT':
      return CT_LABELS[role.phase][0];
    case 'DWI':
      return role.bValue === undefined ? 'DWI (b unknown)' : `DWI b=${role.bValue}`;
    case 'ADC':
      return role.computed ? 'ADC (computed)' : 'ADC map';
    case 'T2':
      return 'T2-weighted';
    case 'T1':
      return 'T1-weighted';
    case 'EOB':
      return EOB_LABELS[role.phase][0];
    case 'other':
      return 'Other';
  }
}

/**
 * Stable machine key, e.g. 'CT_PORTAL', 'DWI_800', 'ADC', 'ADC_COMPUTED' (a map the viewer fits),
 * 'EOB_HBP', 'OTHER'.
 */
export function roleKey(role: SeriesRole): string {
  switch (role.kind) {
    case 'CT':
      return CT_LABELS[role.phase][1];
    case 'DWI':
      return role.bValue === undefined ? 'DWI_UNKNOWN' : `DWI_${role.bValue}`;
    case 'EOB':
      return EOB_LABELS[role.phase][1];
    case 'ADC':
      return role.computed ? 'ADC_COMPUTED' : 'ADC';
    case 'other':
      return 'OTHER';
    default:
      return role.kind;
  }
}

export const CT_ORDER: CtPhase[] = [
  'non-contrast',
  'arterial',
  'portal-venous',
  'delayed',
  'unknown',
];
export const EOB_ORDER: EobPhase[] = ['pre', 'arterial', 'portal', 'transitional', 'hbp'];

/**
 * Sort rank for hanging series: CT (by phase), DWI (by b), ADC (scanner, then computed), T2, T1,
 * EOB pre..HBP, other. Returns a tuple compared element by element.
 */
export function roleRank(role: SeriesRole): readonly [number, number] {
  switch (role.kind) {
    case 'CT':
      return [0, CT_ORDER.indexOf(role.phase)];
    case 'DWI':
      return [1, role.bValue ?? Number.MAX_SAFE_INTEGER];
    case 'ADC':
      return [2, role.computed ? 1 : 0];
    case 'T2':
      return [3, 0];
    case 'T1':
      return [4, 0];
    case 'EOB':
      return [5, EOB_ORDER.indexOf(role.phase)];
    case 'other':
      return [6, 0];
  }
}
