// The UI's view of core/disclosure.ts: the preset texts from the locale, the preset data from
// src/vendors/facts.ts, and the page's host. Also: whether this page is the privacy policy or
// the imprint (there, even a blocking banner must leave the page readable).

import type { ConsentConfig, Language } from '../core/config';
import type { DisclosureContext } from '../core/disclosure';
import { PRESET_FACTS } from '../vendors/facts';
import type { Translate } from './translate';

export function disclosureContext(t: Translate, lang: Language, doc: Document): DisclosureContext {
  return {
    lang,
    text: (preset, key) => t(`presets.${preset}.${key}`),
    presets: PRESET_FACTS,
    pageHost: doc.location?.hostname,
    words: (unit, count) => t(`units.${unit}`, { count }),
    country: (code) => t(`countries.${code}`),
  };
}

const path = (p: string) => p.replace(/\/+$/, '') || '/';

/** Whether the page is at `privacyPolicyUrl` or `imprintUrl` (same origin and path). */
export function isLegalPage(config: ConsentConfig, doc: Document): boolean {
  const here = doc.location;
  if (!here) return false;
  return [config.privacyPolicyUrl, config.imprintUrl].some((url) => {
    if (!url) return false;
    try {
      const target = new URL(url, doc.baseURI);
      return target.origin === here.origin && path(target.pathname) === path(here.pathname);
    } catch {
      return false;
    }
  });
}
