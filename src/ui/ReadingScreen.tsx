import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientOverrides } from '../dicom/overrides';
import { viewportIdOf, type ReadingWorkspace } from '../store/workspace';
import { keyAction } from '../store/readingKeys';
import { allSeries, timepointsBySeries } from '../viewer/readingLayout';
import type { ReadingStatus } from '../viewer/readingSession';
import type { RowSyncKind } from '../viewer/rowSync';
import { Dock } from './Dock';
import { ExamQcBadge } from './ExamQc';
import { RegistrationStatus } from './RegistrationStatus';
import { NewestMeasurement, ReadingMeasurements } from './ReadingMeasurements';
import { protocolText, roleText, timepointText } from './roleText';
import { SeriesTree } from './SeriesTree';
import { ShortcutHelp } from './ShortcutHelp';
import { TagBrowser } from './TagBrowser';
import { ToolBar } from './ToolBar';
import { useBindings, useGlobalShortcuts } from './useShortcuts';
import { useWorkspace, useWorkspaceBut } from './useWorkspace';
import { ViewportCell, type ViewportCellProps } from './ViewportCell';

const LOADING: ReadingStatus = { state: 'loading' };

interface Props {
  workspace: ReadingWorkspace;
  overrides: PatientOverrides;
  /** Above the tool bar: the way back and the patient's name. */
  head: ReactNode;
  /** The panel docked on the right (the lesion panel), outside the grid's keys. */
  aside: ReactNode;
}

/**
 * The reading room, which fits the window: the series tree and measurements docked on the left,
 * the grid in the middle, the lesion panel docked on the right. A view of the patient's ReadingWorkspace
 * (src/store/workspace), which owns the viewer session, the grid's choices, lesion focus and the
 * restored view. This component renders its state and calls its methods; it keeps only which
 * dialog is open.
 */
