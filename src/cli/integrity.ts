/**
 * The CLI's integrity checks beyond the import's (docs/record-integrity.md): the Web Crypto
 * verifier of key signatures, the roster file (`--roster`), and the words an OK line uses for
 * how a signature was checked.
 */
import {
  isSignedConsensus,
  checkSigner,
  signatureVerifier,
  parseRoster,
  type Roster,
  type VerifyBytes,
} from '../domain/index.ts';
import { loadParsed, type LoadedRead, type ReadLoad, type ReadText } from './load.ts';
import { jsonPath, type CliProblem } from './problems.ts';

/** Key signature verification by Web Crypto (browsers, node >= 20): ECDSA and WebAuthn proofs. */
export const webCryptoVerify: VerifyBytes = (proof, message, contentHash) =>
  signatureVerifier(crypto.subtle)(proof, message, contentHash);

/** A roster file, or its problems. */
export function loadRoster(
  file: string,
  readFile: ReadText,
): Promise<{ ok: true; roster: Roster } | { ok: false; problems: CliProblem[] }> {
  return loadParsed<{ ok: true; roster: Roster }>(file, readFile, 'roster', parseRoster);
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
  const webAuthn = signature.method === 'webauthn' ? ' (WebAuthn, user verified)' : '';
  const key =
    signature.key === 'verified' ? `key signature verified${webAuthn}` : 'no key signature';
  return `, content hash verified, ${key}`;
}

/** Which reads `endpoint` takes: signed consensus reads (default), consensus reads, or any. */
export type EndpointReads = 'signed-consensus' | 'allow-drafts' | 'any-read';

/** A read the endpoint used or left out, for its listing. */
export interface EndpointReadRef {
  readonly file: string;
  readonly patientId: string;
  readonly readId: string;
  readonly version: number;
  readonly state: string;
  readonly consensus: boolean;
}

const refOf = ({ file, read }: LoadedRead): EndpointReadRef => ({
  file,
  patientId: read.patientId,
  readId: read.readId,
  version: read.version,
  state: read.state.kind,
  consensus: read.consensus !== undefined,
});

/**
 * The reads the endpoint uses: by default signed consensus reads only (schema v2 `consensus`
 * block, state signed); `allow-drafts` takes consensus reads in any state; `any-read` every read.
 */
export function selectEndpointReads(
  loaded: readonly LoadedRead[],
  mode: EndpointReads,
): { used: LoadedRead[]; skipped: EndpointReadRef[] } {
  const keep = (l: LoadedRead) =>
    mode === 'any-read' ||
    (mode === 'allow-drafts' ? l.read.consensus !== undefined : isSignedConsensus(l.read));
  return {
    used: loaded.filter(keep),
    skipped: loaded.filter((l) => !keep(l)).map(refOf),
  };
}

/** The listing of the reads used and left out, as text lines. */
export function renderEndpointReads(
  used: readonly LoadedRead[],
  skipped: readonly EndpointReadRef[],
): string[] {
  const line = (r: EndpointReadRef) =>
    `  ${r.file}: patient ${r.patientId}, read ${r.readId} v${r.version} ${r.state}${r.consensus ? ', consensus' : ''}`;
  return [
    `Reads used (${used.length}):`,
    ...used.map((l) => line(refOf(l))),
    ...(skipped.length > 0
      ? [
          `Left out (${skipped.length}; not signed consensus reads, see --allow-drafts, --any-read):`,
          ...skipped.map(line),
        ]
      : []),
  ];
}

/** The JSON listing of the reads used. */
export function endpointReadsJson(
  used: readonly LoadedRead[],
  skipped: readonly EndpointReadRef[],
) {
  return { readsUsed: used.map(refOf), readsLeftOut: skipped };
}
