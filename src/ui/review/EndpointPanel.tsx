import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OUTCOME_COLUMNS,
  computeEndpointTable,
  formatOutcomeProblem,
  type EndpointTable,
  type Read,
} from '../../domain';
import type { ReviewState, ReviewStore } from '../../store/review';
import { fixed3, percent } from './format';
import { EndpointChart } from './EndpointChart';
import { OutcomesForm } from './OutcomesForm';

interface Props {
  review: ReviewStore;
  state: ReviewState;
  /** One consensus read per patient. */
  reads: readonly Read[];
}

type Computed = { ok: true; table: EndpointTable } | { ok: false; message: string };

/**
 * Outcomes (CSV import or entry per lesion) and the endpoint table of docs/domain.md §6 over the
 * consensus reads, with a chart of the three NPVs and their Clopper-Pearson intervals.
 */
export function EndpointPanel({ review, state, reads }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const computed = useMemo((): Computed => {
    try {
      return { ok: true, table: computeEndpointTable(reads, state.outcomes) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }, [reads, state.outcomes]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    review.importOutcomesCsv({ name: file.name, text: await file.text() });
    if (input.current) input.current.value = '';
  };

  return (
    <section
      className="review-endpoint"
      aria-labelledby="review-outcomes-heading"
      data-testid="review-endpoint"
    >
      <h3 id="review-outcomes-heading">{t('review.outcomes.heading')}</h3>
      <p className="muted">{t('review.outcomes.intro')}</p>
      <div className="review-row">
        <label className="file-button">
          {t('review.outcomes.importCsv')}
          <input
            ref={input}
            type="file"
            accept="text/csv,.csv"
            data-testid="outcomes-csv"
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
        </label>
        <span className="muted">
          {t('review.outcomes.columns', { columns: OUTCOME_COLUMNS.join(', ') })}
        </span>
      </div>
      {state.outcomeProblems ? (
        <div role="alert" className="error review-problems" data-testid="outcome-problems">
          <p>
            {t('review.outcomes.problems', {
              file: state.outcomesFile ?? '',
              count: state.outcomeProblems.length,
            })}
          </p>
          <ul>
            {state.outcomeProblems.map((problem, index) => (
              <li key={index} data-row={problem.row} data-column={problem.column ?? ''}>
                {formatOutcomeProblem(problem)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => review.clearOutcomeProblems()}>
            {t('review.outcomes.dismiss')}
          </button>
        </div>
      ) : (
        state.outcomesFile && (
          <p role="status" className="muted" data-testid="outcomes-imported">
            {t('review.outcomes.imported', {
              count: state.outcomes.length,
              file: state.outcomesFile,
            })}
          </p>
        )
      )}
      {reads.length === 0 ? (
        <p className="muted">{t('review.outcomes.noReads')}</p>
      ) : !computed.ok ? (
        <p role="alert" className="error">
          {t('review.endpoint.failed', { message: computed.message })}
        </p>
      ) : (
        <>
          <OutcomesForm review={review} table={computed.table} />
          <EndpointTableView table={computed.table} />
        </>
      )}
    </section>
  );
}

function EndpointTableView({ table }: { table: EndpointTable }) {
  const { t } = useTranslation();
  const interval = (i: { lower: number; upper: number } | null) =>
    i ? `${fixed3(i.lower)} – ${fixed3(i.upper)}` : t('review.endpoint.none');
  return (
    <>
      <h3 id="review-endpoint-heading">{t('review.endpoint.heading')}</h3>
      <div className="review-endpoint-body">
        <table className="review-table" aria-labelledby="review-endpoint-heading">
          <thead>
            <tr>
              <th scope="col">{t('review.endpoint.row')}</th>
              <th scope="col">{t('review.endpoint.fraction')}</th>
              <th scope="col">{t('review.endpoint.npv')}</th>
              <th scope="col">{t('review.endpoint.cp')}</th>
              <th scope="col">{t('review.endpoint.wilson')}</th>
              <th scope="col">{t('review.endpoint.lesions')}</th>
              <th scope="col">{t('review.endpoint.evaluablePatients')}</th>
              <th scope="col">{t('review.endpoint.notYet')}</th>
              <th scope="col">{t('review.endpoint.missing')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr
                key={row.key}
                data-testid="endpoint-row"
                data-row={row.key}
                data-non-viable={row.nonViable}
                data-evaluable={row.evaluable}
                data-npv={row.npv ?? ''}
              >
                <th scope="row">{t(`review.endpoint.rows.${row.key}`)}</th>
                <td>
                  {row.nonViable} / {row.evaluable}
                </td>
                <td>{row.npv === null ? t('review.endpoint.none') : percent(row.npv)}</td>
                <td>{interval(row.clopperPearson)}</td>
                <td>{interval(row.wilson)}</td>
                <td>
                  {row.lesions} ({row.patients})
                </td>
                <td>{row.evaluablePatients}</td>
                <td>{row.notYetEvaluable}</td>
                <td>{row.missingOutcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <EndpointChart rows={table.rows} />
      </div>
      {table.unmatchedOutcomes.length > 0 && (
        <p className="warning" role="status">
          {t('review.endpoint.unmatched', { count: table.unmatchedOutcomes.length })}
        </p>
      )}
    </>
  );
}
