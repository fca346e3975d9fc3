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
import './ui/app.css';

initI18n();
// The composition root: the app's long-lived objects, made once (see src/compose.ts).
const stores = composeStores();
// Start cornerstone (workers, codecs) while the sample's headers are read.
void initCornerstone(composeComputedAdcRecipes(stores));
const study = composeStudy();
const room = composeReadingRoom(stores, study);
const review = composeReview(stores, study);
const blinding = composeBlinding(study);
const loadLocalFiles = composeLocalFiles();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
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
        />
      </BlindingContext.Provider>
    </AppStoresContext.Provider>
  </StrictMode>,
);
