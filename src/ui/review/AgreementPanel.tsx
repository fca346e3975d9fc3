import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PooledAgreement } from '../../domain';
import { modalityText } from '../statusText';
import { reviewStatistics, type ComparedPatient } from '../../store/review';
import { fixed3, intervalText, levelPercent, percent } from './format';

/**
 * Agreement statistics of the compared patients (the domain's pooled agreement, the same figures
 * as the CLI's compare): per modality group and for the derived status, percent agreement and
 * Cohen's kappa with its Wald and cluster bootstrap intervals and Landis & Koch label; detection
 * agreement; then the adjudication rate and each reader's acceptance rate.
 */
export function AgreementPanel({ patients }: { patients: readonly ComparedPatient[] }) {
  const { t } = useTranslation();
  const { agreement, rates } = useMemo(() => reviewStatistics(patients), [patients]);
  if (patients.length === 0) return null;
  const level = levelPercent(agreement.level);
  return (
    <section
      className="review-agreement"
      aria-labelledby="review-agreement-heading"
      data-testid="review-agreement"
    >
      <h3 id="review-agreement-heading">{t('review.agreement.heading')}</h3>
      <table className="review-table">
        <caption className="muted">{t('review.agreement.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.agreement.item')}</th>
            <th scope="col">{t('review.agreement.pairs')}</th>
            <th scope="col">{t('review.agreement.percent')}</th>
            <th scope="col">{t('review.agreement.kappa', { level })}</th>
            <th scope="col">{t('review.agreement.bootstrap', { level })}</th>
            <th scope="col">{t('review.agreement.excludedUnset')}</th>
            <th scope="col">{t('review.agreement.label')}</th>
          </tr>
        </thead>
        <tbody>
          {agreement.rows.map((row) => (
            <tr
              key={row.item}
              data-testid="agreement-row"
              data-item={row.item}
              data-kappa={row.kappa ?? ''}
              data-percent={row.percentAgreement ?? ''}
            >
              <th scope="row">
                {row.item === 'status' ? t('review.agreement.status') : modalityText(t, row.item)}
              </th>
              <td>{row.n}</td>
              <td>{row.percentAgreement === null ? '—' : `${row.percentAgreement.toFixed(1)}%`}</td>
              <td>
                {row.n === 0
                  ? '—'
                  : row.kappa === null
                    ? t('review.agreement.undefinedKappa')
                    : `${fixed3(row.kappa)} (${intervalText(row.interval)})`}
              </td>
              <td>{intervalText(row.bootstrap)}</td>
              <td>{row.excludedUnset}</td>
              <td>{row.strength ? t(`review.agreement.labels.${row.strength}`) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="agreement-methods">
        {t('review.agreement.methods', {
          seed: agreement.bootstrap?.seed ?? '—',
          resamples: agreement.bootstrap?.resamples ?? '—',
        })}
      </p>
      <Detection agreement={agreement} />
      <h4>{t('review.agreement.rates')}</h4>
      <p data-testid="adjudication-rate" data-rate={rates.adjudicationRate ?? ''}>
        {t('review.agreement.adjudicationRate', {
          adjudicated: rates.patientsAdjudicated,
          patients: rates.patients,
          pct: percent(rates.adjudicationRate),
        })}
      </p>
      <p className="muted">
        {t('review.agreement.counts', {
          discordances: rates.discordances,
          pairs: rates.matchedPairs,
          unpaired: rates.lesionsInOneReadOnly,
          decided: rates.decided,
          own: rates.own,
        })}
      </p>
      <table className="review-table">
        <thead>
          <tr>
            <th scope="col">{t('review.agreement.reader')}</th>
            <th scope="col">{t('review.agreement.accepted')}</th>
            <th scope="col">{t('review.agreement.acceptance')}</th>
          </tr>
        </thead>
        <tbody>
          {rates.readers.map((reader) => (
            <tr
              key={reader.readerId}
              data-testid="acceptance-row"
              data-reader-id={reader.readerId}
              data-rate={reader.rate ?? ''}
            >
              <th scope="row">
                {reader.readerName} ({reader.readerId})
              </th>
              <td>
                {reader.accepted} / {reader.decisions}
              </td>
              <td>{percent(reader.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Lesions found by one reader only and the positive specific agreement on detection. */
function Detection({ agreement }: { agreement: PooledAgreement }) {
  const { t } = useTranslation();
  const d = agreement.detection;
  return (
    <>
      <h4>{t('review.agreement.detectionHeading')}</h4>
      <p
        data-testid="detection"
        data-only-one={d.onlyOneReader}
        data-psa={d.positiveSpecificAgreement ?? ''}
      >
        {t('review.agreement.detection', {
          found1: d.foundByReader1,
          found2: d.foundByReader2,
          matched: d.matchedPairs,
          only: d.onlyOneReader,
          only1: d.onlyReader1,
          only2: d.onlyReader2,
        })}{' '}
        {d.positiveSpecificAgreement !== null &&
          t('review.agreement.psa', {
            psa: fixed3(d.positiveSpecificAgreement),
            level: levelPercent(agreement.level),
            interval: intervalText(d.bootstrap),
          })}
      </p>
    </>
  );
}
