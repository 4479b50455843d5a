// A country in words, for the disclosures and the embed placeholder: the locale's name first
// (the caller's `named`), Intl.DisplayNames only for a code the locale lacks.
import type { Language } from './config';

/** A country code or name in words ("US" → "Vereinigte Staaten"). */
export function countryName(country: string, lang: Language, named?: (code: string) => string): string {
  if (!/^[a-z]{2}$/i.test(country)) return country;
  const code = country.toUpperCase();
  // The locale's own name first: the first use of Intl.DisplayNames costs Chromium about 250 ms
  // at 4× CPU throttling (its region data), on the first layer of every first visit.
  const own = named?.(code);
  if (own) return own;
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? country;
  } catch {
    return country;
  }
}
