/**
 * A signature that binds the content and the signer (docs/record-integrity.md).
 *
 * The signed bytes are the UTF-8 of the RFC 8785 (JCS) canonical JSON of
 * `{ "auditHead": <hash of the last audit entry before the sign entry>, "content": <content> }`,
 * where the content is the read's record fields (`SIGNED_FIELDS`, lesions sorted by id number)
 * as they are in the export file. `contentHash` is their SHA-256 (hex); the key signature is
 * ECDSA P-256 with SHA-256 over the same bytes, or a WebAuthn assertion whose challenge is the
 * content hash (./webauthn.ts). Crypto is injected (WebCrypto in the app and the CLI), so this
 * module stays pure.
 */
import canonicalize from 'canonicalize';
import { GENESIS_HASH, sealAudit, type Sha256 } from '../audit.ts';
import { sign, type SignInput } from '../lifecycle.ts';
import type {
  CommandContext,
  EcPublicKeyJwk,
  Read,
  SignatureProof,
  WebAuthnSignatureProof,
} from '../model.ts';
import { asJson } from './diff.ts';
import type { ProofCheck } from './webauthn.ts';

/**
 * Signs the signed text with the signer's key: either ECDSA P-256 SHA-256 over its UTF-8 bytes
 * (IEEE P1363, base64url), or a WebAuthn assertion with the content hash as its challenge.
 */
export type SignBytes = (
  message: string,
  contentHash: string,
) => Promise<
  { readonly publicKey: EcPublicKeyJwk; readonly value: string } | WebAuthnSignatureProof
>;

/**
 * Verifies a signature proof over the signed text whose SHA-256 is `contentHash` (already
 * checked by the caller); a failed check (never a throw) for a bad signature or key.
 */
export type VerifyBytes = (
  proof: SignatureProof,
  message: string,
  contentHash: string,
) => Promise<ProofCheck>;

/** The read's fields a signature covers (all of the record but its state, trail and times). */
export const SIGNED_FIELDS = [
  'readId',
  'version',
  'versionId',
  'previousVersion',
  'patientId',
  'reader',
  'consensus',
  'config',
  'timepointAssignment',
  'seriesUsed',
  'examQc',
  'nextLesionNumber',
  'lesions',
  'createdAt',
] as const;

const lesionNumber = (id: string) => Number(id.slice(1));

/** The signed content of a read, as JSON (lesions in id order, absent fields left out). */
export function signedContent(read: Read): Record<string, unknown> {
  const lesions = [...read.lesions].sort((a, b) => lesionNumber(a.id) - lesionNumber(b.id));
  const content = Object.fromEntries(
    SIGNED_FIELDS.map((field) => [field, field === 'lesions' ? lesions : read[field]]),
  );
  return asJson(content) as Record<string, unknown>;
}

/** The exact text whose UTF-8 bytes are hashed and signed. */
export function signingPayload(read: Read, auditHead: string): string {
  const text = canonicalize({ auditHead, content: signedContent(read) });
  if (text === undefined) throw new Error('unreachable: the signed content has a JSON form');
  return text;
}

/**
 * The audit head a signature of this read covers: for a signed read the hash of the entry
 * before its sign entry (the last one); for a read about to be signed, its last entry's hash.
 */
export function signedAuditHead(read: Read): string {
  const entries = read.state.kind === 'signed' ? read.audit.slice(0, -1) : read.audit;
  return entries.at(-1)?.hash ?? GENESIS_HASH;
}

/** Services of `signRead`: sha256 and, when the signer has a key, the key signature. */
export interface SigningDeps {
  readonly sha256: Sha256;
  readonly signBytes?: SignBytes;
}

/**
 * Signs a read with its content hash and, given `signBytes`, the signer's key signature. Seals
 * pending audit entries first, so the hash covers the whole trail; the sign entry itself is
 * left pending for the caller to seal, as every command's.
 *
 * @throws DomainError as `sign` does
 */
export async function signRead(
  read: Read,
  input: SignInput,
  ctx: CommandContext,
  deps: SigningDeps,
): Promise<Read> {
  const sealed = await sealAudit(read, deps.sha256);
  const payload = signingPayload(sealed, signedAuditHead(sealed));
  const contentHash = await deps.sha256(payload);
  let proof: SignatureProof | undefined;
  if (deps.signBytes !== undefined) {
    const signed = await deps.signBytes(payload, contentHash);
    proof = 'algorithm' in signed ? signed : { algorithm: 'ECDSA-P256-SHA256', ...signed };
  }
  return sign(sealed, { ...input, contentHash, ...(proof && { proof }) }, ctx);
}

/** What a signature check proved. */
export interface SignatureReport {
  readonly signerId: string;
  readonly signerName: string;
  /** `absent`: signed before schema version 2, so the signature binds no content. */
  readonly contentHash: 'verified' | 'absent';
  /** `not-checked`: no verifier was given; `absent`: signed without a key. */
  readonly key: 'verified' | 'absent' | 'not-checked';
  readonly publicKey?: EcPublicKeyJwk;
  /** How the key signed: a browser key, or WebAuthn (user verified) at `origin`. */
  readonly method?: 'browser-key' | 'webauthn';
  /** The origin a verified WebAuthn assertion names (not judged: docs/record-integrity.md). */
  readonly origin?: string;
}

/** A problem of a signature, addressed like an import problem. */
export interface SignatureProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Recomputes a signed read's content hash and checks its key signature (when `verify` is
 * given). Returns no report for a read that is not signed.
 */
export async function checkSignature(
  read: Read,
  deps: { readonly sha256: Sha256; readonly verify?: VerifyBytes },
): Promise<{ problems: SignatureProblem[]; report?: SignatureReport }> {
  if (read.state.kind !== 'signed') return { problems: [] };
  const signature = read.state.signature;
  const base = { signerId: signature.signerId, signerName: signature.signerName };
  if (signature.contentHash === undefined) {
    if (signature.proof !== undefined) {
      const path = 'state.signature.contentHash';
      return { problems: [{ path, message: 'a key signature needs the content hash it signs' }] };
    }
    return { problems: [], report: { ...base, contentHash: 'absent', key: 'absent' } };
  }
  const payload = signingPayload(read, signedAuditHead(read));
  const recomputed = await deps.sha256(payload);
  if (recomputed !== signature.contentHash) {
    const message = `signed content hash ${signature.contentHash} does not match the content and audit trail (${recomputed}): the record was changed after signing`;
    return { problems: [{ path: 'state.signature.contentHash', message }] };
  }
  const proof = signature.proof;
  if (proof === undefined)
    return { problems: [], report: { ...base, contentHash: 'verified', key: 'absent' } };
  const method: SignatureReport['method'] =
    proof.algorithm === 'WebAuthn-ES256' ? 'webauthn' : 'browser-key';
  const report = { ...base, contentHash: 'verified' as const, publicKey: proof.publicKey, method };
  if (deps.verify === undefined) return { problems: [], report: { ...report, key: 'not-checked' } };
  const check = await deps.verify(proof, payload, recomputed);
  if (!check.ok) {
    return { problems: [{ path: `state.signature.proof.${check.path}`, message: check.message }] };
  }
  const origin = check.origin;
  return { problems: [], report: { ...report, key: 'verified', ...(origin && { origin }) } };
}
