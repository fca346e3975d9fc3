/** English UI text of the review screens (kept apart so that those screens own their strings). */
export const reviewEn = {
  title: 'review',
} as const;
