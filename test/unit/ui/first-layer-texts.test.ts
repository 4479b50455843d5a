// The first layer's texts are resolved by i18next at build time: for every key it shows, in
// German and English, with and without values, in every plural form, the table must give exactly
// what i18next gives at run time (the settings dialog's engine).
import { describe, expect, it } from 'vitest';
import de from '../../../locales/de.json';
import en from '../../../locales/en.json';
import { LANGUAGES } from '../../../src/core/config';
import { createTranslate } from '../../../src/ui/i18n';
import { firstLayerTable } from '../../../src/ui/first-layer-table';
import { inFirstLayerTable, leafKeys, tableTranslate } from '../../../src/ui/translate';

const locales = { de, en };
const values: Record<string, string | number>[] = [{}, { count: 0 }, { count: 1 }, { count: 2 }, { count: 7, service: 'Matomo', where: 'USA (Google LLC)', basis: 'Art. 45', lifetime: '6 Monate', host: 'stats.example', country: 'USA', provider: 'X', data: 'IP', on: 'a', total: 3 }];

describe('first-layer texts', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: the build-time table answers every first-layer key as i18next does at run time`, () => {
      const table = tableTranslate(lang, firstLayerTable(lang, locales));
      const runtime = createTranslate(lang, lang === 'de' ? null : locales[lang], {});
      const keys = [...new Set(leafKeys({ ...de, ...locales[lang] }).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].filter(inFirstLayerTable);
      expect(keys.length).toBeGreaterThan(20);
      expect(keys).toContain('banner.services'); // a plural key
      for (const key of keys) for (const v of values) expect(table(key, v), `${key} ${JSON.stringify(v)}`).toBe(runtime(key, v));
      // What the first layer does not show is not in the table: the settings dialog stays with i18next.
      for (const key of ['preferences.title', 'categories.analytics.description', 'presets.matomo.dataSent']) {
        expect(table(key), key).toBe('');
        expect(runtime(key), key).not.toBe('');
      }
    });
  }

  it('English falls back to German for a key the English file lacks, as i18next does', () => {
    const partial = { de: { banner: { title: 'Cookies', only: 'nur deutsch' } }, en: { banner: { title: 'Cookies (en)' } } };
    const table = tableTranslate('en', firstLayerTable('en', partial));
    expect([table('banner.title'), table('banner.only')]).toEqual(['Cookies (en)', 'nur deutsch']);
  });

  it('a placeholder spaced as {{ name }} is filled as i18next fills it', () => {
    const locale = { de: { banner: { withdraw: 'Wir speichern {{ lifetime }} lang.', services_one: '{{ count }} Dienst', services_other: '{{count}} Dienste' } }, en: {} };
    const table = tableTranslate('de', firstLayerTable('de', locale));
    const runtime = createTranslate('de', null, { de: locale.de });
    for (const [key, values] of [['banner.withdraw', { lifetime: '6 Monate' }], ['banner.services', { count: 1 }], ['banner.services', { count: 3 }]] as const)
      expect(table(key, values)).toBe(runtime(key, values));
    expect(table('banner.withdraw', { lifetime: '6 Monate' })).toBe('Wir speichern 6 Monate lang.');
  });
});
