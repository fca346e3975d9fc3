/** The refusals of signing (session.ts), with English messages and the keys of the screen's words. */
import type { Refusal } from './session';

export function signRefusal(
  kind: 'loading' | 'gaps' | 'failed',
  detail?: string | number,
): Refusal {
  switch (kind) {
    case 'loading':
      return {
        code: 'busy',
        message: 'the read is still loading',
        text: { key: 'study.sign.loading' },
      };
    case 'gaps':
      return {
        code: 'invalid-input',
        message: `${detail} missing before signing; sign anyway with a reason`,
        text: { key: 'study.sign.gaps', params: { count: detail ?? 0 } },
      };
    case 'failed':
      return {
        code: 'busy',
        message: `signing failed: ${detail}`,
        text: { key: 'study.sign.failed', params: { message: detail ?? '' } },
      };
  }
}
