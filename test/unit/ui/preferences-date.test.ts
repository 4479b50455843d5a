// "Entschieden am": the settings write the date as Intl's long date and short time would, from
// the locale, without Intl's date formatting (its first use costs about 360 ms at 4× CPU).
import { describe, expect, it } from 'vitest';
import en from '../../../locales/en.json';
import { LANGUAGES } from '../../../src/core/config';
import { createTranslate } from '../../../src/ui/i18n';
import { formatDate } from '../../../src/ui/Preferences';

// Every month, single- and double-digit days and hours, midnight and just before, leap day.
const dates = [
  ...Array.from({ length: 12 }, (_, m) => new Date(2026, m, 1 + m * 2, m * 2, m * 5)),
  new Date(2024, 1, 29, 0, 0),
  new Date(2026, 11, 31, 23, 59),
  new Date(2027, 0, 1, 0, 1),
  ...Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 7_654_321_987)),
];

describe('formatDate', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: what toLocaleString says with dateStyle long and timeStyle short`, () => {
      const t = createTranslate(lang, lang === 'de' ? null : en, {});
      const intl = (d: Date) => d.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });
      expect(dates.map((d) => formatDate(d.toISOString(), t))).toEqual(dates.map(intl));
    });
  }

  it('an unreadable time stays as it is', () => {
    expect(formatDate('not a date', createTranslate('de', null, {}))).toBe('not a date');
  });
});
