/**
 * Each reader's signing key in this browser (docs/record-integrity.md). Made on first use and then
 * kept, so the key a reader registered in the study's roster stays the key that signs:
 *
 * - where WebAuthn is available (a user-verifying platform authenticator; `webAuthnKey.ts`), a
 *   WebAuthn credential: every signature re-authenticates the reader on the authenticator;
 * - else a WebCrypto ECDSA P-256 key pair made non-extractable (the private key can sign but
 *   never be read out, not even by this app's code).
 *
 * Kept in IndexedDB (database `dream-reader-keys`, store `keys`, key `readerId`), which stores
 * CryptoKey objects as they are; a WebAuthn record holds only the credential id and public key.
 * The public key travels on every signature and, as a roster entry, to the study
 * (`rosterEntryOf`).
 *
 * What this proves and does not: a browser-key signature shows the record was signed in the
 * browser profile holding the key, whoever copies that profile (or uses the unlocked machine)
 * can sign too; a WebAuthn signature also shows the authenticator verified its user then.
 */
import {
  toBase64Url,
  type EcPublicKeyJwk,
  type Reader,
  type RosterEntry,
  type SignBytes,
} from '../../domain';
import { idbRequest, openIdb } from '../indexedDb';
import {
  browserWebAuthn,
  registerWebAuthnKey,
  webAuthnSign,
  type WebAuthnApi,
  type WebAuthnKey,
} from './webAuthnKey';

const DB_NAME = 'dream-reader-keys';
const STORE = 'keys';

/** A reader's key as stored: a WebCrypto key pair, or a WebAuthn credential. */
export type StoredKey =
  | { readonly readerId: string; readonly createdAt: string; readonly keyPair: CryptoKeyPair }
  | { readonly readerId: string; readonly createdAt: string; readonly webAuthn: WebAuthnKey };

/** Where keys are kept: one per reader, the first one stays. */
export interface KeyStore {
  get(readerId: string): Promise<StoredKey | undefined>;
  /** Stores a new key; false (nothing changed) when the reader already has one. */
  add(key: StoredKey): Promise<boolean>;
}

/** Services of the signing key (tests give an in-memory store and a software authenticator). */
export interface SigningKeyDeps {
  readonly keys: KeyStore;
  /** Absent: no WebAuthn in this browser. */
  readonly webAuthn?: WebAuthnApi;
}

function openKeys(factory: IDBFactory): Promise<IDBDatabase> {
  return openIdb(factory, DB_NAME, 1, (db) => db.createObjectStore(STORE, { keyPath: 'readerId' }));
}

/** The keys in IndexedDB. `add`, not `put`: if another tab made a key meanwhile, keep the first. */
export function indexedDbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  const withDb = async <T>(run: (db: IDBDatabase) => Promise<T>): Promise<T> => {
    const db = await openKeys(factory);
    try {
      return await run(db);
    } finally {
      db.close();
    }
  };
  return {
    get: (readerId) =>
      withDb(
        async (db) =>
          (await idbRequest(db.transaction(STORE).objectStore(STORE).get(readerId))) as
            StoredKey | undefined,
      ),
    add: (key) =>
      withDb(async (db) => {
        try {
          await idbRequest(db.transaction(STORE, 'readwrite').objectStore(STORE).add(key));
          return true;
        } catch {
          return false;
        }
      }),
  };
}

/** The browser's services: IndexedDB and, where there is one, WebAuthn. */
export function browserSigningKeyDeps(): SigningKeyDeps {
  const webAuthn = browserWebAuthn();
  return { keys: indexedDbKeyStore(), ...(webAuthn && { webAuthn }) };
}

async function makeKey(readerId: string, deps: SigningKeyDeps): Promise<StoredKey> {
  const createdAt = new Date().toISOString();
  if (deps.webAuthn !== undefined && (await deps.webAuthn.available())) {
    return { readerId, createdAt, webAuthn: await registerWebAuthnKey(deps.webAuthn, readerId) };
  }
  const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  return { readerId, createdAt, keyPair };
}

/** The reader's key, made (WebAuthn where available, else non-extractable) on first use. */
export async function readerKey(
  readerId: string,
  deps: SigningKeyDeps = browserSigningKeyDeps(),
): Promise<StoredKey> {
  const found = await deps.keys.get(readerId);
  if (found) return found;
  const made = await makeKey(readerId, deps);
  if (await deps.keys.add(made)) return made;
  const first = await deps.keys.get(readerId);
  if (!first) throw new Error('the signing key could not be stored');
  return first;
}

/** The public key as the JWK a signature and the roster carry (public members only). */
export async function publicJwk(key: StoredKey): Promise<EcPublicKeyJwk> {
  if ('webAuthn' in key) return key.webAuthn.publicKey;
  const jwk = await crypto.subtle.exportKey('jwk', key.keyPair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new Error('the signing key is not a P-256 key');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Signs with the reader's key in this browser (made on first use). */
export function readerSigner(readerId: string, deps?: SigningKeyDeps): SignBytes {
  return async (message, contentHash) => {
    const services = deps ?? browserSigningKeyDeps();
    const key = await readerKey(readerId, services);
    if ('webAuthn' in key) {
      if (services.webAuthn === undefined) {
        throw new Error(
          `the signing key of ${readerId} is a WebAuthn credential, and this browser offers no WebAuthn here`,
        );
      }
      return webAuthnSign(services.webAuthn, key.webAuthn, message, contentHash);
    }
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      key.keyPair.privateKey,
      new TextEncoder().encode(message),
    );
    return { publicKey: await publicJwk(key), value: toBase64Url(new Uint8Array(signature)) };
  };
}

/** The reader's roster entry (for the study's roster file, public/schema/roster-v1.schema.json). */
export async function rosterEntryOf(
  reader: Reader,
  role: string,
  deps?: SigningKeyDeps,
): Promise<RosterEntry> {
  const key = await readerKey(reader.id, deps);
  return { readerId: reader.id, name: reader.name, role, publicKey: await publicJwk(key) };
}
