/**
 * Study statistics of the central review and the endpoint (docs/statistics.md): binomial
 * intervals, rater agreement, lesion outcomes and the endpoint table.
 */
export * from './intervals.ts';
export * from './agreement.ts';
export * from './outcomes.ts';
export * from './outcomesCsv.ts';
export * from './endpoint.ts';
export * from './cluster.ts';
export * from './pooledAgreement.ts';
export * from './endpointFigures.ts';
export * from './adjudicationRates.ts';
export * from './readingTime.ts';
export * from './consensusVerdicts.ts';
export * from './readerMonitoring.ts';
