// The UI's texts always come from i18next, in one of two ways: at run time (the settings dialog,
// and any config with `texts` overrides), or resolved by i18next at build time into a table for
// the first layer (consent-banner.<lang>.js), which then needs neither i18next (15 KB) nor a
// locale download. At run time the table only gets its {{placeholders}} and plural form filled.

import type { Language } from '../core/config';
import { EEA } from '../core/disclosure';
import { isFirstLayerKey } from '../core/first-layer';
import { pluralForm } from '../core/plural';

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A key's text as i18next resolved it, or its plural forms by CLDR category (core/plural.ts). */
export type TextTable = Record<string, string | Record<string, string>>;

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The first-layer keys the table holds: the banner names only third countries (a transfer), so
 * the EU/EEA names stay with the dialog and the embed placeholder.
 */
export const inFirstLayerTable = (key: string) => isFirstLayerKey(key) && !(key.startsWith('countries.') && EEA.includes(key.slice(10)));

/**
 * Build time: every first-layer key of `leafKeys` resolved by `t` (an i18next instance set up
 * with I18N_OPTIONS), placeholders left in; plural keys (`x_one`, `x_other`) grouped under `x`.
 */
export function resolveTable(t: (key: string) => string, leafKeys: string[]): TextTable {
  const table: TextTable = {};
  for (const key of leafKeys) {
    if (!inFirstLayerTable(key.replace(PLURAL, ''))) continue;
    const plural = PLURAL.exec(key);
    // Placeholders written as {{name}}, however the locale spaces them: the run time looks for that form only.
    const text = t(key).replace(/\{\{\s*(\w+)\s*\}\}/g, '{{$1}}');
    if (plural) ((table[key.slice(0, plural.index)] ??= {}) as Record<string, string>)[plural[1]] = text;
    else table[key] = text;
  }
  return table;
}

/** Run time: the table as a Translate, filling values and choosing the plural form as i18next would. */
export function tableTranslate(lang: Language, table: TextTable): Translate {
  return (key, values = {}) => {
    const entry = table[key] ?? '';
    // A plural key without a count has no text in i18next either.
    const text = typeof entry === 'string' ? entry : 'count' in values ? (entry[pluralForm(lang, Number(values.count))] ?? entry.other ?? '') : '';
    return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}

/** Every leaf key of a locale tree, dotted. */
export function leafKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
