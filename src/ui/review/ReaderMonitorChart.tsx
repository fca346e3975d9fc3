import { useTranslation } from 'react-i18next';
import type { ReaderMonitoring } from '../../domain';
import { percent } from './format';

const WIDTH = 420;
const ROW_HEIGHT = 30;
const LEFT = 130;
const RIGHT = 56;
const TOP = 18;
const AXIS = 28;

/**
 * The disagreement index of each reader as a bar on a 0–100% axis (its value right of the axis),
 * with the campaign's pooled index as a dashed line. The figures are in the table beside it; the aria-label says them too.
 */
export function ReaderMonitorChart({ monitoring }: { monitoring: ReaderMonitoring }) {
  const { t } = useTranslation();
  const readers = monitoring.readers;
  const plot = WIDTH - LEFT - RIGHT;
  const x = (p: number) => LEFT + p * plot;
  const height = TOP + readers.length * ROW_HEIGHT + AXIS;
  const campaign = monitoring.campaignDisagreementIndex;
  const summary = readers
    .map((r) =>
      t('review.monitor.chartRow', { reader: r.readerName, index: percent(r.disagreementIndex) }),
    )
    .join('; ');
  const title = t('review.monitor.chart', { summary, campaign: percent(campaign) });
  return (
    <svg
      className="review-chart"
      role="img"
      aria-label={title}
      data-testid="monitor-chart"
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
      {readers.map((r, i) => {
        const y = TOP + i * ROW_HEIGHT;
        const index = r.disagreementIndex;
        return (
          <g key={r.readerId} data-testid="monitor-chart-row" data-reader-id={r.readerId}>
            <text
              x={LEFT - 8}
              y={y + ROW_HEIGHT / 2 + 4}
              textAnchor="end"
              className="review-chart-text"
            >
              {r.readerName}
            </text>
            {index === null ? (
              <text x={LEFT + 4} y={y + ROW_HEIGHT / 2 + 4} className="review-chart-text muted">
                {t('review.monitor.noDiscordance')}
              </text>
            ) : (
              <>
                <rect
                  x={x(0)}
                  y={y + 7}
                  width={Math.max(1, index * plot)}
                  height={ROW_HEIGHT - 14}
                  className="review-chart-bar"
                />
                <text x={x(1) + 8} y={y + ROW_HEIGHT / 2 + 4} className="review-chart-text">
                  {percent(index)}
                </text>
              </>
            )}
          </g>
        );
      })}
      {campaign !== null && (
        <g data-testid="monitor-chart-campaign" data-index={campaign}>
          <line
            x1={x(campaign)}
            x2={x(campaign)}
            y1={TOP - 4}
            y2={height - AXIS}
            className="review-chart-target"
          />
          <text x={x(campaign)} y={TOP - 6} textAnchor="middle" className="review-chart-text small">
            {t('review.monitor.campaign', { index: percent(campaign) })}
          </text>
        </g>
      )}
    </svg>
  );
}
