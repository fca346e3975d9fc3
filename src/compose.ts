/**
 * The composition root: the one place that makes the app's long-lived objects and wires them
 * together (docs/architecture.md lists them). Everything below takes what it needs as arguments.
 */
import type { CatalogPatient } from './dicom/catalog';
import { findComputedAdcSource } from './dicom/computedAdc';
import { createLocalFileLoader, type LocalFileLoader } from './dicom/sources/local';
import { applyOverrides } from './dicom/overrides';
import { DEFAULT_QC_THRESHOLDS, qcThresholdsOf } from './domain';
import { blindingRequested, createBlindingStore, type BlindingStore } from './store/blinding';
import { librarySink, libraryStore } from './store/library';
import { protocolChoices } from './store/protocolChoice';
import { createOverridesStore, overridesOf, type OverridesStore } from './store/overrides';
import {
  IndexedDbDrawingStore,
  browserContext,
  createReaderStore,
  createWorklistStore,
  lazyAppRepository,
  openAppRead,
  readerSigner,
  readPool,
  webSha256,
  webVerify,
} from './store/reads';
import { createReviewStore, type ReviewStore } from './store/review';
import { createShortcutStore } from './store/shortcuts';
import type { AppStores } from './ui/appStores';
import { loadDicomWebSettings } from './store/dicomwebSource';
import { createStudyStore, type StudyStore } from './store/study';
import { loadViewState, saveViewState } from './store/viewState';
import { ReadingRoom, type ReviewViewerFactory, type ViewerFactory } from './store/workspace';
import { FocusMarkers } from './viewer/focusMarker';
import { registerLocalFile } from './viewer/localFiles';
import { ReadingSession } from './viewer/readingSession';
import type { ComputedAdcRecipes } from './viewer/computedAdcImages';
import { ExamRegistrar } from './viewer/registration/examRegistration';
import { IndexedDbPairCache } from './store/workspace/registrationCache';
import { exposeForTests } from './viewer/testAccess';

/**
 * The real viewer: a cornerstone ReadingSession with the lesion crosshairs, and the browser
 * tests' hook while it lives.
 */
const createViewer: ViewerFactory = (onStatus, onMeasurements) => {
  const session = new ReadingSession(onStatus, onMeasurements);
  const markers = new FocusMarkers(session.engineId);
  const hide = exposeForTests(session);
  const dispose = session.dispose.bind(session);
  session.dispose = () => {
    hide();
    markers.dispose();
    dispose();
  };
  return Object.assign(session, {
    markAt: (viewportId: string, point: [number, number, number] | undefined) =>
      markers.markAt(viewportId, point),
  });
};

/**
 * The central review's viewer: a cornerstone ReadingSession of its own (one viewport), without
 * the reading room's crosshairs, measurements or test hook.
 */
export const createReviewViewer: ReviewViewerFactory = (onStatus) =>
  new ReadingSession(onStatus, () => undefined);

/**
 * The exams' registration, one worker for the tab, elastix's pipeline served by the app
 * (scripts/vite-plugin-elastix.ts), results kept per pair of series in IndexedDB
 * (src/viewer/registration/pairCache.ts). `?registration=off` leaves it out.
 */
function examRegistrar(): ExamRegistrar | undefined {
  if (new URLSearchParams(window.location.search).get('registration') === 'off') return undefined;
  return new ExamRegistrar(
    new URL(`${import.meta.env.BASE_URL}itk-elastix`, window.location.href).href,
    undefined,
    new IndexedDbPairCache(),
  );
}

/**
 * The tab's stores kept in the browser: the reader and the key bindings and corrections
 * (localStorage, read once here), the worklist states and the read repository (IndexedDB,
 * opened on first use). The components get them through src/ui/appStores.ts.
 */
export function composeStores(): AppStores {
  const repository = lazyAppRepository();
  const storage = browserStorage();
  return {
    reader: createReaderStore(storage),
    worklist: createWorklistStore(repository),
    overrides: createOverridesStore(storage),
    shortcuts: createShortcutStore(storage),
    repository,
  };
}

type KeptItems = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * localStorage, or where the browser denies it (a privacy mode) a map for this page, so the app
 * still starts and what the reader sets lasts the session.
 */
