/**
 * Each reader's signing key in this browser (docs/record-integrity.md): a WebCrypto ECDSA P-256
 * key pair made non-extractable (the private key can sign but never be read out, not even by
 * this app's code) and kept in IndexedDB (database `dream-reader-keys`, store `keys`, key
 * `readerId`), which stores CryptoKey objects as they are. The public key travels on every
 * signature and, as a roster entry, to the study (`rosterEntryOf`).
 *
 * What this proves and does not: a signature shows the record was signed in the browser profile
 * holding the key; whoever copies that profile (or uses the unlocked machine) can sign too.
 */
import {
  toBase64Url,
  type EcPublicKeyJwk,
  type Reader,
  type RosterEntry,
  type SignBytes,
} from '../../domain';

const DB_NAME = 'dream-reader-keys';
const STORE = 'keys';

interface StoredKey {
  readonly readerId: string;
  readonly keyPair: CryptoKeyPair;
  readonly createdAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openKeys(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'readerId' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
  });
}

/** The reader's key pair, made (non-extractable) and stored on first use. */
export async function readerKeyPair(
  readerId: string,
  factory: IDBFactory = indexedDB,
): Promise<CryptoKeyPair> {
  const db = await openKeys(factory);
  try {
    const found = (await request(db.transaction(STORE).objectStore(STORE).get(readerId))) as
      StoredKey | undefined;
    if (found) return found.keyPair;
    const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const stored: StoredKey = { readerId, keyPair, createdAt: new Date().toISOString() };
    // `add`, not `put`: if another tab made a key meanwhile, keep the first and use it.
    const tx = db.transaction(STORE, 'readwrite');
    try {
      await request(tx.objectStore(STORE).add(stored));
      return keyPair;
    } catch {
      const first = (await request(db.transaction(STORE).objectStore(STORE).get(readerId))) as
        StoredKey | undefined;
      if (!first) throw new Error('the signing key could not be stored');
      return first.keyPair;
    }
  } finally {
    db.close();
  }
}

/** The public key as the JWK a signature and the roster carry (public members only). */
export async function publicJwk(keyPair: CryptoKeyPair): Promise<EcPublicKeyJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new Error('the signing key is not a P-256 key');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Signs with the reader's key in this browser (made on first use). */
export function readerSigner(readerId: string, factory?: IDBFactory): SignBytes {
  return async (message) => {
    const keyPair = await readerKeyPair(readerId, factory);
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      keyPair.privateKey,
      new TextEncoder().encode(message),
    );
    return { publicKey: await publicJwk(keyPair), value: toBase64Url(new Uint8Array(signature)) };
  };
}

/** The reader's roster entry (for the study's roster file, public/schema/roster-v1.schema.json). */
export async function rosterEntryOf(
  reader: Reader,
  role: string,
  factory?: IDBFactory,
): Promise<RosterEntry> {
  const keyPair = await readerKeyPair(reader.id, factory);
  return { readerId: reader.id, name: reader.name, role, publicKey: await publicJwk(keyPair) };
}
