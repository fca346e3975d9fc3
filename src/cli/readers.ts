/**
 * `npm run reads -- readers FILES...`: reader monitoring of a campaign (the domain's
 * `monitorReaders`, the function the review screen's reader table calls), as text and JSON; and
 * the adjudication lines `compare` adds when consensus reads are given. Rules and definitions:
 * src/domain/stats/readerMonitoring.ts and docs/statistics.md.
 */
import {
  INTERVAL_METHOD_LABELS,
  monitorReaders,
  type MonitoringOptions,
  type ReaderMonitoring,
} from '../domain/index.ts';
import type { LoadedRead } from './load.ts';
import { bracket, fixed, formatTable, levelText, plural } from './table.ts';

/** The reader monitoring of the loaded reads. */
export function readersStudy(
  loaded: readonly LoadedRead[],
  options: MonitoringOptions = {},
): ReaderMonitoring {
  return monitorReaders(
    loaded.map((l) => l.read),
    options,
  );
}

/** What the JSON output says about the methods. */
export function readersMethods(m: ReaderMonitoring): Record<string, unknown> {
  return {
    level: m.level,
    kappaInterval: INTERVAL_METHOD_LABELS['fleiss-cohen-everitt-wald'],
    kappa: 'reader vs consensus over matched lesions, unset calls left out',
    disagreementIndex: 'overruled / discordances of the reader’s cases with a consensus',
    activeReadingTime: `sum of gaps between consecutive audit entries, each capped at ${m.gapCapMinutes} min`,
    gapCapMinutes: m.gapCapMinutes,
  };
}

function pct(value: number | null): string {
  return value === null ? '-' : `${(100 * value).toFixed(1)}%`;
}

/** `m:ss` of seconds, or `-`. */
export function minutesText(seconds: number | null): string {
  if (seconds === null) return '-';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The text report of `readers`. */
export function renderReaders(m: ReaderMonitoring): string[] {
  const level = levelText(m.level);
  const lines = [
    `Reader monitoring: ${plural(m.cases, 'case')}, ${m.casesWithConsensus} with a consensus read`,
    ...formatTable(
      [
        [
          'reader',
          'name',
          'cases',
          'adjudicated',
          'adjudication rate',
          'discordances',
          'overruled',
          'disagreement index',
          'median active time',
        ],
        ...m.readers.map((r) => [
          r.readerId,
          r.readerName,
          String(r.cases),
          String(r.casesAdjudicated),
          pct(r.adjudicationRate),
          String(r.discordances),
          String(r.overruled),
          fixed(r.disagreementIndex, 3),
          minutesText(r.readingTime.medianSeconds),
        ]),
      ],
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    `Campaign: adjudication rate ${pct(m.campaignAdjudicationRate)}, disagreement index ` +
      `${fixed(m.campaignDisagreementIndex, 3)} (all readers' discordances pooled)`,
    '',
    `Agreement with the consensus (kappa, ${level} CI: ` +
      `${INTERVAL_METHOD_LABELS['fleiss-cohen-everitt-wald']}):`,
  ];
  const table: string[][] = [['reader', 'rated', 'n', '% agreement', 'kappa', `${level} CI`]];
  for (const r of m.readers) {
    for (const row of r.agreement.rows) {
      table.push([
        r.readerId,
        row.label,
        String(row.n),
        fixed(row.percentAgreement, 1),
        fixed(row.kappa, 3),
        bracket(row.interval),
      ]);
    }
  }
  lines.push(...formatTable(table, ['left', 'left', 'right', 'right', 'right', 'left']));
  for (const r of m.readers) {
    const a = r.agreement;
    lines.push(
      `${r.readerId}: matched ${a.matchedLesions}, in the reader's read only ${a.readerOnly}, ` +
        `in the consensus only ${a.consensusOnly}` +
        (r.notDerivable > 0 ? `; ${r.notDerivable} discordance(s) not read back` : ''),
    );
  }
  lines.push(
    `Active reading time: sum of gaps between consecutive audit entries, each capped at ` +
      `${m.gapCapMinutes} min (m:ss)`,
    ...m.leftOut.map((p) => `${p.patientId}: left out: ${p.reason}`),
  );
  return lines;
}

/** The lines `compare` adds when consensus reads are given: adjudication and acceptance. */
export function renderAdjudication(m: ReaderMonitoring): string[] {
  return [
    '',
    `Adjudication (${plural(m.casesWithConsensus, 'consensus read')}): adjudication rate ` +
      `${pct(m.campaignAdjudicationRate)} of ${plural(m.cases, 'case')}`,
    ...formatTable(
      [
        ['reader', 'discordances', 'accepted', 'acceptance', 'disagreement index'],
        ...m.readers.map((r) => [
          r.readerId,
          String(r.discordances),
          String(r.upheld),
          pct(r.acceptanceRate),
          fixed(r.disagreementIndex, 3),
        ]),
      ],
      ['left', 'right', 'right', 'right', 'right'],
    ),
  ];
}

/** The JSON `compare` adds when consensus reads are given. */
export function adjudicationJson(m: ReaderMonitoring): Record<string, unknown> {
  return {
    cases: m.cases,
    casesWithConsensus: m.casesWithConsensus,
    adjudicationRate: m.campaignAdjudicationRate,
    readers: m.readers.map((r) => ({
      readerId: r.readerId,
      readerName: r.readerName,
      cases: r.cases,
      adjudicationRate: r.adjudicationRate,
      discordances: r.discordances,
      accepted: r.upheld,
      acceptanceRate: r.acceptanceRate,
      overruled: r.overruled,
      disagreementIndex: r.disagreementIndex,
    })),
  };
}
