import { useTranslation } from 'react-i18next';
import type { EndpointTable } from '../../domain';
import { fixed3, intervalText, levelPercent, percent } from './format';

/**
 * The endpoint's companion tables: per-lesion NPV intervals with patients as clusters (cluster
 * bootstrap, ratio estimator and design effect), the per-patient NPV, and the sensitivity of the
 * NPV to the lesions not yet evaluable (methods in docs/statistics.md).
 */
export function EndpointDetails({ table }: { table: EndpointTable }) {
  const { t } = useTranslation();
  const level = levelPercent(table.level);
  const rowName = (key: string) => t(`review.endpoint.rows.${key}`);
  return (
    <div className="review-endpoint-details" data-testid="endpoint-details">
      <h4 id="review-endpoint-cluster">{t('review.endpoint.clusterHeading')}</h4>
      <table className="review-table" aria-labelledby="review-endpoint-cluster">
        <caption className="muted">
          {t('review.endpoint.clusterNote', {
            seed: table.bootstrap.seed,
            resamples: table.bootstrap.resamples,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('review.endpoint.row')}</th>
            <th scope="col">{t('review.endpoint.bootstrap', { level })}</th>
            <th scope="col">{t('review.endpoint.ratio', { level })}</th>
            <th scope="col">{t('review.endpoint.designEffect')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr
              key={row.key}
              data-testid="endpoint-cluster-row"
              data-row={row.key}
              data-bootstrap-lower={row.clusterBootstrap?.lower ?? ''}
              data-ratio-lower={row.ratioEstimator?.lower ?? ''}
            >
              <th scope="row">{rowName(row.key)}</th>
              <td>{intervalText(row.clusterBootstrap)}</td>
              <td>{intervalText(row.ratioEstimator)}</td>
              <td>{row.ratioEstimator?.designEffect?.toFixed(2) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 id="review-endpoint-patient">{t('review.endpoint.patientHeading')}</h4>
      <table className="review-table" aria-labelledby="review-endpoint-patient">
        <caption className="muted">{t('review.endpoint.patientNote')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.endpoint.row')}</th>
            <th scope="col">{t('review.endpoint.trueNegatives')}</th>
            <th scope="col">{t('review.endpoint.npv')}</th>
            <th scope="col">{t('review.endpoint.cp', { level })}</th>
            <th scope="col">{t('review.endpoint.wilson', { level })}</th>
            <th scope="col">{t('review.endpoint.notEvaluablePatients')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map(({ key, perPatient: p }) => (
            <tr
              key={key}
              data-testid="endpoint-patient-row"
              data-row={key}
              data-true-negatives={p.trueNegatives}
              data-evaluable={p.n}
            >
              <th scope="row">{rowName(key)}</th>
              <td>
                {p.trueNegatives} / {p.n}
              </td>
              <td>{p.estimate === null ? t('review.endpoint.none') : percent(p.estimate)}</td>
              <td>{intervalText(p.clopperPearson)}</td>
              <td>{intervalText(p.wilson)}</td>
              <td>{p.notEvaluable}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 id="review-endpoint-sensitivity">{t('review.endpoint.sensitivityHeading')}</h4>
      <table className="review-table" aria-labelledby="review-endpoint-sensitivity">
        <thead>
          <tr>
            <th scope="col">{t('review.endpoint.row')}</th>
            <th scope="col">{t('review.endpoint.notYet')}</th>
            <th scope="col">{t('review.endpoint.best')}</th>
            <th scope="col">{t('review.endpoint.worst')}</th>
            <th scope="col">{t('review.endpoint.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map(({ key, sensitivity: s }) => (
            <tr key={key} data-testid="endpoint-sensitivity-row" data-row={key}>
              <th scope="row">{rowName(key)}</th>
              <td>{s.notYetEvaluable}</td>
              {[s.bestCase, s.worstCase].map((c, i) => (
                <td key={i}>
                  {c.nonViable} / {c.evaluable}
                  {c.npv === null
                    ? ''
                    : ` = ${fixed3(c.npv)} (${t('review.endpoint.cp', { level })} ${intervalText(c.clopperPearson)})`}
                </td>
              ))}
              <td>{s.missingOutcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
