import {
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogPatient } from '../dicom/catalog';
import type { PatientOverrides } from '../dicom/overrides';
import { roleKey } from '../dicom/roles';
import { lesionFocusStore } from '../store/lesionFocus';
import { loadViewState, saveViewState } from '../store/viewState';
import type { MeasurementPlace } from '../store/reads';
import type { Measurement } from '../viewer/measurements';
import { LAYOUTS, type Layout } from '../viewer/protocol';
import { keyAction } from '../viewer/readingKeys';
import {
  allSeries,
  DLM_PROTOCOL,
  readingCells,
  timepointsBySeries,
  type CellChoices,
} from '../viewer/readingLayout';
import { ReadingSession, type ReadingStatus } from '../viewer/readingSession';
import { stackOf, valueKindOf } from '../viewer/readingSpecs';
import type { ReadingTool } from '../viewer/readingTools';
import type { RowSyncKind } from '../viewer/rowSync';
import { exposeForTests } from '../viewer/testAccess';
import { ReadingMeasurements } from './ReadingMeasurements';
import { roleText, timepointText } from './roleText';
import { SeriesTree } from './SeriesTree';
import { ShortcutHelp } from './ShortcutHelp';
import { TagBrowser } from './TagBrowser';
import { ToolBar, rowSyncKey } from './ToolBar';
import { useBindings, useGlobalShortcuts } from './useShortcuts';
import { ViewportCell } from './ViewportCell';

const viewportIdOf = (cellId: string) => `vp-${cellId}`;
const LOADING: ReadingStatus = { state: 'loading' };

interface Props {
  patient: CatalogPatient;
  overrides: PatientOverrides;
}

/**
 * The series tree beside the reading grid. React holds only choices (layout, series per cell,
 * active cell, tool); the ReadingSession (src/viewer) owns cornerstone and reports back statuses
 * and measurements.
 */
