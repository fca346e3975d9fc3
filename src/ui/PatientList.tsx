import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../dicom/catalog';
import { useAppStores } from './appStores';
import { blindTimepointText, useBlinded } from './blinding';
import { useReader } from './useReader';

interface Props {
  catalog: Catalog;
  onOpen: (patientId: string) => void;
  /** The patient opened last in this tab: it gets the focus again on coming back. */
  lastOpened: string | undefined;
}

/**
 * The first screen: the patients of the opened studies, each with its timepoints. Each patient
 * is a button (Tab, Enter); when the list appears with the focus nowhere, the patient opened
 * last (else the first) has it, so a keyboard reader starts with Enter.
 */
export function PatientList({ catalog, onOpen, lastOpened }: Props) {
  const { t } = useTranslation();
  const blinded = useBlinded();
  const list = useRef<HTMLUListElement>(null);
  const count = catalog.patients.length;
  useEffect(() => {
    const focused = document.activeElement;
    if (count === 0 || (focused !== null && focused !== document.body)) return;
    const buttons = [
      ...(list.current?.querySelectorAll<HTMLButtonElement>('[data-testid="open-patient"]') ?? []),
    ];
    (buttons.find((b) => b.dataset.patientId === lastOpened) ?? buttons[0])?.focus();
  }, [count, lastOpened]);
  const reader = useReader();
  const worklist = useAppStores().worklist;
  const readStates = useSyncExternalStore(worklist.store.subscribe, worklist.store.get);
  useEffect(() => {
    if (reader) void worklist.refresh(reader.id);
  }, [worklist, reader]);
  if (catalog.patients.length === 0) return <p>{t('library.empty')}</p>;
  return (
    <section aria-labelledby="patients-heading">
      <h2 id="patients-heading">{t('library.heading')}</h2>
      <ul className="patient-list" ref={list}>
        {catalog.patients.map((patient) => (
          <li key={patient.patientId} className="patient-card">
            <button
              type="button"
              data-testid="open-patient"
              data-patient-id={patient.patientId}
              onClick={() => {
                onOpen(patient.patientId);
              }}
            >
              <span className="patient-id">{patient.patientId || t('library.noPatientId')}</span>
              {reader && (
                <span
                  className="worklist-state"
                  data-testid="worklist-state"
                  data-state={readStates[patient.patientId] ?? 'not-started'}
                >
                  {t(`read.worklist.${readStates[patient.patientId] ?? 'not-started'}`)}
                </span>
              )}
              <span className="patient-timepoints">
                {patient.timepoints
                  .map(
                    (timepoint) =>
                      `${blindTimepointText(t, timepoint.id, blinded)} (${t('library.series', {
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
