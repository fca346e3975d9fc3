/**
 * Acquisition quality control of one exam, from its headers only. Pure: the same catalogue exam and
 * thresholds give the same findings, in the order of {@link QC_CHECKS}, then series order.
 *
 * Checks:
 * - `hbp-delay`: minutes from injection to the hepatobiliary phase (HBP) of an EOB MRI. Injection
 *   is (0018,1042) Contrast/Bolus Start Time; without it, the time of the earliest post-contrast
 *   dynamic EOB series (arterial or portal), which is later than the injection, so the delay is
 *   under-estimated (never flatters the exam). The acquisition is (0008,0032), else (0008,0031).
 *   A series is an HBP when classified so (roles.ts) or when its description says HBP /
 *   hepatobiliary: a "HBP" acquired at 8 min is classified transitional by timing yet is the
 *   exam's HBP, and exactly what this check must flag. Fail under `minHbpDelayMinutes`, warn under
 *   `recommendedHbpDelayMinutes`. An EOB exam without any HBP series fails.
 * - `dwi-b-values`: an MR exam needs DWI with at least `minBValueCount` distinct b-values,
 *   one of them >= `minHighBValue` s/mm².
 * - `adc`: a scanner ADC map, or DWI the viewer can fit one from (two b-values >= 50 s/mm², see
 *   computedAdc.ts).
 * - `slice-thickness`: (0018,0050) over `maxSliceThicknessMm`, per series.
 * - `slice-positions`: per series, positions along the slice normal ((0020,0032) on (0020,0037)).
 *   A gap larger than (1 + `gapTolerance`) x the median spacing means missing slices; a position
 *   held by more images than the others means duplicated slices (a series with the same number of
 *   images at every position, e.g. several diffusion directions, is fine).
 * - `contrast-agent`: a post-contrast series (CT arterial / portal / delayed, EOB after pre)
 *   without (0018,0010) Contrast/Bolus Agent is a warning.
 *
 * MR-only checks (HBP, DWI, ADC) are not run on an exam without MR series.
 */
import type { CatalogExam, CatalogSeries } from './catalog.ts';
import type { InstanceHeader } from './header.ts';
import { secondsBetween } from './time.ts';

import { DEFAULT_QC_THRESHOLDS, type QcThresholds } from '../domain/qcThresholds.ts';

export { DEFAULT_QC_THRESHOLDS, type QcThresholds } from '../domain/qcThresholds.ts';

export type QcCheck =
  'hbp-delay' | 'dwi-b-values' | 'adc' | 'slice-thickness' | 'slice-positions' | 'contrast-agent';

/** Checks in the order findings are listed. */
export const QC_CHECKS: readonly QcCheck[] = [
  'hbp-delay',
  'dwi-b-values',
  'adc',
  'slice-thickness',
  'slice-positions',
  'contrast-agent',
];

/** `unknown`: the headers do not tell (e.g. no times), so a person must look. */
export type QcLevel = 'pass' | 'warn' | 'fail' | 'unknown';

export interface QcFinding {
  readonly check: QcCheck;
  readonly level: QcLevel;
  /** The series concerned (catalogue key); absent for exam-level findings. */
  readonly seriesKey?: string;
  /** The measured value: minutes, b-value count, mm, number of missing/duplicated slices. */
  readonly value?: number;
  readonly message: string;
}

/** (0018,0010) values that mean "no contrast" (as in roles.ts). */
const NO_AGENT = /^(|NONE|NO|N\/A|NA|NIL|-|0|NO CONTRAST|WITHOUT)$/i;
const HBP_TEXT = /HBP|HEPATOBILIARY|HEPATOCYT/i;
/** b-values the ADC fit may use (computedAdc.ts). */
const MIN_FIT_B = 50;
/** Positions closer than this (mm) are the same position. */
const SAME_POSITION_MM = 0.01;

const round1 = (x: number): number => Math.round(x * 10) / 10;

function firstHeader(series: CatalogSeries): InstanceHeader | undefined {
  return series.instances[0]?.header;
}

function acquired(header: InstanceHeader): string {
  return header.acquisitionTime.trim() || header.seriesTime.trim();
}

function isHbp(series: CatalogSeries): boolean {
  if (series.role.kind === 'EOB' && series.role.phase === 'hbp') return true;
  return series.role.kind === 'EOB' && HBP_TEXT.test(series.description);
}

