// Sending consent receipts (core/receipt.ts builds them): each goes to the configured
// first-party endpoint with fetch (keepalive, same-origin credentials) and waits in an outbox
// in localStorage until the server has answered; a beacon where fetch cannot be used.
// Part of the receipts chunk (dist/consent-receipts.js), except OUTBOX_KEY.

import type { ConsentConfig, Language } from '../core/config';
import { buildReceipt, type Receipt, type ReceiptFacts } from '../core/receipt';

/** Where receipts the server has not acknowledged wait for the next page view. */
export const OUTBOX_KEY = 'asmeronexa-consent:outbox';
/** At most this many wait (the newest); a receipt is small, a learner decides rarely. */
const OUTBOX_LIMIT = 20;

export interface ReceiptSender {
  send(receipt: Receipt): void;
  /** Sends again what an earlier page view could not deliver (offline, a 5xx). */
  retry(): void;
}

/**
 * Posts with fetch (keepalive, so it survives the page unloading; same-origin credentials, so
 * the consent cookie goes along and the server can re-issue it). A receipt is kept in
 * localStorage until the server answers: a 2xx or a 4xx (it will never take it) settles it;
 * offline or a 5xx leaves it for the next page view. The server stores an eventId once, so
 * sending one twice is harmless. Without fetch, sendBeacon (its answer cannot be read).
 */
export function createReceiptSender(win: Window, endpoint: string): ReceiptSender {
  const load = (): Receipt[] => {
    try {
      const list: unknown = JSON.parse(win.localStorage.getItem(OUTBOX_KEY) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  };
  const save = (list: Receipt[]) => {
    try {
      if (list.length) win.localStorage.setItem(OUTBOX_KEY, JSON.stringify(list.slice(-OUTBOX_LIMIT)));
      else win.localStorage.removeItem(OUTBOX_KEY);
    } catch {
      // full or blocked storage: the receipt is sent once, without a retry
    }
  };
  const settle = (eventId: string) => save(load().filter((r) => r.eventId !== eventId));
  const post = (receipt: Receipt) => {
    const body = JSON.stringify(receipt);
    try {
      win
        .fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' } })
        .then((response) => response.status < 500 && settle(receipt.eventId), () => {});
    } catch {
      // no fetch: a beacon (its answer cannot be read; the outbox sends it again, harmlessly)
      try {
        win.navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }));
      } catch {
        // nowhere to send it: the page must go on
      }
    }
  };
  return {
    send(receipt) {
      save([...load(), receipt]);
      post(receipt);
    },
    retry: () => load().forEach(post),
  };
}

/** What the receipts chunk hands over: the config's outbox, building each receipt from the facts noted. */
export interface ReceiptOutbox {
  send(facts: ReceiptFacts): void;
  retry(): void;
}

export function openReceiptOutbox(win: Window, endpoint: string, config: ConsentConfig, lang: Language): ReceiptOutbox {
  const sender = createReceiptSender(win, endpoint);
  return { retry: sender.retry, send: (facts) => sender.send(buildReceipt(config, lang, facts)) };
}
