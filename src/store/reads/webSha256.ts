/** sha256 hex and ECDSA verification via Web Crypto (the browser's, or node's in tests). */
import { signatureVerifier, type Sha256, type VerifyBytes } from '../../domain';

export const webSha256: Sha256 = async (text) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
};

/** Verifies key signatures on reads (docs/record-integrity.md). */
export const webVerify: VerifyBytes = (proof, message, contentHash) =>
  signatureVerifier(crypto.subtle)(proof, message, contentHash);
