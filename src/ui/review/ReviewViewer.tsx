import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogSeries } from '../../dicom/catalog';
import { blindText, MODALITY_LABELS } from '../../domain';
import {
  markInFrame,
  type DiscordanceView,
  type MarkInFrame,
  type ShownMark,
} from '../../store/review';
import { modalityGroupOf } from '../../store/reads/measurementLink';
import type { RegistrationView } from '../../store/workspace/registration';
import type { ReviewViewerFactory, ReviewViewerSession } from '../../store/workspace/viewer';
import type { ReadingStatus } from '../../viewer/readingSession';
import { stackOf, valueKindOf } from '../../viewer/readingSpecs';
import { useBlinded } from '../blinding';
import { timepointText } from '../roleText';
import './reviewViewer.css';

const VIEWPORT_ID = 'review-vp';

interface Props {
  title: string;
  view: DiscordanceView;
  series: CatalogSeries | undefined;
  /** The library is still loading images. */
  loading: boolean;
  marks: readonly ShownMark[];
  registration: RegistrationView | undefined;
  /** Makes the viewer's cornerstone session (the root's factory, src/compose.ts). */
  createViewer: ReviewViewerFactory;
  onClose: () => void;
}

/** Where a mark lands on the canvas (CSS px from the viewport's top left), if drawn. */
interface Placed {
  readonly x: number;
  readonly y: number;
  /** Distance of the mark from the slice shown, along the slice normal, mm. */
  readonly offSliceMm: number;
  /** Within half the slice spacing: the mark lies in the slice shown. */
  readonly onSlice: boolean;
}

type Vec = readonly [number, number, number];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * A viewer for one discordance: the series of the timepoint and modality where the readers
 * differ (src/store/review/showPlace.ts), on the slice of the lesion, with both readers' marks
 * drawn and labelled by reader (reader 1 a circle, reader 2 a square: shape, not colour alone).
 * A mark in another exam's frame of reference is brought over by the exams' registration; until
 * it is done (or where it is not trusted) the mark is listed, not drawn.
 */
