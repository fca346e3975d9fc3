/**
 * The verification recipe of the README ("Record integrity") and docs/record-integrity.md, run
 * as a sponsor would run it: node's own crypto and the `canonicalize` package only, none of the
 * app's code, over a signed export made by the app.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { sealAudit } from '../../../src/domain/audit.ts';
import { addLesion, createRead, setCall } from '../../../src/domain/commands.ts';
import { exportReadJson } from '../../../src/domain/exportRead.ts';
import { signRead } from '../../../src/domain/integrity/signing.ts';
import { amend } from '../../../src/domain/lifecycle.ts';
import { makeContext, sha256 } from '../fixtures.ts';
import { registerWebAuthnKey } from '../../../src/store/reads/webAuthnKey.ts';
import { rawWebAuthnSigner, softAuthenticator } from './authenticator.ts';
import { makeKey } from './keys.ts';

const authenticator = softAuthenticator();

/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   the recipe reads untyped JSON, as a sponsor's script would */
/** The recipe, as printed in the README (returns its three verdicts instead of printing). */
function recipe(text: string) {
  const read: any = JSON.parse(text);
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  let prev = '0'.repeat(64);
  const chain = read.audit.every((e: any) => {
    const { hash, ...rest } = e;
    const ok = rest.prevHash === prev && sha(canonicalize(rest) ?? '') === hash;
    prev = hash;
    return ok;
  });
  const FIELDS = [
    'readId',
    'version',
    'versionId',
    'previousVersion',
    'patientId',
    'reader',
    'consensus',
    'config',
    'timepointAssignment',
    'seriesUsed',
    'nextLesionNumber',
    'lesions',
    'createdAt',
  ];
  const content: any = Object.fromEntries(FIELDS.filter((f) => f in read).map((f) => [f, read[f]]));
  content.lesions = [...read.lesions].sort((a, b) => a.id.slice(1) - b.id.slice(1));
  const auditHead = read.audit.at(-2)?.hash ?? '0'.repeat(64); // the entry before the sign entry
  const bytes = Buffer.from(canonicalize({ auditHead, content }) ?? '', 'utf8');
  const hash = createHash('sha256').update(bytes).digest('hex'); // the content hash, recomputed
  const { signature } = read.state;
  const { proof } = signature;
  const b64 = (s: string) => Buffer.from(s, 'base64url');
  const key = createPublicKey({ key: proof.publicKey, format: 'jwk' });
  let keySignature;
  if (proof.algorithm === 'WebAuthn-ES256') {
    // WebAuthn: challenge = the recomputed hash's bytes; flags UP and UV; DER over authData || sha(client)
    const client = JSON.parse(b64(proof.clientDataJSON).toString('utf8'));
    const authData = b64(proof.authenticatorData);
    const clientHash = createHash('sha256').update(b64(proof.clientDataJSON)).digest();
    keySignature =
      client.type === 'webauthn.get' &&
      client.challenge === Buffer.from(hash, 'hex').toString('base64url') &&
      ((authData[32] ?? 0) & 0x05) === 0x05 &&
      nodeVerify(
        'sha256',
        Buffer.concat([authData, clientHash]),
        { key, dsaEncoding: 'der' },
        b64(proof.value),
      );
  } else {
    keySignature = nodeVerify(
      'sha256',
      bytes,
      { key, dsaEncoding: 'ieee-p1363' },
      b64(proof.value),
    );
  }
  return {
    chain,
    contentHash: hash === signature.contentHash,
    keySignature,
  };
}
/* eslint-enable */

describe('the README verification recipe', () => {
  it.each([
    ['first signature', 'browser key'],
    ['signed amendment', 'browser key'],
    ['first signature', 'WebAuthn'],
    ['signed amendment', 'WebAuthn'],
  ])('verifies a %s made by the app (%s)', async (which, kind) => {
    const signBytes =
      kind === 'WebAuthn'
        ? rawWebAuthnSigner(authenticator, await registerWebAuthnKey(authenticator, 'r1'))
        : (await makeKey()).signBytes;
    const ctx = makeContext('2026-02-01T09:00:00.000Z');
    const deps = { sha256, signBytes };
    let read = createRead({ patientId: 'DREAM-001-0003', reader: { id: 'r1', name: 'Dr Ä' } }, ctx);
    read = addLesion(read, { segment: 'VIII', baselineDiameterMm: 10.25 }, ctx);
    read = setCall(
      read,
      { lesionId: 'L1', timepoint: 'preop', modality: 'EOB', call: 'present' },
      ctx,
    );
    read = await sealAudit(
      await signRead(read, { signerName: 'Dr Ä', meaning: 'Author' }, ctx, deps),
      sha256,
    );
    if (which === 'signed amendment') {
      read = addLesion(amend(read, 'second lesion found', ctx), { segment: 'II' }, ctx);
      read = await sealAudit(
        await signRead(read, { signerName: 'Dr Ä', meaning: 'Author' }, ctx, deps),
        sha256,
      );
    }
    const text = exportReadJson(read, { now: () => '2026-03-01T12:00:00.000Z' });
    expect(recipe(text)).toEqual({ chain: true, contentHash: true, keySignature: true });
    const changed = text.replace('"segment": "VIII"', '"segment": "VII"');
    expect(recipe(changed)).toMatchObject({ contentHash: false, keySignature: false });
  });
});
