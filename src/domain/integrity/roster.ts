/**
 * The study's reader roster (docs/record-integrity.md): who may sign, with the public key of the
 * key each registered. A roster file is JSON (schema below, published as
 * public/schema/roster-v1.schema.json); the app exports a reader's entry, the study assembles
 * them. `checkSigner` ties a verified key signature to a roster entry or says why it cannot.
 */
import { z } from 'zod';
import { formatPath, parseJson } from '../jsonSyntax.ts';
import type { EcPublicKeyJwk } from '../model.ts';
import { ecPublicKeySchema } from '../schema.ts';
import type { SignatureReport } from './signing.ts';

export const rosterEntrySchema = z
  .strictObject({
    readerId: z.string().min(1),
    name: z.string().min(1),
    role: z.string().min(1).describe('e.g. site reader, central reader, adjudicator'),
    publicKey: ecPublicKeySchema,
  })
  .meta({ id: 'RosterEntry' });

export const rosterSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    study: z.string().optional(),
    readers: z.array(rosterEntrySchema),
  })
  .describe('DREAM Reader study reader roster, schema version 1');

/** One registered reader. */
export type RosterEntry = z.infer<typeof rosterEntrySchema>;
/** A roster file. */
export type Roster = z.infer<typeof rosterSchema>;

/** Where the app serves the roster schema (also its `$id`). */
export const ROSTER_JSON_SCHEMA_PATH = '/schema/roster-v1.schema.json';

/** The roster's JSON Schema (draft 2020-12), generated from the zod schema. */
export function rosterJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(rosterSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema: generated.$schema,
    $id: ROSTER_JSON_SCHEMA_PATH,
    title: 'DREAM Reader reader roster, schema version 1',
    ...generated,
  };
}

/** Parses a roster file; problems by path (`readers[2].publicKey.x`). */
export function parseRoster(
  text: string,
):
  | { readonly ok: true; readonly roster: Roster }
  | { readonly ok: false; readonly problems: readonly { path: string; message: string }[] } {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problems: [{ path: '', message: json.message }] };
  const parsed = rosterSchema.safeParse(json.value);
  if (parsed.success) return { ok: true, roster: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}

const sameKey = (a: EcPublicKeyJwk, b: EcPublicKeyJwk) =>
  a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;

/** A roster's verdict on a read's signature. */
export type SignerCheck =
  | {
      readonly ok: true;
      readonly code: 'registered';
      readonly entry: RosterEntry;
      readonly message: string;
      readonly params: SignerParams;
    }
  | {
      readonly ok: false;
      readonly code: SignerRefusal;
      readonly path: string;
      readonly message: string;
      readonly params: SignerParams;
    };

/** Why a roster refuses a signature (for the screens' own words; `message` is English). */
export type SignerRefusal =
  'not-signed' | 'no-key' | 'not-verified' | 'unknown-key' | 'roster-mismatch';

/** The names in a verdict: the roster's entry and who the read says signed it. */
export interface SignerParams {
  readonly name?: string;
  readonly readerId?: string;
  readonly signerId?: string;
  readonly signerName?: string;
  readonly webauthn?: boolean;
  readonly origin?: string;
}

/**
 * Whether a read's verified signature was made with a key the roster registers for the signer:
 * "signed by <roster name>, registered key", or the refusal (not signed, no key signature, key
 * not verified, unknown key, key registered to another reader).
 */
export function checkSigner(signature: SignatureReport | undefined, roster: Roster): SignerCheck {
  const path = 'state.signature';
  if (signature === undefined)
    return {
      ok: false,
      code: 'not-signed',
      path: 'state',
      message: 'the read is not signed',
      params: {},
    };
  const who = { signerId: signature.signerId, signerName: signature.signerName };
  if (signature.key === 'absent' || signature.publicKey === undefined) {
    return {
      ok: false,
      code: 'no-key',
      params: who,
      path,
      message: 'signed without a key, so the signer cannot be checked against the roster',
    };
  }
  if (signature.key !== 'verified') {
    return {
      ok: false,
      code: 'not-verified',
      params: who,
      path: `${path}.proof`,
      message: 'the key signature was not verified',
    };
  }
  const key = signature.publicKey;
  const entry = roster.readers.find((r) => sameKey(r.publicKey, key));
  if (entry === undefined) {
    return {
      ok: false,
      code: 'unknown-key',
      params: who,
      path: `${path}.proof.publicKey`,
      message: `unknown key: no reader in the roster registered this key (signed as ${signature.signerId}, ${signature.signerName})`,
    };
  }
  if (entry.readerId !== signature.signerId) {
    return {
      ok: false,
      code: 'roster-mismatch',
      params: { ...who, name: entry.name, readerId: entry.readerId },
      path: `${path}.signerId`,
      message: `roster mismatch: the key is registered to ${entry.readerId} (${entry.name}), but the read is signed as ${signature.signerId} (${signature.signerName})`,
    };
  }
  const how =
    signature.method === 'webauthn'
      ? ` (WebAuthn, user verified, origin ${signature.origin ?? 'not given'})`
      : '';
  return {
    ok: true,
    code: 'registered',
    entry,
    message: `signed by ${entry.name}, registered key${how}`,
    params: {
      ...who,
      name: entry.name,
      readerId: entry.readerId,
      webauthn: signature.method === 'webauthn',
      ...(signature.origin !== undefined && { origin: signature.origin }),
    },
  };
}
