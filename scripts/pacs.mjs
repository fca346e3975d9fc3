#!/usr/bin/env node
/**
 * `npm run pacs`: a local Orthanc PACS with the sample study, for trying the DICOMweb source.
 * Listens on 127.0.0.1:8042 (what `npm start` proxies /dicom-web to), keeps its data in a folder
 * under the OS temp dir or in `--storage DIR`, and runs until Ctrl+C.
 *
 * Usage: npm run pacs [-- --storage DIR] [-- --port N]
 */
import { parseArgs } from 'node:util';
import { startOrthanc, uploadSample } from './orthanc.mjs';

const { values } = parseArgs({
  options: {
    storage: { type: 'string' },
    port: { type: 'string', default: '8042' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`Not a TCP port: ${values.port}`);
  process.exit(2);
}

let orthanc;
try {
  orthanc = await startOrthanc({ port, storage: values.storage });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(
    `Is Orthanc installed (apt-get install orthanc orthanc-dicomweb) and port ${port} free?`,
  );
  process.exit(1);
}

console.log(`Orthanc is up at ${orthanc.url} (storage: ${orthanc.storage}). Uploading the sample…`);
const started = Date.now();
const count = await uploadSample(orthanc.url);
console.log(`Stored ${count} files in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
console.log(`
DICOMweb root:  ${orthanc.url}/dicom-web
Try the app:    npm start  (in another terminal), then open http://127.0.0.1:4173/
                The DICOMweb panel's default server URL is <app origin>/dicom-web, which the
                dev and preview servers proxy to ${port === 8042 ? 'this Orthanc' : 'http://127.0.0.1:8042'}.
Other server:   DREAM_ORTHANC_URL=http://host:port npm start  (Orthanc sends no CORS headers,
                so the app reaches it through that proxy).
Stop:           Ctrl+C`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Orthanc…');
  await orthanc.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
