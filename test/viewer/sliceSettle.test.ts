import { Enums } from '@cornerstonejs/core';
import { describe, expect, it } from 'vitest';
import { untilSettled } from '../../src/viewer/sliceSettle';
import { worldToPage } from '../../src/viewer/viewportActions';
import type { Types } from '@cornerstonejs/core';

/** A load that settles only when told to, like the CPU path's once it has been overtaken. */
function pendingLoad() {
  let settle: (ok: boolean) => void = () => {};
  const promise = new Promise<string>((resolve, reject) => {
    settle = (ok) => (ok ? resolve('a') : reject(new Error('decode failed')));
  });
  return { promise, settle };
}

const newImage = (imageId: string) =>
  new CustomEvent(Enums.Events.PRE_STACK_NEW_IMAGE, { detail: { imageId } });

/** Resolves to the outcome of `promise` if it settled by the next macrotask, else 'waiting'. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  const state = promise.then(
    () => 'resolved',
    (error: unknown) => `rejected: ${(error as Error).message}`,
  );
  const later = new Promise<string>((resolve) => setImmediate(() => resolve('waiting')));
  return Promise.race([state, later]);
}

describe('untilSettled', () => {
  it('settles with the load, and passes a failure on', async () => {
    const element = new EventTarget();
    const ok = pendingLoad();
    const waiting = untilSettled(ok.promise, element, 'a', new EventTarget());
    expect(await outcome(waiting)).toBe('waiting');
    ok.settle(true);
    expect(await outcome(waiting)).toBe('resolved');
    const failed = pendingLoad();
    const failing = untilSettled(failed.promise, element, 'a', new EventTarget());
    failed.settle(false);
    expect(await outcome(failing)).toBe('rejected: decode failed');
  });

  it('settles once the viewport starts on another image, not on its own', async () => {
    const element = new EventTarget();
    const load = pendingLoad();
    const waiting = untilSettled(load.promise, element, 'a', new EventTarget());
    element.dispatchEvent(newImage('a'));
    expect(await outcome(waiting)).toBe('waiting');
    element.dispatchEvent(newImage('b'));
    expect(await outcome(waiting)).toBe('resolved');
  });

  it('settles when its own viewport is disabled, not another one', async () => {
    const element = new EventTarget();
    const global = new EventTarget();
    const load = pendingLoad();
    const waiting = untilSettled(load.promise, element, 'a', global);
    const disabled = (of: EventTarget) =>
      new CustomEvent(Enums.Events.ELEMENT_DISABLED, { detail: { element: of } });
    global.dispatchEvent(disabled(new EventTarget()));
    expect(await outcome(waiting)).toBe('waiting');
    global.dispatchEvent(disabled(element));
    expect(await outcome(waiting)).toBe('resolved');
  });

  it('settles at once without a load (no viewport)', async () => {
    expect(await outcome(untilSettled(undefined, new EventTarget(), 'a'))).toBe('resolved');
  });
});

describe('worldToPage', () => {
  it('maps nothing before the first image, where the CPU path cannot map', () => {
    const viewport = {
      getImageData: () => undefined,
      worldToCanvas: () => {
        throw new TypeError('Cannot destructure property spacing of undefined');
      },
    } as unknown as Types.IStackViewport;
    expect(worldToPage(viewport, [0, 0, 0])).toBeUndefined();
  });
});
