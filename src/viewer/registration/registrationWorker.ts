/**
 * Module worker that runs the rigid registrations off the main thread: one pair of downsampled
 * volumes in, its PairResult out. elastix's pipeline runs inside this worker (itk-wasm's
 * `webWorker: false`), loaded once from the app's own `/itk-elastix/` (scripts/vite-plugin-elastix.ts)
 * and kept for the next pair. Started by examRegistration.ts.
 */
import { elastix, setPipelinesBaseUrl } from '@itk-wasm/elastix';
import type { RegistrationVolume } from '../../domain/registration';
import { registerRigid, type ElastixRun, type PairResult, type ParameterMap } from './rigidElastix';

export interface RegistrationRequest {
  id: number;
  fixed: RegistrationVolume;
  moving: RegistrationVolume;
  /** Absolute URL of the folder that serves elastix.js and elastix.wasm.zst. */
  pipelineBaseUrl: string;
}

export type RegistrationResponse =
  { id: number; ok: true; result: PairResult } | { id: number; ok: false; message: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RegistrationRequest>) => void) | null;
  postMessage: (message: RegistrationResponse) => void;
};

scope.onmessage = (event) => {
  const { id, fixed, moving, pipelineBaseUrl } = event.data;
  setPipelinesBaseUrl(pipelineBaseUrl);
  const run: ElastixRun = async (parameterObject, f, m) => {
    const out = await elastix(parameterObject, { fixed: f, moving: m, webWorker: false } as never);
    return out.transformParameterObject as unknown as ParameterMap[];
  };
  registerRigid(fixed, moving, run).then(
    (result) => scope.postMessage({ id, ok: true, result }),
    (error: unknown) =>
      scope.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
