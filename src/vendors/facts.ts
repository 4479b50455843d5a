// What each preset is, as data: where its provider sits, where data may go beyond the EU/EEA,
// which hosts it contacts, and how long its cookies live. The words (provider with address,
// purpose, data sent, transfer basis) are texts: locales/<lang>.json `presets.<name>.*`.
// Only the UI chunk (settings, first layer) reads this; consent.js does not carry it.
//
// Sources: Google, "How Google Analytics uses cookies" and "Data Privacy Framework" listing of
// Google LLC (certified; EU adequacy decision of 10 July 2023); Matomo FAQ "What cookies does
// Matomo set?" (_pk_id 13 months, _pk_ses 30 minutes). Check them when a vendor changes.

import type { PresetName } from './registry';

export interface PresetCookieFact {
  /** The cookie rule's display name (as in PRESETS' cookies). */
  name: string;
  /** Lifetime in seconds. */
  maxAge: number;
}

export interface PresetFacts {
  /** ISO 3166 code of the provider's seat. */
  country: string;
  /** Countries outside the EU/EEA data may be transferred to (the recipient is a text). */
  transfers: string[];
  /** Hosts its scripts contact by default (the preset's options may add one: gtagUrl, url). */
  hosts: string[];
  cookies: PresetCookieFact[];
  /** Storage keys (localStorage / sessionStorage) it writes. */
  storage: PresetCookieFact[];
  privacyPolicyUrl?: string;
}

const MINUTE = 60;
const DAY = 86_400;

export const PRESET_FACTS: Record<PresetName, PresetFacts> = {
  'google-analytics': {
    country: 'IE',
    transfers: ['US'],
    hosts: ['www.googletagmanager.com', 'www.google-analytics.com', 'region1.google-analytics.com'],
    cookies: [
      { name: '_ga', maxAge: 730 * DAY },
      { name: '_ga_<ID>', maxAge: 730 * DAY },
      { name: '_gid', maxAge: DAY },
      { name: '_gat*', maxAge: MINUTE },
    ],
    storage: [],
    privacyPolicyUrl: 'https://policies.google.com/privacy',
  },
  // Matomo runs on the site's own server or in Matomo Cloud: who receives the data follows `url`
  // (see core/disclosure.ts); these are the defaults for a self-hosted one.
  matomo: {
    country: '',
    transfers: [],
    hosts: [],
    cookies: [
      { name: '_pk_id.*', maxAge: 395 * DAY },
      { name: '_pk_ses.*', maxAge: 30 * MINUTE },
    ],
    storage: [],
  },
};

/** Matomo Cloud: InnoCraft Ltd, New Zealand (EU adequacy decision for New Zealand, Art. 45 GDPR). */
export const MATOMO_CLOUD = { country: 'NZ', hostPattern: /(^|\.)(matomo|innocraft)\.cloud$/ };
