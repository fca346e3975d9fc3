import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { sliceAtPointer, sliceThumb } from '../viewer/sliceBar';

interface Props {
  index: number;
  count: number;
  /** A name for screen readers: the viewport it scrolls. */
  label: string;
  onScrollTo: (index: number) => void;
}

/**
 * The slice scrollbar at a viewport's right edge: where the shown slice lies in the series, a
 * click goes to a slice, a drag scrolls. A click focuses it and makes its viewport the active
 * one, so the viewer's own slice keys (arrows, Page Up/Down, Home/End, src/ui/ReadingScreen.tsx)
 * move it; it stays out of the tab order, as the viewport itself takes the same keys.
 */
export function SliceBar({ index, count, label, onScrollTo }: Props) {
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const at = (clientY: number) => {
    const box = bar.current?.getBoundingClientRect();
    return box ? sliceAtPointer(clientY, box.top, box.height, count) : index;
  };
  const thumb = sliceThumb(index, count);
  return (
    <div
      ref={bar}
      className="slice-bar"
      role="slider"
      tabIndex={-1}
      aria-orientation="vertical"
      aria-label={t('viewer.sliceBar', { viewport: label })}
      aria-valuemin={1}
      aria-valuemax={count}
      aria-valuenow={index + 1}
      aria-valuetext={t('viewer.slice', { index: index + 1, count })}
      data-testid="slice-bar"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        onScrollTo(at(event.clientY));
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) onScrollTo(at(event.clientY));
      }}
      onPointerUp={(event) => event.currentTarget.releasePointerCapture(event.pointerId)}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <div
        className="slice-bar-thumb"
        style={{ top: `${thumb.top * 100}%`, height: `${thumb.height * 100}%` }}
      />
    </div>
  );
}
