import { describe, expect, it } from 'vitest';
import { SliceStepper } from '../../src/viewer/sliceStepper';

/** A viewport stand-in: `show` settles when the test says so; frames run on `frame()`. */
function fakeHost() {
  const shown: number[] = [];
  const pending: (() => void)[] = [];
  let frameCallbacks: (() => void)[] = [];
  let current = 0;
  let flushes = 0;
  const host = {
    current: () => current,
    show: (index: number) => {
      current = index;
      shown.push(index);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    flush: () => void flushes++,
    nextFrame: (callback: () => void) => void frameCallbacks.push(callback),
  };
  return {
    host,
    shown,
    flushes: () => flushes,
    /** Settles every show in flight and lets the promise callbacks run. */
    async settle() {
      for (const resolve of pending.splice(0)) resolve();
      await Promise.resolve();
      await Promise.resolve();
    },
    frame() {
      const run = frameCallbacks;
      frameCallbacks = [];
      for (const callback of run) callback();
    },
  };
}

describe('SliceStepper', () => {
  it('shows a step at once and flushes the draw when it is set', async () => {
    const fake = fakeHost();
    const stepper = new SliceStepper(fake.host);
    stepper.go(1);
    expect(fake.shown).toEqual([1]);
    await fake.settle();
    expect(fake.flushes()).toBe(1);
    expect(stepper.wanted).toBe(1);
  });

  it('coalesces steps that arrive within one frame to the latest slice, shown next frame', async () => {
    const fake = fakeHost();
    const stepper = new SliceStepper(fake.host);
    stepper.go(1);
    await fake.settle();
    for (const index of [2, 3, 4, 5]) stepper.go(index);
    expect(stepper.wanted).toBe(5);
    expect(fake.shown).toEqual([1]);
    fake.frame();
    expect(fake.shown).toEqual([1, 5]);
    await fake.settle();
    expect(stepper.wanted).toBe(5);
  });

  it('while a slice is loading, keeps only the latest target and goes there after it', async () => {
    const fake = fakeHost();
    const stepper = new SliceStepper(fake.host);
    stepper.go(10);
    fake.frame(); // the load outlasts the frame
    stepper.go(11);
    stepper.go(12);
    expect(fake.shown).toEqual([10]);
    await fake.settle();
    expect(fake.shown).toEqual([10, 12]);
  });

  it('does nothing for the slice already shown', () => {
    const fake = fakeHost();
    new SliceStepper(fake.host).go(0);
    expect(fake.shown).toEqual([]);
  });
});
