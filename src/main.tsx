/**
 * The start page's script, kept small: it asks a linked DICOMweb server for the studies at once,
 * and for their likely first frames as soon as their metadata is in (src/store/linkedStudies.ts),
 * then loads the app (src/boot.tsx), so the server's answers and the app's download and start
 * overlap instead of following one another.
 */
import { prefetchLinkedStudies } from './store/linkedStudies';
import './ui/app.css';

performance.mark('dream:start');
const linked = prefetchLinkedStudies(window.location.search);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void import('./boot').then(({ boot }) => boot(root, linked));
