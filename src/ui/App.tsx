import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import {
  formatDeepLink,
  linkedServerSettings,
  parseDeepLink,
  patientOfStudies,
  readingPlaceStore,
  samePlace,
  type ReadingPlace,
} from '../store/deepLink';
import { dicomWebRoot, loadDicomWebSettings, openStudies } from '../store/dicomwebSource';
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
  // A deep link (src/store/deepLink.ts documents the parameters) is read once, at start; its
  // place seeds the store the lesion panel starts from (idempotent, so safe in an initializer).
  const [link] = useState(() => {
    const parsed = parseDeepLink(window.location.search);
    if (parsed.place) readingPlaceStore.set(parsed.place);
    return parsed;
  });
  // The linked patient opens as soon as the library holds it (until then the list shows).
  const [patientId, setPatientId] = useState<string | undefined>(link.place?.patientId);
  const place = useSyncExternalStore(readingPlaceStore.subscribe, readingPlaceStore.get);
  const linkOpened = useRef(false);
  // Central review is a mode of its own, entered deliberately (readers stay blinded elsewhere).
  const [reviewing, setReviewing] = useState(false);

  useEffect(() => {
    // `?sample=off` opens an empty library (tests of other sources, which would otherwise see
    // the sample's patients and report their own copies of them as duplicates).
    if (new URLSearchParams(window.location.search).get('sample') !== 'off') {
      void loadSampleLibrary();
    }
  }, []);

  // `?dicomweb=...&StudyInstanceUIDs=...`: open the studies (the saved token only if saved for
  // that server), then their patient unless the link or the reader chose one meanwhile.
  useEffect(() => {
    const linked = link.dicomweb;
    if (!linked || linkOpened.current) return;
    linkOpened.current = true;
    const settings = linkedServerSettings(linked.url, loadDicomWebSettings(), dicomWebRoot);
    void openStudies(settings, linked.studyInstanceUids).then((opened) => {
      const found = patientOfStudies(libraryStore.get().catalog.patients, linked.studyInstanceUids);
      if (opened && found) setPatientId((current) => current ?? found);
    });
  }, [link]);

  // The URL follows what is open (replaceState: no history entry per lesion), for bookmarks.
  const shownPlace: ReadingPlace | undefined =
    patientId === undefined ? undefined : place?.patientId === patientId ? place : { patientId };
  const { patientId: urlPatient, timepoint: urlTimepoint, lesionId: urlLesion } = shownPlace ?? {};
  useEffect(() => {
    const next: ReadingPlace | undefined =
      urlPatient === undefined
        ? undefined
        : {
            patientId: urlPatient,
            ...(urlTimepoint && { timepoint: urlTimepoint }),
            ...(urlLesion && { lesionId: urlLesion }),
          };
    const { search, pathname, hash } = window.location;
    if (samePlace(parseDeepLink(search).place, next)) return;
    window.history.replaceState(
      window.history.state,
      '',
      pathname + formatDeepLink(search, next) + hash,
    );
  }, [urlPatient, urlTimepoint, urlLesion]);

  const closePatient = () => {
    readingPlaceStore.set(undefined);
    setPatientId(undefined);
  };

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
            <PatientView patient={patient} onBack={closePatient} />
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
