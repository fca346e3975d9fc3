/** Text rendering of the CLI's reports (aligned tables); the JSON output is in reads.ts. */
import {
  ENDPOINT_ROW_KEYS,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  type Discordance,
  type StudyConfig,
} from '../domain/index.ts';
import type {
  CompareReport,
  EndpointReport,
  LesionStatusLine,
  PatientComparison,
  ReadRef,
} from './analysis.ts';
import { fixed, formatTable, interval, plural, type Align } from './table.ts';

/** `reader r1, read abc v2 (signed)`. */
function describeRead(ref: ReadRef): string {
  return `reader ${ref.readerId}, read ${ref.readId} v${ref.version} (${ref.state})`;
}

/** The status table. */
export function renderStatus(
  rows: readonly LesionStatusLine[],
  readsWithoutLesions: readonly ReadRef[],
): string[] {
  const header = [
    'patient',
    'reader',
    'read',
    'v',
    'state',
    'lesion',
    'segment',
    'timepoint',
    ...MODALITY_GROUPS.map((m) => (m === 'EOB' ? 'EOB' : MODALITY_LABELS[m])),
    'status',
    'CT-DLM',
    'reason',
  ];
  const body = rows.map((r) => [
    r.patientId,
    r.readerId,
    r.readId,
    String(r.version),
    r.state,
    r.lesionId,
    r.segment ?? '-',
    r.timepoint,
    ...MODALITY_GROUPS.map((m) => (r.calls[m] === 'unset' ? '-' : r.calls[m])),
    r.status,
    r.ctDlm ? 'yes' : 'no',
    r.reason,
  ]);
  const align = header.map((h): Align => (h === 'v' ? 'right' : 'left'));
  const lines = formatTable([header, ...body], align);
  for (const ref of readsWithoutLesions) {
    lines.push(`${ref.file}: patient ${ref.patientId}, ${describeRead(ref)}: no live lesion`);
  }
  const reads = new Set(rows.map((r) => r.file)).size + readsWithoutLesions.length;
  lines.push('', `${plural(rows.length, 'lesion')} in ${plural(reads, 'read')}`);
  return lines;
}

const KIND_WORDS: Readonly<Record<Discordance['kind'], string>> = {
  'lesion-in-one-read-only': 'lesion in one read only',
  call: 'call',
  status: 'derived status',
};

function discordanceRow(d: Discordance): string[] {
  const what =
    d.kind === 'call'
      ? `${KIND_WORDS.call} ${MODALITY_LABELS[d.modality]}`
      : d.kind === 'lesion-in-one-read-only'
        ? `${KIND_WORDS[d.kind]} (${d.onlyIn === 'reader1' ? 'reader 1' : 'reader 2'})`
        : KIND_WORDS[d.kind];
  return [d.id, what, d.value1, d.value2];
}

