import { useTranslation } from 'react-i18next';
import type { EndpointRow } from '../../domain';
import { levelPercent, percent } from './format';
import { PercentAxisChart, percentAxis } from './PercentAxisChart';

const LAYOUT = { width: 420, rowHeight: 34, left: 150, right: 20, top: 10, axis: 28 };
/** The study's pre-set target NPV (docs/statistics.md). */
const TARGET = 0.85;

/**
 * The three NPVs as dots with their Clopper-Pearson 95% intervals as whiskers on a 0–100% axis,
 * with the 85% target. The numbers are in the table beside it; the aria-label says them too.
 */
export function EndpointChart({ rows }: { rows: readonly EndpointRow[] }) {
  const { t } = useTranslation();
  const axis = percentAxis(LAYOUT, rows.length);
  const { x, top, bottom, left } = axis;
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
  const level = rows.find((r) => r.clopperPearson !== null)?.clopperPearson?.level ?? 0.95;
  const title = t('review.endpoint.chart', { summary, level: levelPercent(level) });
  return (
    <PercentAxisChart axis={axis} width={LAYOUT.width} title={title} testId="endpoint-chart">
      <line x1={x(TARGET)} x2={x(TARGET)} y1={top} y2={bottom} className="review-chart-target" />
      <text x={x(TARGET)} y={top + 8} textAnchor="middle" className="review-chart-text small">
        {t('review.endpoint.target')}
      </text>
      {rows.map((row, i) => {
        const y = top + i * LAYOUT.rowHeight + LAYOUT.rowHeight / 2 + 6;
        const ci = row.clopperPearson;
        return (
          <g key={row.key} data-testid="chart-row" data-row={row.key}>
            <text x={left - 8} y={y + 4} textAnchor="end" className="review-chart-text">
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
              <text x={left + 4} y={y + 4} className="review-chart-text muted">
                {t('review.endpoint.none')}
              </text>
            )}
          </g>
        );
      })}
    </PercentAxisChart>
  );
}
