/**
 * The precision a measurement is kept and exported at. A length from the viewer is a float of
 * pixel geometry (17.384826660156257 mm); a reader reads it to a tenth of a millimetre at most,
 * so a value of the read is rounded where the measurement becomes a read command
 * (src/store/reads/measurementLink.ts) and written rounded to it in the CSV and SDTM
 * tables. The read's commands themselves do not round: an older read holding more digits
 * replays and verifies as it was signed (its hash covers the digits it has).
 *
 * - Diameters: 0.01 mm, what cornerstone's Length shows on the image (the lists show 0.1 mm).
 * - ADC mean and SD: 0.001 x 10^-3 mm²/s (1 µm²/s; the lists show 0.01).
 */

/** Decimal places of a diameter in mm. */
export const DIAMETER_DECIMALS = 2;
/** Decimal places of an ADC mean or SD in 10^-3 mm²/s. */
export const ADC_DECIMALS = 3;

/** `value` rounded to `decimals` places, as the shortest number that prints so (17.38). */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  // -0 prints as 0 in JSON; keep it 0 everywhere.
  return rounded === 0 ? 0 : rounded;
}

export const roundDiameterMm = (mm: number): number => roundTo(mm, DIAMETER_DECIMALS);
export const roundAdc = (value: number): number => roundTo(value, ADC_DECIMALS);
