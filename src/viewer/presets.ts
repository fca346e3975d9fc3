/**
 * Window/level presets (pure). CT presets are fixed in HU; the MR preset is computed from the
 * shown series' pixel range, because MR signal has no absolute scale.
 */

export interface VoiRange {
  lower: number;
  upper: number;
}

export type PresetId = 'ct-abdomen' | 'ct-liver' | 'auto';

/** Width/centre in HU. Liver narrow window: lesions differ from parenchyma by only 20-40 HU. */
export const CT_PRESETS: Record<Exclude<PresetId, 'auto'>, { width: number; center: number }> = {
  'ct-abdomen': { width: 400, center: 40 },
  'ct-liver': { width: 150, center: 88 },
};

/** Key 1/2/3 -> preset. */
export const PRESET_KEYS: Record<string, PresetId> = {
  '1': 'ct-abdomen',
  '2': 'ct-liver',
  '3': 'auto',
};

export function voiFromWindow(width: number, center: number): VoiRange {
  return { lower: center - width / 2, upper: center + width / 2 };
}

export function windowFromVoi(range: VoiRange): { width: number; center: number } {
  return { width: range.upper - range.lower, center: (range.upper + range.lower) / 2 };
}

/**
 * The VOI range of a preset; `auto` spans the given pixel range (min..max of the series),
 * falling back to one unit when the range is flat so the image is never divided by zero.
 */
export function presetRange(preset: PresetId, pixelRange: VoiRange): VoiRange {
  if (preset === 'auto') {
    const upper = pixelRange.upper > pixelRange.lower ? pixelRange.upper : pixelRange.lower + 1;
    return { lower: pixelRange.lower, upper };
  }
  const { width, center } = CT_PRESETS[preset];
  return voiFromWindow(width, center);
}
