// Texts: i18next with German built in (the fallback for every key), the active language's
// locale file when it is not German, and the config's `texts` deep-merged over both.
// A key missing everywhere renders as nothing, never as the raw key.

import i18next from 'i18next';
import { I18N_OPTIONS } from './i18n-options';
import type { Translate } from './translate';
import type { Language } from '../core/config';
// Only the sections the UI shows: the reopen button's and the embed placeholder's texts ship
// with consent.js and consent-embed.js.
import { banner, categories, preferences, presets, units, countries } from '../../locales/de.json';

const de = { banner, categories, preferences, presets, units, countries };

type Tree = Record<string, unknown>;

export function createTranslate(lang: Language, messages: Tree | null, overrides: Partial<Record<Language, Tree>>): Translate {
  const resources: Record<string, { translation: Tree }> = { de: { translation: deepMerge(de, overrides.de) } };
  if (lang !== 'de') resources[lang] = { translation: deepMerge(messages ?? {}, overrides[lang]) };
  const i18n = i18next.createInstance();
  i18n.init({ ...I18N_OPTIONS, lng: lang, resources });
  return (key, values) => String(i18n.t(key, values));
}

function deepMerge(base: Tree, over: Tree | undefined): Tree {
  if (!over) return base;
  const result: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] =
      isTree(value) && isTree(current) ? deepMerge(current, value) : typeof value === 'string' || isTree(value) ? value : current;
  }
  return result;
}

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);
