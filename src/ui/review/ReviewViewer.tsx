import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vec3 } from '../../dicom/header';
import { blindText } from '../../domain';
import { libraryStore } from '../../store/library';
import { seriesForPlace, type ReaderMark } from '../../store/review';
import { ReadingSession, type ReadingStatus } from '../../viewer/readingSession';
import { stackOf, valueKindOf } from '../../viewer/readingSpecs';
import { useBlinded } from '../blinding';

export { marksOf } from '../../store/review';

const VIEWPORT_ID = 'review-vp';

interface Props {
  title: string;
  patientId: string;
  marks: readonly ReaderMark[];
  onClose: () => void;
}

/** Where a mark lands on the canvas (CSS px from the viewport's top left), if drawn. */
interface Placed {
  readonly x: number;
  readonly y: number;
  /** Distance of the mark from the slice shown, along the slice normal, mm. */
  readonly offSliceMm: number;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * A compact viewer for one discordance: the baseline series the lesion was marked on, at the
 * slice of reader 1's mark (or the only mark), with both readers' baseline points drawn over it
 * (reader 1 a circle, reader 2 a square: shape, not colour alone, tells them apart). Marks in
 * another frame of reference are listed, not drawn (their coordinates do not compare).
 */
export function ReviewViewer({ title, patientId, marks, onClose }: Props) {
  const { t } = useTranslation();
  const blinded = useBlinded();
  const library = useSyncExternalStore(libraryStore.subscribe, libraryStore.get);
  const element = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<ReadingStatus>({ state: 'loading' });
  const [placed, setPlaced] = useState<readonly (Placed | undefined)[]>([]);
  const anchor = marks.find((m) => m.place)?.place;
  const series = anchor ? seriesForPlace(library.catalog, patientId, anchor) : undefined;
  const seriesKey = series?.key;
  const sameFrame = (mark: ReaderMark) =>
    mark.place !== undefined && mark.place.frameOfReferenceUid === anchor?.frameOfReferenceUid;

  // Latest values for the effect, which runs once per series (StrictMode mounts it twice).
  const latest = useRef({ marks, series, anchor });
  latest.current = { marks, series, anchor };

  useEffect(() => {
    const el = element.current;
    const { series: shown, anchor: target } = latest.current;
    if (!el || !shown || !target) return;
    let cancelled = false;
    let moved = false;
    const stack = stackOf(shown);
    const session = new ReadingSession(
      (_id, next) => {
        if (cancelled) return;
        setStatus(next);
        if (next.state === 'ready' && !moved) {
          moved = true;
          const p = target.point;
          void session.showSliceAt(VIEWPORT_ID, [p.x, p.y, p.z]).then(place);
        } else place();
      },
      () => undefined,
    );
    const place = () => {
      if (cancelled) return;
      const box = el.getBoundingClientRect();
      const current = session.currentImageId(VIEWPORT_ID);
      const index = Math.max(
        0,
        shown.instances.findIndex((i) => i.source === current),
      );
      setPlaced(
        latest.current.marks.map((mark) => {
          if (!mark.place || mark.place.frameOfReferenceUid !== target.frameOfReferenceUid) {
            return undefined;
          }
          const p = mark.place.point;
          const page = session.worldToPage(VIEWPORT_ID, [p.x, p.y, p.z]);
          if (!page) return undefined;
          const origin = stack.positions[index] ?? [0, 0, 0];
          const offSliceMm = Math.abs(
            dot(stack.normal, [p.x - origin[0], p.y - origin[1], p.z - origin[2]]),
          );
          return { x: page[0] - box.left, y: page[1] - box.top, offSliceMm };
        }),
      );
    };
    // Every render (slice, pan, zoom, resize) moves the marks with the image.
    el.addEventListener('CORNERSTONE_IMAGE_RENDERED', place);
    void session.show([
      {
        viewportId: VIEWPORT_ID,
        element: el,
        seriesKey: shown.key,
        imageIds: shown.instances.map((i) => i.source),
        stack,
        row: 0,
        valueKind: valueKindOf(shown),
      },
    ]);
    return () => {
      cancelled = true;
      el.removeEventListener('CORNERSTONE_IMAGE_RENDERED', place);
      session.dispose();
    };
  }, [seriesKey]);

  const ready = status.state === 'ready' ? status : undefined;
  return (
    <section
      className="review-viewer"
      aria-labelledby="review-viewer-heading"
      data-testid="review-viewer"
    >
      <div className="review-row">
        <h3 id="review-viewer-heading">{t('review.viewer.heading', { id: title })}</h3>
        <button type="button" data-testid="review-viewer-close" onClick={onClose}>
          {t('review.viewer.close')}
        </button>
      </div>
      {!anchor ? (
        <p className="muted">{t('review.viewer.noLocation')}</p>
      ) : !series ? (
        <p className="muted" data-testid="review-viewer-missing">
          {library.loading
            ? t('review.viewer.loading')
            : t('review.viewer.noImages', { series: anchor.seriesInstanceUid })}
        </p>
      ) : (
        <div className="review-viewer-body">
          <div className="review-viewport-frame">
            <div
              ref={element}
              className="review-viewport"
              role="img"
              aria-label={t('review.viewer.label')}
              data-testid="review-viewport"
              data-state={status.state}
              data-index={ready?.index ?? ''}
              onContextMenu={(event) => event.preventDefault()}
            />
            <svg className="review-marks" aria-hidden="true">
              {marks.map((mark, i) => {
                const at = placed[i];
                if (!at) return null;
                const onSlice = at.offSliceMm < 2.5;
                const common = {
                  className: `review-mark review-mark-${mark.side}`,
                  strokeDasharray: onSlice ? undefined : '4 3',
                };
                return (
                  <g
                    key={mark.side}
                    data-testid="review-mark"
                    data-reader={mark.side}
                    data-x={at.x.toFixed(1)}
                    data-y={at.y.toFixed(1)}
                  >
                    {mark.side === 'reader1' ? (
                      <circle cx={at.x} cy={at.y} r={12} {...common} />
                    ) : (
                      <rect x={at.x - 10} y={at.y - 10} width={20} height={20} {...common} />
                    )}
                    <text
                      x={at.x + (mark.side === 'reader1' ? -16 : 14)}
                      y={at.y + (mark.side === 'reader1' ? -14 : 24)}
                      textAnchor={mark.side === 'reader1' ? 'end' : 'start'}
                      className={`review-mark-label review-mark-${mark.side}`}
                    >
                      {mark.side === 'reader1' ? '1' : '2'} · {mark.lesionId}
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
          <ul className="review-mark-legend">
            <li className="muted">{blindText(series.description, blinded)}</li>
            {marks.map((mark, i) => (
              <li key={mark.side}>
                <span className={`review-legend-${mark.side}`} aria-hidden="true">
                  {mark.side === 'reader1' ? '○' : '□'}
                </span>{' '}
                {t(mark.side === 'reader1' ? 'review.reads.reader1' : 'review.reads.reader2')}{' '}
                {t('review.viewer.mark', {
                  reader: `${mark.readerName} (${mark.readerId})`,
                  lesion: mark.lesionId,
                })}
                {!mark.place ? (
                  <> · {t('review.viewer.noLocation')}</>
                ) : !sameFrame(mark) ? (
                  <> · {t('review.viewer.otherFrame')}</>
                ) : (
                  placed[i] && (
                    <> · {t('review.viewer.distance', { mm: placed[i].offSliceMm.toFixed(1) })}</>
                  )
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