/** One patient's comparison: matching and discordances. */
function renderPatient(p: PatientComparison): string[] {
  const c = p.comparison;
  const only1 = c.unpaired.filter((u) => u.side === 'reader1').length;
  const only2 = c.unpaired.length - only1;
  const lines = [
    `${p.patientId}: reader 1 ${p.read1.readerId} (${p.read1.file}) vs reader 2 ` +
      `${p.read2.readerId} (${p.read2.file})`,
    `  matched ${plural(c.pairs.length, 'lesion pair')} within ${c.config.matchDistanceMm} mm` +
      (c.pairs.length === 0
        ? ''
        : `: ${c.pairs.map((x) => `${x.lesion1}~${x.lesion2} ${x.distanceMm.toFixed(1)} mm`).join(', ')}`),
    `  in one read only: reader 1 ${only1}, reader 2 ${only2}`,
  ];
  if (c.discordances.length === 0) {
    lines.push('  no discordance');
    return lines;
  }
  lines.push(`  ${plural(c.discordances.length, 'discordance')} at ${c.config.statusTimepoint}:`);
  const table = formatTable([
    ['id', 'discordance', 'reader 1', 'reader 2'],
    ...c.discordances.map(discordanceRow),
  ]);
  return [...lines, ...table.map((line) => `    ${line}`)];
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The compare report: per patient, then the pooled agreement table. */
export function renderCompare(report: CompareReport): string[] {
  const lines: string[] = [];
  for (const p of report.patients) lines.push(...renderPatient(p), '');
  const n = report.patients.length;
  const d = report.discordances;
  const total = d['lesion-in-one-read-only'] + d.call + d.status;
  const pairs = report.readerPairs
    .map((r) => `${r.reader1} vs ${r.reader2} (${plural(r.patients, 'patient')})`)
    .join(', ');
  lines.push(
    `Compared ${plural(n, 'patient')}${pairs === '' ? '' : `: ${pairs}`}`,
    `Discordances: ${total} (lesion in one read only ${d['lesion-in-one-read-only']}, call ` +
      `${d.call}, derived status ${d.status}); patients with at least one: ` +
      `${report.patientsWithDiscordances} of ${n} (${percent(report.patientsWithDiscordances, n)})`,
    `Agreement over ${plural(report.matchedPairs, 'matched lesion pair')}; lesions in one read only are ` +
      `excluded from kappa: reader 1 ${report.inOneReadOnly.reader1}, reader 2 ` +
      `${report.inOneReadOnly.reader2}`,
  );
  const rows = report.agreement.map((row) => [
    row.label,
    String(row.n),
    String(row.agreements),
    fixed(row.percentAgreement, 1),
    fixed(row.kappa, 3),
    row.interval === null
      ? '-'
      : `[${row.interval.lower.toFixed(3)}, ${row.interval.upper.toFixed(3)}]`,
    row.strength ?? (row.n > 0 ? 'undefined (one category only)' : '-'),
  ]);
  lines.push(
    ...formatTable(
      [['rated', 'n', 'agree', '% agreement', 'kappa', 'kappa 95% CI', 'Landis & Koch'], ...rows],
      ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
    ),
  );
  return lines;
}

function describeConfig(config: StudyConfig): string {
  const required = MODALITY_GROUPS.filter((m) => config.requiredModalities.includes(m))
    .map((m) => MODALITY_LABELS[m])
    .join(', ');
  return (
    `status at ${config.statusTimepoint}, cDLM = disappeared on all of ${required}; left in situ ` +
    `counts non-viable after >= ${config.minFollowUpMonths} months without local recurrence`
  );
}

/** The endpoint table. */
export function renderEndpoint(report: EndpointReport, outcomesFile: string | undefined): string[] {
  const table = report.table;
  if (table === null) return ['No endpoint table (see the problems).'];
  const lines = [
    'Endpoint: NPV of "disappeared" = non-viable / evaluable lesions (domain.md §6)',
    `${plural(report.patients, 'patient')}; ${describeConfig(table.config)}`,
    `Outcomes: ${outcomesFile ?? 'none given (every lesion counts as missing its outcome)'}`,
    '',
  ];
  const rows = ENDPOINT_ROW_KEYS.map((key) => table.rows.find((r) => r.key === key)).flatMap(
    (row) =>
      row === undefined
        ? []
        : [
            [
              row.label,
              fixed(row.npv, 4),
              `${row.nonViable}/${row.evaluable}`,
              interval(row.clopperPearson),
              interval(row.wilson),
              String(row.lesions),
              String(row.patients),
              String(row.evaluablePatients),
              String(row.notYetEvaluable),
              String(row.missingOutcome),
            ],
          ],
  );
  lines.push(
    ...formatTable(
      [
        [
          'row',
          'NPV',
          'non-viable/evaluable',
          'Clopper-Pearson 95%',
          'Wilson 95%',
          'lesions',
          'patients',
          'evaluable patients',
          'not yet evaluable',
          'missing outcome',
        ],
        ...rows,
      ],
      ['left', 'right', 'right', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  if (report.unmatchedOutcomes.length > 0) {
    lines.push(
      '',
      `Note: outcomes that match no live lesion of these reads (${report.unmatchedOutcomes.length}):`,
      ...report.unmatchedOutcomes.map((o) => `  patient ${o.patientId} lesion ${o.lesionId}`),
    );
  }
  return lines;
}
