/** Types of orthanc.mjs (plain ESM so `npm run pacs` runs it with node alone). */

/** A running Orthanc: its base URL, its storage folder, and how to stop it. */
export interface RunningOrthanc {
  url: string;
  storage: string;
  /** Sends SIGTERM, waits for the process to exit (about 3 s), removes a temp storage folder. */
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number>;

/** Starts Orthanc with the DICOMweb plugin; resolves once GET /system answers. */
export function startOrthanc(options?: {
  port?: number;
  storage?: string;
  log?: (text: string) => void;
}): Promise<RunningOrthanc>;

/** Every *.dcm file under `dir`, sorted. */
export function dicomFiles(dir: string): string[];

/** POSTs every .dcm file under `dir` (default sample-dicom) to /instances; returns the count. */
export function uploadSample(url: string, dir?: string): Promise<number>;
