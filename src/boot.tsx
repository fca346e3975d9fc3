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
import { initCornerstone } from './viewer/init';
import { App } from './ui/App';
import { AppStoresContext } from './ui/appStores';
import { BlindingContext } from './ui/blinding';
import type { StudyMetadataAnswers } from './dicom/sources/dicomwebPrefetch';

/**
 * The composition root: the app's long-lived objects, made once (see src/compose.ts), and the
 * app rendered into `root`. `linkedMetadata`: a link's study metadata, asked for by the start
 * page (src/main.tsx) before this code loaded.
 */
export function boot(root: HTMLElement, linkedMetadata: StudyMetadataAnswers | undefined): void {
  performance.mark('dream:boot');
  initI18n();
  const stores = composeStores();
  // Start cornerstone (workers, codecs) while the sample's headers or a link's studies are read.
  void initCornerstone(composeComputedAdcRecipes(stores));
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
            linkedMetadata={linkedMetadata}
          />
        </BlindingContext.Provider>
      </AppStoresContext.Provider>
    </StrictMode>,
  );
}
