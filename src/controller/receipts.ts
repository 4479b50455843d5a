// Consent receipts: one for every decision, naming the config version it was made under, so
// that the platform can prove each consent and each refusal (GDPR Art. 7(1)).

import { checksum } from '../core/choice';
import type { ConsentConfig, Language } from '../core/config';
import { permissionsFor, type Permissions } from '../core/policy';
import { isoTime } from '../core/time';
import { createReceiptSender, type ReceiptAction } from '../browser/receipts';
import { endpointAllowed } from '../core/endpoint';
import type { Say } from '../core/messages';
import type { Source } from '../contracts';

declare const __VERSION__: string;
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

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
}

export function createReceipts({ config, win, lang, now, newId, consentId, permissions, signals, say }: ReceiptContext) {
  // Receipts carry the consent id: only to this site's origin, unless the config says otherwise.
  const endpoint = config.receipts && endpointAllowed(config.receipts.endpoint, win.location.href, config.receipts.allowCrossOrigin) ? config.receipts.endpoint : null;
  if (config.receipts && !endpoint) say('error', 'receipts-origin', config.receipts.endpoint);
  const sender = endpoint ? createReceiptSender(win, endpoint) : null;
  // What an earlier page view could not deliver goes again, once this page has settled (the
  // first read of localStorage costs a slow device a few ms: not in the start's frames).
  if (sender) win.setTimeout(sender.retry, 2000);
  // What this config looks like to a learner, hashed: worked out on the first receipt, since
  // most page views send none.
  let configHash: string | undefined;
  return function receipt(action: ReceiptAction, source: Source, reason?: string) {
    const id = consentId();
    if (!sender || !id) return;
    configHash ??= checksum(
      JSON.stringify([config.revision, config.policyVersion, config.categories, config.services.map((s) => [s.id, s.category, s.preset, s.src, s.cookies.map((c) => c.displayName)]), config.texts]),
    );
    const time = now();
    // Sent at once, as JSON: a field left undefined is left out.
    sender.send({
      schema: 'asmeronexa-consent-receipt/1',
      consentId: id,
      eventId: newId(),
      clientTime: isoTime(time),
      action,
      source,
      reason,
      // A re-ask (only it has a reason) decides nothing; a decision counts as long as its cookie.
      validUntil: reason ? undefined : isoTime(time - (time % 1000) + config.cookie.expiresDays * 864e5),
      revision: config.revision,
      policyVersion: config.policyVersion,
      widgetVersion: VERSION,
      language: lang,
      configHash,
      // categories and services
      ...permissions(),
      page: win.location.pathname,
      signals: signals(),
      // What the first layer showed on: by design only the required categories and their services.
      preselected: permissionsFor(config, null, { minor: false }),
    });
  };
}
