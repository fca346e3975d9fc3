import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogSeries } from '../dicom/catalog';
import { roleKey } from '../dicom/roles';
import type { ReadingStatus } from '../viewer/readingSession';
import type { ReadingCell } from '../viewer/readingLayout';
import { PrefetchBar, type PrefetchSource } from './PrefetchBar';
import { SliceBar } from './SliceBar';
import { blindTimepointText, useBlinded } from './blinding';
import { blindText } from '../domain';
import { roleText } from './roleText';

export interface SeriesOption {
  series: CatalogSeries;
  timepoint: string;
}

export interface ViewportCellProps {
  cell: ReadingCell;
  viewportId: string;
  status: ReadingStatus;
  patientId: string;
  active: boolean;
  /** Undefined when the grid shows every cell; true for the maximised cell, false under it. */
  maximised: boolean | undefined;
  options: readonly SeriesOption[];
  linkPending: boolean;
  onActivate: () => void;
  /** Maximises this cell, or brings the grid back (double-click on the image too). */
  onMaximise: () => void;
  onChooseSeries: (seriesKey: string) => void;
  /** Shows a slice of this viewport (the slice bar). */
  onScrollTo: (index: number) => void;
  onLink: () => void;
  onUnlink: () => void;
  onTags: () => void;
  elementRef: (element: HTMLDivElement | null) => void;
  /** Prefetch progress of the viewport's series, shown as a thin bar. */
  prefetch?: PrefetchSource | undefined;
}

const fixed = (value: number | undefined, digits = 0) =>
  value === undefined ? '' : value.toFixed(digits);

/**
 * One cell of the reading grid: a header with the series menu and link/tags buttons, the
 * cornerstone element and its overlays. A cell with no series renders no viewport element at all
 * (tests count [data-testid="viewport"] and expect each to be ready).
 */
