/**
 * A reader's WebAuthn credential as a signing key (docs/record-integrity.md, "WebAuthn"): a
 * platform authenticator or security key that verifies the user (PIN, fingerprint, face) at every
 * signature. The credential is registered once per reader and browser (ES256, user verification
 * required, relying party = this app's host); signing asks it for an assertion whose challenge is
 * the read's content hash. The checks of the result are the domain's
 * (src/domain/integrity/webauthn.ts); this file only makes the browser calls, behind
 * `WebAuthnApi` so tests can give a software authenticator.
 */
import {
  challengeOf,
  fromBase64Url,
  signatureVerifier,
  toBase64Url,
  type EcPublicKeyJwk,
  type WebAuthnSignatureProof,
} from '../../domain';

/** COSE algorithm ES256 (ECDSA P-256 with SHA-256). */
const ES256 = -7;
const TIMEOUT_MS = 120_000;

/** A registered credential: its id and public key (base64url, JWK). */
export interface WebAuthnKey {
  readonly credentialId: string;
  readonly publicKey: EcPublicKeyJwk;
}

/** The browser's WebAuthn, reduced to what signing needs. */
export interface WebAuthnApi {
  /** Whether an authenticator that verifies the user is there without asking for a device. */
  available(): Promise<boolean>;
  register(user: { readonly id: Uint8Array<ArrayBuffer>; readonly name: string }): Promise<{
    readonly credentialId: ArrayBuffer;
    readonly publicKeySpki: ArrayBuffer;
    readonly algorithm: number;
  }>;
  assert(
    credentialId: Uint8Array<ArrayBuffer>,
    challenge: Uint8Array<ArrayBuffer>,
  ): Promise<{
    readonly authenticatorData: ArrayBuffer;
    readonly clientDataJSON: ArrayBuffer;
    readonly signature: ArrayBuffer;
  }>;
}

/**
 * Whether a host can be a WebAuthn relying party id: a domain name (`localhost` included), not an
 * IP address, which browsers refuse ("This is an invalid domain").
 */
export function canBeRpId(host: string): boolean {
  return host !== '' && !/^[\d.]+$/.test(host) && !host.includes(':') && !host.startsWith('[');
}

/**
 * The browser's WebAuthn, or undefined where there is none (no secure context, old browser, or
 * the app opened at an IP address such as http://127.0.0.1:4173: use http://localhost:4173).
 * "Available" means a user-verifying platform authenticator (Chromium's virtual authenticator
 * counts).
 */
export function browserWebAuthn(): WebAuthnApi | undefined {
  if (typeof PublicKeyCredential === 'undefined' || !globalThis.isSecureContext) return undefined;
  if (!canBeRpId(location.hostname)) return undefined;
  return {
    available: () =>
      PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable().catch(() => false),
    async register(user) {
      const credential = await navigator.credentials.create({
        publicKey: {
          rp: { name: 'DREAM Reader' },
          user: { id: user.id, name: user.name, displayName: user.name },
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          pubKeyCredParams: [{ type: 'public-key', alg: ES256 }],
          authenticatorSelection: { userVerification: 'required', residentKey: 'discouraged' },
          attestation: 'none',
          timeout: TIMEOUT_MS,
        },
      });
      if (!(credential instanceof PublicKeyCredential)) throw new Error('no credential was made');
      const response = credential.response as AuthenticatorAttestationResponse;
      const publicKeySpki = response.getPublicKey();
      if (publicKeySpki === null) throw new Error('the authenticator gave no public key');
      return {
        credentialId: credential.rawId,
        publicKeySpki,
        algorithm: response.getPublicKeyAlgorithm(),
      };
    },
    async assert(credentialId, challenge) {
      const credential = await navigator.credentials.get({
        publicKey: {
          challenge,
          allowCredentials: [{ type: 'public-key', id: credentialId }],
          userVerification: 'required',
          timeout: TIMEOUT_MS,
        },
      });
      if (!(credential instanceof PublicKeyCredential)) throw new Error('no assertion was made');
      const response = credential.response as AuthenticatorAssertionResponse;
      return {
        authenticatorData: response.authenticatorData,
        clientDataJSON: response.clientDataJSON,
        signature: response.signature,
      };
    },
  };
}

/** Registers a new ES256 credential for the reader (the authenticator verifies the user). */
export async function registerWebAuthnKey(
  api: WebAuthnApi,
  readerId: string,
): Promise<WebAuthnKey> {
  const made = await api.register({ id: new TextEncoder().encode(readerId), name: readerId });
  if (made.algorithm !== ES256) throw new Error('the authenticator did not make an ES256 key');
  const key = await crypto.subtle.importKey(
    'spki',
    made.publicKeySpki,
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['verify'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new Error('the authenticator did not make a P-256 key');
  }
  return {
    credentialId: toBase64Url(new Uint8Array(made.credentialId)),
    publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
  };
}

/**
 * Signs a content hash with the credential: an assertion with the hash as its challenge, checked
 * as every load will check it (so a signature without user verification is refused here).
 */
export async function webAuthnSign(
  api: WebAuthnApi,
  key: WebAuthnKey,
  message: string,
  contentHash: string,
): Promise<WebAuthnSignatureProof> {
  const id = fromBase64Url(key.credentialId);
  if (id === undefined) throw new Error('the stored credential id is not base64url');
  const made = await api.assert(id, challengeOf(contentHash));
  const proof: WebAuthnSignatureProof = {
    algorithm: 'WebAuthn-ES256',
    publicKey: key.publicKey,
    credentialId: key.credentialId,
    authenticatorData: toBase64Url(new Uint8Array(made.authenticatorData)),
    clientDataJSON: toBase64Url(new Uint8Array(made.clientDataJSON)),
    value: toBase64Url(new Uint8Array(made.signature)),
  };
  const check = await signatureVerifier(crypto.subtle)(proof, message, contentHash);
  if (!check.ok) throw new Error(`the WebAuthn signature was refused: ${check.message}`);
  return proof;
}
