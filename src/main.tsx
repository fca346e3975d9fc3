import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { initCornerstone } from './viewer/init';
import { App } from './ui/App';
import './ui/app.css';

initI18n();
// Start cornerstone (workers, codecs) while the sample's headers are read.
void initCornerstone();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
