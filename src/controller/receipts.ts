// Consent receipts: one for every decision, naming the config version it was made under, so
// that the platform can prove each consent and each refusal (GDPR Art. 7(1)). Most page views
// send none, so building and sending them is a chunk (consent-receipts.js): the controller
// notes the facts at the moment of the decision and hands them over once the chunk is there.

import type { ConsentConfig, Language } from '../core/config';
import type { Permissions } from '../core/policy';
import type { ReceiptAction, ReceiptFacts } from '../core/receipt';
import { endpointAllowed } from '../core/endpoint';
import type { Say } from '../core/messages';
import { OUTBOX_KEY, type openReceiptOutbox, type ReceiptOutbox } from '../browser/receipts';
import type { Source } from '../contracts';

/** What consent-receipts.js hands over. */
export type ReceiptChunk = typeof openReceiptOutbox;

export interface ReceiptContext {
  config: ConsentConfig;
  win: Window;
  lang: Language;
  now(): number;
  newId(): string;
  consentId(): string | undefined;
  permissions(): Permissions;
  /** The signals in force: Global Privacy Control, a learner treated as a minor. */
  signals(): { gpc: boolean; minor: boolean };
  say: Say;
  /** The chunk; consent.js loads it on first use, the ES module has it built in. Without it, no receipts. */
  load?: () => ReceiptChunk | Promise<ReceiptChunk>;
}

export interface Receipts {
  /** Notes a decision now; its receipt goes out as soon as the chunk is there. */
  send(action: ReceiptAction, source: Source, reason?: string): void;
  /** Settles once every noted receipt is in the outbox (or its chunk failed). */
  settled(): Promise<unknown>;
  /** Runs `then` once the receipts noted in this task are in the outbox, at most 3 s later; at once where none are sent. */
  hold(then: () => void): void;
}

export function createReceipts({ config, win, lang, now, newId, consentId, permissions, signals, say, load }: ReceiptContext): Receipts {
  // Receipts carry the consent id: only to this site's origin, unless the config says otherwise.
  const wanted = load && config.receipts;
  const endpoint = wanted && endpointAllowed(wanted.endpoint, win.location.href, wanted.allowCrossOrigin) ? wanted.endpoint : null;
  if (wanted && !endpoint) say('error', 'receipts-origin', wanted.endpoint);
  const waiting: ReceiptFacts[] = [];
  let outbox: Promise<ReceiptOutbox> | null = null;
  let last: Promise<unknown> = Promise.resolve();
  // Delivers what waits; after a failed load (offline, say) the next receipt tries again.
  const flush = (retry = false) =>
    (last = (outbox ??= Promise.resolve(load!()).then((open) => open(win, endpoint!, config, lang))).then(
      (box) => {
        if (retry) box.retry();
        for (const facts of waiting.splice(0)) box.send(facts);
      },
      (error: unknown) => {
        outbox = null;
        say('error', 'receipts-failed', String(error));
      },
    ));
  if (endpoint)
    // What an earlier page view could not deliver goes again, once this page has settled (the
    // first read of localStorage costs a slow device a few ms: not in the start's frames).
    win.setTimeout(() => {
      try {
        if (win.localStorage.getItem(OUTBOX_KEY)) flush(true);
      } catch {
        // blocked storage: nothing can wait there
      }
    }, 2000);
  return {
    send(action, source, reason) {
      const id = consentId();
      if (!endpoint || !id) return;
      waiting.push({ action, source, reason, time: now(), consentId: id, eventId: newId(), ...permissions(), signals: signals(), page: win.location.pathname });
      flush();
    },
    settled: () => last,
    hold(then) {
      if (!endpoint) return then();
      // From a microtask: the decision that asks notes its receipt later in the same task.
      const timeout = new Promise((resolve) => win.setTimeout(resolve, 3000));
      void Promise.race([Promise.resolve().then(() => last), timeout]).then(then);
    },
  };
}
