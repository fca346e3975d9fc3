import { useTranslation } from 'react-i18next';
import { ViewportDialog } from './ViewportDialog';

const SHORTCUTS = [
  ['↑ ↓', 'scroll'],
  ['PageUp PageDown', 'page'],
  ['Home End', 'ends'],
  ['1 2 3', 'presets'],
  ['R', 'reset'],
  ['I', 'invert'],
  ['C', 'cine'],
  ['W L B E P', 'tools'],
  ['T', 'tags'],
  ['?', 'help'],
] as const;

/** The reading screen's keyboard shortcuts (opened with ?). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ViewportDialog title={t('viewer.helpTitle')} onClose={onClose} testId="shortcut-help">
      <dl className="shortcut-list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(`viewer.keys.${what}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('viewer.keys.mouse')}</p>
    </ViewportDialog>
  );
}
