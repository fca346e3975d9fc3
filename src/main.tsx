import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  composeBlinding,
  composeComputedAdcRecipes,
  composeLocalFiles,
  composeReadingRoom,
  composeStudy,
} from './compose';
import { initI18n } from './i18n';
import { initCornerstone } from './viewer/init';
import { App } from './ui/App';
import { BlindingContext } from './ui/blinding';
import './ui/app.css';

initI18n();
// Start cornerstone (workers, codecs) while the sample's headers are read.
void initCornerstone(composeComputedAdcRecipes());

// The composition root: the app's long-lived objects, made once (see src/compose.ts).
const study = composeStudy();
const room = composeReadingRoom(study);
const blinding = composeBlinding(study);
const loadLocalFiles = composeLocalFiles();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BlindingContext.Provider value={blinding}>
      <App room={room} study={study} loadLocalFiles={loadLocalFiles} />
    </BlindingContext.Provider>
  </StrictMode>,
);
