import { useTranslation } from 'react-i18next';
import type { Catalog } from '../dicom/catalog';
import { timepointText } from './roleText';

interface Props {
  catalog: Catalog;
  onOpen: (patientId: string) => void;
}

/** The first screen: the patients of the opened studies, each with its timepoints. */
export function PatientList({ catalog, onOpen }: Props) {
  const { t } = useTranslation();
  if (catalog.patients.length === 0) return <p>{t('library.empty')}</p>;
  return (
    <section aria-labelledby="patients-heading">
      <h2 id="patients-heading">{t('library.heading')}</h2>
      <ul className="patient-list">
        {catalog.patients.map((patient) => (
          <li key={patient.patientId} className="patient-card">
            <button
              type="button"
              data-testid="open-patient"
              data-patient-id={patient.patientId}
              onClick={() => onOpen(patient.patientId)}
            >
              <span className="patient-id">{patient.patientId || t('library.noPatientId')}</span>
              <span className="patient-timepoints">
                {patient.timepoints
                  .map(
                    (timepoint) =>
                      `${timepointText(t, timepoint.id)} (${t('library.series', {
                        count: timepoint.exams.reduce((sum, exam) => sum + exam.series.length, 0),
                      })})`,
                  )
                  .join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
