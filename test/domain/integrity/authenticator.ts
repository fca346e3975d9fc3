/**
 * A software WebAuthn authenticator for Node tests (ES256, node:crypto), speaking the app's
 * `WebAuthnApi` (src/store/reads/webAuthnKey.ts): it makes the bytes a browser returns
 * (authenticator data = SHA-256(rpId) || flags || counter; client data JSON; DER signature over
 * authenticatorData || SHA-256(clientDataJSON)). `settings` can be changed to make bad
 * assertions: no user verification, another type, another rpId, another challenge.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  toBase64Url,
  type SignBytes,
  type WebAuthnSignatureProof,
} from '../../../src/domain/index.ts';
import type { WebAuthnApi, WebAuthnKey } from '../../../src/store/reads/webAuthnKey.ts';

export interface AuthenticatorSettings {
  available: boolean;
  userVerified: boolean;
  type: string;
  origin: string;
  rpId: string;
  /** Replaces the challenge the authenticator is asked to sign. */
  challenge?: Uint8Array;
}

const sha = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const buffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export interface SoftAuthenticator extends WebAuthnApi {
  readonly settings: AuthenticatorSettings;
  readonly counts: { registrations: number; assertions: number };
}

export function softAuthenticator(): SoftAuthenticator {
  const credentials = new Map<string, KeyObject>();
  const settings: AuthenticatorSettings = {
    available: true,
    userVerified: true,
    type: 'webauthn.get',
    origin: 'http://127.0.0.1:4173',
    rpId: '127.0.0.1',
  };
  const counts = { registrations: 0, assertions: 0 };
  let counter = 0;
  return {
    settings,
    counts,
    available: () => Promise.resolve(settings.available),
    register() {
      counts.registrations += 1;
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const id = new Uint8Array(randomBytes(16));
      credentials.set(toBase64Url(id), privateKey);
      const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
      return Promise.resolve({
        credentialId: buffer(id),
        publicKeySpki: buffer(spki),
        algorithm: -7,
      });
    },
    assert(credentialId, challenge) {
      counts.assertions += 1;
      const key = credentials.get(toBase64Url(credentialId));
      if (key === undefined)
        return Promise.reject(new Error('NotAllowedError: unknown credential'));
      counter += 1;
      const flags = 0x01 | (settings.userVerified ? 0x04 : 0);
      const authData = new Uint8Array([
        ...sha(new TextEncoder().encode(settings.rpId)),
        flags,
        (counter >>> 24) & 0xff,
        (counter >>> 16) & 0xff,
        (counter >>> 8) & 0xff,
        counter & 0xff,
      ]);
      const clientData = new TextEncoder().encode(
        JSON.stringify({
          type: settings.type,
          challenge: toBase64Url(settings.challenge ?? challenge),
          origin: settings.origin,
          crossOrigin: false,
        }),
      );
      const signed = new Uint8Array([...authData, ...sha(clientData)]);
      const signature = new Uint8Array(sign('sha256', signed, { key, dsaEncoding: 'der' }));
      return Promise.resolve({
        authenticatorData: buffer(authData),
        clientDataJSON: buffer(clientData),
        signature: buffer(signature),
      });
    },
  };
}

/**
 * A `SignBytes` that returns the authenticator's assertion as a proof unchecked (the app's
 * signer, webAuthnSign, refuses bad ones before they reach a read; these tests need them).
 */
export function rawWebAuthnSigner(api: WebAuthnApi, key: WebAuthnKey): SignBytes {
  return async (_message, contentHash) => {
    const id = Uint8Array.from(Buffer.from(key.credentialId, 'base64url'));
    const challenge = Uint8Array.from(Buffer.from(contentHash, 'hex'));
    const made = await api.assert(id, challenge);
    const proof: WebAuthnSignatureProof = {
      algorithm: 'WebAuthn-ES256',
      publicKey: key.publicKey,
      credentialId: key.credentialId,
      authenticatorData: toBase64Url(new Uint8Array(made.authenticatorData)),
      clientDataJSON: toBase64Url(new Uint8Array(made.clientDataJSON)),
      value: toBase64Url(new Uint8Array(made.signature)),
    };
    return proof;
  };
}
