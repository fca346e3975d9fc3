import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { libraryStore, loadSampleLibrary } from '../store/library';
import { PatientList } from './PatientList';
import { PatientView } from './PatientView';

export function App() {
  const { t, i18n } = useTranslation();
  const library = useSyncExternalStore(libraryStore.subscribe, libraryStore.get);
  const [patientId, setPatientId] = useState<string | undefined>();

  useEffect(() => {
    void loadSampleLibrary();
  }, []);

  const patient =
    library.status === 'ready'
      ? library.catalog.patients.find((candidate) => candidate.patientId === patientId)
      : undefined;

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          {t('app.title')} <small>{t('app.subtitle')}</small>
        </h1>
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
        {library.status === 'loading' && (
          <div className="progress">
            <progress value={library.progress.read} max={library.progress.total || 1} />
            <span>
              {t('library.loading', { ...library.progress })}
              {library.progress.problems > 0 &&
                ` · ${t('library.problems', { count: library.progress.problems })}`}
            </span>
          </div>
        )}
        {library.status === 'error' && (
          <p role="alert" className="error">
            {t('library.error', { message: library.message })}
          </p>
        )}
        {library.status === 'ready' &&
          (patient ? (
            <PatientView patient={patient} onBack={() => setPatientId(undefined)} />
          ) : (
            <PatientList catalog={library.catalog} onOpen={setPatientId} />
          ))}
      </main>
    </div>
  );
}
