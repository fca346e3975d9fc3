/**
 * Text rendering of the CLI's status and compare reports (aligned tables); the endpoint's is in
 * renderEndpoint.ts, the JSON output in reads.ts.
 */
import {
  INTERVAL_METHOD_LABELS,
  type BootstrapSettings,
  type PooledAgreement,
  MODALITY_GROUPS,
  MODALITY_LABELS,
  type Discordance,
} from '../domain/index.ts';
import type { CompareReport, LesionStatusLine, PatientComparison, ReadRef } from './analysis.ts';
import { bracket, fixed, formatTable, levelText, plural, type Align } from './table.ts';

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
  const pooled = report.agreement;
  const pairs = pooled.readerPairs
    .map((r) => `${r.reader1} vs ${r.reader2} (${plural(r.patients, 'patient')})`)
    .join(', ');
  lines.push(
    `Compared ${plural(n, 'patient')}${pairs === '' ? '' : `: ${pairs}`}`,
    `Discordances: ${total} (lesion in one read only ${d['lesion-in-one-read-only']}, call ` +
      `${d.call}, derived status ${d.status}); patients with at least one: ` +
      `${report.patientsWithDiscordances} of ${n} (${percent(report.patientsWithDiscordances, n)})`,
    ...renderDetection(pooled),
    `Agreement over ${plural(pooled.detection.matchedPairs, 'matched lesion pair')}; lesions in one ` +
      `read only are not in kappa (see detection); ` +
      (pooled.includeUnset
        ? 'unset is a category of the modality kappas'
        : "a pair with an unset call is left out of that modality's kappa"),
  );
  const level = levelText(pooled.level);
  const rows = pooled.rows.map((row) => [
    row.label,
    String(row.n),
    String(row.agreements),
    fixed(row.percentAgreement, 1),
    fixed(row.kappa, 3),
    bracket(row.interval),
    bracket(row.bootstrap),
    String(row.excludedUnset),
    row.strength ?? (row.n > 0 ? 'undefined (one category only)' : '-'),
  ]);
  lines.push(
    ...formatTable(
      [
        [
          'rated',
          'n',
          'agree',
          '% agreement',
          'kappa',
          `kappa ${level} CI (Wald)`,
          `kappa ${level} CI (bootstrap)`,
          'unset left out',
          'Landis & Koch',
        ],
        ...rows,
      ],
      ['left', 'right', 'right', 'right', 'right', 'left', 'left', 'right', 'left'],
    ),
    `Kappa intervals: Wald = ${INTERVAL_METHOD_LABELS['fleiss-cohen-everitt-wald']}, assumes ` +
      `independent lesions; bootstrap = ${bootstrapText(pooled.bootstrap)}.`,
  );
  return lines;
}

/** The bootstrap's method, seed and resamples in words. */
export function bootstrapText(settings: BootstrapSettings | null): string {
  return settings === null
    ? 'not computed'
    : `${INTERVAL_METHOD_LABELS['cluster-bootstrap-percentile']}, seed ${settings.seed}, ` +
        `${settings.resamples} resamples`;
}

/** Detection agreement: lesions found by one reader only, positive specific agreement. */
function renderDetection(pooled: PooledAgreement): string[] {
  const det = pooled.detection;
  const psa = det.positiveSpecificAgreement;
  return [
    `Detection: reader 1 found ${det.foundByReader1}, reader 2 ${det.foundByReader2}; matched ` +
      `${det.matchedPairs}; found by one reader only ${det.onlyOneReader} (reader 1 ` +
      `${det.onlyReader1}, reader 2 ${det.onlyReader2})`,
    `Positive specific agreement on detection 2a/(2a+b+c): ${fixed(psa, 3)}` +
      (det.bootstrap === null
        ? ''
        : `, ${levelText(pooled.level)} CI ${bracket(det.bootstrap)} (${bootstrapText(pooled.bootstrap)})`),
  ];
}
