/**
 * Which backend draws stack viewports. Where Chromium has no GPU (headless CI, virtual desktops,
 * thin clients) it runs WebGL on the CPU (SwiftShader, llvmpipe); cornerstone's canvas-2D path
 * (`setUseCPURendering`) then draws the same pixels with far less work per frame. With a real
 * GPU, WebGL. A setting forces either: the URL parameter `render=cpu|gpu|auto`, else the option
 * stored in this browser under RENDERING_KEY.
 */

export type RenderingPath = 'cpu' | 'gpu';
export type RenderingSetting = RenderingPath | 'auto';

/** localStorage key of the stored option. */
export const RENDERING_KEY = 'dream-rendering';

export interface WebGlProbe {
  /** A WebGL context can be made at all. */
  webgl: boolean;
  /** The renderer string names a software rasterizer (cornerstone's own detection). */
  softwareRasterizer: boolean;
  /** The browser refuses a context with `failIfMajorPerformanceCaveat` (no GPU behind it). */
  majorPerformanceCaveat: boolean;
}

const parse = (value: string | null | undefined): RenderingSetting | undefined =>
  value === 'cpu' || value === 'gpu' || value === 'auto' ? value : undefined;

/** The setting from a URL query string and the stored option; the URL wins; default auto. */
export function renderingSetting(search: string, stored: string | null | undefined) {
  return parse(new URLSearchParams(search).get('render')) ?? parse(stored) ?? 'auto';
}

/**
 * CPU without WebGL, on a software rasterizer or where the browser reports a major performance
 * caveat; WebGL with a GPU. A `cpu` or `gpu` setting forces its path (WebGL only where it exists).
 */
export function chooseRenderingPath(setting: RenderingSetting, probe: WebGlProbe): RenderingPath {
  if (!probe.webgl || setting === 'cpu') return 'cpu';
  if (setting === 'gpu') return 'gpu';
  return probe.softwareRasterizer || probe.majorPerformanceCaveat ? 'cpu' : 'gpu';
}

/** Asks the browser for a WebGL context that fails on a major performance caveat. */
export function hasMajorPerformanceCaveat(): boolean {
  const canvas = document.createElement('canvas');
  const gl =
    canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true }) ??
    canvas.getContext('webgl', { failIfMajorPerformanceCaveat: true });
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return gl === null;
}

/** The setting of this page: URL parameter, else the stored option (storage may be blocked). */
export function pageRenderingSetting(): RenderingSetting {
  let stored: string | null;
  try {
    stored = window.localStorage.getItem(RENDERING_KEY);
  } catch {
    stored = null;
  }
  return renderingSetting(window.location.search, stored);
}

/** Stores the option for the next page loads (`auto` clears it). */
export function storeRenderingSetting(setting: RenderingSetting): void {
  if (setting === 'auto') window.localStorage.removeItem(RENDERING_KEY);
  else window.localStorage.setItem(RENDERING_KEY, setting);
}
