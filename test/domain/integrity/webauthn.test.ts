/**
 * Reads signed with a WebAuthn assertion (docs/record-integrity.md, "WebAuthn"): the import and
 * `validate --roster` accept a genuine one with the roster's words, and refuse an assertion
 * without user verification, of another type, for another challenge or relying party, by
 * another credential, and a record changed after signing.
 */
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { runReads } from '../../../src/cli/reads.ts';
import { sealAudit } from '../../../src/domain/audit.ts';
import { addLesion, createRead, setCall } from '../../../src/domain/commands.ts';
import { exportReadJson } from '../../../src/domain/exportRead.ts';
import { importReadJson } from '../../../src/domain/importRead.ts';
import { signRead, type SignBytes } from '../../../src/domain/integrity/signing.ts';
import { derToP1363 } from '../../../src/domain/integrity/webauthn.ts';
import type { Read } from '../../../src/domain/model.ts';
import { registerWebAuthnKey } from '../../../src/store/reads/webAuthnKey.ts';
import { makeContext, makeImagePoint, sha256 } from '../fixtures.ts';
import { rawWebAuthnSigner, softAuthenticator } from './authenticator.ts';
import { verify } from './keys.ts';

const READER = { id: 'reader-a', name: 'Dr A' };

async function signedRead(signBytes: SignBytes, call: 'present' | 'disappeared' = 'present') {
  const ctx = makeContext('2026-02-01T09:00:00.000Z');
  let read: Read = createRead({ patientId: 'DREAM-001', reader: READER }, ctx);
  read = addLesion(read, { segment: 'VII', baselineLocation: makeImagePoint() }, ctx);
  read = setCall(read, { lesionId: 'L1', timepoint: 'baseline', modality: 'CT', call }, ctx);
  read = await signRead(read, { signerName: READER.name, meaning: 'Author' }, ctx, {
    sha256,
    signBytes,
  });
  return exportReadJson(await sealAudit(read, sha256), { now: () => '2026-03-01T12:00:00.000Z' });
}

const authenticator = softAuthenticator();
const key = await registerWebAuthnKey(authenticator, READER.id);
const other = await registerWebAuthnKey(authenticator, 'reader-b');
const signer = rawWebAuthnSigner(authenticator, key);

const roster = (publicKey = key.publicKey) =>
  JSON.stringify({
    schemaVersion: 1,
    readers: [{ readerId: READER.id, name: 'Dr Alice Example', role: 'reader', publicKey }],
  });

async function validate(text: string, rosterText = roster()) {
  const files: Record<string, string> = { 'read.json': text, 'roster.json': rosterText };
  const readFile = (name: string) => Promise.resolve(files[name] ?? '');
  return runReads(['validate', '--roster', 'roster.json', 'read.json'], readFile, { sha256 });
}

/** Signs with the authenticator's settings changed for that one signature. */
async function signedWith(change: Partial<typeof authenticator.settings>, signBytes = signer) {
  const saved = { ...authenticator.settings };
  Object.assign(authenticator.settings, change);
  try {
    return await signedRead(signBytes);
  } finally {
    Object.assign(authenticator.settings, saved);
    delete authenticator.settings.challenge;
    if (saved.challenge) authenticator.settings.challenge = saved.challenge;
  }
}

