// Consent receipts (GDPR Art. 7(1): the platform must be able to prove every consent and every
// refusal). On each decision the widget posts one JSON receipt to the configured first-party
// endpoint, with fetch (keepalive, same-origin credentials), and keeps it until the server has
// answered (createReceiptSender); a beacon where fetch cannot be used.
// The format is schema/consent-receipt.schema.json. Nothing personal beyond what it lists.

export type ReceiptAction = 'accept_all' | 'reject_all' | 'save' | 'withdraw' | 'embed_allow' | 'reask';

export interface Receipt {
  schema: 'asmeronexa-consent-receipt/1';
  consentId: string;
  eventId: string;
  clientTime: string;
  action: ReceiptAction;
  source: string;
  /** Only for `reask`: why the stored choice no longer counted. */
  reason?: string;
  revision: number;
  policyVersion: string | null;
  configHash: string;
  widgetVersion: string;
  language: string;
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  /** The page path, without query or fragment. */
  page: string;
  /** The signals in force when it was sent: Global Privacy Control, a learner treated as a minor. */
  signals?: { gpc: boolean; minor: boolean };
  /** Until when the decision counts (not on a re-ask, which decides nothing). */
  validUntil?: string;
  /** What was switched on when the first layer was shown: the proof that nothing optional was pre-ticked. */
  preselected?: { categories: Record<string, boolean>; services: Record<string, boolean> };
  /** The privacy notice, as an absolute http(s) URL. */
  noticeUrl?: string;
}

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
