/**
 * One-time cornerstone3D initialisation, outside React. Every caller awaits the same promise, so
 * StrictMode's double effects and several viewports never initialise twice.
 */
import {
  cache,
  init as coreInit,
  eventTarget,
  Enums,
  getRenderingCapabilities,
  getShouldUseCPURendering,
  setUseCPURendering,
} from '@cornerstonejs/core';
import { init as dicomImageLoaderInit } from '@cornerstonejs/dicom-image-loader';
import {
  init as toolsInit,
  addTool,
  WindowLevelTool,
  PanTool,
  ZoomTool,
  StackScrollTool,
  LengthTool,
  BidirectionalTool,
  EllipticalROITool,
  ProbeTool,
} from '@cornerstonejs/tools';
import { imageCacheBytes } from './cacheSize';
import { registerComputedAdcImages, type ComputedAdcRecipes } from './computedAdcImages';
import { LesionMarkTool } from './lesionMarkTool';
import { installDecodeTransfer } from './decodeTransfer';
import { installPart10Memory } from './part10Loaders';
import {
  chooseRenderingPath,
  hasMajorPerformanceCaveat,
  pageRenderingSetting,
  type RenderingPath,
} from './renderingPath';

export interface ImageLoadFailure {
  imageId: string;
  message: string;
}

let initialised: Promise<void> | undefined;
const failureListeners = new Set<(failure: ImageLoadFailure) => void>();

function describeError(detail: unknown): string {
  if (detail && typeof detail === 'object' && 'error' in detail) {
    const error = detail.error;
    if (error instanceof Error) return error.message;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && 'message' in error) {
      return String(error.message);
    }
  }
  return 'the image could not be loaded';
}

/** Stack viewports on the CPU where WebGL runs in software (src/viewer/renderingPath.ts). */
function chooseRendering(): void {
  if (typeof document === 'undefined') return;
  const { webgl, softwareRasterizer } = getRenderingCapabilities();
  const path = chooseRenderingPath(pageRenderingSetting(), {
    webgl,
    softwareRasterizer,
    majorPerformanceCaveat: webgl && !softwareRasterizer && hasMajorPerformanceCaveat(),
  });
  setUseCPURendering(path === 'cpu');
}

/** The backend stack viewports are drawn with (after initCornerstone). */
export function renderingPath(): RenderingPath {
  return getShouldUseCPURendering() ? 'cpu' : 'gpu';
}

function initialise(recipes: ComputedAdcRecipes): void {
  coreInit();
  chooseRendering();
  const device = typeof navigator === 'undefined' ? undefined : navigator;
  cache.setMaxCacheSize(
    imageCacheBytes((device as { deviceMemory?: number } | undefined)?.deviceMemory),
  );
  // One decode worker per two cores, at least one (the machines here have 2 cores).
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  dicomImageLoaderInit({ maxWebWorkers: Math.max(1, Math.floor(cores / 2)) });
  // Decoded Part 10 images keep their file's header, not its pixel bytes (src/viewer/part10Memory.ts).
  installPart10Memory();
  // WADO-RS frames go to the decode worker without a copy (src/viewer/decodeTransfer.ts).
  installDecodeTransfer();
  // `adc-computed:` images: ADC maps fitted in the browser from DWI.
  registerComputedAdcImages(recipes);
  toolsInit();
  const tools = [
    WindowLevelTool,
    PanTool,
    ZoomTool,
    StackScrollTool,
    LengthTool,
    BidirectionalTool,
    EllipticalROITool,
    ProbeTool,
    LesionMarkTool,
  ];
  for (const tool of tools) addTool(tool);
  // setStack resolves even when an image fails (docs/stack.md §2): failures only surface here.
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, (event: Event) => {
    const detail = (event as CustomEvent<{ imageId?: string }>).detail;
    const failure = { imageId: detail.imageId ?? '', message: describeError(detail) };
    for (const listener of failureListeners) listener(failure);
  });
}

/** Where computed ADC maps find their recipe until the composition root gives its lookup. */
const NO_RECIPES: ComputedAdcRecipes = () => undefined;

/**
 * Initialises cornerstone core, the DICOM image loader (workers, WASM codecs) and tools once.
 * The composition root (src/boot.tsx) calls it first, with the lookup of computed ADC recipes
 * over the catalogue; later calls share that initialisation and ignore their argument.
 */
export function initCornerstone(recipes: ComputedAdcRecipes = NO_RECIPES): Promise<void> {
  initialised ??= Promise.resolve().then(() => {
    initialise(recipes);
    performance.mark('dream:cornerstone-ready');
  });
  return initialised;
}

/** Subscribes to image load failures; returns the unsubscribe function. */
export function onImageLoadFailure(listener: (failure: ImageLoadFailure) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}
