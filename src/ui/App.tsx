import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { allProblems, libraryStore, loadSampleLibrary } from '../store/library';
import { ImportReport } from './ImportReport';
import { LesionPanel } from './LesionPanel';
import { LoadProgressBar } from './LoadProgressBar';
import { PatientList } from './PatientList';
import { PatientView } from './PatientView';
import { ReaderControl } from './ReaderDialog';
import { ReviewScreen } from './review/ReviewScreen';
import { SourcesBar } from './SourcesBar';

export function App() {
  const { t, i18n } = useTranslation();
  const library = useSyncExternalStore(libraryStore.subscribe, libraryStore.get);
  const [patientId, setPatientId] = useState<string | undefined>();
  // Central review is a mode of its own, entered deliberately (readers stay blinded elsewhere).
  const [reviewing, setReviewing] = useState(false);

  useEffect(() => {
    // `?sample=off` opens an empty library (tests of other sources, which would otherwise see
    // the sample's patients and report their own copies of them as duplicates).
    if (new URLSearchParams(window.location.search).get('sample') !== 'off') {
      void loadSampleLibrary();
    }
  }, []);

  const patient = library.catalog.patients.find((candidate) => candidate.patientId === patientId);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          {t('app.title')} <small>{t('app.subtitle')}</small>
        </h1>
        <button
          type="button"
          data-testid="review-mode"
          aria-pressed={reviewing}
          onClick={() => setReviewing((on) => !on)}
        >
          {reviewing ? t('review.leave') : t('review.enter')}
        </button>
        <ReaderControl />
        <label>
          {t('app.language')}{' '}
          <select
            value={i18n.language}
            onChange={(event) => setLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language === 'en' ? 'English' : '日本語'}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main>
        {library.loading && (
          <LoadProgressBar progress={library.loading} onCancel={library.cancel} />
        )}
        {library.error && (
          <p role="alert" className="error">
            {t('library.error', { message: library.error })}
          </p>
        )}
        {reviewing ? (
          <ReviewScreen />
        ) : patient ? (
          <>
            <PatientView patient={patient} onBack={() => setPatientId(undefined)} />
            <LesionPanel
              patientId={patient.patientId}
              timepoints={patient.timepoints.map((timepoint) => timepoint.id)}
            />
          </>
        ) : (
          <>
            <SourcesBar />
            <ImportReport problems={allProblems(library)} />
            {!library.loading && <PatientList catalog={library.catalog} onOpen={setPatientId} />}
          </>
        )}
      </main>
    </div>
  );
}