/** Minutes from injection to the series, and where the injection time came from. */
function hbpMinutes(
  hbp: InstanceHeader,
  exam: CatalogExam,
): { minutes: number; from: string } | undefined {
  if (hbp.contrastBolusStartTime.trim() !== '') {
    const s = secondsBetween(hbp.contrastBolusStartTime, acquired(hbp));
    if (s !== undefined) return { minutes: s / 60, from: 'contrast start time' };
  }
  const dynamicTimes = exam.series
    .filter(
      (s) => s.role.kind === 'EOB' && (s.role.phase === 'arterial' || s.role.phase === 'portal'),
    )
    .map((s) => firstHeader(s))
    .flatMap((h) => (h === undefined ? [] : [secondsBetween(acquired(h), acquired(hbp))]))
    .filter((s): s is number => s !== undefined && s > 0);
  if (dynamicTimes.length === 0) return undefined;
  return { minutes: Math.max(...dynamicTimes) / 60, from: 'first dynamic EOB series' };
}

function hbpFindings(exam: CatalogExam, t: QcThresholds): QcFinding[] {
  const eob = exam.series.filter((s) => s.role.kind === 'EOB');
  if (eob.length === 0) return [];
  const hbps = eob.filter(isHbp);
  if (hbps.length === 0) {
    return [
      { check: 'hbp-delay', level: 'fail', message: 'EOB MRI without a hepatobiliary phase' },
    ];
  }
  return hbps.map((series): QcFinding => {
    const header = firstHeader(series);
    const timing = header === undefined ? undefined : hbpMinutes(header, exam);
    if (timing === undefined) {
      return {
        check: 'hbp-delay',
        level: 'unknown',
        seriesKey: series.key,
        message: 'HBP delay unknown: no contrast start time and no dynamic series times',
      };
    }
    const minutes = round1(timing.minutes);
    const level =
      timing.minutes < t.minHbpDelayMinutes
        ? 'fail'
        : timing.minutes < t.recommendedHbpDelayMinutes
          ? 'warn'
          : 'pass';
    const limit =
      level === 'fail'
        ? ` (minimum ${t.minHbpDelayMinutes} min)`
        : level === 'warn'
          ? ` (${t.recommendedHbpDelayMinutes} min recommended)`
          : '';
    return {
      check: 'hbp-delay',
      level,
      seriesKey: series.key,
      value: minutes,
      message: `HBP ${minutes} min after injection, from the ${timing.from}${limit}`,
    };
  });
}

/** Distinct b-values of the exam's DWI series, ascending. */
export function examBValues(exam: CatalogExam): number[] {
  const values = new Set<number>();
  for (const series of exam.series) {
    if (series.role.kind !== 'DWI') continue;
    for (const instance of series.instances) {
      if (instance.header.bValue !== undefined) values.add(instance.header.bValue);
    }
  }
  return [...values].sort((a, b) => a - b);
}

function dwiFinding(exam: CatalogExam, t: QcThresholds): QcFinding {
  const hasDwi = exam.series.some((s) => s.role.kind === 'DWI');
  if (!hasDwi) return { check: 'dwi-b-values', level: 'fail', message: 'no DWI series' };
  const bs = examBValues(exam);
  const list = bs.length === 0 ? 'none recorded' : `b=${bs.join(', ')}`;
  const high = bs.some((b) => b >= t.minHighBValue);
  const ok = bs.length >= t.minBValueCount && high;
  const needs = `needs ${t.minBValueCount} b-values incl. one >= ${t.minHighBValue} s/mm²`;
  return {
    check: 'dwi-b-values',
    level: ok ? 'pass' : 'fail',
    value: bs.length,
    message: ok ? `DWI ${list}` : `DWI ${list}: ${needs}`,
  };
}

function adcFinding(exam: CatalogExam): QcFinding {
  const scanner = exam.series.find((s) => s.role.kind === 'ADC' && s.role.computed === undefined);
  if (scanner !== undefined) {
    return { check: 'adc', level: 'pass', seriesKey: scanner.key, message: 'scanner ADC map' };
  }
  const fit = examBValues(exam).filter((b) => b >= MIN_FIT_B);
  if (fit.length >= 2) {
    return { check: 'adc', level: 'pass', message: `ADC computable from b=${fit.join(', ')}` };
  }
  return {
    check: 'adc',
    level: 'fail',
    message: `no ADC map, and no two DWI b-values >= ${MIN_FIT_B} to compute one`,
  };
}

