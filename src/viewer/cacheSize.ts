/**
 * The image cache's ceiling: cornerstone's default (3 GB) is more than a browser tab should hold.
 * An eighth of the device memory the browser reports (Chrome caps it at 8 GB), at most 1 GB: two
 * patients' full CT + MR at 1 GB, the images shown at 512 MB.
 */
export function imageCacheBytes(deviceMemoryGb: number | undefined): number {
  const gb = deviceMemoryGb && deviceMemoryGb > 0 ? deviceMemoryGb : 4;
  return Math.min(1024, gb * 128) * 1024 * 1024;
}
