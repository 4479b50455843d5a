// The plural form of a count in the languages the widget speaks. German and English share
// CLDR's cardinal rule: "one" for exactly ±1 without decimals, "other" for every other count.
// Written out because the first use of Intl.PluralRules loads ICU data: about 25 ms at 4× CPU
// on a first visit's banner ("2 Dienste"). test/unit/core/plural.test.ts holds it equal to Intl.
import type { Language } from './config';

export const pluralForm = (_lang: Language, count: number): 'one' | 'other' => (Math.abs(count) === 1 ? 'one' : 'other');
