// Build time (rollup.config.ts): the first layer's texts for one language, resolved by an i18next
// instance set up as at run time, German the fallback; placeholders and plural forms kept for
// tableTranslate to fill. Not part of any chunk.

import i18next from 'i18next';
import type { Language } from '../core/config';
import { I18N_OPTIONS } from './i18n-options';
import { leafKeys, resolveTable, type TextTable } from './translate';

export function firstLayerTable(lang: Language, locales: Record<Language, Record<string, unknown>>): TextTable {
  const languages = [...new Set<Language>(['de', lang])];
  const i18n = i18next.createInstance();
  i18n.init({ ...I18N_OPTIONS, lng: lang, resources: Object.fromEntries(languages.map((l) => [l, { translation: locales[l] }])) });
  const keys = [...new Set(languages.flatMap((l) => leafKeys(locales[l])))];
  return resolveTable((key) => String(i18n.t(key)), keys);
}
