import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computedAdcImageId } from '../../src/dicom/computedAdc';
import { FirstImages, isDerivedSeries } from '../../src/viewer/firstImages';

/** Whether `promise` has resolved once every timer and microtask due has run. */
async function resolvedNow(promise: Promise<void>): Promise<boolean> {
  let resolved = false;
  void promise.then(() => (resolved = true));
  await vi.runAllTimersAsync();
  return resolved;
}

describe('isDerivedSeries', () => {
  it('tells computed ADC maps from fetched images', () => {
    expect(isDerivedSeries([computedAdcImageId('1.2.3:b500-800', 0)])).toBe(true);
    expect(isDerivedSeries(['wadors:http://pacs/studies/1/series/2/instances/3/frames/1'])).toBe(
      false,
    );
    expect(isDerivedSeries(['wadouri:/sample/ct/1.dcm'])).toBe(false);
    expect(isDerivedSeries([])).toBe(false);
  });
});

describe('FirstImages', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets work start at once when no grid waits for a first image', async () => {
    expect(await resolvedNow(new FirstImages().shown())).toBe(true);
  });

  it('holds work until every waiting session has shown its first images', async () => {
    const first = new FirstImages();
    const a = {};
    const b = {};
    first.set(a, true);
    first.set(b, true);
    const waiting = first.shown();
    expect(await resolvedNow(waiting)).toBe(false);
    first.set(a, false);
    expect(await resolvedNow(waiting)).toBe(false);
    first.set(b, false);
    expect(await resolvedNow(waiting)).toBe(true);
  });

  it('holds work asked for just before a grid in the same task says it waits', async () => {
    const first = new FirstImages();
    const session = {};
    const thumbnail = first.shown();
    first.set(session, true);
    expect(await resolvedNow(thumbnail)).toBe(false);
    first.set(session, false);
    expect(await resolvedNow(thumbnail)).toBe(true);
  });

  it('lets a session report twice, and release only what it held', async () => {
    const first = new FirstImages();
    const session = {};
    first.set(session, true);
    first.set(session, true);
    first.set(session, false);
    expect(await resolvedNow(first.shown())).toBe(true);
    first.set({}, false);
    expect(await resolvedNow(first.shown())).toBe(true);
  });
});
