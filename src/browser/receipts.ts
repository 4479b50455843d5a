// Consent receipts (GDPR Art. 7(1): the platform must be able to prove every consent and every
// refusal). On each decision the widget posts one JSON receipt to the configured first-party
// endpoint, with navigator.sendBeacon (fetch with keepalive where that is missing or refuses).
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
}

export function sendReceipt(win: Window, endpoint: string, receipt: Receipt): void {
  const body = JSON.stringify(receipt);
  try {
    if (win.navigator.sendBeacon?.(endpoint, new Blob([body], { type: 'application/json' }))) return;
  } catch {
    // fall through to fetch
  }
  try {
    win.fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' } }).catch(() => {});
  } catch {
    // nowhere to send it: the page must go on
  }
}
