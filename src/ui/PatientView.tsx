import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogPatient } from '../dicom/catalog';
import { applyOverrides } from '../dicom/overrides';
import { overridesOf, overridesStore } from '../store/overrides';
import { ReadingScreen } from './ReadingScreen';

interface Props {
  patient: CatalogPatient;
  onBack: () => void;
}

/** One patient: the series tree beside the reading grid (DLM hanging protocol by default). */
export function PatientView({ patient: catalogued, onBack }: Props) {
  const { t } = useTranslation();
  const allOverrides = useSyncExternalStore(overridesStore.subscribe, overridesStore.get);
  const overrides = overridesOf(allOverrides, catalogued.patientId);
  const patient = useMemo(() => applyOverrides(catalogued, overrides), [catalogued, overrides]);

  return (
    <section aria-labelledby="patient-heading" className="patient-view">
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="back">
          ← {t('patient.back')}
        </button>
        <h2 id="patient-heading">{t('patient.heading', { id: patient.patientId })}</h2>
      </div>
      <ReadingScreen patient={patient} overrides={overrides} />
    </section>
  );
}
