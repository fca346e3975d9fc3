import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  composeBlinding,
  composeComputedAdcRecipes,
  composeLocalFiles,
  composeReadingRoom,
  composeReview,
  composeStores,
  composeStudy,
  createReviewViewer,
} from './compose';
import { initI18n } from './i18n';
import { installEarlyFrames } from './viewer/earlyFrames';
import { initCornerstone } from './viewer/init';
import { App } from './ui/App';
import { AppStoresContext } from './ui/appStores';
import { BlindingContext } from './ui/blinding';
import type { LinkedStart } from './store/linkedStudies';

/**
 * The composition root: the app's long-lived objects, made once (see src/compose.ts), and the
 * app rendered into `root`. `linked`: a link's study metadata and likely first frames, asked for
 * by the start page (src/main.tsx) before this code loaded.
 */
export function boot(root: HTMLElement, linked: LinkedStart | undefined): void {
  performance.mark('dream:boot');
  initI18n();
  const stores = composeStores();
  // Start cornerstone (workers, codecs) while the sample's headers or a link's studies are read.
  void initCornerstone(composeComputedAdcRecipes(stores)).then(() => {
    // Before any image loads: every viewer awaits this same initialisation, after this callback.
    if (linked) installEarlyFrames(linked.frames);
  });
  const study = composeStudy();
  const room = composeReadingRoom(stores, study);
  const review = composeReview(stores, study);
  const blinding = composeBlinding(study);
  const loadLocalFiles = composeLocalFiles();

  createRoot(root).render(
    <StrictMode>
      <AppStoresContext.Provider value={stores}>
        <BlindingContext.Provider value={blinding}>
          <App
            room={room}
            study={study}
            review={review}
            reviewViewer={createReviewViewer}
            loadLocalFiles={loadLocalFiles}
            linkedMetadata={linked?.metadata}
          />
        </BlindingContext.Provider>
      </AppStoresContext.Provider>
    </StrictMode>,
  );
}
