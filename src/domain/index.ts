/**
 * Public API of the pure domain core. Outer layers import from here; the files behind it may be
 * reorganised freely.
 */
export * from './model.ts';
export * from './errors.ts';
export * from './status.ts';
export * from './commands.ts';
export * from './lifecycle.ts';
export * from './checks.ts';
export * from './canonicalJson.ts';
export {
  GENESIS_HASH,
  applySealed,
  hashAuditEntry,
  sealAudit,
  sealPending,
  verifyAuditChain,
  type AuditChainCheck,
  type AuditChainProblem,
  type Sha256,
} from './audit.ts';
export { isUtcIso } from './clock.ts';
