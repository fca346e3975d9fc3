/**
 * The CLI's integrity checks beyond the import's (docs/record-integrity.md): the Web Crypto
 * verifier of key signatures, the roster file (`--roster`), and the words an OK line uses for
 * how a signature was checked.
 */
import {
  checkSigner,
  ecdsaVerifier,
  parseRoster,
  type Roster,
  type VerifyBytes,
} from '../domain/index.ts';
import type { LoadedRead, ReadLoad, ReadText } from './load.ts';
import { jsonPath, type CliProblem } from './problems.ts';

/** ECDSA P-256 verification by Web Crypto (browsers, node >= 20). */
export const webCryptoVerify: VerifyBytes = (publicKey, message, value) =>
  ecdsaVerifier(crypto.subtle)(publicKey, message, value);

/** A roster file, or its problems. */
export async function loadRoster(
  file: string,
  readFile: ReadText,
): Promise<{ ok: true; roster: Roster } | { ok: false; problems: CliProblem[] }> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ file, path: '$', message: `cannot read the roster: ${message}` }],
    };
  }
  const parsed = parseRoster(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: parsed.problems.map((p) => ({ file, path: jsonPath(p.path), message: p.message })),
  };
}

/**
 * With a roster, each loaded read's signer is checked (roster.ts): a read the roster does not
 * vouch for becomes a failed load with the reason; one it does carries the roster's words.
 */
export function withSigners(loads: readonly ReadLoad[], roster: Roster | undefined): ReadLoad[] {
  if (roster === undefined) return [...loads];
  return loads.map((load) => {
    if (!load.ok) return load;
    const check = checkSigner(load.loaded.integrity.signature, roster);
    if (!check.ok) {
      const { file } = load.loaded;
      return {
        ok: false,
        file,
        problems: [{ file, path: jsonPath(check.path), message: check.message }],
      };
    }
    return { ok: true, loaded: { ...load.loaded, signer: check.message } };
  });
}

/** How the signature of a valid read was checked, for its OK line. */
export function signatureWords(loaded: LoadedRead): string {
  if (loaded.signer !== undefined) return `, ${loaded.signer}`;
  const signature = loaded.integrity.signature;
  if (signature === undefined) return '';
  if (signature.contentHash === 'absent') return ', signature binds no content hash';
  const key = signature.key === 'verified' ? 'key signature verified' : 'no key signature';
  return `, content hash verified, ${key}`;
}
