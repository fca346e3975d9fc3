/**
 * A grid of stack viewports, owned outside React. `show` is idempotent per call generation: a
 * newer `show` or a `dispose` cancels the loads of an older one, so React StrictMode's
 * mount -> unmount -> mount never leaves a blank or half-destroyed viewport behind.
 */
import { RenderingEngine, Enums, imageLoader, type Types } from '@cornerstonejs/core';
import {
  ToolGroupManager,
  WindowLevelTool,
  PanTool,
  ZoomTool,
  StackScrollTool,
  Enums as ToolEnums,
} from '@cornerstonejs/tools';
import { initCornerstone } from './init';

export interface StackSpec {
  viewportId: string;
  element: HTMLDivElement;
  imageIds: readonly string[];
}

export type ViewportStatus =
  | { state: 'loading' }
  | { state: 'ready'; index: number; count: number }
  | { state: 'error'; message: string };

export type StatusListener = (viewportId: string, status: ViewportStatus) => void;

let engineCounter = 0;

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'error' in error) {
    return errorMessage(error.error);
  }
  return typeof error === 'string' ? error : 'the image could not be loaded';
}

export class StackGrid {
  private engine: RenderingEngine | undefined;
  private toolGroupId: string | undefined;
  private generation = 0;

  constructor(private readonly onStatus: StatusListener) {}

  /** Replaces whatever the grid showed by these stacks, each opened at its middle slice. */
  async show(specs: readonly StackSpec[]): Promise<void> {
    const generation = ++this.generation;
    this.teardown();
    await initCornerstone();
    if (generation !== this.generation) return;

    const engineId = `dream-engine-${++engineCounter}`;
    const engine = new RenderingEngine(engineId);
    this.engine = engine;
    engine.setViewports(
      specs.map((spec) => ({
        viewportId: spec.viewportId,
        type: Enums.ViewportType.STACK,
        element: spec.element,
        defaultOptions: { background: [0, 0, 0] as Types.Point3 },
      })),
    );
    this.toolGroupId = `${engineId}-tools`;
    const toolGroup = ToolGroupManager.createToolGroup(this.toolGroupId);
    if (toolGroup) {
      const { MouseBindings } = ToolEnums;
      const bindings: [{ toolName: unknown }, ToolEnums.MouseBindings][] = [
        [WindowLevelTool, MouseBindings.Primary],
        [PanTool, MouseBindings.Auxiliary],
        [ZoomTool, MouseBindings.Secondary],
        [StackScrollTool, MouseBindings.Wheel],
      ];
      for (const [tool, mouseButton] of bindings) {
        // cornerstone types the static toolName as any.
        const name = String(tool.toolName);
        toolGroup.addTool(name);
        toolGroup.setToolActive(name, { bindings: [{ mouseButton }] });
      }
      for (const spec of specs) toolGroup.addViewport(spec.viewportId, engineId);
    }
    await Promise.all(specs.map((spec) => this.load(spec, engine, generation)));
  }

  private async load(spec: StackSpec, engine: RenderingEngine, generation: number): Promise<void> {
    const stale = () => generation !== this.generation;
    this.onStatus(spec.viewportId, { state: 'loading' });
    if (spec.imageIds.length === 0) {
      this.onStatus(spec.viewportId, { state: 'error', message: 'no images' });
      return;
    }
    const index = Math.floor(spec.imageIds.length / 2);
    const first = spec.imageIds[index] ?? '';
    try {
      // setStack resolves even when the image fails; loadAndCacheImage rejects, so load first.
      await imageLoader.loadAndCacheImage(first);
      if (stale()) return;
      const viewport = engine.getViewport<Types.IStackViewport>(spec.viewportId);
      if (!viewport) return;
      await viewport.setStack([...spec.imageIds], index);
      if (stale()) return;
      viewport.render();
      this.onStatus(spec.viewportId, { state: 'ready', index, count: spec.imageIds.length });
    } catch (error) {
      if (!stale())
        this.onStatus(spec.viewportId, { state: 'error', message: errorMessage(error) });
    }
  }

  private teardown(): void {
    if (this.toolGroupId) ToolGroupManager.destroyToolGroup(this.toolGroupId);
    this.toolGroupId = undefined;
    this.engine?.destroy();
    this.engine = undefined;
  }

  /** Cancels pending loads and releases the rendering engine and tools. Safe to call twice. */
  dispose(): void {
    this.generation++;
    this.teardown();
  }
}
