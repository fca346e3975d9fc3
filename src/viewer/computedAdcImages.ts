/**
 * Computed ADC maps as cornerstone images. The catalogue names them
 * `adc-computed:<source key>:<slice>` (src/dicom/computedAdc.ts); this module registers
 *
 * - an image loader for that scheme: on the first slice asked for, it loads the DWI stacks through
 *   cornerstone (decoded, rescaled pixel data), fits the whole map in the worker
 *   (computedAdc.ts: computeAdcMap) and serves each slice as a Float32 image in 10^-3 mm²/s;
 * - a metadata provider for the same ids, answering from the catalogue's DWI headers (available
 *   before any pixel is loaded): imagePlaneModule (position, orientation, spacing of the DWI
 *   slice), imagePixelModule (32-bit float, MONOCHROME2), generalSeriesModule (MR), and the
 *   modality LUT, VOI, SOP and image modules.
 *
 * Both find the recipe of a source key through the lookup the composition root gives
 * `registerComputedAdcImages` (the computed series of the catalogue carry it).
 */

/** The recipe behind a computed ADC source key, or undefined when no catalogued series has it. */
export type ComputedAdcRecipes = (key: string) => ComputedAdcSource | undefined;
import { Enums, imageLoader, metaData, utilities, type Types } from '@cornerstonejs/core';
import {
  COMPUTED_ADC_SCHEME,
  parseComputedAdcImageId,
  type ComputedAdcSource,
} from '../dicom/computedAdc';
import type { InstanceHeader } from '../dicom/header';
import type { BValueStack } from '../domain/adc';
import { estimateNoiseFloor } from './adcNoise';
import { computeAdcMap, type ComputedAdc } from './computedAdc';

/** Display window in 10^-3 mm²/s: 0 to 3 spans restricted lesions, liver and most fluid. */
const WINDOW = { center: 1.5, width: 3 };
/** Maps kept in memory (the images themselves live in cornerstone's cache). */
const MAPS_KEPT = 4;

/** One computation, for the timing note and tests. */
export interface ComputedAdcRun {
  key: string;
  bValues: number[];
  noiseFloor: number;
  masked: number;
  /** fitAdc inside the worker. */
  workerMs: number;
  /** Loading the DWI stacks, the fit and the transfers. */
  totalMs: number;
}

const runs: ComputedAdcRun[] = [];
const maps = new Map<string, Promise<ComputedAdc>>();

/** Computations done in this page so far, oldest first. */
export function computedAdcRuns(): readonly ComputedAdcRun[] {
  return runs;
}

interface LoadedStacks {
  width: number;
  height: number;
  slices: number;
  stacks: (BValueStack & { pixels: Float32Array })[];
}

/** Decoded real signal (rescale applied) of each b-value's images, slice after slice. */
async function loadStacks(source: ComputedAdcSource): Promise<LoadedStacks> {
  const first = source.slices[0];
  const width = first?.columns ?? 0;
  const height = first?.rows ?? 0;
  const slices = source.slices.length;
  const plane = width * height;
  const stacks = await Promise.all(
    source.stacks.map(async ({ bValue, imageIds }) => {
      const pixels = new Float32Array(plane * slices);
      const images = await Promise.all(imageIds.map((id) => imageLoader.loadAndCacheImage(id)));
      images.forEach((image, z) => {
        const data = image.getPixelData();
        if (image.columns !== width || image.rows !== height || data.length < plane) {
          throw new Error(`DWI b=${bValue} slice ${z + 1} is not ${width}x${height}`);
        }
        // The loader usually rescales already (preScale); otherwise apply slope and intercept.
        const scaled = image.preScale?.scaled === true;
        const slope = scaled ? 1 : image.slope;
        const intercept = scaled ? 0 : image.intercept;
        const base = z * plane;
        for (let i = 0; i < plane; i++) pixels[base + i] = data[i]! * slope + intercept;
      });
      return { bValue, pixels };
    }),
  );
  return { width, height, slices, stacks };
}

async function compute(source: ComputedAdcSource): Promise<ComputedAdc> {
  const start = performance.now();
  const input = await loadStacks(source);
  const noiseFloor = Number(
    estimateNoiseFloor(input.stacks, input.width, input.height, input.slices).toPrecision(6),
  );
  const result = await computeAdcMap({
    ...input,
    seriesInstanceUid: source.key,
    options: { bValues: source.bValues, noiseFloor },
    transfer: true,
  });
  runs.push({
    key: source.key,
    bValues: result.map.bValues,
    noiseFloor,
    masked: result.map.masked,
    workerMs: result.workerMs,
    totalMs: performance.now() - start,
  });
  return result;
}

/** The map of a source: computed once, shared by every slice's load. */
function mapOf(source: ComputedAdcSource): Promise<ComputedAdc> {
  let promise = maps.get(source.key);
  if (promise === undefined) {
    promise = compute(source);
    maps.set(source.key, promise);
    promise.catch(() => maps.delete(source.key));
    while (maps.size > MAPS_KEPT) {
      const oldest = maps.keys().next().value;
      if (oldest === undefined) break;
      maps.delete(oldest);
    }
  }
  return promise;
}

function sourceOf(
  recipes: ComputedAdcRecipes,
  imageId: string,
): { source: ComputedAdcSource; slice: number } | undefined {
  const parsed = parseComputedAdcImageId(imageId);
  const source = parsed && recipes(parsed.key);
  if (!parsed || !source || parsed.slice >= source.slices.length) return undefined;
  return { source, slice: parsed.slice };
}

