// The consent receipt (GDPR Art. 7(1): the platform must be able to prove every consent and
// every refusal), built from what was noted at the moment of the decision and the config it
// was made under. Format: schema/consent-receipt.schema.json; nothing personal beyond it.
// Pure: consent.js notes the facts at once and the receipts chunk builds and sends the receipt.

import { checksum } from './choice';
import type { ConsentConfig, Language } from './config';
import { permissionsFor, type Permissions } from './policy';
import { isoTime } from './time';
import { VERSION } from './version';

export type ReceiptAction = 'accept_all' | 'reject_all' | 'save' | 'withdraw' | 'embed_allow' | 'reask';

/** What the controller notes at the moment of a decision (everything that may change later). */
export interface ReceiptFacts extends Permissions {
  action: ReceiptAction;
  /** Where the decision came from (contracts.ts Source). */
  source: string;
  /** Only for `reask`: why the stored choice no longer counted. */
  reason?: string;
  /** Milliseconds since the epoch. */
  time: number;
  consentId: string;
  eventId: string;
  /** The signals in force: Global Privacy Control, a learner treated as a minor. */
  signals: { gpc: boolean; minor: boolean };
  /** The page path, without query or fragment. */
  page: string;
}

export interface Receipt extends Permissions {
  schema: 'asmeronexa-consent-receipt/1';
  consentId: string;
  eventId: string;
  clientTime: string;
  action: ReceiptAction;
  source: string;
  reason?: string;
  revision: number;
  policyVersion: string | null;
  configHash: string;
  widgetVersion: string;
  language: string;
  page: string;
  signals?: { gpc: boolean; minor: boolean };
  /** Until when the decision counts (not on a re-ask, which decides nothing). */
  validUntil?: string;
  /** What was switched on when the first layer was shown: the proof that nothing optional was pre-ticked. */
  preselected?: Permissions;
  /** The privacy notice, as an absolute http(s) URL. */
  noticeUrl?: string;
}

/** What this config looks like to a learner, hashed: the receipt names the version decided on. */
export const configHash = (config: ConsentConfig): string =>
  checksum(
    JSON.stringify([config.revision, config.policyVersion, config.categories, config.services.map((s) => [s.id, s.category, s.preset, s.src, s.cookies.map((c) => c.displayName)]), config.texts]),
  );

export function buildReceipt(config: ConsentConfig, lang: Language, facts: ReceiptFacts): Receipt {
  const { time, reason } = facts;
  // Sent as JSON: a field left undefined is left out.
  return {
    schema: 'asmeronexa-consent-receipt/1',
    consentId: facts.consentId,
    eventId: facts.eventId,
    clientTime: isoTime(time),
    action: facts.action,
    source: facts.source,
    reason,
    // A re-ask (only it has a reason) decides nothing; a decision counts as long as its cookie.
    validUntil: reason ? undefined : isoTime(time - (time % 1000) + config.cookie.expiresDays * 864e5),
    revision: config.revision,
    policyVersion: config.policyVersion,
    widgetVersion: VERSION,
    language: lang,
    configHash: configHash(config),
    categories: facts.categories,
    services: facts.services,
    page: facts.page,
    signals: facts.signals,
    // What the first layer showed on: by design only the required categories and their services.
    preselected: permissionsFor(config, null, { minor: false }),
  };
}
