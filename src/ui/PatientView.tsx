import { useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { overridesOf } from '../store/overrides';
import type { ReadingWorkspace } from '../store/workspace';
import { useAppStores } from './appStores';
import { ReadingScreen } from './ReadingScreen';
import { useWorkspace } from './useWorkspace';

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