export function ReadingScreen({ patient, overrides }: Props) {
  const { t } = useTranslation();
  // A reload brings back the arrangement this tab had for the patient (see store/viewState).
  const [restored] = useState(() => loadViewState(patient.patientId));
  const [layout, setLayout] = useState<Layout>(
    () => LAYOUTS.find((l) => l === restored?.layout) ?? '2x4',
  );
  const [choices, setChoices] = useState<CellChoices>(() => ({ ...restored?.choices }));
  const [activeCell, setActiveCell] = useState(restored?.activeCell ?? 'r0c0');
  const pendingSlices = useRef(new Map(Object.entries(restored?.slices ?? {})));
  const [tool, setTool] = useState<ReadingTool>('WindowLevel');
  const [statuses, setStatuses] = useState<Record<string, ReadingStatus>>({});
  const [measurements, setMeasurements] = useState<Measurement[]>([]);
  const [rowSync, setRowSync] = useState<Record<string, boolean>>({});
  const [linkFrom, setLinkFrom] = useState<string | undefined>();
  const [dialog, setDialog] = useState<'help' | 'tags' | undefined>();
  const session = useRef<ReadingSession | undefined>(undefined);
  const elements = useRef(new Map<string, HTMLDivElement>());

  const cells = useMemo(
    () => readingCells(patient, DLM_PROTOCOL, layout, choices),
    [patient, layout, choices],
  );
  const options = useMemo(() => {
    const timepoints = timepointsBySeries(patient);
    return allSeries(patient).map((series) => ({
      series,
      timepoint: timepoints.get(series.key) ?? '',
    }));
  }, [patient]);

  // One session per mount; StrictMode's trial mount gets its own, disposed at once.
  useEffect(() => {
    const created = new ReadingSession(
      (viewportId, status) => setStatuses((previous) => ({ ...previous, [viewportId]: status })),
      setMeasurements,
    );
    session.current = created;
    const hide = exposeForTests(created);
    return () => {
      hide();
      created.dispose();
      if (session.current === created) session.current = undefined;
    };
  }, []);

  // Re-sync the session only when what is shown changes, not on every render.
  const shownKey = cells
    .map((c) => `${c.cellId}=${c.series?.key ?? ''}:${c.series ? roleKey(c.series.role) : ''}`)
    .join('|');
  const latestCells = useRef(cells);
  latestCells.current = cells;

  // "Show this lesion" from the lesion panel: viewports in the lesion's frame of reference go
  // to its slice; viewports linked to them follow through the session's sync.
  // A viewport still loading (a deep link asks as the screen opens) goes there once it is ready;
  // each viewport moves once per request, and the request beats a slice restored for the tab.
  const focus = useSyncExternalStore(lesionFocusStore.subscribe, lesionFocusStore.get);
  const focusedSeq = useRef(new Map<string, number>());
  useEffect(() => {
    if (!focus || focus.patientId !== patient.patientId) return;
    const { point, frameOfReferenceUid } = focus.place;
    for (const cell of latestCells.current) {
      const viewportId = viewportIdOf(cell.cellId);
      if (
        statuses[viewportId]?.state !== 'ready' ||
        focusedSeq.current.get(viewportId) === focus.seq
      )
        continue;
      if (cell.series && stackOf(cell.series).frameOfReferenceUid === frameOfReferenceUid) {
        focusedSeq.current.set(viewportId, focus.seq);
        pendingSlices.current.delete(cell.cellId);
        void session.current?.showSliceAt(viewportId, [point.x, point.y, point.z]);
      }
    }
  }, [focus, statuses, patient.patientId]);
  useEffect(() => {
    const specs = latestCells.current.flatMap((cell) => {
      const viewportId = viewportIdOf(cell.cellId);
      const element = elements.current.get(viewportId);
      if (!cell.series || !element) return [];
      return [
        {
          viewportId,
          element,
          seriesKey: cell.series.key,
          imageIds: cell.series.instances.map((i) => i.source),
          stack: stackOf(cell.series),
          row: cell.row,
          valueKind: valueKindOf(cell.series),
        },
      ];
    });
    void session.current?.show(specs);
  }, [shownKey]);

  // Slices to restore are applied once each viewport is first ready; then the view is saved
  // as the reader changes it.
  useEffect(() => {
    const slices: Record<string, number> = {};
    for (const cell of cells) {
      const status = statuses[viewportIdOf(cell.cellId)];
      if (status?.state !== 'ready') continue;
      const wanted = pendingSlices.current.get(cell.cellId);
      if (wanted !== undefined) {
        pendingSlices.current.delete(cell.cellId);
        if (wanted !== status.index) session.current?.scrollTo(viewportIdOf(cell.cellId), wanted);
      }
      slices[cell.cellId] = pendingSlices.current.get(cell.cellId) ?? status.index;
    }
    for (const [cellId, index] of pendingSlices.current) slices[cellId] ??= index;
    saveViewState(patient.patientId, { layout, activeCell, choices, slices });
  }, [statuses, cells, layout, activeCell, choices, patient.patientId]);

  const chooseTool = (next: ReadingTool) => {
    setTool(next);
    session.current?.setTool(next);
  };
  const chooseSeries = (cellId: string, seriesKey: string) =>
    setChoices((previous) => ({ ...previous, [cellId]: seriesKey }));
  const activeViewport = viewportIdOf(activeCell);
  const activeSeries = cells.find((c) => c.cellId === activeCell)?.series;

  const bindings = useBindings();
  // Help works everywhere on the patient's screen (the lesion panel too), from the shortcut map.
  useGlobalShortcuts({ help: () => setDialog('help') }, dialog === undefined);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (dialog || event.defaultPrevented) return;
    if (['SELECT', 'INPUT', 'TEXTAREA'].includes(target.tagName)) return;
    const action = keyAction(
      event.key,
      { ctrl: event.ctrlKey, alt: event.altKey, meta: event.metaKey, shift: event.shiftKey },
      bindings,
    );
    // Space and Enter still press focused buttons; only mapped keys are taken over.
    if (!action) return;
    // Handled in the capture phase and stopped: cornerstone also listens for keys on its element
    // (keyboard tool bindings), and the reading keys must mean one thing only.
    event.preventDefault();
    event.stopPropagation();
    const s = session.current;
    switch (action.kind) {
      case 'scroll':
        return s?.scroll(activeViewport, action.delta);
      case 'preset':
        return s?.applyPreset(activeViewport, action.preset);
      case 'tool':
        return chooseTool(action.tool);
      case 'reset':
        return s?.reset(activeViewport);
      case 'invert':
        return s?.invert(activeViewport);
      case 'cine':
        return s?.toggleCine(activeViewport);
      case 'tags':
        return activeSeries && setDialog('tags');
      case 'help':
        return setDialog('help');
    }
  };

  const link = (cellId: string) => {
    const viewportId = viewportIdOf(cellId);
    if (linkFrom === undefined) return setLinkFrom(viewportId);
    if (linkFrom !== viewportId) session.current?.link(linkFrom, viewportId);
    setLinkFrom(undefined);
  };

  const shownImage = session.current?.currentImageId(activeViewport);
  const shownInstance = activeSeries?.instances.find((i) => i.source === shownImage);
  const labels = new Map(
    cells.flatMap((c) =>
      c.series
        ? [
            [
              viewportIdOf(c.cellId),
              `${timepointText(t, c.timepoint)} ${roleText(t, c.series.role)}`,
            ],
          ]
        : [],
    ),
  );
  const placeOf = (m: Measurement): MeasurementPlace | undefined => {
    const cell = cells.find((c) => viewportIdOf(c.cellId) === m.viewportId);
    const instance = cell?.series?.instances.find((i) => i.source === m.imageId);
    if (!cell?.series || !instance) return undefined;
    return {
      timepoint: cell.timepoint,
      role: cell.series.role,
      valueKind: valueKindOf(cell.series),
      header: instance.header,
      ...(instance.frame !== undefined && { frame: instance.frame }),
    };
  };
  const columns = Number(layout.split('x')[1] ?? 1);
  const rows = Number(layout.split('x')[0] ?? 1);

  return (
    <div className="patient-layout reading-layout" onKeyDownCapture={onKeyDown}>
      <SeriesTree
        patient={patient}
        overrides={overrides}
        onPickSeries={(key) => chooseSeries(activeCell, key)}
      />
      <div className="reading-main">
        <ToolBar
          tool={tool}
          onTool={chooseTool}
          layout={layout}
          onLayout={setLayout}
          rows={rows}
          rowSync={rowSync}
          onRowSync={(row: number, kind: RowSyncKind, on: boolean) => {
            setRowSync((previous) => ({ ...previous, [rowSyncKey(row, kind)]: on }));
            session.current?.setRowSync(row, kind, on);
          }}
          onHelp={() => setDialog('help')}
        />
        <p className="muted reading-hint">
          {t('viewer.protocol', { name: DLM_PROTOCOL.name })} · {t('viewer.pickHint')}
          {linkFrom && <strong> · {t('viewer.linkWaiting')}</strong>}
        </p>
        <div
          className="reading-grid"
          role="group"
          aria-label={t('viewer.grid')}
          data-testid="reading-grid"
          data-layout={layout}
          style={{ gridTemplateColumns: `repeat(${columns}, 1fr)`, ['--rows' as string]: rows }}
        >
          {cells.map((cell) => {
            const viewportId = viewportIdOf(cell.cellId);
            return (
              <ViewportCell
                key={cell.cellId}
                cell={cell}
                viewportId={viewportId}
                status={statuses[viewportId] ?? LOADING}
                patientId={patient.patientId}
                active={cell.cellId === activeCell}
                options={options}
                linkPending={linkFrom === viewportId}
                onActivate={() => setActiveCell(cell.cellId)}
                onChooseSeries={(key) => chooseSeries(cell.cellId, key)}
                onLink={() => link(cell.cellId)}
                onUnlink={() => session.current?.unlink(viewportId)}
                onTags={() => setDialog('tags')}
                prefetch={session.current?.prefetchProgress}
                elementRef={(element) => {
                  if (element) elements.current.set(viewportId, element);
                  else elements.current.delete(viewportId);
                }}
              />
            );
          })}
        </div>
        <ReadingMeasurements
          patientId={patient.patientId}
          measurements={measurements}
          labels={labels}
          placeOf={placeOf}
        />
      </div>
      {dialog === 'help' && <ShortcutHelp onClose={() => setDialog(undefined)} />}
      {dialog === 'tags' && (
        <TagBrowser instance={shownInstance} onClose={() => setDialog(undefined)} />
      )}
    </div>
  );
}
