import { useTranslation } from 'react-i18next';
import type { EndpointRow } from '../../domain';
import { percent } from './format';

const WIDTH = 420;
const ROW_HEIGHT = 34;
const LEFT = 150;
const RIGHT = 20;
const TOP = 10;
const AXIS = 28;
/** The study's pre-set target NPV (docs/domain.md §1). */
const TARGET = 0.85;

/**
 * The three NPVs as dots with their Clopper-Pearson 95% intervals as whiskers on a 0–100% axis,
 * with the 85% target. The numbers are in the table beside it; the aria-label says them too.
 */
export function EndpointChart({ rows }: { rows: readonly EndpointRow[] }) {
  const { t } = useTranslation();
  const plot = WIDTH - LEFT - RIGHT;
  const x = (p: number) => LEFT + p * plot;
  const height = TOP + rows.length * ROW_HEIGHT + AXIS;
  const summary = rows
    .map((row) => {
      const label = t(`review.endpoint.rows.${row.key}`);
      return row.npv === null || row.clopperPearson === null
        ? t('review.endpoint.chartEmpty', { row: label })
        : t('review.endpoint.chartRow', {
            row: label,
            npv: percent(row.npv),
            lower: percent(row.clopperPearson.lower),
            upper: percent(row.clopperPearson.upper),
          });
    })
    .join('; ');
  const title = t('review.endpoint.chart', { summary });
  return (
    <svg
      className="review-chart"
      role="img"
      aria-label={title}
      data-testid="endpoint-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
    >
      <title>{title}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line
            x1={x(tick)}
            x2={x(tick)}
            y1={TOP}
            y2={height - AXIS}
            className="review-chart-grid"
          />
          <text
            x={x(tick)}
            y={height - AXIS + 16}
            textAnchor="middle"
            className="review-chart-text"
          >
            {Math.round(tick * 100)}%
          </text>
        </g>
      ))}
      <line
        x1={x(TARGET)}
        x2={x(TARGET)}
        y1={TOP}
        y2={height - AXIS}
        className="review-chart-target"
      />
      <text x={x(TARGET)} y={TOP + 8} textAnchor="middle" className="review-chart-text small">
        {t('review.endpoint.target')}
      </text>
      {rows.map((row, i) => {
        const y = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 6;
        const ci = row.clopperPearson;
        return (
          <g key={row.key} data-testid="chart-row" data-row={row.key}>
            <text x={LEFT - 8} y={y + 4} textAnchor="end" className="review-chart-text">
              {t(`review.endpoint.rows.${row.key}`)}
            </text>
            {row.npv !== null && ci !== null ? (
              <>
                <line x1={x(ci.lower)} x2={x(ci.upper)} y1={y} y2={y} className="review-chart-ci" />
                <line
                  x1={x(ci.lower)}
                  x2={x(ci.lower)}
                  y1={y - 6}
                  y2={y + 6}
                  className="review-chart-ci"
                />
                <line
                  x1={x(ci.upper)}
                  x2={x(ci.upper)}
                  y1={y - 6}
                  y2={y + 6}
                  className="review-chart-ci"
                />
                <circle cx={x(row.npv)} cy={y} r={5} className="review-chart-dot" />
              </>
            ) : (
              <text x={LEFT + 4} y={y + 4} className="review-chart-text muted">
                {t('review.endpoint.none')}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
