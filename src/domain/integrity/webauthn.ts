/**
 * Checks of a WebAuthn (ES256) assertion used as a read's signature (docs/record-integrity.md,
 * "WebAuthn"). Pure apart from the injected WebCrypto `subtle`: the browser calls that make the
 * assertion live in src/store/reads/webAuthnKey.ts.
 *
 * What is checked: the client data is a `webauthn.get` whose challenge is the read's content
 * hash (its 32 bytes, base64url), the authenticator data's rpIdHash is SHA-256 of the host of the
 * client data's origin, its flags say the user was present and verified, and the ECDSA P-256
 * signature verifies over `authenticatorData || SHA-256(clientDataJSON)` with the public key on
 * the read. Not checked: which origin that was (reported, not judged) and any attestation.
 */
import type { WebAuthnSignatureProof } from '../model.ts';
import { fromBase64Url, toBase64Url, utf8, type SubtleVerifier } from './webCrypto.ts';

/** Flags of the authenticator data (WebAuthn §6.1): user present, user verified. */
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;

/** The outcome of a proof check; `path` is relative to `state.signature.proof`. */
export type ProofCheck =
  | { readonly ok: true; readonly origin?: string }
  | { readonly ok: false; readonly path: string; readonly message: string };

/** The 32 bytes of a hex SHA-256 (the WebAuthn challenge of a signature). */
export function hexBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) return undefined;
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) =>
    Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16),
  );
}

/** The challenge a signature of this content hash asks the authenticator to sign. */
export function challengeOf(contentHash: string): Uint8Array<ArrayBuffer> {
  const bytes = hexBytes(contentHash);
  if (bytes?.length !== 32) throw new Error('a content hash is 64 hex digits');
  return bytes;
}

/** Decodes UTF-8 (pure; the domain has no TextDecoder). `undefined` for malformed bytes. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const extra = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (extra < 0 || i + extra >= bytes.length) return undefined;
    let code = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k += 1) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 0x3f);
    }
    text += String.fromCodePoint(code);
    i += extra + 1;
  }
  return text;
}

/** An ASN.1 DER ECDSA signature (SEQUENCE of two INTEGERs) as IEEE P1363 r || s for P-256. */
export function derToP1363(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(64);
  let at = 2;
  for (const offset of [0, 32]) {
    if (der[at] !== 0x02) return undefined;
    const length = der[at + 1] ?? 0;
    let int = der.subarray(at + 2, at + 2 + length);
    if (int.length !== length || length === 0) return undefined;
    while (int.length > 32 && int[0] === 0) int = int.subarray(1);
    if (int.length > 32) return undefined;
    out.set(int, offset + 32 - int.length);
    at += 2 + length;
  }
  return at === der.length ? out : undefined;
}

/** The host of an origin (`https://host:port`), as the default WebAuthn rpId; else undefined. */
export function hostOf(origin: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[^:/[\]]+)(?::\d+)?$/i.exec(origin)?.[1];
}

const fail = (path: string, message: string): ProofCheck => ({ ok: false, path, message });

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

async function digest(subtle: SubtleVerifier, bytes: Uint8Array<ArrayBuffer>) {
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

/**
 * Checks a WebAuthn proof of a read signed with `contentHash` (already recomputed from the
 * content by the caller). Never throws: every problem is a failed check with its path.
 */
export async function verifyWebAuthnProof(
  proof: WebAuthnSignatureProof,
  contentHash: string,
  subtle: SubtleVerifier,
): Promise<ProofCheck> {
  const clientBytes = fromBase64Url(proof.clientDataJSON);
  const clientText = clientBytes && fromUtf8(clientBytes);
  let client: unknown;
  try {
    client = clientText === undefined ? undefined : JSON.parse(clientText);
  } catch {
    client = undefined;
  }
  if (clientBytes === undefined || typeof client !== 'object' || client === null) {
    return fail('clientDataJSON', 'the client data is not base64url of a JSON object');
  }
  const { type, challenge, origin } = client as Record<string, unknown>;
  if (type !== 'webauthn.get') {
    return fail(
      'clientDataJSON',
      `the client data type is ${JSON.stringify(type)}, not "webauthn.get"`,
    );
  }
  if (challenge !== toBase64Url(challengeOf(contentHash))) {
    return fail(
      'clientDataJSON',
      'the WebAuthn challenge is not the content hash: the assertion was made for another record',
    );
  }
  const host = typeof origin === 'string' ? hostOf(origin) : undefined;
  if (typeof origin !== 'string' || host === undefined) {
    return fail('clientDataJSON', 'the client data has no origin');
  }
  const authData = fromBase64Url(proof.authenticatorData);
  if (authData === undefined || authData.length < 37) {
    return fail('authenticatorData', 'the authenticator data is shorter than 37 bytes');
  }
  const rpIdHash = await digest(subtle, utf8(host.replace(/^\[|\]$/g, '')));
  if (!sameBytes(authData.subarray(0, 32), rpIdHash)) {
    return fail('authenticatorData', `the rpIdHash is not SHA-256 of the origin's host "${host}"`);
  }
  const flags = authData[32] ?? 0;
  if ((flags & FLAG_UP) === 0)
    return fail('authenticatorData', 'the user was not present (UP flag)');
  if ((flags & FLAG_UV) === 0) {
    return fail('authenticatorData', 'the authenticator did not verify the user (UV flag)');
  }
  const der = fromBase64Url(proof.value);
  const signature = der && derToP1363(der);
  if (signature === undefined)
    return fail('value', 'the signature is not an ASN.1 DER ECDSA signature');
  const clientHash = await digest(subtle, clientBytes);
  const signed = new Uint8Array(authData.length + clientHash.length);
  signed.set(authData);
  signed.set(clientHash, authData.length);
  try {
    const { kty, crv, x, y } = proof.publicKey;
    const key = await subtle.importKey(
      'jwk',
      { kty, crv, x, y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const ok = await subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key as never,
      signature,
      signed,
    );
    if (ok) return { ok: true, origin };
  } catch {
    // an unusable key is a bad signature, as for ECDSA proofs
  }
  return fail(
    'value',
    'bad signature: the WebAuthn assertion does not verify over authenticatorData || SHA-256(clientDataJSON) with the public key on the read',
  );
}
