/**
 * The start page's script, kept small: it asks a linked DICOMweb server for the studies at once
 * (src/store/linkedStudies.ts), then loads the app (src/boot.tsx), so the server's answer and
 * the app's download and start overlap instead of following one another.
 */
import { prefetchLinkedStudies } from './store/linkedStudies';
import './ui/app.css';

performance.mark('dream:start');
const linkedMetadata = prefetchLinkedStudies(window.location.search);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void import('./boot').then(({ boot }) => boot(root, linkedMetadata));
