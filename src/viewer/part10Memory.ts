/**
 * What the Part 10 loaders (`wadouri:` sample files, `dicomfile:` local files, `dicomweb:`) keep
 * of a file once its image is decoded. cornerstone's v5 loader reads each file into a
 * "naturalized" instance in its metadata cache (the header as keywords, plus the Pixel Data value
 * as a copy of the file's pixel bytes) and keeps it for the life of the page: neither the image
 * cache's eviction nor its purge releases it. Every image ever shown or prefetched thus held its
 * pixels twice, once decoded in the image cache (counted against its ceiling) and once as file
 * bytes (counted nowhere).
 *
 * This keeps the header and releases the rest:
 * - once a single-frame image is decoded, its instance's Pixel Data value is emptied (the decoded
 *   image is in the cache; nothing else reads the value);
 * - a later load of that image (after eviction, or a load that bypasses the cache) finds no pixel
 *   value, so the instance is forgotten first and the loader reads the file again;
 * - when the image cache evicts an image that no viewport shows, its instance is forgotten, so the
 *   headers of images long gone do not pile up either.
 * Multi-frame files keep their bytes: their other frames are cut from the same value.
 *
 * Pure apart from the dependencies it is given (src/viewer/init.ts wires cornerstone in), so the
 * rules are tested in Node: test/viewer/part10Memory.test.ts.
 */

/** The naturalized instance, as far as this file reads it (DICOM keywords). */
export interface NaturalInstance {
  PixelData?: unknown;
  NumberOfFrames?: unknown;
  [keyword: string]: unknown;
}

/** One image load as cornerstone's loaders return it. */
export interface LoadObject<Image> {
  promise: Promise<Image>;
  cancelFn?: (() => void) | undefined;
  decache?: (() => void) | undefined;
}

export type ImageLoader<Image> = (
  imageId: string,
  options?: Record<string, unknown>,
) => LoadObject<Image>;

export interface Part10MemoryDeps {
  /** The naturalized instance cornerstone keeps for the image, if any. */
  natural(imageId: string): NaturalInstance | undefined;
  /** Drops the instance (and what cornerstone derived from it) kept for `baseImageId`. */
  forget(baseImageId: string): void;
  /** Image ids some viewport shows now. */
  shown(): ReadonlySet<string>;
}

const PART10_SCHEMES: ReadonlySet<string> = new Set(['wadouri', 'dicomfile', 'dicomweb']);

/**
 * The image id the loader keys a file's instance by (scheme and URL, without `frame=`), or
 * undefined for ids that are not single images of a Part 10 file (another scheme, or a frame of a
 * multi-frame file).
 */
export function part10BaseId(imageId: string): string | undefined {
  const colon = imageId.indexOf(':');
  if (colon <= 0 || !PART10_SCHEMES.has(imageId.slice(0, colon))) return undefined;
  return /[?&]frame=/.test(imageId) ? undefined : imageId;
}

function byteCount(value: unknown): number {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + byteCount(v), 0);
  return 0;
}

function frameCount(natural: NaturalInstance): number {
  const raw = Array.isArray(natural.NumberOfFrames)
    ? (natural.NumberOfFrames as unknown[])[0]
    : natural.NumberOfFrames;
  const n = Number(raw ?? 1);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** Bytes of the instance's Pixel Data value (0 once released). */
export function pixelDataBytes(natural: NaturalInstance): number {
  return byteCount(natural.PixelData);
}

/** Whether the instance's Pixel Data value was released (an emptied frame list). */
export function pixelDataReleased(natural: NaturalInstance): boolean {
  return Array.isArray(natural.PixelData) && natural.PixelData.length === 0;
}

/**
 * Empties the Pixel Data value of a single-frame instance; returns the bytes released (0 when
 * the instance is left alone: multi-frame, or no value of one frame).
 */
export function releasePixelData(natural: NaturalInstance): number {
  const pixels = natural.PixelData;
  if (!Array.isArray(pixels) || pixels.length !== 1 || frameCount(natural) > 1) return 0;
  const bytes = pixelDataBytes(natural);
  natural.PixelData = [];
  return bytes;
}

export class Part10Memory {
  /** Loads in flight per base image id: the value is released only after the last one. */
  private readonly inFlight = new Map<string, number>();
  /** Bytes of Pixel Data values released so far (for the bench and tests). */
  released = 0;

  constructor(private readonly deps: Part10MemoryDeps) {}

  /** Wraps a Part 10 image loader so that decoded images release their file's pixel bytes. */
  wrap<Image>(load: ImageLoader<Image>): ImageLoader<Image> {
    return (imageId, options) => {
      const base = part10BaseId(imageId);
      if (base === undefined) return load(imageId, options);
      const kept = this.deps.natural(imageId);
      // Released before: read the file again rather than decode an empty value.
      if (kept && pixelDataReleased(kept) && !this.inFlight.has(base)) this.deps.forget(base);
      this.inFlight.set(base, (this.inFlight.get(base) ?? 0) + 1);
      const object = load(imageId, options);
      const settle = (): void => {
        const left = (this.inFlight.get(base) ?? 1) - 1;
        if (left > 0) {
          this.inFlight.set(base, left);
          return;
        }
        this.inFlight.delete(base);
        const natural = this.deps.natural(imageId);
        if (natural) this.released += releasePixelData(natural);
      };
      const promise = object.promise.then(
        (image) => {
          settle();
          return image;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
      return { ...object, promise };
    };
  }

  /** The image cache evicted `imageId`: forget its instance unless it is shown or loading. */
  evicted(imageId: string): void {
    const base = part10BaseId(imageId);
    if (base === undefined || this.inFlight.has(base) || this.deps.shown().has(imageId)) return;
    if (this.deps.natural(imageId) === undefined) return;
    this.deps.forget(base);
  }
}
