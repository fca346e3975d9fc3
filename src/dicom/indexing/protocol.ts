/** Messages between the index pool and its workers (structured-cloned; a File/Blob clones cheaply). */
import type { IndexResult } from './indexFile.ts';

/** One file to index; `id` pairs the answer with the request. */
export interface IndexRequest {
  id: number;
  file: Blob;
  name: string;
}

/** The worker's answer to one {@link IndexRequest}. */
export interface IndexResponse {
  id: number;
  result: IndexResult;
}
