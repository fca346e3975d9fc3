import type { QuantMessages } from './en';

/** Japanese UI text of the quant screens. */
export const quantJa: QuantMessages = {
  title: 'quant',
};
