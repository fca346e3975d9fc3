import { useTranslation } from 'react-i18next';
import { MODALITY_LABELS } from '../../domain';
import { agreementRows, reviewRates, type ComparedPatient } from '../../store/review';
import { fixed3, percent } from './format';

/**
 * Agreement statistics of the compared patients: per modality group and for the derived status,
 * percent agreement and Cohen's kappa with its interval and Landis & Koch label; then the
 * adjudication rate and each reader's acceptance rate.
 */
export function AgreementPanel({ patients }: { patients: readonly ComparedPatient[] }) {
  const { t } = useTranslation();
  if (patients.length === 0) return null;
  const rows = agreementRows(patients);
  const rates = reviewRates(patients);
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
            <th scope="col">{t('review.agreement.kappa')}</th>
            <th scope="col">{t('review.agreement.label')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const r = row.result;
            return (
              <tr
                key={row.item}
                data-testid="agreement-row"
                data-item={row.item}
                data-kappa={r?.kappa ?? ''}
                data-percent={r?.percentAgreement ?? ''}
              >
                <th scope="row">
                  {row.item === 'status' ? t('review.agreement.status') : MODALITY_LABELS[row.item]}
                </th>
                <td>{row.pairs}</td>
                <td>{r ? `${r.percentAgreement.toFixed(1)}%` : '—'}</td>
                <td>
                  {!r
                    ? '—'
                    : r.kappa === null
                      ? t('review.agreement.undefinedKappa')
                      : `${fixed3(r.kappa)} (${r.interval ? `${fixed3(r.interval.lower)} – ${fixed3(r.interval.upper)}` : '—'})`}
                </td>
                <td>{r?.label ? t(`review.agreement.labels.${r.label}`) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