describe('a read signed with WebAuthn', () => {
  it('verifies, and the roster names the signer', async () => {
    const text = await signedRead(signer);
    const proof = (JSON.parse(text) as { state: { signature: { proof: Record<string, string> } } })
      .state.signature.proof;
    expect(proof.algorithm).toBe('WebAuthn-ES256');
    expect(proof.credentialId).toBe(key.credentialId);
    const imported = await importReadJson(text, { sha256, verify });
    expect(imported.ok && imported.integrity.signature).toMatchObject({
      contentHash: 'verified',
      key: 'verified',
      method: 'webauthn',
      origin: 'http://127.0.0.1:4173',
    });
    const files: Record<string, string> = { 'read.json': text };
    const alone = await runReads(
      ['validate', 'read.json'],
      (name) => Promise.resolve(files[name] ?? ''),
      {
        sha256,
      },
    );
    expect(alone.stdout).toContain(
      'content hash verified, key signature verified (WebAuthn, user verified)',
    );
    const result = await validate(text);
    expect(result.stdout).toContain(
      'signed by Dr Alice Example, registered key (WebAuthn, user verified, origin http://127.0.0.1:4173))',
    );
    expect(result.exitCode).toBe(0);
  });

  it('is refused against a roster that registers another key', async () => {
    const result = await validate(await signedRead(signer), roster(other.publicKey));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^read\.json: \$\.state\.signature\.proof\.publicKey: unknown key/,
    );
  });

  const refusals: [string, () => Promise<string>, string, RegExp][] = [
    [
      'no user verification',
      () => signedWith({ userVerified: false }),
      'authenticatorData',
      /UV flag/,
    ],
    [
      'a registration, not an assertion',
      () => signedWith({ type: 'webauthn.create' }),
      'clientDataJSON',
      /not "webauthn.get"/,
    ],
    [
      'another challenge',
      () => signedWith({ challenge: new Uint8Array(32).fill(7) }),
      'clientDataJSON',
      /challenge is not the content hash/,
    ],
    [
      'another relying party',
      () => signedWith({ rpId: 'reader.example' }),
      'authenticatorData',
      /rpIdHash/,
    ],
    [
      'an assertion by another credential, with the public key on the read',
      () =>
        signedWith({}, async (message, hash) => ({
          ...(await rawWebAuthnSigner(authenticator, other)(message, hash)),
          publicKey: key.publicKey,
        })),
      'value',
      /bad signature/,
    ],
    [
      'a call changed after signing, chain re-hashed, content hash recomputed, assertion copied',
      async () => {
        type Doc = {
          state: { signature: { proof: unknown } };
          audit: { hash: string; after: { proof: unknown } }[];
        };
        const genuine = JSON.parse(await signedRead(signer)) as Doc;
        const forged = JSON.parse(await signedRead(signer, 'disappeared')) as Doc;
        const proof = genuine.state.signature.proof;
        forged.state.signature.proof = proof;
        const last = forged.audit.at(-1);
        if (last === undefined) throw new Error('a signed read has a sign entry');
        const entry = { ...last, after: { ...last.after, proof } };
        const unhashed: Partial<typeof entry> = { ...entry };
        delete unhashed.hash;
        const hash = await sha256(canonicalize(unhashed) ?? '');
        forged.audit[forged.audit.length - 1] = { ...entry, hash };
        return JSON.stringify(forged);
      },
      'clientDataJSON',
      /challenge is not the content hash/,
    ],
  ];

  it.each(refusals)('refuses %s', async (_, make, path, message) => {
    const text = await make();
    const imported = await importReadJson(text, { sha256, verify });
    expect(imported.ok).toBe(false);
    const first = imported.ok ? undefined : imported.problems[0];
    expect(first?.path, first?.message).toBe(`state.signature.proof.${path}`);
    expect(first?.message).toMatch(message);
    const result = await validate(text);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(message);
  });

  it('reads DER signatures with and without leading zero bytes, and refuses broken ones', () => {
    const r = [0x80, ...new Array<number>(31).fill(1)];
    const s = [0x01, ...new Array<number>(31).fill(2)];
    const der = Uint8Array.from([0x30, 68, 0x02, 33, 0, ...r, 0x02, 31, ...s.slice(1)]);
    expect([...(derToP1363(der) ?? [])]).toEqual([...r, 0, ...s.slice(1)]);
    expect(derToP1363(der.subarray(0, 60))).toBeUndefined();
    expect(derToP1363(Uint8Array.from([0x31, ...der.subarray(1)]))).toBeUndefined();
  });
});
