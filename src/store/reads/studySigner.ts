/**
 * The study's roster (its readers with a key, src/store/study.ts) applied to a read being
 * imported or loaded into central review, with the same domain check as
 * `npm run reads -- validate --roster` (src/domain/integrity/roster.ts): a signed read is
 * "signed by <roster name>, registered key" or refused (unknown key, roster mismatch, no key
 * signature). Drafts carry no signature to check and pass; without a roster nothing changes.
 */
import {
  checkSigner,
  type ImportProblem,
  type IntegrityReport,
  type Read,
  type Roster,
  type SignerCheck,
} from '../../domain';

/** A refusal by the roster: an import problem that also carries the check, for the screen's words. */
export interface SignerProblem extends ImportProblem {
  readonly signer?: SignerCheck;
}

export type StudySignerVerdict =
  | { readonly ok: true; readonly signer: SignerCheck | undefined }
  | { readonly ok: false; readonly problem: SignerProblem };

/** The roster's verdict on an imported read (`signer` undefined: nothing was checked). */
export function studySignerVerdict(
  read: Read,
  integrity: IntegrityReport,
  roster: Roster | undefined,
): StudySignerVerdict {
  if (roster === undefined || read.state.kind !== 'signed') return { ok: true, signer: undefined };
  const check = checkSigner(integrity.signature, roster);
  if (check.ok) return { ok: true, signer: check };
  return { ok: false, problem: { path: check.path, message: check.message, signer: check } };
}
