/** English UI text of the quant screens (kept apart so that those screens own their strings). */
export const quantEn = {
  title: 'quant',
} as const;
