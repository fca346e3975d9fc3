/**
 * The read lifecycle as a typed state machine (docs/domain.md §8):
 *
 *   draft --sign--> signed --amend--> amended --sign--> signed --amend--> ...
 *
 * `draft` and `amended` are editable; `signed` is read-only. An amendment starts a new version
 * of the read (version + 1, new versionId, reference to the signed version it amends) and needs a
 * reason, which is then written on every audit entry of that version until it is signed again
 * (21 CFR 11.10(e): changes to a signed record carry their reason). The earlier signed version is
 * not changed: callers keep it, and the audit chain carries over into the new version.
 */
import { recordAudit } from './audit.ts';
import { utcNow } from './clock.ts';
import { DomainError } from './errors.ts';
import type {
  CommandContext,
  JsonValue,
  Read,
  ReadState,
  Signature,
  SignatureProof,
} from './model.ts';

/** A lifecycle state name. */
export type LifecycleState = ReadState['kind'];

/** What can be done to a read: sign it, amend it, or edit its content (any other command). */
export type LifecycleEvent = 'sign' | 'amend' | 'edit';

/** Allowed transitions; a missing entry is forbidden. `edit` keeps the state. */
export const LIFECYCLE_TRANSITIONS: Readonly<
  Record<LifecycleState, Partial<Readonly<Record<LifecycleEvent, LifecycleState>>>>
> = {
  draft: { sign: 'signed', edit: 'draft' },
  signed: { amend: 'amended' },
  amended: { sign: 'signed', edit: 'amended' },
};

/** The state an event leads to from a state, or `undefined` if the event is forbidden there. */
export function nextLifecycleState(
  state: LifecycleState,
  event: LifecycleEvent,
): LifecycleState | undefined {
  return LIFECYCLE_TRANSITIONS[state][event];
}

/**
 * Throws unless `event` is allowed in the read's state: `read-signed` for an edit of a signed
 * read (the common case a UI shows), `invalid-transition` otherwise.
 */
export function assertTransition(read: Read, event: LifecycleEvent): void {
  if (nextLifecycleState(read.state.kind, event) !== undefined) return;
  if (event === 'edit') {
    throw new DomainError(
      'read-signed',
      `read ${read.readId} v${read.version} is signed; amend it`,
    );
  }
  throw new DomainError('invalid-transition', `cannot ${event} a ${read.state.kind} read`);
}

/** The reason to write on audit entries of this read: the amendment reason while amended. */
export function amendmentReason(read: Read): string | undefined {
  return read.state.kind === 'amended' ? read.state.reason : undefined;
}

/** What the signer declares when signing. */
export interface SignInput {
  readonly signerName: string;
  /** The meaning of the signature, e.g. "Author" or "Approval" (21 CFR 11.50). */
  readonly meaning: string;
  /**
   * Why the read is signed although the pre-signing check lists what is missing (checks.ts);
   * written on the sign entry of the audit trail.
   */
  readonly signAnywayReason?: string;
}

/** What binds a signature to the content (integrity/signing.ts computes it). */
export interface SignatureBinding {
  /** sha256 hex of the signed content and audit head (docs/record-integrity.md). */
  readonly contentHash?: string;
  readonly proof?: SignatureProof;
}

/**
 * Signs a draft or amended read: records signer name, UTC time and meaning; the read becomes
 * read-only. The signer id is the read's reader (a read is signed by the one who read it).
 *
 * @throws DomainError `invalid-transition` if already signed, `invalid-input` on empty name or
 *   meaning
 */
export function sign(read: Read, input: SignInput & SignatureBinding, ctx: CommandContext): Read {
  assertTransition(read, 'sign');
  const signerName = input.signerName.trim();
  const meaning = input.meaning.trim();
  if (signerName === '' || meaning === '') {
    throw new DomainError('invalid-input', 'a signature needs the signer name and its meaning');
  }
  const anyway = input.signAnywayReason?.trim();
  if (anyway === '') throw new DomainError('invalid-input', 'signing anyway needs a reason');
  const at = utcNow(ctx);
  const binding = {
    ...(input.contentHash !== undefined && { contentHash: input.contentHash }),
    ...(input.proof !== undefined && { proof: input.proof }),
  };
  const signature: Signature = { signerName, signerId: read.reader.id, at, meaning, ...binding };
  const signed: Read = { ...read, state: { kind: 'signed', signature }, updatedAt: at };
  const reasons = [amendmentReason(read), anyway && `signed anyway: ${anyway}`].filter(Boolean);
  return recordAudit(signed, {
    at,
    readerId: read.reader.id,
    action: 'sign',
    before: { state: read.state.kind, version: read.version },
    after: { state: 'signed', version: read.version, signerName, meaning, ...bindingJson(binding) },
    reason: reasons.length > 0 ? reasons.join('; ') : undefined,
  });
}

/** The binding as an audit value (a `JsonValue`: plain members only). */
function bindingJson(binding: SignatureBinding): { readonly [key: string]: JsonValue } {
  const { contentHash, proof } = binding;
  return {
    ...(contentHash !== undefined && { contentHash }),
    ...(proof !== undefined && {
      proof: { ...proof, publicKey: { ...proof.publicKey } },
    }),
  };
}

/**
 * Amends a signed read: returns its next version (editable, state `amended`) with a reference to
 * the signed version. The given read is unchanged and stays the record of the signed version.
 *
 * @throws DomainError `invalid-transition` unless signed, `invalid-input` on an empty reason
 */
export function amend(read: Read, reason: string, ctx: CommandContext): Read {
  assertTransition(read, 'amend');
  if (read.state.kind !== 'signed') throw new Error('unreachable: amend allowed only when signed');
  const why = reason.trim();
  if (why === '') throw new DomainError('invalid-input', 'an amendment needs a reason');
  const at = utcNow(ctx);
  const versionId = ctx.newId();
  const amended: Read = {
    ...read,
    version: read.version + 1,
    versionId,
    previousVersion: {
      versionId: read.versionId,
      version: read.version,
      signature: read.state.signature,
    },
    state: { kind: 'amended', reason: why, at },
    updatedAt: at,
  };
  return recordAudit(amended, {
    at,
    readerId: read.reader.id,
    action: 'amend',
    before: {
      state: 'signed',
      version: read.version,
      versionId: read.versionId,
      // The amendment references the signature it supersedes (docs/record-integrity.md).
      ...(read.state.signature.contentHash !== undefined && {
        signatureHash: read.state.signature.contentHash,
      }),
    },
    after: { state: 'amended', version: amended.version, versionId },
    reason: why,
  });
}
