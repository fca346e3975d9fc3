/** The study file and the campaign it runs (docs/campaign.md). */
export * from './schema.ts';
export * from './validate.ts';
export * from './order.ts';
export * from './worklist.ts';
export * from './progress.ts';
