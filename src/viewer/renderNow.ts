/**
 * Draws a rendering engine's pending viewports now instead of at its next animation frame.
 *
 * cornerstone's RenderingEngine queues every render() to a requestAnimationFrame callback. A step
 * made in a key handler is then drawn inside the following frame's callbacks, after any callback
 * registered earlier in that frame, and reaches the screen a frame later than a page that draws
 * in the handler. The engine's implementation has the flush itself (`_renderFlaggedViewports`,
 * the rAF callback, which clears the pending set, so the queued frame then finds nothing to do);
 * it is not public API, so it is looked up defensively and, when missing, the draw stays on the
 * engine's own frame.
 */
import type { RenderingEngine } from '@cornerstonejs/core';

interface EngineInternals {
  _implementation?: { _renderFlaggedViewports?: () => void };
}

export function renderNow(engine: RenderingEngine | undefined): void {
  const flush = (engine as unknown as EngineInternals | undefined)?._implementation
    ?._renderFlaggedViewports;
  if (typeof flush === 'function') flush();
}
