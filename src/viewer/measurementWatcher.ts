/**
 * Turns cornerstone annotation events into a list of measurements with values in real units.
 * Stats are recomputed on the render after a drag and announced by ANNOTATION_MODIFIED, so the
 * list is rebuilt on the next animation frame after any annotation event (never read stale).
 */
import { cache, eventTarget } from '@cornerstonejs/core';
import { annotation as annotationApi, Enums as ToolEnums } from '@cornerstonejs/tools';
import {
  MEASUREMENT_TOOLS,
  measurementValues,
  type Measurement,
  type MeasurementPlane,
  type MeasurementTool,
  type ValueKind,
} from './measurements';

export type MeasurementListener = (measurements: Measurement[]) => void;
/** The viewport showing an image, how its values read and (ADC maps) the factor to 10^-3 mm²/s. */
type KindOf = (
  imageId: string,
) => { viewportId: string; kind: ValueKind; adcFactor?: number } | undefined;

// ADDED too: a drawing restored from the browser (./readingAnnotations.ts) is only added.
const EVENTS = [
  ToolEnums.Events.ANNOTATION_ADDED,
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
];

const isTool = (name: unknown): name is MeasurementTool =>
  (MEASUREMENT_TOOLS as readonly unknown[]).includes(name);

/**
 * cornerstone 5.14's Probe reads a stack image's one-slice voxel manager at k = the stack index,
 * so off the first slice its value is undefined. The pixel is read here from the cached image
 * instead (modality units: the loader pre-scales by the rescale slope/intercept).
 */
function withProbeValue(stats: Record<string, unknown>, imageId: string): Record<string, unknown> {
  if (typeof stats.value === 'number' || !Array.isArray(stats.index)) return stats;
  const [i, j] = stats.index as number[];
  const image = cache.getImage(imageId);
  if (!image || i === undefined || j === undefined) return stats;
  const raw = image.getPixelData()[j * image.columns + i];
  if (raw === undefined) return stats;
  const scaled = image.preScale?.scaled === true;
  const value = scaled ? raw : raw * image.slope + image.intercept;
  return { ...stats, value };
}

type Triple = readonly [number, number, number];

/** The annotation's handle points (world mm), skipping anything malformed. */
function pointsOf(data: unknown): Triple[] {
  const points = (data as { handles?: { points?: unknown } }).handles?.points;
  if (!Array.isArray(points)) return [];
  return points.filter(
    (p): p is Triple =>
      Array.isArray(p) && p.length >= 3 && p.slice(0, 3).every((v) => Number.isFinite(v)),
  );
}

const triple = (value: unknown): Triple | undefined =>
  Array.isArray(value) && value.length === 3 && value.every((v) => Number.isFinite(v))
    ? (value as unknown as Triple)
    : undefined;

/** The annotation's frame of reference and plane (undefined without a frame of reference). */
function planeOf(metadata: Record<string, unknown>): MeasurementPlane | undefined {
  const frame = metadata.FrameOfReferenceUID;
  if (typeof frame !== 'string' || !frame) return undefined;
  const viewPlaneNormal = triple(metadata.viewPlaneNormal);
  const viewUp = triple(metadata.viewUp);
  return {
    frameOfReferenceUid: frame,
    ...(viewPlaneNormal && { viewPlaneNormal }),
    ...(viewUp && { viewUp }),
  };
}

/** The pixel count of an ROI from cornerstone's statistics array (its 'count' entry). */
function countOf(stats: Record<string, unknown>): number | undefined {
  const array = stats.statsArray;
  if (!Array.isArray(array)) return undefined;
  const entry = array.find(
    (s): s is { value: unknown } =>
      typeof s === 'object' && s !== null && (s as { name?: unknown }).name === 'count',
  );
  return typeof entry?.value === 'number' && entry.value > 0 ? entry.value : undefined;
}

export class MeasurementWatcher {
  private frame: number | undefined;
  private readonly schedule = () => {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.listener(this.collect());
    });
  };

  constructor(
    private readonly listener: MeasurementListener,
    private readonly kindOf: KindOf,
  ) {}

  start(): void {
    for (const name of EVENTS) eventTarget.addEventListener(name, this.schedule);
  }

  stop(): void {
    for (const name of EVENTS) eventTarget.removeEventListener(name, this.schedule);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /** Annotations on images this session shows, in the order they were made. */
  collect(): Measurement[] {
    const out: Measurement[] = [];
    for (const item of annotationApi.state.getAllAnnotations()) {
      const tool = item.metadata?.toolName;
      const imageId = item.metadata?.referencedImageId;
      if (!isTool(tool) || !imageId || !item.annotationUID) continue;
      const owner = this.kindOf(imageId);
      if (!owner) continue;
      const cached = (item.data as { cachedStats?: Record<string, Record<string, unknown>> })
        .cachedStats;
      const found = cached?.[`imageId:${imageId}`] ?? Object.values(cached ?? {})[0] ?? {};
      const stats = tool === 'Probe' ? withProbeValue(found, imageId) : found;
      const pixelCount = countOf(stats);
      const plane = planeOf(item.metadata as unknown as Record<string, unknown>);
      out.push({
        uid: item.annotationUID,
        tool,
        viewportId: owner.viewportId,
        imageId,
        points: pointsOf(item.data),
        ...(pixelCount !== undefined && { pixelCount }),
        ...(plane && { plane }),
        values: measurementValues(tool, stats, owner.kind, owner.adcFactor),
      });
    }
    return out;
  }
}
