/**
 * Module worker that indexes files off the main thread: one request in, one result out. Started by
 * pool.ts as `new Worker(new URL('./indexWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { indexFile } from './indexFile.ts';
import type { IndexRequest, IndexResponse } from './protocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<IndexRequest>) => void) | null;
  postMessage: (message: IndexResponse) => void;
};

scope.onmessage = (event) => {
  const { id, file, name } = event.data;
  indexFile(file, name).then(
    (result) => scope.postMessage({ id, result }),
    (error: unknown) =>
      scope.postMessage({
        id,
        result: { kind: 'problem', reason: 'corrupt', message: String(error) },
      }),
  );
};
