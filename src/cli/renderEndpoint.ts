/**
 * Text rendering of the endpoint report: the per-lesion table with the intervals that assume
 * independent lesions, then the cluster-aware intervals, the per-patient NPV and the sensitivity
 * analysis (methods in src/domain/stats/endpointFigures.ts and docs/statistics.md).
 */
import {
  ENDPOINT_ROW_KEYS,
  INTERVAL_METHOD_LABELS,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  type EndpointRow,
  type StudyConfig,
} from '../domain/index.ts';
import type { EndpointReport } from './analysis.ts';
import { bootstrapText } from './render.ts';
import { fixed, formatTable, interval, levelText, plural, type Align } from './table.ts';

function describeConfig(config: StudyConfig): string {
  const required = MODALITY_GROUPS.filter((m) => config.requiredModalities.includes(m))
    .map((m) => MODALITY_LABELS[m])
    .join(', ');
  return (
    `status at ${config.statusTimepoint}, cDLM = disappeared on all of ${required}; left in situ ` +
    `counts non-viable after >= ${config.minFollowUpMonths} months without local recurrence`
  );
}

/** One aligned table: first column left, the others as `align` says. */
function table(header: readonly string[], rows: readonly string[][], align: Align[]): string[] {
  return formatTable([header, ...rows], ['left', ...align]);
}

/** The endpoint table and its companion tables. */
export function renderEndpoint(report: EndpointReport, outcomesFile: string | undefined): string[] {
  const result = report.table;
  if (result === null) return ['No endpoint table (see the problems).'];
  const level = levelText(result.level);
  const rows = ENDPOINT_ROW_KEYS.flatMap((key) => result.rows.filter((r) => r.key === key));
  const each = (f: (row: EndpointRow) => string[]): string[][] =>
    rows.map((row) => [row.label, ...f(row)]);
  const lines = [
    'Endpoint: NPV of "disappeared" = non-viable / evaluable lesions (docs/statistics.md)',
    `${plural(report.patients, 'patient')}; ${describeConfig(result.config)}`,
    `Outcomes: ${outcomesFile ?? 'none given (every lesion counts as missing its outcome)'}`,
    '',
    'Per lesion (Clopper-Pearson and Wilson assume independent lesions):',
    ...table(
      [
        'row',
        'NPV',
        'non-viable/evaluable',
        `Clopper-Pearson ${level}`,
        `Wilson ${level}`,
        'lesions',
        'patients',
        'evaluable patients',
        'not yet evaluable',
        'missing outcome',
      ],
      each((row) => [
        fixed(row.npv, 4),
        `${row.nonViable}/${row.evaluable}`,
        interval(row.clopperPearson),
        interval(row.wilson),
        String(row.lesions),
        String(row.patients),
        String(row.evaluablePatients),
        String(row.notYetEvaluable),
        String(row.missingOutcome),
      ]),
      ['right', 'right', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Per lesion, patients as clusters: bootstrap = ${bootstrapText(result.bootstrap)}; ratio = ` +
      `${INTERVAL_METHOD_LABELS['ratio-estimator']}:`,
    ...table(
      ['row', `cluster bootstrap ${level}`, `ratio estimator ${level}`, 'design effect'],
      each((row) => [
        interval(row.clusterBootstrap),
        interval(row.ratioEstimator),
        fixed(row.ratioEstimator?.designEffect, 2),
      ]),
      ['left', 'left', 'right'],
    ),
    '',
    'Per patient (true negative = every lesion of the row non-viable; false negative = one viable):',
    ...table(
      [
        'row',
        'NPV',
        'true neg./(true neg. + false neg.)',
        `Clopper-Pearson ${level}`,
        `Wilson ${level}`,
        'patients not evaluable',
      ],
      each(({ perPatient: p }) => [
        fixed(p.estimate, 4),
        `${p.trueNegatives}/${p.n}`,
        interval(p.clopperPearson),
        interval(p.wilson),
        String(p.notEvaluable),
      ]),
      ['right', 'right', 'left', 'left', 'right'],
    ),
    '',
    'Sensitivity: not yet evaluable counted as non-viable (best case) and as viable (worst case):',
    ...table(
      [
        'row',
        'best case NPV',
        'n',
        `Clopper-Pearson ${level}`,
        'worst case NPV',
        'n',
        `Clopper-Pearson ${level}`,
        'missing outcome',
      ],
      each(({ sensitivity: s }) => [
        fixed(s.bestCase.npv, 4),
        `${s.bestCase.nonViable}/${s.bestCase.evaluable}`,
        interval(s.bestCase.clopperPearson),
        fixed(s.worstCase.npv, 4),
        `${s.worstCase.nonViable}/${s.worstCase.evaluable}`,
        interval(s.worstCase.clopperPearson),
        String(s.missingOutcome),
      ]),
      ['right', 'right', 'left', 'right', 'right', 'left', 'right'],
    ),
  ];
  if (report.unmatchedOutcomes.length > 0) {
    lines.push(
      '',
      `Note: outcomes that match no live lesion of these reads (${report.unmatchedOutcomes.length}):`,
      ...report.unmatchedOutcomes.map((o) => `  patient ${o.patientId} lesion ${o.lesionId}`),
    );
  }
  return lines;
}