export function ReadingScreen({ workspace, overrides, head, aside }: Props) {
  const { t } = useTranslation();
  // Not the viewports' statuses: each cell follows its own (a slice step re-renders one cell).
  const state = useWorkspaceBut(workspace, 'statuses');
  const { patient, layout, activeCell, maximised, tool, measurements, rowSync } = state;
  const { linkFrom } = state;
  const [dialog, setDialog] = useState<'help' | 'tags' | undefined>();
  const [seriesFolded, setSeriesFolded] = useState(false);
  const cells = workspace.cells();
  const hanging = workspace.hanging();
  const protocols = hanging.matches.map((m) => ({
    id: m.protocol.id,
    name: protocolText(t, m.protocol),
  }));
  const options = useMemo(() => {
    const timepoints = timepointsBySeries(patient);
    return allSeries(patient).map((series) => ({
      series,
      timepoint: timepoints.get(series.key) ?? '',
    }));
  }, [patient]);

  // The viewer lives while the screen does (StrictMode's trial mount gets its own, disposed at
  // once); the grid is shown again whenever what it shows changes (the workspace compares).
  useEffect(() => {
    workspace.mountViewer();
    return () => workspace.unmountViewer();
  }, [workspace]);
  useEffect(() => workspace.showViewports());

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
    if (action.kind === 'help') return setDialog('help');
    if (action.kind === 'tags') return activeSeries && setDialog('tags');
    workspace.runAction(action);
  };

  const shownImage = workspace.shownImageId();
  const shownInstance = activeSeries?.instances.find((i) => i.source === shownImage);
  // Each measurement named by the image it was drawn on, whatever the grid shows now.
  const labels = new Map(
    measurements.flatMap((m) => {
      const source = workspace.measurementSource(m);
      if (!source) return [];
      const text = `${timepointText(t, source.timepoint)} ${roleText(t, source.series.role)}`;
      return [[m.uid, source.shown ? text : `${text} · ${t('viewer.notOnScreen')}`] as const];
    }),
  );
  const columns = Number(layout.split('x')[1] ?? 1);
  const rows = Number(layout.split('x')[0] ?? 1);

  return (
    <div className="reading-room">
      <div className="reading-layout" onKeyDownCapture={onKeyDown}>
        <Dock
          id="series"
          side="left"
          label={t('viewer.dock.series')}
          width={0.16 * window.innerWidth}
          min={180}
          max={520}
          // Below about 1400 px the grid needs the room: the tree starts folded away.
          collapsed={window.innerWidth < 1400}
          onCollapsedChange={setSeriesFolded}
        >
          <SeriesTree
            patient={patient}
            overrides={overrides}
            onPickSeries={(key) => workspace.chooseSeries(activeCell, key)}
            examBadge={(exam) => <ExamQcBadge workspace={workspace} exam={exam} />}
          />
          <ReadingMeasurements
            workspace={workspace}
            measurements={measurements}
            labels={labels}
            recordKey={!seriesFolded}
          />
        </Dock>
        <div className="reading-main">
          <div className="reading-head">
            {head}
            <ToolBar
              tool={tool}
              onTool={(next) => workspace.setTool(next)}
              layout={layout}
              onLayout={(next) => workspace.setLayout(next)}
              protocols={protocols}
              protocolId={hanging.shown?.protocol.id}
              onProtocol={(id) => workspace.chooseProtocol(id)}
              rows={rows}
              rowSync={rowSync}
              onRowSync={(row: number, kind: RowSyncKind, on: boolean) =>
                workspace.setRowSync(row, kind, on)
              }
              onHelp={() => setDialog('help')}
            />
          </div>
          {/* What changes first and in full (alignment, a pending link); the standing hint
              after it, cut short when the line is full (its tooltip has it all). */}
          <p className="muted reading-hint">
            <RegistrationStatus view={state.registration} />
            {linkFrom && <strong>{t('viewer.linkWaiting')}</strong>}
            <span className="pick-hint" title={t('viewer.pickHint')}>
              {t('viewer.pickHint')}
            </span>
          </p>
          <div
            className="reading-grid"
            role="group"
            aria-label={t('viewer.grid')}
            data-testid="reading-grid"
            data-layout={layout}
            data-maximised={maximised ?? ''}
            data-protocol={hanging.shown?.protocol.id ?? ''}
            style={{
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
            }}
          >
            {cells.map((cell) => {
              const viewportId = viewportIdOf(cell.cellId);
              return (
                <LiveViewportCell
                  key={cell.cellId}
                  workspace={workspace}
                  cell={cell}
                  viewportId={viewportId}
                  patientId={patient.patientId}
                  active={cell.cellId === activeCell}
                  maximised={maximised === undefined ? undefined : maximised === cell.cellId}
                  options={options}
                  linkPending={linkFrom === viewportId}
                  onActivate={() => workspace.activate(cell.cellId)}
                  onMaximise={() => workspace.toggleMaximise(cell.cellId)}
                  onChooseSeries={(key) => workspace.chooseSeries(cell.cellId, key)}
                  onScrollTo={(index) => workspace.scrollTo(cell.cellId, index)}
                  onLink={() => workspace.link(cell.cellId)}
                  onUnlink={() => workspace.unlink(cell.cellId)}
                  onTags={() => setDialog('tags')}
                  prefetch={workspace.prefetchProgress}
                  elementRef={(element) => workspace.attach(viewportId, element)}
                />
              );
            })}
          </div>
        </div>
      </div>
      <Dock
        id="lesions"
        side="right"
        label={t('viewer.dock.lesions')}
        width={0.34 * window.innerWidth}
        min={320}
        max={900}
      >
        {/* With the series dock folded, the newest measurement's Record is here. */}
        {seriesFolded && (
          <NewestMeasurement
            workspace={workspace}
            measurements={measurements}
            labels={labels}
            recordKey
          />
        )}
        {aside}
      </Dock>
      {dialog === 'help' && <ShortcutHelp onClose={() => setDialog(undefined)} />}
      {dialog === 'tags' && (
        <TagBrowser instance={shownInstance} onClose={() => setDialog(undefined)} />
      )}
    </div>
  );
}

/** A grid cell that follows its viewport's status itself. */
function LiveViewportCell(
  props: Omit<ViewportCellProps, 'status'> & { workspace: ReadingWorkspace },
) {
  const { workspace, ...cell } = props;
  const status = useWorkspace(workspace, (s) => s.statuses[cell.viewportId]) ?? LOADING;
  return <ViewportCell {...cell} status={status} />;
}
