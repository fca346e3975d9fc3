import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  composeBlinding,
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
// Start cornerstone (workers, codecs) while the sample's headers are read.
void initCornerstone();

// The composition root: the app's long-lived objects, made once (see src/compose.ts).
const study = composeStudy();
const stores = composeStores();
const room = composeReadingRoom(stores, study);
const review = composeReview(stores, study);
const blinding = composeBlinding(study);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppStoresContext.Provider value={stores}>
      <BlindingContext.Provider value={blinding}>
        <App room={room} study={study} review={review} reviewViewer={createReviewViewer} />
      </BlindingContext.Provider>
    </AppStoresContext.Provider>
  </StrictMode>,
);
