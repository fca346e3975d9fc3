import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Names the dock's width and state in localStorage (`dream-reader.dock.<id>`). */
  id: string;
  side: 'left' | 'right';
  label: string;
  /** Width in px when nothing is stored; the reader's width is kept between min and max. */
  width: number;
  /** Collapsed when nothing is stored (e.g. on a narrow window). */
  collapsed?: boolean;
  min: number;
  max: number;
  /** Told whether the dock is folded, on mount and at each change (the room shows elsewhere
   * what a folded dock hides). */
  onCollapsedChange?: (collapsed: boolean) => void;
  children: ReactNode;
}

interface DockState {
  width: number;
  collapsed: boolean;
}

const STEP = 24;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function load(id: string, fallback: DockState, min: number, max: number): DockState {
  let stored: unknown;
  try {
    stored = JSON.parse(window.localStorage.getItem(`dream-reader.dock.${id}`) ?? 'null');
  } catch {
    return fallback;
  }
  if (typeof stored !== 'object' || stored === null) return fallback;
  const { width, collapsed } = stored as Partial<Record<keyof DockState, unknown>>;
  if (typeof width !== 'number' || typeof collapsed !== 'boolean') return fallback;
  return { width: clamp(width, min, max), collapsed };
}

/**
 * A panel docked at a side of the reading room: resizable (drag its edge, or arrow keys on it)
 * and collapsible to a thin bar; its width and state are kept in this browser. A collapsed
 * dock keeps its content mounted (hidden), so a panel's own state survives. The room's
 * viewports follow the size change through their ResizeObserver (src/viewer/viewportActions.ts).
 */
export function Dock(props: Props) {
  const { id, side, label, width, min, max, collapsed = false, children } = props;
  const { onCollapsedChange } = props;
  const { t } = useTranslation();
  const [state, setState] = useState(() =>
    load(id, { width: clamp(width, min, max), collapsed }, min, max),
  );
  useEffect(() => onCollapsedChange?.(state.collapsed), [onCollapsedChange, state.collapsed]);
  // Where a drag started. A ref, not state: pointer moves come faster than a room full of
  // viewports re-renders, and each must see the drag (and the release its own position).
  const drag = useRef<{ x: number; width: number; last: number } | undefined>(undefined);
  const change = (next: DockState) => {
    setState(next);
    window.localStorage.setItem(`dream-reader.dock.${id}`, JSON.stringify(next));
  };
  // Dragging the left dock's edge right widens it; the right dock's edge widens to the left.
  const sign = side === 'left' ? 1 : -1;
  /** The width with the edge under the pointer: the start width plus how far it moved. */
  const widthAt = (clientX: number): number | undefined => {
    const from = drag.current;
    return from && clamp(from.width + sign * (clientX - from.x), min, max);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width: state.width, last: state.width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const width = widthAt(event.clientX);
    if (width === undefined || !drag.current) return;
    drag.current.last = width;
    // The latest state: a render still pending must not bring an older width back.
    setState((now) => ({ ...now, width }));
  };
  // The release's own position is the width kept (not the last rendered one, which may lag);
  // a cancelled drag keeps the last move's.
  const endDrag = (width: number | undefined) => {
    drag.current = undefined;
    if (width !== undefined) change({ collapsed: state.collapsed, width });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => endDrag(widthAt(event.clientX));
  const onPointerCancel = () => endDrag(drag.current?.last);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = { ArrowLeft: -STEP, ArrowRight: STEP }[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    change({ ...state, width: clamp(state.width + sign * delta, min, max) });
  };
  const toggle = (
    <button
      type="button"
      className="dock-toggle"
      aria-expanded={!state.collapsed}
      title={state.collapsed ? t('viewer.dock.expand', { name: label }) : undefined}
      data-testid={`dock-toggle-${id}`}
      onClick={() => change({ ...state, collapsed: !state.collapsed })}
    >
      <span aria-hidden="true">{(side === 'left') === state.collapsed ? '»' : '«'}</span>
      <span className="visually-hidden">
        {t(state.collapsed ? 'viewer.dock.expand' : 'viewer.dock.collapse', { name: label })}
      </span>
    </button>
  );
  const edge = !state.collapsed && (
    <div
      role="separator"
      className="dock-edge"
      aria-orientation="vertical"
      aria-label={t('viewer.dock.resize', { name: label })}
      aria-valuenow={Math.round(state.width)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      data-testid={`dock-edge-${id}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onKeyDown={onKeyDown}
    />
  );
  return (
    <div
      className={`dock dock-${side}`}
      data-testid={`dock-${id}`}
      data-collapsed={state.collapsed}
      style={state.collapsed ? undefined : { width: state.width }}
    >
      {side === 'right' && edge}
      <div className="dock-inner">
        <div className="dock-bar">
          {toggle}
          {!state.collapsed && <span className="dock-title">{label}</span>}
        </div>
        <div className="dock-body" hidden={state.collapsed}>
          {children}
        </div>
      </div>
      {side === 'left' && edge}
    </div>
  );
}
