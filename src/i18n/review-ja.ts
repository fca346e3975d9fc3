import type { ReviewMessages } from './en';

/** Japanese UI text of the review screens. */
export const reviewJa: ReviewMessages = {
  title: 'review',
};
