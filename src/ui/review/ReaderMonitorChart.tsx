import { useTranslation } from 'react-i18next';
import type { ReaderMonitoring } from '../../domain';
import { percent } from './format';
import { PercentAxisChart, percentAxis } from './PercentAxisChart';

const LAYOUT = { width: 420, rowHeight: 30, left: 130, right: 56, top: 18, axis: 28 };
const ROW_HEIGHT = LAYOUT.rowHeight;

/**
 * The disagreement index of each reader as a bar on a 0–100% axis (its value right of the axis),
 * with the campaign's pooled index as a dashed line. The figures are in the table beside it; the aria-label says them too.
 */
export function ReaderMonitorChart({ monitoring }: { monitoring: ReaderMonitoring }) {
  const { t } = useTranslation();
  const readers = monitoring.readers;
  const axis = percentAxis(LAYOUT, readers.length);
  const { x, plot, top, bottom, left } = axis;
  const campaign = monitoring.campaignDisagreementIndex;
  const summary = readers
    .map((r) =>
      t('review.monitor.chartRow', { reader: r.readerName, index: percent(r.disagreementIndex) }),
    )
    .join('; ');
  const title = t('review.monitor.chart', { summary, campaign: percent(campaign) });
  return (
    <PercentAxisChart axis={axis} width={LAYOUT.width} title={title} testId="monitor-chart">
      {readers.map((r, i) => {
        const y = top + i * ROW_HEIGHT;
        const index = r.disagreementIndex;
        return (
          <g key={r.readerId} data-testid="monitor-chart-row" data-reader-id={r.readerId}>
            <text
              x={left - 8}
              y={y + ROW_HEIGHT / 2 + 4}
              textAnchor="end"
              className="review-chart-text"
            >
              {r.readerName}
            </text>
            {index === null ? (
              <text x={left + 4} y={y + ROW_HEIGHT / 2 + 4} className="review-chart-text muted">
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
            y1={top - 4}
            y2={bottom}
            className="review-chart-target"
          />
          <text x={x(campaign)} y={top - 6} textAnchor="middle" className="review-chart-text small">
            {t('review.monitor.campaign', { index: percent(campaign) })}
          </text>
        </g>
      )}
    </PercentAxisChart>
  );
}
