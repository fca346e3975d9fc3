/** Record integrity (docs/record-integrity.md): replay, content hash, signer binding. */
export {
  checkReadIntegrity,
  type IntegrityCheck,
  type IntegrityDeps,
  type IntegrityProblem,
  type IntegrityReport,
} from './checkRead.ts';
export { replayAudit, type ReplayDivergence, type ReplayReport } from './replay.ts';
export {
  SIGNED_FIELDS,
  checkSignature,
  signRead,
  signedAuditHead,
  signedContent,
  signingPayload,
  type SignBytes,
  type SignatureProblem,
  type SignatureReport,
  type SigningDeps,
  type VerifyBytes,
} from './signing.ts';
export { signatureVerifier, fromBase64Url, toBase64Url, type SubtleVerifier } from './webCrypto.ts';
export { challengeOf, verifyWebAuthnProof, type ProofCheck } from './webauthn.ts';
export {
  ROSTER_JSON_SCHEMA_PATH,
  checkSigner,
  parseRoster,
  rosterEntrySchema,
  rosterJsonSchema,
  rosterSchema,
  type Roster,
  type RosterEntry,
  type SignerCheck,
  type SignerParams,
  type SignerRefusal,
} from './roster.ts';
export { consensusBlockOf, isSignedConsensus } from './consensus.ts';
