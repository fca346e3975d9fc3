import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RenderingEngine } from '@cornerstonejs/core';
import { renderNow } from '../../src/viewer/renderNow';

/** The engine's internals as cornerstone 5 has them: a flush and the queued frame's handle. */
function fakeEngine(handle: number | null) {
  const implementation = {
    _animationFrameHandle: handle,
    flushed: 0,
    _renderFlaggedViewports() {
      this.flushed++;
      this._animationFrameHandle = null;
    },
  };
  return {
    engine: { _implementation: implementation } as unknown as RenderingEngine,
    implementation,
  };
}

describe('renderNow', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('cancels the queued frame, then draws now', () => {
    const cancel = vi.fn();
    vi.stubGlobal('cancelAnimationFrame', cancel);
    const { engine, implementation } = fakeEngine(42);
    renderNow(engine);
    expect(cancel).toHaveBeenCalledWith(42);
    expect(implementation.flushed).toBe(1);
  });

  it('draws with no frame queued, and leaves engines without the flush alone', () => {
    const cancel = vi.fn();
    vi.stubGlobal('cancelAnimationFrame', cancel);
    const { engine, implementation } = fakeEngine(null);
    renderNow(engine);
    expect(cancel).not.toHaveBeenCalled();
    expect(implementation.flushed).toBe(1);
    expect(() => renderNow({} as RenderingEngine)).not.toThrow();
    expect(() => renderNow(undefined)).not.toThrow();
  });
});
