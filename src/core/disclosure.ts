// The facts the texts state, derived from the normalized config, so that they are true by
// construction: who receives data when "Alle akzeptieren" is pressed (per category, counted),
// per service its provider, purpose, data sent, country and transfer basis, its cookies and
// storage keys with their lifetimes, and the consent cookie's own lifetime. Pure: the UI passes
// the preset texts (`text`) and the preset data (src/vendors/facts.ts) in.

import { countryName } from './country';
import { localize, type Category, type ConsentConfig, type CookieRule, type Language, type Service } from './config';

/** A preset's name (src/vendors/registry.ts): the core knows presets only by name. */
type PresetName = string;

/** EU and EEA member states: a transfer anywhere else needs a basis (GDPR Chapter V). */
export const EEA = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' ');

/** What src/vendors/facts.ts says of a preset (the part this module reads). */
export interface PresetData {
  country: string;
  transfers: string[];
  hosts: string[];
  cookies: { name: string; maxAge: number }[];
  storage: { name: string; maxAge: number }[];
  privacyPolicyUrl?: string;
}

export interface Stored {
  /** Cookie or storage key, as shown (`_ga_<ID>`). */
  name: string;
  /** How long it lives, in words; '' when the config does not say. */
  lifetime: string;
}

export interface ServiceFacts {
  id: string;
  label: string;
  provider: string;
  privacyPolicyUrl?: string;
  purpose: string;
  dataSent: string;
  /** The provider's country, in words ('' when unknown). */
  country: string;
  /** A transfer outside the EU/EEA: to where, to whom, on what basis. */
  transfer?: { countries: string; recipient: string; basis: string };
  cookies: Stored[];
  storage: Stored[];
  /** Hosts the service's scripts contact. */
  hosts: string[];
}

export interface DisclosureContext {
  lang: Language;
  /** A preset's text from the locale, e.g. text('google-analytics', 'provider'); '' if none. */
  text(preset: PresetName, key: string): string;
  presets: Partial<Record<PresetName, PresetData>>;
  /** The page's host name (to tell a self-hosted Matomo from someone else's). */
  pageHost?: string;
  /** A count of a unit in words, from the locale ("182 Tage"). */
  words: Words;
  /** A country's name from the locale ("Vereinigte Staaten"); '' where the locale has none. */
  country(code: string): string;
}

export type DurationUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';
export type Words = (unit: DurationUnit, count: number) => string;

const DAY = 86_400;

/**
 * A lifetime in seconds, in words: "30 Minuten", "24 Stunden", "182 Tage", "13 Monate", "2 Jahre".
 * The words are the locale's (units.* through i18next), not Intl's unit formatting, whose first
 * use costs Chromium about 290 ms at 4× CPU throttling: on the first layer, every first visit.
 */
export function formatDuration(seconds: number, words: Words): string {
  const days = seconds / DAY;
  const [count, unit]: [number, DurationUnit] =
    seconds < 3600 ? [Math.round(seconds / 60), 'minute']
      : seconds < DAY ? [Math.round(seconds / 3600), 'hour']
        : days % 365 === 0 ? [days / 365, 'year']
          : days > 365 ? [Math.round(days / 30.44), 'month']
            : [Math.round(days), 'day'];
  return words(unit, count);
}

/** A rule's lifetime as the config gives it: words, or a number of days. */
export function ruleLifetime(rule: CookieRule, lang: Language, words: Words): string {
  return typeof rule.lifetime === 'number' ? formatDuration(rule.lifetime * DAY, words) : localize(rule.lifetime, lang);
}

/** The consent cookie itself: its name and its real lifetime (`cookie.expiresDays`). */
export function consentCookie(config: ConsentConfig, words: Words): Stored {
  return { name: config.cookie.name, lifetime: formatDuration(config.cookie.expiresDays * DAY, words) };
}

export function isThirdCountry(country: string): boolean {
  if (!country) return false;
  // A code is compared as a code; only a name needs the names of the EU/EEA countries.
  if (/^[a-z]{2}$/i.test(country)) return !EEA.includes(country.toUpperCase());
  const named = country.toLowerCase();
  return !EEA.some((code) => (['de', 'en'] as const).some((l) => countryName(code, l).toLowerCase() === named));
}

