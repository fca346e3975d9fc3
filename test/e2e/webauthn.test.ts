/**
 * Signing with WebAuthn in the production build (docs/record-integrity.md, "WebAuthn"): Chromium's
 * virtual authenticator (CDP WebAuthn domain, an internal authenticator that verifies its user)
 * stands in for the reader's platform authenticator. The reader exports a roster entry (which
 * registers the credential), signs (an assertion), exports the read; the real CLI
 * (`node scripts/reads.mjs validate --roster`) names the signer from the roster, and refuses the
 * same read against a roster that registers another key for that reader.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useBrowserSession } from './session';
import { appUrl } from './reading-helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const browser = useBrowserSession();
const dir = mkdtempSync(join(tmpdir(), 'dream-webauthn-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** Clicks a download button; a failure the read bar reports fails the test with its words. */
async function download(page: Page, testId: string, name: string): Promise<string> {
  const failed = byTestId(page, 'export-error')
    .waitFor({ timeout: 60_000 })
    .then(
      () => byTestId(page, 'export-error').textContent(),
      () => 'no download and no error',
    );
  const done = Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    byTestId(page, testId).click(),
  ]);
  const first = await Promise.race([done, failed]);
  if (!Array.isArray(first)) throw new Error(`${testId}: ${first ?? ''}`);
  const text = readFileSync(await first[0].path(), 'utf8');
  writeFileSync(join(dir, name), text);
  return text;
}

function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['scripts/reads.mjs', ...args], { cwd: ROOT }, (error, out) =>
      done({ code: error === null ? 0 : Number(error.code), stdout: out }),
    );
  });
}

interface Credential {
  credentialId: string;
  signCount: number;
}

describe('a read signed with WebAuthn', () => {
  it('virtual authenticator: roster entry, sign, export; the CLI names the signer or refuses', async () => {
    const { page, errors } = browser();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const credentials = async () =>
      (
        (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as {
          credentials: Credential[];
        }
      ).credentials;

    // WebAuthn's relying party id is the host, and Chromium refuses an IP address: the app is
    // opened at localhost (at 127.0.0.1 it signs with the browser key instead).
    const url = new URL(appUrl());
    url.hostname = 'localhost';
    await page.goto(url.href);
    await page.locator('[data-testid="open-patient"][data-patient-id="DREAM-001"]').click();
    await byTestId(page, 'reader-dialog').waitFor({ timeout: 60_000 });
    await byTestId(page, 'reader-id').fill('R01');
    await byTestId(page, 'reader-name').fill('Dr Ito');
    await byTestId(page, 'reader-save').click();
    await byTestId(page, 'add-lesion').click();
    await byTestId(page, 'segment-select').first().selectOption('VII');

    // The roster entry registers the reader's credential on the authenticator.
    const entry = JSON.parse(await download(page, 'roster-entry', 'entry.json')) as {
      readerId: string;
      publicKey: { x: string };
    };
    expect(entry).toMatchObject({ readerId: 'R01', name: 'Dr Ito', role: 'reader' });
    const registered = await credentials();
    expect(registered).toHaveLength(1);
    const before = registered[0]?.signCount ?? -1;

    // Signing asks the authenticator for an assertion (its counter moves).
    await byTestId(page, 'sign').click();
    await byTestId(page, 'sign-anyway-reason').fill('sizes at the tumour board');
    await byTestId(page, 'sign-confirm').click();
    await expect
      .poll(() => byTestId(page, 'read-state').textContent(), { timeout: 30_000 })
      .toMatch(/^Signed by Dr Ito/);
    await expect.poll(async () => (await credentials())[0]?.signCount).toBeGreaterThan(before);

    const read = JSON.parse(await download(page, 'export-json', 'read.json')) as {
      state: {
        signature: { proof: { algorithm: string; credentialId: string; publicKey: unknown } };
      };
    };
    const proof = read.state.signature.proof;
    expect(proof.algorithm).toBe('WebAuthn-ES256');
    expect(proof.publicKey).toEqual(entry.publicKey);
    expect(Buffer.from(proof.credentialId, 'base64url').toString('base64')).toBe(
      registered[0]?.credentialId,
    );

    writeFileSync(
      join(dir, 'roster.json'),
      JSON.stringify({ schemaVersion: 1, study: 'DREAM', readers: [entry] }),
    );
    const ok = await cli('validate', '--roster', join(dir, 'roster.json'), join(dir, 'read.json'));
    const origin = url.origin;
    expect(ok.stdout).toContain(
      `signed by Dr Ito, registered key (WebAuthn, user verified, origin ${origin})`,
    );
    expect(ok.code).toBe(0);

    // The same read against a roster that registers another key for R01: refused.
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
      format: 'jwk',
    });
    const otherEntry = { ...entry, publicKey: { kty: 'EC', crv: 'P-256', x: other.x, y: other.y } };
    writeFileSync(
      join(dir, 'other.json'),
      JSON.stringify({ schemaVersion: 1, readers: [otherEntry] }),
    );
    const refused = await cli(
      'validate',
      '--roster',
      join(dir, 'other.json'),
      join(dir, 'read.json'),
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout.split('\n')[0]).toMatch(
      /read\.json: \$\.state\.signature\.proof\.publicKey: unknown key: no reader in the roster registered this key \(signed as R01, Dr Ito\)/,
    );
    expect(errors).toEqual([]);
  }, 180_000);
});
