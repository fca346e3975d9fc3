import type { QuantMessages } from './en';

/** Japanese UI text of the quant screens. */
export const quantJa: QuantMessages = {
  title: 'quant',
  adcComputed: 'ADC（計算値）',
  adcFrom: 'b={{b}}',
  adcComputedHint: 'DWI シリーズからビューアで計算：検査に ADC マップがない場合に表示',
};
