import {
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import {
  formatDeepLink,
  linkedServerSettings,
  parseDeepLink,
  patientOfStudies,
  samePlace,
  type ReadingPlace,
} from '../store/deepLink';
import { dicomWebRoot, loadDicomWebSettings, openStudies } from '../store/dicomwebSource';
import { BlindingBadge } from './blinding';
import { allProblems, libraryStore, loadSampleLibrary } from '../store/library';
import type { ReadingRoom, ReadPlace } from '../store/workspace';
import { ImportReport } from './ImportReport';
import { LesionPanel } from './LesionPanel';
import { LoadProgressBar } from './LoadProgressBar';
import { PatientList } from './PatientList';
import { PatientView } from './PatientView';
import { ReaderControl } from './ReaderDialog';
import type { ReviewImaging } from './review/ReviewPatient';
import type { LocalFileLoader } from '../dicom/sources/local';
import type { StudyMetadataAnswers } from '../dicom/sources/dicomwebPrefetch';
import { SourcesBar } from './SourcesBar';
import type { ReviewStore } from '../store/review';
import type { StudyStore } from '../store/study';
import { StudyContext } from './studyContext';
import { Worklist } from './Worklist';
import { useRoom } from './useWorkspace';

const NO_PLACE: ReadPlace = {};

// Central review is entered on purpose and is not needed to show the first images: its code
// (and the statistics, SR and export code only it uses) loads when it is first opened.
const ReviewScreen = lazy(() =>
  import('./review/ReviewScreen').then(({ ReviewScreen }) => ({ default: ReviewScreen })),
);

/**
 * The app: the patient list (with the study's worklist), or the open patient's reading room;
 * the room and the study store are made in src/compose.ts.
 */
export function App({
  room,
  study,
  review,
  reviewViewer,
  loadLocalFiles,
  linkedMetadata,
}: {
  room: ReadingRoom;
  study?: StudyStore;
  /** The central review's state (src/compose.ts). */
  review: ReviewStore;
  /** The central review's viewer factory (src/compose.ts). */
  reviewViewer: ReviewImaging['createViewer'];
  /** The local-file source (src/dicom/sources/local.ts), made in src/compose.ts. */
  loadLocalFiles: LocalFileLoader;
  /** A link's study metadata, asked for before the app loaded (src/store/linkedStudies.ts). */
  linkedMetadata?: StudyMetadataAnswers;
}) {
  const { t, i18n } = useTranslation();
  const library = useSyncExternalStore(libraryStore.subscribe, libraryStore.get);
  // A deep link (src/store/deepLink.ts documents the parameters) is read once, at start; its
  // patient opens at its place (idempotent, so safe in an initializer) as soon as the library
  // holds it (until then the list shows).
  const [link] = useState(() => {
    const parsed = parseDeepLink(window.location.search);
    if (parsed.place) {
      const { patientId, ...place } = parsed.place;
      room.open(patientId, place);
    }
    return parsed;
  });
  const { patientId, workspace, place: askedPlace, lastPatientId } = useRoom(room);
  const workspacePlace = useSyncExternalStore(
    (listener) => workspace?.store.subscribe(listener) ?? (() => undefined),
    () => workspace?.store.get().place ?? NO_PLACE,
  );
  const place = workspace ? workspacePlace : askedPlace;
  const linkOpened = useRef(false);
  // Central review is a mode of its own, entered deliberately (readers stay blinded elsewhere).
  const [reviewing, setReviewing] = useState(false);

  // `?study=<url>`: the study file, from this origin or the DICOMweb server's (src/store/study.ts).
  useEffect(() => {
    const url = new URLSearchParams(window.location.search).get('study');
    if (url && study) void study.loadUrl(url);
  }, [study]);

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
    void openStudies(settings, linked.studyInstanceUids, linkedMetadata).then((opened) => {
      const found = patientOfStudies(libraryStore.get().catalog.patients, linked.studyInstanceUids);
      if (opened && found && room.store.get().patientId === undefined) room.open(found);
    });
  }, [link, room, linkedMetadata]);

  // The URL follows what is open (replaceState: no history entry per lesion), for bookmarks.
  const shownPlace: ReadingPlace | undefined =
    patientId === undefined ? undefined : { patientId, ...place };
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

  const closePatient = () => room.close();
  const openPatient = useCallback((id: string) => room.open(id), [room]);

  const patient = library.catalog.patients.find((candidate) => candidate.patientId === patientId);

  return (
    <StudyContext.Provider value={study}>
      <div className="app">
        <header className="app-header">
          <h1>
            {t('app.title')} <small>{t('app.subtitle')}</small>
          </h1>
          <BlindingBadge t={t} />
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
        <main
          className={reviewing || (patient && workspace) ? 'app-main app-main-fit' : 'app-main'}
        >
          {library.loading && (
            <LoadProgressBar progress={library.loading} onCancel={library.cancel} />
          )}
          {library.error && (
            <p role="alert" className="error">
              {t('library.error', { message: library.error })}
            </p>
          )}
          {reviewing ? (
            <Suspense fallback={<p role="status">{t('review.loading')}</p>}>
              <ReviewScreen
                review={review}
                imaging={{ createViewer: reviewViewer, register: room.registerPatient }}
              />
            </Suspense>
          ) : patient && workspace ? (
            <PatientView
              workspace={workspace}
              onBack={closePatient}
              lesionPanel={
                <LesionPanel
                  workspace={workspace}
                  timepoints={patient.timepoints.map((timepoint) => timepoint.id)}
                />
              }
            />
          ) : (
            <>
              <SourcesBar loadLocalFiles={loadLocalFiles} />
              <ImportReport problems={allProblems(library)} />
              <Worklist onOpen={openPatient} />
              {!library.loading && (
                <PatientList
                  catalog={library.catalog}
                  onOpen={(id) => room.open(id)}
                  lastOpened={lastPatientId}
                />
              )}
            </>
          )}
        </main>
      </div>
    </StudyContext.Provider>
  );
}
