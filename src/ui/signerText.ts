/** The study roster's verdict on a signer (src/domain/integrity/roster.ts) in the screen's language. */
import type { TFunction } from 'i18next';
import type { SignerCheck } from '../domain';

export function signerText(t: TFunction, check: SignerCheck): string {
  const { params } = check;
  if (check.ok) {
    return t(params.webauthn ? 'study.signer.registeredWebAuthn' : 'study.signer.registered', {
      name: params.name,
    });
  }
  return t(`study.signer.${check.code}`, { ...params });
}

/** A problem's text: the roster's words when it is a roster refusal, else its message. */
export function problemText(
  t: TFunction,
  problem: { readonly message: string; readonly signer?: SignerCheck },
): string {
  return problem.signer ? signerText(t, problem.signer) : problem.message;
}