const hostOf = (url: string) => /^(\w+:)?\/\/([^/?#@]*@)?([^/?#:]+)/.exec(url)?.[3];
/** The registrable-ish end of a host: its last two labels. */
const site = (host: string) => host.split('.').slice(-2).join('.');

/** Every fact the settings and the first layer state about one service. */
export function serviceFacts(service: Service, ctx: DisclosureContext): ServiceFacts {
  const { lang } = ctx;
  const preset = service.preset;
  const data = preset ? ctx.presets[preset] : undefined;
  const text = (key: string) => (preset ? ctx.text(preset, key) : '');
  const own = (key: 'label' | 'description' | 'dataSent' | 'transferBasis') => localize(service[key], lang);

  let provider = service.provider ?? text('provider');
  let country = service.country ?? data?.country ?? '';
  let transferCountries = service.country === undefined ? (data?.transfers ?? []) : [];
  const recipient = service.country === undefined ? text('transferRecipient') : '';
  let basis = own('transferBasis') || text('transferBasis');
  const hosts = [...(data?.hosts ?? [])];
  for (const src of service.src) {
    const host = hostOf(src);
    if (host && !hosts.includes(host)) hosts.push(host);
  }

  if (preset === 'google-analytics' && service.options.gtagUrl) {
    const proxy = hostOf(service.options.gtagUrl);
    if (proxy) hosts.splice(0, 1, proxy);
  }
  if (preset === 'matomo') {
    // Who receives the data follows `url`: Matomo Cloud, this site's own server, or another one.
    const host = hostOf(service.options.url) ?? ctx.pageHost ?? '';
    if (host) hosts.push(host);
    if (/(^|\.)(matomo|innocraft)\.cloud$/.test(host)) {
      provider = service.provider ?? text('cloudProvider');
      country = service.country ?? 'NZ';
      basis = own('transferBasis') || text('cloudBasis');
    } else if (service.provider === undefined && ctx.pageHost && site(host) !== site(ctx.pageHost)) {
      provider = text('otherProvider').replace('{{host}}', host);
    } else if (service.provider === undefined) {
      provider = text('provider').replace('{{host}}', host);
    }
  }

  // A custom service names one country; a preset its seat plus where data may go on from there.
  if (isThirdCountry(country)) transferCountries = [country, ...transferCountries.filter((c) => c !== country)];
  transferCountries = transferCountries.filter(isThirdCountry);

  const stored = (rules: CookieRule[], known: { name: string; maxAge: number }[] = []): Stored[] =>
    rules
      // Catch-all deletion rules (`/^_pk_/`) are not shown when a named rule covers them.
      .filter((rule) => typeof rule.name === 'string' || rule.lifetime !== undefined || rule.displayName !== String(rule.name) || !known.length)
      .map((rule) => {
        const fact = known.find((k) => k.name === rule.displayName);
        // A plain prefix rule reads as a name: "/^_hj/" → "_hj*".
        const name = rule.displayName.replace(/^\/\^([\w.-]+)\/i?$/, '$1*');
        return { name, lifetime: fact ? formatDuration(fact.maxAge, ctx.words) : ruleLifetime(rule, lang, ctx.words) };
      });

  return {
    id: service.id,
    label: own('label') || text('label') || service.id,
    provider,
    privacyPolicyUrl: service.privacyPolicyUrl ?? data?.privacyPolicyUrl,
    purpose: own('description') || text('description'),
    dataSent: own('dataSent') || text('dataSent'),
    country: country ? countryName(country, lang, ctx.country) : '',
    transfer: transferCountries.length
      ? { countries: transferCountries.map((c) => countryName(c, lang, ctx.country)).join(', '), recipient, basis }
      : undefined,
    cookies: stored(service.cookies, data?.cookies),
    storage: stored(service.storage, data?.storage),
    hosts,
  };
}

export interface RecipientGroup {
  category: Category;
  services: ServiceFacts[];
}

/**
 * What "Alle akzeptieren" enables: every optional category the learner may be offered, with
 * the services in it (the recipients), in the settings' order.
 */
export function recipients(config: ConsentConfig, ctx: DisclosureContext, offerable: (category: string) => boolean): RecipientGroup[] {
  return config.categories
    .filter((category) => !category.required && offerable(category.id))
    .map((category) => ({
      category,
      services: config.services.filter((s) => s.category === category.id).map((s) => serviceFacts(s, ctx)),
    }));
}
