/**
 * An in-memory DICOMweb server as a fetch: STOW-RS stores the first part of a POST, QIDO-RS
 * /instances matches PatientID, SeriesInstanceUID and Modality SR, WADO-RS answers one instance as
 * multipart. `failures` are answered first, one per request (a status, a network error, or a
 * whole Response).
 */
import { readPart10, text } from '../../src/dicom/sr/dataset.ts';
import { firstPart } from '../../src/store/srPacs.ts';

export function server(failures: (number | 'network' | Response)[] = []) {
  const instances = new Map<string, Uint8Array>();
  const calls: { method: string; url: string; auth: string | null }[] = [];
  const fake: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const headers = new Headers(init?.headers);
    calls.push({
      method: init?.method ?? 'GET',
      url: url.pathname,
      auth: headers.get('Authorization'),
    });
    const failure = failures.shift();
    if (failure === 'network') return Promise.reject(new TypeError('fetch failed'));
    if (failure instanceof Response) return Promise.resolve(failure);
    if (failure !== undefined) return Promise.resolve(new Response(null, { status: failure }));
    if (init?.method === 'POST') {
      const part = firstPart(init.body as Uint8Array, headers.get('Content-Type') ?? '');
      if (part === undefined) return Promise.resolve(new Response(null, { status: 400 }));
      instances.set(text(readPart10(part), 'SOPInstanceUID') ?? '', part);
      return Promise.resolve(new Response('{}', { status: 200 }));
    }
    if (url.pathname.endsWith('/instances')) {
      const rows = [...instances.values()]
        .map((bytes) => readPart10(bytes))
        .filter((d) => {
          const q = url.searchParams;
          return (
            (q.get('PatientID') ?? text(d, 'PatientID')) === text(d, 'PatientID') &&
            q.get('Modality') === 'SR' &&
            (q.get('SeriesInstanceUID') ?? text(d, 'SeriesInstanceUID')) ===
              text(d, 'SeriesInstanceUID')
          );
        })
        .map((d) => ({
          '0020000D': { Value: [text(d, 'StudyInstanceUID')] },
          '0020000E': { Value: [text(d, 'SeriesInstanceUID')] },
          '00080018': { Value: [text(d, 'SOPInstanceUID')] },
          '00200013': { Value: [d.InstanceNumber] },
        }));
      return Promise.resolve(Response.json(rows));
    }
    const sop = url.pathname.split('/').at(-1) ?? '';
    const bytes = instances.get(sop);
    if (bytes === undefined) return Promise.resolve(new Response(null, { status: 404 }));
    const body = new Uint8Array([
      ...new TextEncoder().encode('--b\r\nContent-Type: application/dicom\r\n\r\n'),
      ...bytes,
      ...new TextEncoder().encode('\r\n--b--\r\n'),
    ]);
    return Promise.resolve(
      new Response(body, {
        headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=b' },
      }),
    );
  };
  return { instances, calls, fetch: fake };
}
