/**
 * Central review (docs/domain.md §7): matching the lesions of two blinded reads, their discordances,
 * and the adjudication that turns them into a consensus read. Pure domain code.
 */
export * from './matching.ts';
export * from './discordance.ts';
export * from './adjudication.ts';