function thicknessFindings(exam: CatalogExam, t: QcThresholds): QcFinding[] {
  return exam.series.flatMap((series): QcFinding[] => {
    const values = series.instances
      .map((i) => i.header.sliceThickness)
      .filter((v): v is number => v !== undefined);
    if (values.length === 0) return [];
    const thickest = Math.max(...values);
    if (thickest <= t.maxSliceThicknessMm) return [];
    return [
      {
        check: 'slice-thickness',
        level: 'fail',
        seriesKey: series.key,
        value: thickest,
        message: `${series.description || series.key}: slices ${thickest} mm (maximum ${t.maxSliceThicknessMm} mm)`,
      },
    ];
  });
}

/** Positions along the slice normal, or undefined when the geometry is missing or multi-frame. */
function positionsAlongNormal(series: CatalogSeries): number[] | undefined {
  const iop = series.instances[0]?.header.imageOrientationPatient;
  if (iop === undefined || series.instances.some((i) => i.frame !== undefined)) return undefined;
  const [r0, r1, r2, c0, c1, c2] = iop;
  const n = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0] as const;
  const out: number[] = [];
  for (const { header } of series.instances) {
    const p = header.imagePositionPatient;
    if (p === undefined) return undefined;
    out.push(p[0] * n[0] + p[1] * n[1] + p[2] * n[2]);
  }
  return out.sort((a, b) => a - b);
}

/** Distinct positions (ascending) with the number of images at each. */
function groupPositions(sorted: readonly number[]): { at: number; count: number }[] {
  const groups: { at: number; count: number }[] = [];
  for (const d of sorted) {
    const last = groups[groups.length - 1];
    if (last !== undefined && d - last.at < SAME_POSITION_MM) last.count += 1;
    else groups.push({ at: d, count: 1 });
  }
  return groups;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function positionFindings(series: CatalogSeries, t: QcThresholds): QcFinding[] {
  const sorted = positionsAlongNormal(series);
  if (sorted === undefined || sorted.length < 3) return [];
  const groups = groupPositions(sorted);
  const name = series.description || series.key;
  const findings: QcFinding[] = [];
  const perPosition = median(groups.map((g) => g.count));
  const extra = groups.reduce((sum, g) => sum + Math.max(0, g.count - perPosition), 0);
  if (extra > 0) {
    findings.push({
      check: 'slice-positions',
      level: 'fail',
      seriesKey: series.key,
      value: extra,
      message: `${name}: ${extra} duplicated slice position(s)`,
    });
  }
  const steps = groups.slice(1).map((g, i) => g.at - (groups[i]?.at ?? g.at));
  if (steps.length < 2) return findings;
  const spacing = median(steps);
  const missing = steps
    .filter((s) => s > spacing * (1 + t.gapTolerance))
    .reduce((sum, s) => sum + Math.max(1, Math.round(s / spacing) - 1), 0);
  if (missing > 0) {
    findings.push({
      check: 'slice-positions',
      level: 'fail',
      seriesKey: series.key,
      value: missing,
      message: `${name}: about ${missing} missing slice(s) (spacing ${round1(spacing)} mm)`,
    });
  }
  return findings;
}

function isPostContrast(series: CatalogSeries): boolean {
  const { role } = series;
  if (role.kind === 'CT') return role.phase !== 'non-contrast' && role.phase !== 'unknown';
  return role.kind === 'EOB' && role.phase !== 'pre';
}

function agentFindings(exam: CatalogExam): QcFinding[] {
  return exam.series
    .filter(isPostContrast)
    .filter((s) => s.instances.every((i) => NO_AGENT.test(i.header.contrastBolusAgent.trim())))
    .map((series) => ({
      check: 'contrast-agent' as const,
      level: 'warn' as const,
      seriesKey: series.key,
      message: `${series.description || series.key}: post-contrast series without (0018,0010) Contrast/Bolus Agent`,
    }));
}

/** The QC findings of one exam (see the module comment); an empty list means nothing to check. */
export function examQc(
  exam: CatalogExam,
  thresholds: QcThresholds = DEFAULT_QC_THRESHOLDS,
): QcFinding[] {
  const mr = exam.series.some((s) => s.modality === 'MR');
  return [
    ...hbpFindings(exam, thresholds),
    ...(mr ? [dwiFinding(exam, thresholds), adcFinding(exam)] : []),
    ...thicknessFindings(exam, thresholds),
    ...exam.series.flatMap((s) => positionFindings(s, thresholds)),
    ...agentFindings(exam),
  ];
}

/** The worst level of a list of findings (`pass` for none): fail > unknown > warn > pass. */
export function worstQcLevel(findings: readonly QcFinding[]): QcLevel {
  const rank: Record<QcLevel, number> = { pass: 0, warn: 1, unknown: 2, fail: 3 };
  return findings.reduce<QcLevel>((w, f) => (rank[f.level] > rank[w] ? f.level : w), 'pass');
}
