import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { overridesOf } from '../store/overrides';
import type { ReadingWorkspace } from '../store/workspace';
import { useAppStores } from './appStores';
import { ReadingScreen } from './ReadingScreen';
import { useWorkspace } from './useWorkspace';
import { isEditableTarget } from './useShortcuts';

interface Props {
  workspace: ReadingWorkspace;
  onBack: () => void;
  /** The lesion panel, docked on the right of the reading room. */
  lesionPanel: ReactNode;
}

/** One patient's reading room: series tree, reading grid and lesion panel in the window. */
export function PatientView({ workspace, onBack, lesionPanel }: Props) {
  const { t } = useTranslation();
  const patient = useWorkspace(workspace, (s) => s.patient);
  const { store } = useAppStores().overrides;
  const allOverrides = useSyncExternalStore(store.subscribe, store.get);
  const overrides = overridesOf(allOverrides, patient.patientId);
  useEscapeBack(workspace, onBack);

  return (
    <section aria-labelledby="patient-heading" className="patient-view">
      <ReadingScreen
        workspace={workspace}
        overrides={overrides}
        head={
          <div className="patient-head">
            <button type="button" onClick={onBack} data-testid="back">
              ← {t('patient.back')}
            </button>
            <h2 id="patient-heading">{t('patient.heading', { id: patient.patientId })}</h2>
          </div>
        }
        aside={lesionPanel}
      />
    </section>
  );
}

/**
 * Esc on the patient's screen, outside dialogs and text fields (which keep it): ends the
 * innermost mode of the reading room (a drawing, a pending link, a maximised viewport), and with
 * none on goes back to the patient list. Listens in the capture phase, before cornerstone's
 * element, which cancels the keys it sees.
 */
function useEscapeBack(workspace: ReadingWorkspace, onBack: () => void): void {
  const back = useRef(onBack);
  useEffect(() => {
    back.current = onBack;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      const target = event.target;
      if (isEditableTarget(target)) return;
      if (target instanceof Element && target.closest('dialog, [role="dialog"]')) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      if (workspace.escape() === 'none') back.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [workspace]);
}
