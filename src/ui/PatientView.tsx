import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { overridesOf, overridesStore } from '../store/overrides';
import type { ReadingWorkspace } from '../store/workspace';
import { ReadingScreen } from './ReadingScreen';
import { useWorkspace } from './useWorkspace';

interface Props {
  workspace: ReadingWorkspace;
  onBack: () => void;
}

/** One patient: the series tree beside the reading grid (DLM hanging protocol by default). */
export function PatientView({ workspace, onBack }: Props) {
  const { t } = useTranslation();
  const patient = useWorkspace(workspace, (s) => s.patient);
  const allOverrides = useSyncExternalStore(overridesStore.subscribe, overridesStore.get);
  const overrides = overridesOf(allOverrides, patient.patientId);

  return (
    <section aria-labelledby="patient-heading" className="patient-view">
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="back">
          ← {t('patient.back')}
        </button>
        <h2 id="patient-heading">{t('patient.heading', { id: patient.patientId })}</h2>
      </div>
      <ReadingScreen workspace={workspace} overrides={overrides} />
    </section>
  );
}
