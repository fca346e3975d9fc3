/** sha256 hex via Web Crypto (the browser's, or node's `globalThis.crypto` in tests). */
import type { Sha256 } from '../../domain';

export const webSha256: Sha256 = async (text) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
};
