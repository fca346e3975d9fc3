/**
 * Module worker that fits ADC maps off the main thread: one request in (the b-value stacks,
 * transferred), one map out (its Float32Array transferred back). Started by computedAdc.ts as
 * `new Worker(new URL('./adcWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { fitAdc } from '../domain/adc.ts';
import type { AdcWorkerRequest, AdcWorkerResponse } from './computedAdc.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AdcWorkerRequest>) => void) | null;
  postMessage: (message: AdcWorkerResponse, transfer: Transferable[]) => void;
};

scope.onmessage = (event) => {
  const { id, input, options } = event.data;
  try {
    const start = performance.now();
    const map = fitAdc(input, options);
    const ms = performance.now() - start;
    scope.postMessage({ id, ok: true, map, ms }, [map.adc.buffer]);
  } catch (error) {
    scope.postMessage(
      { id, ok: false, message: error instanceof Error ? error.message : String(error) },
      [],
    );
  }
};
