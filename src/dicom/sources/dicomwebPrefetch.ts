/**
 * Study metadata asked for as soon as the page knows which studies a link opens, before the
 * app's code has loaded: the server's answer (often the longest wait of a linked start) then
 * overlaps the download and start of the app. Plain `fetch`, no client library, so the start
 * page stays small (src/main.tsx). A failed or odd answer counts as none: the source
 * (dicomweb.ts) then asks again through its client, which reports the failure in words.
 */
import { dicomWebRoot } from './dicomwebRoot';

/** Per study UID, the WADO-RS study metadata (a DICOM JSON array) or undefined when it failed. */
export type StudyMetadataAnswers = ReadonlyMap<string, Promise<unknown[] | undefined>>;

export interface PrefetchSettings {
  url: string;
  token?: string;
  timeoutSeconds?: number;
}

/** Asks for each study's metadata at once; never rejects. */
export function prefetchStudyMetadata(
  settings: PrefetchSettings,
  studyUids: readonly string[],
  fetchFn: typeof fetch = fetch,
): StudyMetadataAnswers {
  const root = dicomWebRoot(settings.url);
  const headers: Record<string, string> = { Accept: 'application/dicom+json' };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  const seconds = settings.timeoutSeconds ?? 30;
  const answers = new Map<string, Promise<unknown[] | undefined>>();
  for (const uid of studyUids) {
    const url = `${root}/studies/${encodeURIComponent(uid)}/metadata`;
    const answer = fetchFn(url, { headers, signal: AbortSignal.timeout(seconds * 1000) })
      .then(async (response) => {
        if (!response.ok) return undefined;
        const json: unknown = await response.json();
        return Array.isArray(json) ? (json as unknown[]) : undefined;
      })
      .catch(() => undefined);
    answers.set(uid, answer);
  }
  return answers;
}