export function ReviewViewer(props: Props) {
  const { title, view, series, marks, registration, createViewer, onClose } = props;
  const { t } = useTranslation();
  const blinded = useBlinded();
  const element = useRef<HTMLDivElement>(null);
  const session = useRef<ReviewViewerSession | undefined>(undefined);
  const [status, setStatus] = useState<ReadingStatus>({ state: 'loading' });
  const [placed, setPlaced] = useState<readonly (Placed | undefined)[]>([]);
  const [renders, setRenders] = useState(0);
  const frame = series ? stackOf(series).frameOfReferenceUid : undefined;
  const inFrame: MarkInFrame[] = marks.map((m) => markInFrame(m, frame, registration));
  const anchor = inFrame.find((m) => m.state === 'drawn');
  const anchorKey =
    anchor?.state === 'drawn' ? anchor.point.map((v) => v.toFixed(2)).join(',') : '';
  const seriesKey = series?.key;
  const [movedTo, setMovedTo] = useState<string | undefined>();

  // The viewer sticks beside the list: bring all of it into the review's scrolling area.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    section.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  // Latest values for the effects and the render listener.
  const latest = useRef({ inFrame, series, createViewer });
  latest.current = { inFrame, series, createViewer };

  useEffect(() => {
    const el = element.current;
    const shown = latest.current.series;
    if (!el || !shown) return;
    let cancelled = false;
    setMovedTo(undefined);
    const next = latest.current.createViewer((_id, s) => {
      if (cancelled) return;
      setStatus(s);
      setRenders((n) => n + 1);
    });
    session.current = next;
    const onRender = () => {
      if (!cancelled) setRenders((n) => n + 1);
    };
    // Every render (slice, pan, zoom, resize) moves the marks with the image.
    el.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRender);
    void next.show([
      {
        viewportId: VIEWPORT_ID,
        element: el,
        seriesKey: shown.key,
        imageIds: shown.instances.map((i) => i.source),
        stack: stackOf(shown),
        row: 0,
        valueKind: valueKindOf(shown),
      },
    ]);
    return () => {
      cancelled = true;
      el.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRender);
      session.current = undefined;
      next.dispose();
    };
  }, [seriesKey]);

  // Goes to the lesion once the viewport is ready and the first mark is known in its frame.
  const ready = status.state === 'ready';
  useEffect(() => {
    const current = session.current;
    const target = latest.current.inFrame.find((m) => m.state === 'drawn');
    if (!ready || !current || target?.state !== 'drawn' || movedTo === anchorKey) return;
    setMovedTo(anchorKey);
    void current.showSliceAt(VIEWPORT_ID, [...target.point]);
  }, [ready, anchorKey, movedTo]);

  // Where each drawn mark lands on the canvas, after every render.
  useEffect(() => {
    const el = element.current;
    const current = session.current;
    const shown = latest.current.series;
    if (!el || !current || !shown || !ready) return;
    const stack = stackOf(shown);
    const box = el.getBoundingClientRect();
    const index = Math.max(
      0,
      shown.instances.findIndex((i) => i.source === current.currentImageId(VIEWPORT_ID)),
    );
    const origin = stack.positions[index] ?? [0, 0, 0];
    const next = stack.positions[index + 1] ?? stack.positions[index - 1] ?? origin;
    const spacing = Math.abs(
      dot(stack.normal, [next[0] - origin[0], next[1] - origin[1], next[2] - origin[2]]),
    );
    setPlaced(
      latest.current.inFrame.map((m) => {
        if (m.state !== 'drawn') return undefined;
        const page = current.worldToPage(VIEWPORT_ID, [...m.point]);
        if (!page) return undefined;
        const p = m.point;
        const offSliceMm = Math.abs(
          dot(stack.normal, [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]]),
        );
        const onSlice = offSliceMm <= Math.max(1, spacing / 2 + 0.1);
        return { x: page[0] - box.left, y: page[1] - box.top, offSliceMm, onSlice };
      }),
    );
  }, [renders, ready, anchorKey, seriesKey]);

  const group = view.modality ?? (series && modalityGroupOf(series.role));
  const where = group
    ? t('review.viewer.where', {
        timepoint: timepointText(t, view.timepoint),
        modality: MODALITY_LABELS[group],
      })
    : t('review.viewer.whereBaseline');
  const movedHere = movedTo !== undefined && movedTo === anchorKey;
  return (
    <section
      ref={section}
      className="review-viewer"
      aria-labelledby="review-viewer-heading"
      data-testid="review-viewer"
      data-timepoint={view.timepoint}
      data-modality={view.modality ?? ''}
      data-series={series?.key ?? ''}
    >
      <div className="review-row">
        <h3 id="review-viewer-heading">{t('review.viewer.heading', { id: title, where })}</h3>
        <button type="button" data-testid="review-viewer-close" onClick={onClose}>
          {t('review.viewer.close')}
        </button>
      </div>
      {!series ? (
        <p className="muted" data-testid="review-viewer-missing">
          {props.loading ? t('review.viewer.loading') : t('review.viewer.noSeries', { where })}
        </p>
      ) : (
        <div className="review-viewer-body">
          <div className="review-viewport-frame">
            <div
              ref={element}
              className="review-viewport"
              role="img"
              aria-label={t('review.viewer.label', { where })}
              data-testid="review-viewport"
              data-state={status.state}
              data-index={status.state === 'ready' ? status.index : ''}
              data-at-lesion={movedHere}
              onContextMenu={(event) => event.preventDefault()}
            />
            <svg className="review-marks" aria-hidden="true">
              {marks.map((mark, i) => {
                const at = placed[i];
                if (!at) return null;
                const onSlice = at.onSlice;
                const one = mark.side === 'reader1';
                const common = {
                  className: `review-mark review-mark-${mark.side}`,
                  strokeDasharray: onSlice ? undefined : '4 3',
                };
                return (
                  <g
                    key={mark.side}
                    data-testid="review-mark"
                    data-reader={mark.side}
                    data-reader-id={mark.readerId}
                    data-on-slice={onSlice}
                    data-world={(() => {
                      const m = inFrame[i];
                      return m?.state === 'drawn' ? m.point.map((v) => v.toFixed(1)).join(',') : '';
                    })()}
                    data-x={at.x.toFixed(1)}
                    data-y={at.y.toFixed(1)}
                  >
                    {one ? (
                      <circle cx={at.x} cy={at.y} r={14} {...common} />
                    ) : (
                      <rect x={at.x - 12} y={at.y - 12} width={24} height={24} {...common} />
                    )}
                    <text
                      x={at.x + (one ? -18 : 16)}
                      y={at.y + (one ? -16 : 28)}
                      textAnchor={one ? 'end' : 'start'}
                      className={`review-mark-label review-mark-${mark.side}`}
                    >
                      {mark.readerName} · {mark.lesionId}
                    </text>
                  </g>
                );
              })}
            </svg>
            {status.state === 'loading' && (
              <p className="review-viewport-message">{t('review.viewer.loading')}</p>
            )}
            {status.state === 'error' && (
              <p role="alert" className="review-viewport-message error">
                {t('review.viewer.error', { message: status.message })}
              </p>
            )}
          </div>
          <ul className="review-mark-legend" data-testid="review-mark-legend">
            <li className="muted">{blindText(series.description, blinded)}</li>
            {marks.map((mark, i) => {
              const state = inFrame[i]?.state;
              return (
                <li
                  key={mark.side}
                  data-testid="review-legend"
                  data-reader={mark.side}
                  data-state={state}
                >
                  <span className={`review-legend-${mark.side}`} aria-hidden="true">
                    {mark.side === 'reader1' ? '○' : '□'}
                  </span>{' '}
                  {t(mark.side === 'reader1' ? 'review.reads.reader1' : 'review.reads.reader2')}{' '}
                  {t('review.viewer.mark', {
                    reader: `${mark.readerName} (${mark.readerId})`,
                    lesion: mark.lesionId,
                  })}
                  {mark.kind && <> · {t(`review.viewer.kind.${mark.kind}`)}</>}
                  {state === 'drawn' &&
                    inFrame[i]?.state === 'drawn' &&
                    inFrame[i].via === 'registration' && <> · {t('review.viewer.registered')}</>}
                  {state === 'no-place' && <> · {t('review.viewer.noLocation')}</>}
                  {state === 'aligning' && <> · {t('review.viewer.aligning')}</>}
                  {state === 'not-aligned' && <> · {t('review.viewer.otherFrame')}</>}
                  {placed[i] && (
                    <> · {t('review.viewer.distance', { mm: placed[i].offSliceMm.toFixed(1) })}</>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
