/**
 * Which tab edits which read, over BroadcastChannel `dream-reader-reads`. A tab that opens a read
 * says `hello`; a tab already editing it answers `editing`, and the newcomer is warned. `takeover`
 * tells the previous editor to stop. Only a warning: the compare-and-swap in the repository is
 * what actually prevents overwriting.
 */

const CHANNEL = 'dream-reader-reads';

/** Messages between tabs. */
export type PresenceMessage =
  | { readonly type: 'hello'; readonly readId: string; readonly tabId: string }
  | {
      readonly type: 'editing';
      readonly readId: string;
      readonly tabId: string;
      readonly to: string;
    }
  | { readonly type: 'takeover'; readonly readId: string; readonly tabId: string };

/** One tab's presence on one read. */
export interface Presence {
  /** Announces editing `readId`; `onOther` is called when another tab edits it. */
  join(readId: string, onOther: () => void): void;
  /** Tells other tabs that this one now edits `readId`. */
  takeOver(readId: string): void;
  close(): void;
}

/** No other tabs (unit tests, or a browser without BroadcastChannel). */
export const NO_PRESENCE: Presence = { join() {}, takeOver() {}, close() {} };

/** Presence over a BroadcastChannel (one channel per open read session). */
export function broadcastPresence(tabId: string): Presence {
  if (typeof BroadcastChannel === 'undefined') return NO_PRESENCE;
  const channel = new BroadcastChannel(CHANNEL);
  let readId: string | undefined;
  let onOther: (() => void) | undefined;
  let active = false;
  const post = (message: PresenceMessage) => channel.postMessage(message);
  channel.onmessage = (event: MessageEvent<PresenceMessage>) => {
    const message = event.data;
    if (message.readId !== readId || message.tabId === tabId) return;
    if (message.type === 'hello' && active) {
      post({ type: 'editing', readId, tabId, to: message.tabId });
    } else if (message.type === 'editing' && message.to === tabId) {
      active = false;
      onOther?.();
    } else if (message.type === 'takeover') {
      active = false;
      onOther?.();
    }
  };
  return {
    join(id, callback) {
      readId = id;
      onOther = callback;
      active = true;
      post({ type: 'hello', readId: id, tabId });
    },
    takeOver(id) {
      readId = id;
      active = true;
      post({ type: 'takeover', readId: id, tabId });
    },
    close() {
      readId = undefined;
      channel.close();
    },
  };
}