function spacingOf(header: InstanceHeader): [number, number] {
  const [row, column] = header.pixelSpacing ?? [1, 1];
  return [row, column];
}

/** A cornerstone image of one slice of the map (its own copy of the Float32 values). */
function imageOf(imageId: string, header: InstanceHeader, pixels: Float32Array): Types.IImage {
  const width = header.columns;
  const height = header.rows;
  const [rowSpacing, columnSpacing] = spacingOf(header);
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    width,
    height,
    numberOfComponents: 1,
    scalarData: pixels,
    id: imageId,
  });
  let min = Infinity;
  let max = -Infinity;
  for (const value of pixels) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const image: Omit<Types.IImage, 'getCanvas'> = {
    imageId,
    minPixelValue: Number.isFinite(min) ? min : 0,
    maxPixelValue: Number.isFinite(max) ? max : 0,
    slope: 1,
    intercept: 0,
    windowCenter: WINDOW.center,
    windowWidth: WINDOW.width,
    voiLUTFunction: Enums.VOILUTFunctionType.LINEAR,
    getPixelData: () => voxelManager.getScalarData(),
    rows: height,
    columns: width,
    height,
    width,
    color: false,
    rgba: false,
    numberOfComponents: 1,
    columnPixelSpacing: columnSpacing,
    rowPixelSpacing: rowSpacing,
    ...(header.sliceThickness !== undefined && { sliceThickness: header.sliceThickness }),
    invert: false,
    photometricInterpretation: 'MONOCHROME2',
    sizeInBytes: pixels.byteLength,
    FrameOfReferenceUID: header.frameOfReferenceUid,
    dataType: 'Float32Array',
    voxelManager,
  };
  // cornerstone only calls getCanvas on colour images (cpu fallback); a grey map has none.
  return image as Types.IImage;
}

function loadComputedAdcImage(
  recipes: ComputedAdcRecipes,
  imageId: string,
): Types.IImageLoadObject {
  const promise = (async () => {
    const found = sourceOf(recipes, imageId);
    if (!found) throw new Error(`no computed ADC map for ${imageId}`);
    const { source, slice } = found;
    const { map } = await mapOf(source);
    const plane = map.width * map.height;
    const pixels = map.adc.slice(slice * plane, (slice + 1) * plane);
    return imageOf(imageId, source.slices[slice] as InstanceHeader, pixels);
  })();
  return { promise };
}

/** Metadata of computed ADC images, from the DWI slice headers the catalogue recorded. */
function metadataOf(recipes: ComputedAdcRecipes, type: string, imageId: string): unknown {
  if (!imageId.startsWith(`${COMPUTED_ADC_SCHEME}:`)) return undefined;
  const found = sourceOf(recipes, imageId);
  if (!found) return undefined;
  const { source, slice } = found;
  const header = source.slices[slice] as InstanceHeader;
  const [rowSpacing, columnSpacing] = spacingOf(header);
  const iop = header.imageOrientationPatient ?? [1, 0, 0, 0, 1, 0];
  switch (type) {
    case 'imagePlaneModule':
      return {
        frameOfReferenceUID: header.frameOfReferenceUid,
        rows: header.rows,
        columns: header.columns,
        imageOrientationPatient: [...iop],
        rowCosines: iop.slice(0, 3),
        columnCosines: iop.slice(3, 6),
        imagePositionPatient: [...(header.imagePositionPatient ?? [0, 0, 0])],
        pixelSpacing: [rowSpacing, columnSpacing],
        rowPixelSpacing: rowSpacing,
        columnPixelSpacing: columnSpacing,
        sliceThickness: header.sliceThickness,
      };
    case 'imagePixelModule':
      return {
        samplesPerPixel: 1,
        photometricInterpretation: 'MONOCHROME2',
        rows: header.rows,
        columns: header.columns,
        bitsAllocated: 32,
        bitsStored: 32,
        highBit: 31,
        pixelRepresentation: 1,
      };
    case 'generalSeriesModule':
      return {
        modality: 'MR',
        seriesInstanceUID: source.dwiSeriesInstanceUid,
        seriesNumber: header.seriesNumber,
        seriesDescription: `ADC (computed) b=${source.bValues.join(',')}`,
        studyInstanceUID: header.studyInstanceUid,
      };
    case 'generalStudyModule':
      return { studyInstanceUID: header.studyInstanceUid, studyDate: header.studyDate };
    case 'generalImageModule':
      return { instanceNumber: slice + 1, imageType: ['DERIVED', 'SECONDARY', 'DIFFUSION', 'ADC'] };
    case 'modalityLutModule':
      return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: '' };
    case 'voiLutModule':
      return { windowCenter: [WINDOW.center], windowWidth: [WINDOW.width] };
    case 'sopCommonModule':
      return { sopClassUID: header.sopClassUid, sopInstanceUID: header.sopInstanceUid };
    default:
      return undefined;
  }
}

let registered = false;

/**
 * Registers the loader and metadata provider once (called by initCornerstone), finding each
 * map's recipe with `recipes`.
 */
export function registerComputedAdcImages(recipes: ComputedAdcRecipes): void {
  if (registered) return;
  registered = true;
  imageLoader.registerImageLoader(COMPUTED_ADC_SCHEME, (imageId) =>
    loadComputedAdcImage(recipes, imageId),
  );
  // Above the DICOM providers: these ids are ours alone.
  metaData.addProvider(
    (type: string, imageId: string) => metadataOf(recipes, type, imageId),
    10000,
  );
}
