// The first layer's plural forms without Intl.PluralRules (its first use loads ICU data): the
// same form as Intl chooses, in every language the widget speaks, for every kind of count.
import { describe, expect, it } from 'vitest';
import { pluralForm } from '../../../src/core/plural';
import { LANGUAGES } from '../../../src/core/config';

const counts = [...Array.from({ length: 1001 }, (_, i) => i), -1, -2, 0.5, 1.5, 1.01, 21, 101, 1e6, 1e21, Number.MAX_SAFE_INTEGER];

describe('pluralForm', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: the form Intl.PluralRules chooses, for ${counts.length} counts`, () => {
      const intl = new Intl.PluralRules(lang);
      expect(counts.map((n) => pluralForm(lang, n))).toEqual(counts.map((n) => intl.select(n)));
    });
  }
});
