/**
 * Signature verification over an injected WebCrypto `subtle` (the browser's, or node's
 * `globalThis.crypto.subtle`): the domain names only the few members it calls, so it stays free
 * of DOM and node imports while app and CLI share one implementation. Both kinds of proof:
 * ECDSA P-256 over the signed text, and WebAuthn assertions (./webauthn.ts).
 */
import type { EcPublicKeyJwk } from '../model.ts';
import type { VerifyBytes } from './signing.ts';
import { verifyWebAuthnProof } from './webauthn.ts';

/** The members of `SubtleCrypto` that verification uses. */
export interface SubtleVerifier {
  importKey(
    format: 'jwk',
    key: EcPublicKeyJwk & { readonly ext?: boolean },
    algorithm: { readonly name: 'ECDSA'; readonly namedCurve: 'P-256' },
    extractable: boolean,
    usages: readonly 'verify'[],
  ): Promise<unknown>;
  verify(
    algorithm: { readonly name: 'ECDSA'; readonly hash: 'SHA-256' },
    key: never,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (no padding) to bytes; `undefined` for anything else. Pure (no atob). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of text) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/** Bytes as base64url without padding (as JWK and the signature `value` are written). */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += ALPHABET[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) text += ALPHABET[(buffer << (6 - bits)) & 63];
  return text;
}

/**
 * UTF-8 of a string (pure; the signed text never holds a lone surrogate, which `canonicalize`
 * refuses).
 */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return Uint8Array.from(out);
}

/** ECDSA P-256 SHA-256 over UTF-8 text: false for a bad signature, key or encoding. */
async function verifyEcdsa(
  subtle: SubtleVerifier,
  publicKey: EcPublicKeyJwk,
  message: string,
  value: string,
): Promise<boolean> {
  const signature = fromBase64Url(value);
  if (signature === undefined) return false;
  try {
    const jwk = { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x, y: publicKey.y };
    const key = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
    const data = utf8(message);
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key as never, signature, data);
  } catch {
    return false;
  }
}

/** A `VerifyBytes` over WebCrypto for both kinds of proof (never throws). */
export function signatureVerifier(subtle: SubtleVerifier): VerifyBytes {
  return async (proof, message, contentHash) => {
    if (proof.algorithm === 'WebAuthn-ES256') {
      return verifyWebAuthnProof(proof, contentHash, subtle);
    }
    if (await verifyEcdsa(subtle, proof.publicKey, message, proof.value)) return { ok: true };
    return {
      ok: false,
      path: 'value',
      message:
        'bad signature: the key signature does not verify over the signed content with the public key on the read',
    };
  };
}
