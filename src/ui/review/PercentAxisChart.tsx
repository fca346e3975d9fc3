import type { ReactNode } from 'react';

/** Where a chart on a 0–100% axis draws: its size and the horizontal position of a proportion. */
export interface PercentAxis {
  /** Left edge of the plot (labels sit left of it). */
  left: number;
  /** Width of the plot from 0% to 100%. */
  plot: number;
  /** Top of the rows. */
  top: number;
  /** Bottom of the rows, where the axis labels start. */
  bottom: number;
  /** Whole height of the chart, axis labels included. */
  height: number;
  /** The x of a proportion from 0 to 1. */
  x: (p: number) => number;
}

export interface PercentAxisLayout {
  width: number;
  left: number;
  right: number;
  top: number;
  rowHeight: number;
  /** Room below the rows for the tick labels. */
  axis: number;
}

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** The axis of a chart with `rows` rows laid out as `layout` says. */
export function percentAxis(layout: PercentAxisLayout, rows: number): PercentAxis {
  const plot = layout.width - layout.left - layout.right;
  const bottom = layout.top + rows * layout.rowHeight;
  return {
    left: layout.left,
    plot,
    top: layout.top,
    bottom,
    height: bottom + layout.axis,
    x: (p: number) => layout.left + p * plot,
  };
}

/**
 * The frame the review's charts share: an SVG image named by `title` (its figures are in a table
 * beside it), with grid lines and labels at 0, 25, 50, 75 and 100%. The rows are the children.
 */
export function PercentAxisChart({
  axis,
  width,
  title,
  testId,
  children,
}: {
  axis: PercentAxis;
  width: number;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <svg
      className="review-chart"
      role="img"
      aria-label={title}
      data-testid={testId}
      viewBox={`0 0 ${width} ${axis.height}`}
      width={width}
      height={axis.height}
    >
      <title>{title}</title>
      {TICKS.map((tick) => (
        <g key={tick}>
          <line
            x1={axis.x(tick)}
            x2={axis.x(tick)}
            y1={axis.top}
            y2={axis.bottom}
            className="review-chart-grid"
          />
          <text
            x={axis.x(tick)}
            y={axis.bottom + 16}
            textAnchor="middle"
            className="review-chart-text"
          >
            {Math.round(tick * 100)}%
          </text>
        </g>
      ))}
      {children}
    </svg>
  );
}
