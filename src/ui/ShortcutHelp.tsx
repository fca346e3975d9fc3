import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMMANDS,
  keyLabel,
  keyOfEvent,
  rebind,
  type CommandId,
  type Scope,
} from '../store/shortcuts';
import { useAppStores } from './appStores';
import { useBindings } from './useShortcuts';
import { ViewportDialog } from './ViewportDialog';

const SCOPES: readonly Scope[] = ['global', 'matrix', 'viewer'];
const FIXED = [
  ['↑ ↓ ← → Home End', 'matrixMove'],
  ['Tab', 'tab'],
  ['Enter', 'enter'],
  ['Esc', 'escape'],
  ['Tab Enter', 'openPatient'],
  ['N', 'nextCase'],
] as const;

/**
 * The keyboard shortcuts (opened with ?), from the shortcut map, each one rebindable: Change,
 * then press the new key. A key taken by another command in the same place is refused with the
 * command's name; the changes are kept in this browser until reset.
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const bindings = useBindings();
  const shortcuts = useAppStores().shortcuts;
  const [capturing, setCapturing] = useState<CommandId | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const name = (id: CommandId) => t(`shortcuts.commands.${id}`);

  const capture = (event: KeyboardEvent, id: CommandId) => {
    if (capturing !== id) return;
    // The key is the answer: it does nothing else (and Esc does not close the dialog).
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') {
      setCapturing(undefined);
      setMessage({ text: t('shortcuts.cancelled'), error: false });
      return;
    }
    const key = keyOfEvent(event);
    if (key === undefined) return; // a modifier on its own: wait for the key
    setCapturing(undefined);
    const result = rebind(bindings, id, key);
    if (result.ok) {
      shortcuts.save(result.bindings);
      setMessage({
        text: t('shortcuts.saved', { command: name(id), key: keyLabel(key) }),
        error: false,
      });
      return;
    }
    const { refusal } = result;
    setMessage({
      text: t(`shortcuts.refused.${refusal.kind}`, {
        key: keyLabel(key),
        other: refusal.kind === 'conflict' ? name(refusal.with) : '',
      }),
      error: true,
    });
  };

  return (
    <ViewportDialog title={t('viewer.helpTitle')} onClose={onClose} testId="shortcut-help">
      <p
        role="status"
        className={message?.error ? 'error' : 'muted'}
        data-testid="shortcut-message"
      >
        {message?.text ?? ''}
      </p>
      {SCOPES.map((scope) => (
        <table className="shortcut-table" key={scope} data-scope={scope}>
          <caption>{t(`shortcuts.scopes.${scope}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.command')}</th>
              <th scope="col">{t('shortcuts.keys')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('shortcuts.change')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {COMMANDS.filter((command) => command.scope === scope).map(({ id }) => (
              <tr key={id} data-command={id}>
                <th scope="row">{name(id)}</th>
                <td data-testid="shortcut-keys">
                  {bindings[id].length === 0
                    ? t('shortcuts.unbound')
                    : bindings[id].map((key) => <kbd key={key}>{keyLabel(key)}</kbd>)}
                </td>
                <td>
                  <button
                    type="button"
                    data-testid="rebind"
                    aria-pressed={capturing === id}
                    aria-label={t('shortcuts.changeLabel', { command: name(id) })}
                    onClick={() => {
                      setMessage(undefined);
                      setCapturing(capturing === id ? undefined : id);
                    }}
                    onKeyDown={(event) => capture(event, id)}
                    onBlur={() => capturing === id && setCapturing(undefined)}
                  >
                    {capturing === id ? t('shortcuts.pressKey') : t('shortcuts.change')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h3>{t('shortcuts.fixedTitle')}</h3>
      <dl className="shortcut-list">
        {FIXED.map(([keys, what]) => (
          <div key={what}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(`shortcuts.fixed.${what}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('viewer.keys.mouse')}</p>
      <button
        type="button"
        data-testid="reset-shortcuts"
        onClick={() => {
          shortcuts.reset();
          setCapturing(undefined);
          setMessage({ text: t('shortcuts.resetDone'), error: false });
        }}
      >
        {t('shortcuts.reset')}
      </button>
    </ViewportDialog>
  );
}
