/**
 * Test signers: a non-extractable ECDSA P-256 key made with node's WebCrypto, signing as the
 * app's signingKey.ts does, and the verifier the app and the CLI use.
 */
import { signatureVerifier, toBase64Url, type SignBytes } from '../../../src/domain/index.ts';
import type { EcPublicKeyJwk } from '../../../src/domain/model.ts';

export interface TestKey {
  readonly signBytes: SignBytes;
  readonly publicKey: EcPublicKeyJwk;
}

/** A fresh reader key. */
export async function makeKey(): Promise<TestKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKey: EcPublicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
  return {
    publicKey,
    signBytes: async (message) => {
      const bytes = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        new TextEncoder().encode(message),
      );
      return { publicKey, value: toBase64Url(new Uint8Array(bytes)) };
    },
  };
}

/** The WebCrypto verifier over node's `crypto.subtle`. */
export const verify = signatureVerifier(crypto.subtle);
