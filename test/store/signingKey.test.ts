/**
 * The reader's signing key (src/store/reads/signingKey.ts) with an in-memory key store and a
 * software authenticator: a non-extractable WebCrypto key where WebAuthn is not available, a
 * WebAuthn credential where it is; made once and kept; the roster entry names the key that
 * signs; a signature verifies as every load verifies it.
 */
import { describe, expect, it } from 'vitest';
import { signatureVerifier, type SignatureProof } from '../../src/domain/index.ts';
import {
  readerKey,
  readerSigner,
  rosterEntryOf,
  type KeyStore,
  type StoredKey,
} from '../../src/store/reads/signingKey.ts';
import { sha256 } from '../domain/fixtures.ts';
import { canBeRpId } from '../../src/store/reads/webAuthnKey.ts';
import { softAuthenticator } from '../domain/integrity/authenticator.ts';

function memoryKeys(): KeyStore & { readonly map: Map<string, StoredKey> } {
  const map = new Map<string, StoredKey>();
  return {
    map,
    get: (readerId) => Promise.resolve(map.get(readerId)),
    add: (key) => {
      if (map.has(key.readerId)) return Promise.resolve(false);
      map.set(key.readerId, key);
      return Promise.resolve(true);
    },
  };
}

const verify = signatureVerifier(crypto.subtle);
const READER = { id: 'R01', name: 'Dr Ito' };

/** Signs a text as signRead does and returns the proof the read would carry. */
async function signText(sign: ReturnType<typeof readerSigner>, text: string) {
  const contentHash = await sha256(text);
  const signed = await sign(text, contentHash);
  const proof: SignatureProof =
    'algorithm' in signed ? signed : { algorithm: 'ECDSA-P256-SHA256', ...signed };
  return { proof, contentHash };
}

describe('signing key without WebAuthn', () => {
  it('makes one non-extractable ECDSA key per reader, keeps it, and signs with it', async () => {
    const keys = memoryKeys();
    const first = await readerKey(READER.id, { keys });
    expect('keyPair' in first).toBe(true);
    if (!('keyPair' in first)) return;
    expect(first.keyPair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', first.keyPair.privateKey)).rejects.toThrow();
    expect(await readerKey(READER.id, { keys })).toBe(first);
    expect(keys.map.size).toBe(1);

    const entry = await rosterEntryOf(READER, 'reader', { keys });
    expect(entry).toMatchObject({ readerId: 'R01', name: 'Dr Ito', role: 'reader' });
    const { proof, contentHash } = await signText(readerSigner(READER.id, { keys }), '{"a":1}');
    expect(proof.algorithm).toBe('ECDSA-P256-SHA256');
    expect(proof.publicKey).toEqual(entry.publicKey);
    expect(await verify(proof, '{"a":1}', contentHash)).toEqual({ ok: true });
    expect((await verify(proof, '{"a":2}', contentHash)).ok).toBe(false);
  });

  it('keeps the key another tab stored first', async () => {
    const keys = memoryKeys();
    const racing: KeyStore = {
      get: (readerId) => keys.get(readerId),
      add: async (key) => {
        await keys.add({ ...key, createdAt: 'first' });
        return false;
      },
    };
    const kept = await readerKey(READER.id, { keys: racing });
    expect(kept.createdAt).toBe('first');
  });

  it('uses a browser key when an authenticator is there but does not verify users', async () => {
    const keys = memoryKeys();
    const webAuthn = softAuthenticator();
    webAuthn.settings.available = false;
    const key = await readerKey(READER.id, { keys, webAuthn });
    expect('keyPair' in key).toBe(true);
    expect(webAuthn.counts.registrations).toBe(0);
  });
});

describe('signing key with WebAuthn', () => {
  it('registers one credential, names it in the roster, and signs with an assertion', async () => {
    const keys = memoryKeys();
    const webAuthn = softAuthenticator();
    const deps = { keys, webAuthn };
    const entry = await rosterEntryOf(READER, 'reader', deps);
    const sign = readerSigner(READER.id, deps);
    const one = await signText(sign, '{"a":1}');
    const two = await signText(sign, '{"b":2}');
    expect(webAuthn.counts).toEqual({ registrations: 1, assertions: 2 });
    expect(one.proof).toMatchObject({ algorithm: 'WebAuthn-ES256', publicKey: entry.publicKey });
    expect(await verify(one.proof, '{"a":1}', one.contentHash)).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:4173',
    });
    expect(await verify(two.proof, '{"b":2}', two.contentHash)).toMatchObject({ ok: true });
    // Each assertion is bound to its own content hash.
    expect(await verify(one.proof, '{"b":2}', two.contentHash)).toMatchObject({ ok: false });
  });

  it('refuses to sign when the authenticator did not verify the user', async () => {
    const webAuthn = softAuthenticator();
    webAuthn.settings.userVerified = false;
    const sign = readerSigner(READER.id, { keys: memoryKeys(), webAuthn });
    await expect(signText(sign, '{}')).rejects.toThrow(/did not verify the user \(UV flag\)/);
  });

  it('says so when the reader has a credential but this browser has no WebAuthn', async () => {
    const keys = memoryKeys();
    await readerKey(READER.id, { keys, webAuthn: softAuthenticator() });
    await expect(signText(readerSigner(READER.id, { keys }), '{}')).rejects.toThrow(
      /is a WebAuthn credential, and this browser offers no WebAuthn/,
    );
  });
});

describe('where WebAuthn can be offered', () => {
  it('needs a domain name as relying party id, not an IP address', () => {
    expect(['localhost', 'reader.example.org'].map(canBeRpId)).toEqual([true, true]);
    expect(['127.0.0.1', '[::1]', '::1', ''].map(canBeRpId)).toEqual([false, false, false, false]);
  });
});