function browserStorage(): KeptItems {
  try {
    return window.localStorage;
  } catch {
    const items = new Map<string, string>();
    return {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
  }
}

/**
 * The central review's state (src/store/review.ts): Web Crypto, the real clock and UUIDs, the
 * tab's repository; read files are checked against the study's roster.
 */
export function composeReview(stores: AppStores, study?: StudyStore): ReviewStore {
  return createReviewStore({
    ...(study && { roster: () => study.store.get().roster }),
    sha256: webSha256,
    verify: webVerify,
    signer: readerSigner,
    context: browserContext,
    repository: stores.repository,
  });
}

/** The catalogued patient with the reader's corrections, the same object until either changes. */
function correctedPatients(
  overridesStore: OverridesStore['store'],
): (patientId: string) => CatalogPatient | undefined {
  const memo = new Map<string, { from: [unknown, unknown]; patient: CatalogPatient }>();
  return (patientId) => {
    const catalogued = libraryStore
      .get()
      .catalog.patients.find((candidate) => candidate.patientId === patientId);
    if (!catalogued) return undefined;
    const overrides = overridesOf(overridesStore.get(), patientId);
    const known = memo.get(patientId);
    if (known && known.from[0] === catalogued && known.from[1] === overrides) return known.patient;
    const patient = applyOverrides(catalogued, overrides);
    memo.set(patientId, { from: [catalogued, overrides], patient });
    return patient;
  };
}

/**
 * Where the computed ADC image loader finds a map's recipe: on the computed series of the
 * library's patients as the reader corrected them (a computed map exists only after corrections).
 */
export function composeComputedAdcRecipes(stores: AppStores): ComputedAdcRecipes {
  const patientOf = correctedPatients(stores.overrides.store);
  // The image loader's metadata provider asks on every draw of a computed map: answers are kept
  // until the library or the corrections change, instead of searching every patient each time.
  type Found = ReturnType<ComputedAdcRecipes>;
  let found = {
    catalog: undefined as unknown,
    overrides: undefined as unknown,
    byKey: new Map<string, Found>(),
  };
  return (key) => {
    const catalog = libraryStore.get().catalog;
    const overrides = stores.overrides.store.get();
    if (found.catalog !== catalog || found.overrides !== overrides) {
      found = { catalog, overrides, byKey: new Map<string, Found>() };
    }
    if (!found.byKey.has(key)) {
      const patients = catalog.patients.flatMap((p) => patientOf(p.patientId) ?? []);
      found.byKey.set(key, findComputedAdcSource(patients, key));
    }
    return found.byKey.get(key);
  };
}

/** The local-file source: files go to cornerstone's `dicomfile:` loader, headers to the library. */
export function composeLocalFiles(): LocalFileLoader {
  return createLocalFileLoader(registerLocalFile, librarySink);
}

/**
 * The tab's blinding: on with `?blind=1`, or when a study file's blinding option says so (its
 * loader calls `setBlinding`). docs/blinding.md says what is hidden and where.
 */
export function composeBlinding(study?: StudyStore): BlindingStore {
  const blinding = createBlindingStore(blindingRequested(window.location.search));
  if (study) {
    const follow = () => blinding.setBlinding(study.blinding().enabled);
    follow();
    study.store.subscribe(follow);
  }
  return blinding;
}

/**
 * The study of this tab (src/store/study.ts): kept in localStorage; a `?study=` URL may come
 * from this origin or the saved DICOMweb server's.
 */
export function composeStudy(): StudyStore {
  return createStudyStore({
    fetch: (input, init) => window.fetch(input, init),
    storage: window.localStorage,
    base: window.location.href,
    allowedOrigins: () => {
      const origins = [window.location.origin];
      try {
        const server = loadDicomWebSettings().url;
        if (server) origins.push(new URL(server, window.location.href).origin);
      } catch {
        // No usable server URL saved: this origin only.
      }
      return origins;
    },
  });
}

/** Makes the reading room of this tab; imports are checked against the study's roster. */
export function composeReadingRoom(stores: AppStores, study?: StudyStore): ReadingRoom {
  const tabId = crypto.randomUUID();
  const studyLink = study && {
    roster: () => study.store.get().roster,
    studyId: () => study.store.get().study?.studyId,
  };
  const reads = readPool(
    (patientId, reader) => openAppRead(stores.repository(), patientId, reader, tabId, studyLink),
    (reader) => void stores.worklist.refresh(reader.id),
  );
  const registrar = examRegistrar();
  return new ReadingRoom({
    createViewer,
    ...(registrar && { register: (patient: CatalogPatient) => registrar.registerPatient(patient) }),
    openRead: reads.open,
    closeRead: reads.close,
    qcThresholds: () => {
      const loaded = study?.store.get().study;
      return loaded ? qcThresholdsOf(loaded) : DEFAULT_QC_THRESHOLDS;
    },
    reader: stores.reader.store,
    views: { load: (id) => loadViewState(id), save: (id, view) => saveViewState(id, view) },
    drawings: new IndexedDbDrawingStore(),
    protocols: protocolChoices(),
    patientOf: correctedPatients(stores.overrides.store),
    onPatientsChange: (listener) => {
      const stopLibrary = libraryStore.subscribe(listener);
      const stopOverrides = stores.overrides.store.subscribe(listener);
      return () => {
        stopLibrary();
        stopOverrides();
      };
    },
  });
}
