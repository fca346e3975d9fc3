/**
 * Draws a rendering engine's pending viewports now instead of at its next animation frame.
 *
 * cornerstone's RenderingEngine queues every render() to a requestAnimationFrame callback. A step
 * made in a key handler is then drawn inside the following frame's callbacks, after any callback
 * registered earlier in that frame, and reaches the screen a frame later than a page that draws
 * in the handler. The engine's implementation has the flush itself (`_renderFlaggedViewports`,
 * the rAF callback). Its queued frame is cancelled first: the flush forgets the frame's handle,
 * and a frame left queued would run on an engine destroyed meanwhile and throw. None of this is
 * public API, so it is looked up defensively and, when missing, the draw stays on the engine's
 * own frame.
 */
import type { RenderingEngine } from '@cornerstonejs/core';

interface EngineInternals {
  _implementation?: {
    _renderFlaggedViewports?: () => void;
    _animationFrameHandle?: number | null;
  };
}

export function renderNow(engine: RenderingEngine | undefined): void {
  const implementation = (engine as unknown as EngineInternals | undefined)?._implementation;
  if (typeof implementation?._renderFlaggedViewports !== 'function') return;
  const frame = implementation._animationFrameHandle;
  if (typeof frame === 'number') cancelAnimationFrame(frame);
  implementation._renderFlaggedViewports();
}
