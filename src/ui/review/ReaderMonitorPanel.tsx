import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Read } from '../../domain';
import { reviewMonitoring, type LoadedRead } from '../../store/review';
import { fixed3, intervalText, levelPercent, percent } from './format';
import { ReaderMonitorChart } from './ReaderMonitorChart';

/** `m:ss` of seconds, or `—`. */
function minutes(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Reader monitoring of the campaign (src/domain/stats/readerMonitoring.ts, the figures of
 * `npm run reads -- readers`): per reader the adjudication rate, the disagreement index read
 * back from the consensus reads, the median active reading time, and kappa against the
 * consensus per modality; a chart of the disagreement index with the campaign's.
 */
export function ReaderMonitorPanel({
  reads,
  built,
}: {
  reads: readonly LoadedRead[];
  built: readonly Read[];
}) {
  const { t } = useTranslation();
  const monitoring = useMemo(() => reviewMonitoring({ reads, built }), [reads, built]);
  if (monitoring.cases === 0) return null;
  const level = levelPercent(monitoring.level);
  return (
    <section
      className="review-agreement"
      aria-labelledby="review-monitor-heading"
      data-testid="reader-monitor"
      data-cases={monitoring.cases}
    >
      <h3 id="review-monitor-heading">{t('review.monitor.heading')}</h3>
      <p className="muted">
        {t('review.monitor.intro', {
          cases: monitoring.cases,
          consensus: monitoring.casesWithConsensus,
          cap: monitoring.gapCapMinutes,
        })}
      </p>
      <div className="review-endpoint-body">
        <table className="review-table">
          <thead>
            <tr>
              <th scope="col">{t('review.monitor.reader')}</th>
              <th scope="col">{t('review.monitor.cases')}</th>
              <th scope="col">{t('review.monitor.adjudicationRate')}</th>
              <th scope="col">{t('review.monitor.overruled')}</th>
              <th scope="col">{t('review.monitor.disagreementIndex')}</th>
              <th scope="col">{t('review.monitor.readingTime')}</th>
            </tr>
          </thead>
          <tbody>
            {monitoring.readers.map((r) => (
              <tr
                key={r.readerId}
                data-testid="monitor-row"
                data-reader-id={r.readerId}
                data-adjudication-rate={r.adjudicationRate ?? ''}
                data-disagreement-index={r.disagreementIndex ?? ''}
                data-median-seconds={r.readingTime.medianSeconds ?? ''}
              >
                <th scope="row">
                  {r.readerName} ({r.readerId})
                </th>
                <td>{r.cases}</td>
                <td>
                  {r.casesAdjudicated} / {r.cases} ({percent(r.adjudicationRate)})
                </td>
                <td>
                  {r.overruled} / {r.discordances}
                </td>
                <td>{percent(r.disagreementIndex)}</td>
                <td>{minutes(r.readingTime.medianSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ReaderMonitorChart monitoring={monitoring} />
      </div>
      <table className="review-table">
        <caption className="muted">{t('review.monitor.kappaCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.monitor.reader')}</th>
            <th scope="col">{t('review.agreement.item')}</th>
            <th scope="col">{t('review.agreement.pairs')}</th>
            <th scope="col">{t('review.agreement.percent')}</th>
            <th scope="col">{t('review.agreement.kappa', { level })}</th>
          </tr>
        </thead>
        <tbody>
          {monitoring.readers.flatMap((r) =>
            r.agreement.rows.map((row) => (
              <tr
                key={`${r.readerId}/${row.item}`}
                data-testid="monitor-kappa"
                data-reader-id={r.readerId}
                data-item={row.item}
                data-kappa={row.kappa ?? ''}
              >
                <th scope="row">{r.readerName}</th>
                <td>{row.item === 'status' ? t('review.agreement.status') : row.label}</td>
                <td>{row.n}</td>
                <td>
                  {row.percentAgreement === null ? '—' : `${row.percentAgreement.toFixed(1)}%`}
                </td>
                <td>
                  {row.n === 0
                    ? '—'
                    : row.kappa === null
                      ? t('review.agreement.undefinedKappa')
                      : `${fixed3(row.kappa)} (${intervalText(row.interval)})`}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <p className="muted">{t('review.monitor.methods', { cap: monitoring.gapCapMinutes })}</p>
    </section>
  );
}
