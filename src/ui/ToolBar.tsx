import { useTranslation } from 'react-i18next';
import { rowSyncKey } from '../store/workspace';
import { LAYOUTS, type Layout } from '../viewer/protocol';
import { READING_TOOLS, type ReadingTool } from '../viewer/readingTools';
import type { RowSyncKind } from '../viewer/rowSync';

/** A hanging protocol the reader can switch to. */
export interface ProtocolOption {
  id: string;
  name: string;
}

interface Props {
  tool: ReadingTool;
  onTool: (tool: ReadingTool) => void;
  layout: Layout;
  onLayout: (layout: Layout) => void;
  /** The protocols that fit the study, best first, and the one shown. */
  protocols: readonly ProtocolOption[];
  protocolId: string | undefined;
  onProtocol: (protocolId: string) => void;
  rows: number;
  rowSync: Readonly<Record<string, boolean>>;
  onRowSync: (row: number, kind: RowSyncKind, on: boolean) => void;
  onHelp: () => void;
}

/** Tools, hanging protocols, layouts, per-row sync toggles and the shortcut help. */
export function ToolBar(props: Props) {
  const { t } = useTranslation();
  return (
    <div className="reading-toolbar" role="toolbar" aria-label={t('viewer.tools')}>
      <div className="button-group" role="group" aria-label={t('viewer.tools')}>
        {READING_TOOLS.map((tool) => (
          <button
            key={tool}
            type="button"
            aria-pressed={props.tool === tool}
            data-testid={`tool-${tool}`}
            onClick={() => props.onTool(tool)}
          >
            {t(`viewer.tool.${tool}`)}
          </button>
        ))}
      </div>
      {props.protocols.length > 0 && (
        <label>
          {t('viewer.protocolChoice')}{' '}
          <select
            data-testid="protocol-select"
            value={props.protocolId ?? ''}
            onChange={(event) => props.onProtocol(event.target.value)}
          >
            {props.protocols.map((protocol) => (
              <option key={protocol.id} value={protocol.id}>
                {protocol.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="button-group" role="group" aria-label={t('viewer.layout')}>
        {LAYOUTS.map((layout) => (
          <button
            key={layout}
            type="button"
            aria-pressed={props.layout === layout}
            data-testid={`layout-${layout}`}
            onClick={() => props.onLayout(layout)}
          >
            {layout}
          </button>
        ))}
      </div>
      {Array.from({ length: props.rows }, (_, row) => (
        <fieldset key={row} className="row-sync">
          <legend>{t('viewer.rowSync', { row: row + 1 })}</legend>
          {(['zoomPan', 'voi'] as const).map((kind) => (
            <label key={kind}>
              <input
                type="checkbox"
                data-testid={`row-sync-${row}-${kind}`}
                checked={props.rowSync[rowSyncKey(row, kind)] ?? false}
                onChange={(event) => props.onRowSync(row, kind, event.target.checked)}
              />{' '}
              {t(kind === 'voi' ? 'viewer.syncVoi' : 'viewer.syncZoomPan')}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="button" onClick={props.onHelp} data-testid="shortcut-help-button">
        {t('viewer.help')} (?)
      </button>
    </div>
  );
}
