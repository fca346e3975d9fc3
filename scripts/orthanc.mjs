/**
 * A throw-away Orthanc with the DICOMweb plugin, for the browser tests and `npm run pacs`
 * (docs/stack.md §4: no systemd here, so we spawn the binary with our own config).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORTHANC_BIN = process.env.DREAM_ORTHANC_BIN ?? 'Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
/** Readiness poll interval; Orthanc is up after about 70 ms (docs/stack.md §4). */
const POLL_MS = 50;
const READY_TIMEOUT_MS = 20_000;

/** A port that was free a moment ago: bind 127.0.0.1:0, read the port, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Orthanc and resolves once GET /system answers.
 * @param {{port?: number, storage?: string, log?: (line: string) => void}} [options]
 *   `port` 0 or absent: a free port; `storage` absent: a new folder under the OS temp dir,
 *   removed again by `stop`.
 * @returns {Promise<{url: string, storage: string, stop: () => Promise<void>}>}
 */
export async function startOrthanc(options = {}) {
  const port = options.port || (await freePort());
  const storage = options.storage ?? mkdtempSync(join(tmpdir(), 'dream-orthanc-'));
  mkdirSync(storage, { recursive: true });
  const config = {
    Name: 'DREAM',
    StorageDirectory: storage,
    IndexDirectory: storage,
    HttpPort: port,
    // Orthanc 1.10 always listens on 0.0.0.0; this makes it refuse non-loopback clients.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    HttpThreadsCount: 8,
    ConcurrentJobs: 1,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: true, WadoRoot: '/wado' },
  };
  const configPath = join(storage, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  const child = spawn(ORTHANC_BIN, [configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output = (output + String(chunk)).slice(-4000);
    options.log?.(String(chunk));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!running) throw new Error(`Orthanc exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/system`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`Orthanc was not ready after ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  return {
    url,
    storage,
    async stop() {
      // Orthanc takes about 3 s to shut down; the port is busy until the process is gone.
      if (running) child.kill('SIGTERM');
      await exited;
      if (options.storage === undefined) rmSync(storage, { recursive: true, force: true });
    },
  };
}

/** Every *.dcm file under `dir`, sorted, as absolute paths. */
export function dicomFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.dcm'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * POSTs every sample-dicom/**\/*.dcm file to Orthanc's /instances, 4 at a time.
 * @param {string} url Orthanc's base URL
 * @param {string} [dir] folder to upload, default sample-dicom
 * @returns {Promise<number>} the number of files stored
 */
export async function uploadSample(url, dir = 'sample-dicom') {
  const files = dicomFiles(dir);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const response = await fetch(`${url}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/dicom' },
        body: readFileSync(file),
      });
      if (!response.ok) {
        throw new Error(
          `Orthanc refused ${file}: HTTP ${response.status} ${await response.text()}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return files.length;
}
