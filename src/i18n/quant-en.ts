/** English UI text of the quant screens (kept apart so that those screens own their strings). */
export const quantEn = {
  title: 'quant',
  /** The role of an ADC map the viewer fits from DWI. */
  adcComputed: 'ADC (computed)',
  /** Beside a computed map's role in the overlay: the b-values (s/mm²) of the fit. */
  adcFrom: 'b={{b}}',
  /** Series tree: a computed map's role cannot be changed. */
  adcComputedHint: 'Computed in the viewer from the DWI series: shown when the exam has no ADC map',
} as const;