export function ViewportCell(props: ViewportCellProps) {
  const { t } = useTranslation();
  const blinded = useBlinded();
  const timepointLabel = (id: string) => blindTimepointText(t, id, blinded);
  const { cell, status, series } = { ...props, series: props.cell.series };
  const ready = status.state === 'ready' ? status : undefined;
  const viewportElement = useRef<HTMLDivElement | null>(null);
  const frame = useRef<HTMLDivElement | null>(null);
  // The wheel over an image changes its slice and nothing else: cornerstone ignores tiny deltas
  // and they must not scroll anything either (React's own wheel listener is passive).
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => event.preventDefault();
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [series]);
  const classes = ['viewport-cell', 'reading-cell'];
  if (props.active) classes.push('active');
  if (props.maximised === false) classes.push('covered');
  return (
    <figure
      className={classes.join(' ')}
      data-testid="reading-cell"
      data-cell-id={cell.cellId}
      data-maximised={props.maximised ?? false}
      // Every cell at its place in the grid; the maximised one spans it all, over the others
      // (which keep their size and state, so restoring the grid reloads nothing).
      style={
        props.maximised
          ? { gridRow: '1 / -1', gridColumn: '1 / -1' }
          : { gridRow: cell.row + 1, gridColumn: cell.column + 1 }
      }
      aria-hidden={props.maximised === false ? true : undefined}
      onPointerDownCapture={(event) => {
        props.onActivate();
        // cornerstone cancels the mousedown default, so the image would never take focus and
        // the reading keys (arrows, 1/2/3, tools) would go elsewhere.
        const element = viewportElement.current;
        if (element?.contains(event.target as Node)) element.focus({ preventScroll: true });
      }}
      onFocusCapture={props.onActivate}
    >
      <div className="cell-header">
        <select
          aria-label={t('viewer.seriesMenu')}
          value={series?.key ?? ''}
          onChange={(event) => props.onChooseSeries(event.target.value)}
        >
          {!series && <option value="">—</option>}
          {props.options.map((option) => (
            <option key={option.series.key} value={option.series.key}>
              {timepointLabel(option.timepoint)} · {roleText(t, option.series.role)} ·{' '}
              {blindText(option.series.description, blinded)}
            </option>
          ))}
        </select>
        {series && (
          <>
            <button
              type="button"
              aria-pressed={props.linkPending}
              title={props.linkPending ? t('viewer.linkWaiting') : t('viewer.linkHere')}
              data-testid="link-viewport"
              onClick={props.onLink}
            >
              {t('viewer.link')}
            </button>
            {ready?.linked && (
              <button type="button" data-testid="unlink-viewport" onClick={props.onUnlink}>
                {t('viewer.unlink')}
              </button>
            )}
            <button type="button" data-testid="tags-button" onClick={props.onTags}>
              {t('viewer.tags')}
            </button>
          </>
        )}
        <button
          type="button"
          className="maximise-button"
          aria-pressed={props.maximised === true}
          aria-label={props.maximised ? t('viewer.restoreGrid') : t('viewer.maximise')}
          title={props.maximised ? t('viewer.restoreGridTitle') : t('viewer.maximiseTitle')}
          data-testid="maximise-viewport"
          onClick={props.onMaximise}
        >
          <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
            <path
              d={
                props.maximised
                  ? 'M4 1v3H1M8 1v3h3M4 11V8H1M8 11V8h3'
                  : 'M1 4V1h3M8 1h3v3M1 8v3h3M11 8v3H8'
              }
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
            />
          </svg>
        </button>
      </div>
      {series ? (
        <div className="viewport-frame" ref={frame} onDoubleClick={props.onMaximise}>
          <div
            className="viewport reading-viewport"
            tabIndex={0}
            // The image takes the reading keys itself (arrows, presets, tools), so it is an
            // application (screen readers pass keys through), described as an image viewport.
            role="application"
            aria-roledescription={t('viewer.viewportRole')}
            aria-label={`${timepointLabel(cell.timepoint)} ${roleText(t, series.role)}`}
            data-testid="viewport"
            data-viewport-id={props.viewportId}
            data-state={status.state}
            data-series-key={series.key}
            data-role-key={roleKey(series.role)}
            data-timepoint={cell.timepoint}
            data-index={ready?.index ?? ''}
            data-position={ready?.positionMm ?? ''}
            data-linked={ready?.linked ?? false}
            data-window={ready ? `${ready.windowWidth ?? ''}/${ready.windowCenter ?? ''}` : ''}
            ref={(element) => {
              viewportElement.current = element;
              props.elementRef(element);
            }}
            onContextMenu={(event) => event.preventDefault()}
          />
          <div className="viewport-overlays" aria-hidden="true">
            <span className="overlay-tl">
              {props.patientId}
              <br />
              {timepointLabel(cell.timepoint)}
            </span>
            <span className="overlay-tr" data-testid="overlay-role">
              {roleText(t, series.role)}
              {series.role.kind === 'ADC' &&
                series.role.computed &&
                ` · ${t('quant.adcFrom', { b: series.role.computed.bValues.join(',') })}`}
              <br />
              {blindText(series.description, blinded)}
            </span>
            <span className="overlay-bl">
              {ready && t('viewer.slice', { index: ready.index + 1, count: ready.count })}
              {ready?.positionMm !== undefined && (
                <>
                  <br />
                  {t('viewer.position', { mm: fixed(ready.positionMm, 1) })}
                </>
              )}
            </span>
            <span className="overlay-br">
              {ready?.linked && <>{t('viewer.linked')} · </>}
              {ready?.cine && <>{t('viewer.cine')} · </>}
              {ready?.invert && <>{t('viewer.inverted')} · </>}
              {ready &&
                t('viewer.window', {
                  width: fixed(ready.windowWidth),
                  center: fixed(ready.windowCenter),
                })}
            </span>
            {props.prefetch && (
              <PrefetchBar source={props.prefetch} viewportId={props.viewportId} />
            )}
          </div>
          {ready && ready.count > 1 && (
            <SliceBar
              index={ready.index}
              count={ready.count}
              label={`${timepointLabel(cell.timepoint)} ${roleText(t, series.role)}`}
              onScrollTo={props.onScrollTo}
            />
          )}
          {status.state === 'loading' && <p className="viewport-message">{t('viewer.loading')}</p>}
          {status.state === 'error' && (
            <p role="alert" className="viewport-message error">
              {t('viewer.error', { message: status.message })}
            </p>
          )}
        </div>
      ) : (
        <div className="viewport viewport-empty" data-testid="viewport-empty">
          <p>
            {cell.label
              ? t('viewer.missing', {
                  label: cell.label,
                  timepoint: timepointLabel(cell.timepoint),
                })
              : t('viewer.emptyCell')}
          </p>
        </div>
      )}
    </figure>
  );
}
