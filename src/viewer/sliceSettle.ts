/**
 * A stack viewport's slice change that always settles. On cornerstone's CPU path the promise of
 * `setStack` and `setImageIdIndex` never settles when another slice was asked for before the
 * image arrived: the load's success callback sees that the viewport moved on and returns without
 * resolving (docs/stack.md §6). A wheel over a viewport still loading its first image, or a synced
 * viewport driven while its own step loads, would then leave a load or the key stepper waiting
 * for ever. The WebGL path settles either way.
 *
 * `untilSettled` resolves with the promise, or as soon as the viewport starts on another image
 * (the viewport announces every image it starts to show, PRE_STACK_NEW_IMAGE, on its element),
 * or when the viewport is disabled (ELEMENT_DISABLED, on cornerstone's event target). A
 * rejection is passed on (a failed load).
 */
import { Enums, eventTarget } from '@cornerstonejs/core';

interface NewImageDetail {
  imageId?: string;
}

interface DisabledDetail {
  element?: unknown;
}

/**
 * `pending` is the promise of the call that asked the viewport for `imageId` (made just before:
 * its own PRE_STACK_NEW_IMAGE has already fired). `disabled` is where ELEMENT_DISABLED arrives.
 */
export function untilSettled(
  pending: Promise<unknown> | undefined,
  element: EventTarget,
  imageId: string,
  disabled: EventTarget = eventTarget,
): Promise<void> {
  if (!pending) return Promise.resolve();
  let stop = () => {};
  const movedOn = new Promise<void>((resolve) => {
    const onNewImage = (event: Event) => {
      const detail = (event as CustomEvent<NewImageDetail | undefined>).detail;
      if (detail?.imageId !== imageId) resolve();
    };
    const onDisabled = (event: Event) => {
      if ((event as CustomEvent<DisabledDetail | undefined>).detail?.element === element) resolve();
    };
    element.addEventListener(Enums.Events.PRE_STACK_NEW_IMAGE, onNewImage);
    disabled.addEventListener(Enums.Events.ELEMENT_DISABLED, onDisabled);
    stop = () => {
      element.removeEventListener(Enums.Events.PRE_STACK_NEW_IMAGE, onNewImage);
      disabled.removeEventListener(Enums.Events.ELEMENT_DISABLED, onDisabled);
    };
  });
  return Promise.race([pending.then(() => undefined), movedOn]).finally(stop);
}
