// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs" }
// Issue 15: the texts follow the config. A service added appears on the first layer and in the
// settings with its facts; lifetimes follow the config (the consent cookie's cookie.expiresDays);
// a service-level choice shows as "teilweise" and can be switched off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, within } from '@testing-library/preact';
import { mountUi } from '../../../src/ui/mount';
import { getShadowRoot } from '../../../src/browser/host';
import { validateConfig } from '../../../src/diagnostics/validate';
import { normalizeConfig } from '../../../src/core/config-rules';
import { PRESETS } from '../../../src/vendors/registry';
import { EEA, formatDuration, isThirdCountry, serviceFacts } from '../../../src/core/disclosure';
import { createTranslate } from '../../../src/ui/i18n';
import { firstLayerTable } from '../../../src/ui/first-layer-table';
import { tableTranslate } from '../../../src/ui/translate';
import { isTrackerHost, trackerInSession } from '../../../src/core/trackers';
import { PRESET_FACTS } from '../../../src/vendors/facts';
import type { ConsentApi } from '../../../src/contracts';
import en from '../../../locales/en.json';
import de from '../../../locales/de.json';
import { clearCookies, start, stopAll } from '../helpers';

const GA = { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-TEST123' };
const HOTJAR = {
  id: 'hotjar', category: 'analytics', label: 'Hotjar', provider: 'Hotjar Ltd., Dragonara Business Centre, St Julian’s, Malta',
  country: 'MT', dataSent: { de: 'Mausbewegungen und Klicks', en: 'mouse movements and clicks' }, cookies: [{ name: '/^_hj/', displayName: '_hj*', lifetime: 180 }],
  storage: ['_hjSession'],
};
const BBB = {
  id: 'bbb', category: 'embeds', label: 'BigBlueButton', provider: 'Konferenz GmbH', country: 'US',
  transferBasis: { de: 'Standardvertragsklauseln (Art. 46 DSGVO)', en: 'standard contractual clauses (Art. 46 GDPR)' },
  dataSent: { de: 'Nutzername, Kurszugehörigkeit, IP-Adresse', en: 'user name, course, IP address' },
};
const EMBEDS = { embeds: { label: { de: 'Externe Lernwerkzeuge', en: 'External learning tools' }, minorsAllowed: true } };

function setup(config: Record<string, unknown>, lang: 'de' | 'en' = 'de') {
  let ui: ReturnType<typeof mountUi> | undefined;
  let queued = false;
  const { api } = start(
    { privacyPolicyUrl: '/datenschutz', imprintUrl: '/impressum', reloadOnWithdraw: false, language: lang, ...config },
    { showUi: (view) => (ui ? ui.show(view, null) : (queued = true)) },
  );
  const root = getShadowRoot(document, api.config.theme, lang);
  ui = mountUi(api as ConsentApi, { root, lang, messages: lang === 'en' ? en : null, nonce: undefined, onOpenChange: () => {} });
  if (queued) act(() => ui!.show('banner', null));
  const container = root.querySelector('.anx-root')!.parentElement!;
  return { api, root, ui: ui!, screen: within(container) };
}

function openSettings(ctx: ReturnType<typeof setup>) {
  act(() => ctx.api.showPreferences());
  const dialog = ctx.screen.getByRole('dialog', { name: /Cookie-Einstellungen|Cookie settings/ });
  // Open every service list.
  for (const toggle of within(dialog).queryAllByRole('button', { name: /Dienste anzeigen|Show services/ })) fireEvent.click(toggle);
  return dialog;
}

beforeEach(() => {
  clearCookies();
  document.head.innerHTML = '';
  document.body.innerHTML = '<main id="page"><a href="#x">Kurs</a></main>';
});
afterEach(() => {
  stopAll();
  document.getElementById('asmeronexa-consent')?.remove();
});

describe('first layer: every recipient "Alle akzeptieren" enables, from the config', () => {
  it('names each optional category with its services and their count', () => {
    const { screen } = setup({ services: [GA, { id: 'matomo', category: 'analytics', preset: 'matomo', url: '/stats/', siteId: 1 }] });
    const items = within(screen.getByRole('list', { name: '„Alle akzeptieren“ erlaubt:' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Analyse-Cookies (2 Dienste): Google Analytics, Matomo', 'Funktionale Cookies (keine Dienste anderer Anbieter)']);
  });

  it('a service added to the config appears there, in its category, counted', () => {
    const { screen } = setup({ categories: EMBEDS, services: [GA, HOTJAR, BBB] });
    const items = within(screen.getByRole('list', { name: '„Alle akzeptieren“ erlaubt:' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Analyse-Cookies (2 Dienste): Google Analytics, Hotjar',
      'Funktionale Cookies (keine Dienste anderer Anbieter)',
      'Externe Lernwerkzeuge (1 Dienst): BigBlueButton',
    ]);
  });

  it('names transfers outside the EU with recipient and basis: Google LLC, Data Privacy Framework, Art. 45', () => {
    const { screen } = setup({ categories: EMBEDS, services: [GA, HOTJAR, BBB] });
    const text = screen.getByRole('region').textContent!;
    expect(text).toContain(
      'Google Analytics kann Daten außerhalb der EU verarbeiten: Vereinigte Staaten (Google LLC), Grundlage: EU-US Data Privacy Framework (Art. 45 DSGVO).',
    );
    expect(text).toContain('BigBlueButton kann Daten außerhalb der EU verarbeiten: Vereinigte Staaten, Grundlage: Standardvertragsklauseln (Art. 46 DSGVO).');
    expect(text).not.toContain('Hotjar kann Daten außerhalb'); // Malta is in the EU
  });

  it('says how long the choice is stored, from cookie.expiresDays, and where to withdraw', () => {
    const { screen } = setup({ cookie: { expiresDays: 90 } });
    expect(screen.getByRole('region').textContent).toContain(
      'Ihre Wahl speichern wir 90 Tage lang. Unter „Cookie-Einstellungen“ können Sie sie jederzeit ändern oder widerrufen, ohne Nachteile.',
    );
  });

  it('a known minor is told only what is offered', () => {
    const { screen } = setup({ user: { minor: true }, services: [GA] });
    const items = within(screen.getByRole('list', { name: '„Alle akzeptieren“ erlaubt:' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Funktionale Cookies (keine Dienste anderer Anbieter)']);
    expect(screen.getByRole('region').textContent).not.toContain('Google');
  });

  it('in English too', () => {
    const { screen } = setup({ services: [GA], cookie: { expiresDays: 30 } }, 'en');
    const text = screen.getByRole('region').textContent!;
    expect(text).toContain('Analytics cookies (1 service): Google Analytics');
    expect(text).toContain('Google Analytics may process data outside the EU: United States (Google LLC), basis: EU-US Data Privacy Framework (Art. 45 GDPR).');
    expect(text).toContain('We store your choice for 30 days.');
  });
});

describe('settings: a switch and the facts per service', () => {
  it('shows provider, purpose, data sent, country, transfer basis, hosts, cookies and storage with lifetimes', () => {
    const ctx = setup({ categories: EMBEDS, services: [GA, HOTJAR, BBB] });
    const dialog = openSettings(ctx);
    const card = (name: string) => within(dialog).getByRole('heading', { name }).closest('li')!.textContent!;
    const ga = card('Google Analytics');
    expect(ga).toContain('Google Ireland Limited, Gordon House, Barrow Street, Dublin 4, Irland');
    expect(ga).toContain('Pseudonym, nicht anonym.');
    expect(ga).toContain('LandIrland');
    expect(ga).toContain('Vereinigte Staaten (Google LLC). Grundlage: EU-US Data Privacy Framework');
    expect(ga).toContain('www.googletagmanager.com');
    expect(ga).toContain('_ga – Speicherdauer: 2 Jahre');
    expect(ga).toContain('_gid – Speicherdauer: 1 Tag');
    expect(ga).toContain('_gat* – Speicherdauer: 1 Minute');
    const hotjar = card('Hotjar');
    expect(hotjar).toContain('Mausbewegungen und Klicks');
    expect(hotjar).toContain('LandMalta');
    expect(hotjar).toContain('_hj* – Speicherdauer: 180 Tage');
    expect(hotjar).toContain('Browserspeicher_hjSession');
    const bbb = card('BigBlueButton');
    expect(bbb).toContain('Nutzername, Kurszugehörigkeit, IP-Adresse');
    expect(bbb).toContain('Standardvertragsklauseln (Art. 46 DSGVO)');
    for (const name of ['Google Analytics', 'Hotjar', 'BigBlueButton']) expect(within(dialog).getByRole('switch', { name })).toBeTruthy();
  });

  it('lists the consent cookie in the session category with its real lifetime, and the legal basis', () => {
    const ctx = setup({ cookie: { name: 'anx_choice', expiresDays: 120 }, receipts: { endpoint: '/api/consent-receipts' } });
    const dialog = openSettings(ctx);
    const card = within(dialog).getByRole('heading', { name: 'Ihre Cookie-Auswahl' }).closest('li')!;
    expect(card.closest('.anx-category')!.querySelector('h3')!.textContent).toBe('Sitzungs-Cookies');
    expect(card.textContent).toContain('anx_choice – Speicherdauer: 120 Tage');
    expect(card.textContent).toContain('immer aktiv');
    expect(card.textContent).toContain('Nachweis (Art. 7 Abs. 1 DSGVO)');
    // What else the widget itself stores: the tab hint, the tab's flags, the receipt outbox.
    expect(card.textContent).toContain('anx_choice_tab – Speicherdauer: bis zum Ende der Browsersitzung');
    expect(card.textContent).toContain('asmeronexa-consent:tab – Speicherdauer: bis Sie den Tab schließen');
    expect(card.textContent).toContain('asmeronexa-consent:outbox – Speicherdauer: bis unser Server den Eingang bestätigt');
    expect(dialog.textContent).toContain('Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 25 Abs. 1 TDDDG).');
    expect(dialog.textContent).not.toMatch(/Browser schließen|anonymisiert|Consent-ID|Minderjährige/);
  });

  it('a service allowed alone shows as such: its switch on, its category "teilweise"; switching it off withdraws it', () => {
    const ctx = setup({ services: [GA, HOTJAR] });
    act(() => ctx.api.setConsent({}, { services: { hotjar: true } }));
    const dialog = openSettings(ctx);
    const category = within(dialog).getByRole('switch', { name: 'Analyse-Cookies' });
    expect(category.getAttribute('aria-checked')).toBe('false');
    const state = dialog.querySelector(`#${category.getAttribute('aria-describedby')}`)!;
    expect(state.textContent).toBe('teilweise: 1 von 2 Diensten an');
    const hotjar = within(dialog).getByRole('switch', { name: 'Hotjar' });
    expect(hotjar.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(hotjar);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Auswahl speichern' }));
    expect(ctx.api.isServiceAccepted('hotjar')).toBe(false);
    expect(ctx.api.getConsent()!.services).toEqual({ ga: false, hotjar: false });
  });

  it('per-service switches save per service; a category switch switches all of its services', () => {
    const ctx = setup({ services: [GA, HOTJAR] });
    let dialog = openSettings(ctx);
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Google Analytics' }));
    expect(within(dialog).getByRole('switch', { name: 'Analyse-Cookies' }).getAttribute('aria-checked')).toBe('false');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Auswahl speichern' }));
    expect(ctx.api.getConsent()!.services).toEqual({ ga: true, hotjar: false });
    expect(ctx.api.isAccepted('analytics')).toBe(false);

    dialog = openSettings(ctx);
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Analyse-Cookies' })); // teilweise → all on
    expect(within(dialog).getByRole('switch', { name: 'Hotjar' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Auswahl speichern' }));
    expect(ctx.api.getConsent()!.categories.analytics).toBe(true);
    expect(ctx.api.getConsent()!.services).toEqual({ ga: true, hotjar: true });
  });

  it('"immer aktiv" is announced: the session switch is described by it', () => {
    const ctx = setup({});
    const dialog = openSettings(ctx);
    const session = within(dialog).getByRole('switch', { name: 'Sitzungs-Cookies' });
    const described = session.getAttribute('aria-describedby')!.split(' ').map((id) => dialog.querySelector(`#${id}`)!);
    expect(described.map((el) => el.textContent)).toEqual(['immer aktiv']);
    expect(described[0].closest('[aria-hidden]')).toBeNull();
  });
});

describe('facts and durations', () => {
  it('formats lifetimes in the locale’s words, through i18next (the dialog) and the first layer’s build-time table alike', () => {
    const words = (t: (key: string, values: Record<string, number>) => string) => (unit: string, count: number) => t(`units.${unit}`, { count });
    const seconds = [60, 1800, 86_400, 182 * 86_400, 395 * 86_400, 730 * 86_400];
    const runtime = (['de', 'en'] as const).map((l) => seconds.map((s) => formatDuration(s, words(createTranslate(l, l === 'de' ? null : en, {})))));
    const table = (['de', 'en'] as const).map((l) => seconds.map((s) => formatDuration(s, words(tableTranslate(l, firstLayerTable(l, { de, en }))))));
    expect(table).toEqual(runtime);
    expect(runtime).toEqual([
      ['1 Minute', '30 Minuten', '1 Tag', '182 Tage', '13 Monate', '2 Jahre'],
      ['1 minute', '30 minutes', '1 day', '182 days', '13 months', '2 years'],
    ]);
  });

  it('the locale’s country names are what Intl says (the locale only spares the page Intl’s costly first use); the first layer has the third countries', () => {
    for (const [lang, locale] of [['de', de], ['en', en]] as const) {
      const firstLayer = firstLayerTable(lang, { de, en });
      for (const [code, name] of Object.entries(locale.countries)) {
        expect(name, `${lang} ${code}`).toBe(new Intl.DisplayNames([lang], { type: 'region' }).of(code));
        // The banner names transfers only; EU/EEA names serve the dialog and the embed placeholder.
        expect(`countries.${code}` in firstLayer, code).toBe(isThirdCountry(code));
      }
      // Every EU/EEA state has its name, so that neither the dialog nor a placeholder needs Intl.
      for (const code of EEA) expect(locale.countries, code).toHaveProperty(code);
    }
  });

  it('tells EU/EEA countries from third countries, by code or name', () => {
    expect(['DE', 'ie', 'NO', 'Deutschland', 'Malta', ''].map(isThirdCountry)).toEqual([false, false, false, false, false, false]);
    expect(['US', 'ch', 'Vereinigte Staaten', 'United States'].map(isThirdCountry)).toEqual([true, true, true, true]);
  });

  it('Matomo: the recipient follows url (own server, Matomo Cloud, someone else)', () => {
    const t = (preset: string, key: string) => ((de.presets as Record<string, Record<string, string>>)[preset] ?? {})[key] ?? '';
    const ctx = { lang: 'de' as const, text: t, presets: PRESET_FACTS, pageHost: 'www.asmeronexa.test', words: () => '', country: () => '' };
    const matomo = (url: string) => validateConfig({ services: [{ id: 'm', category: 'analytics', preset: 'matomo', url, siteId: 1 }] }).config.services[0];
    expect(serviceFacts(matomo('https://stats.asmeronexa.test/'), ctx).provider).toBe('asmeronexa, auf eigenem Server (stats.asmeronexa.test)');
    expect(serviceFacts(matomo('/stats/'), ctx).provider).toBe('asmeronexa, auf eigenem Server (www.asmeronexa.test)');
    const cloud = serviceFacts(matomo('https://asmeronexa.matomo.cloud/'), ctx);
    expect([cloud.provider, cloud.country, cloud.transfer]).toEqual([
      'InnoCraft Ltd, 7 Waterloo Quay PO625, 6140 Wellington, Neuseeland (Matomo Cloud)',
      'Neuseeland',
      { countries: 'Neuseeland', recipient: '', basis: 'Angemessenheitsbeschluss für Neuseeland (Art. 45 DSGVO)' },
    ]);
    expect(serviceFacts(matomo('https://stats.example.org/'), ctx).provider).toBe('Betreiber des Servers stats.example.org');
  });
});

describe('no tracker as "session" (issue 15, point 3)', () => {
  it('knows the tracking hosts, and Matomo by its files', () => {
    const yes = [
      'https://www.googletagmanager.com/gtag/js?id=G-1', '//www.google-analytics.com/analytics.js', 'region1.google-analytics.com',
      'https://stats.g.doubleclick.net/x', 'https://static.hotjar.com/c/hotjar-1.js', 'https://www.clarity.ms/tag/abc',
      'https://connect.facebook.net/en_US/fbevents.js', 'https://analytics.tiktok.com/i18n/pixel/events.js', 'https://snap.licdn.com/li.lms-analytics/insight.min.js',
      'https://asmeronexa.matomo.cloud/matomo.js', 'https://stats.example.org/piwik.js', '/stats/matomo.js?v=5',
    ];
    const no = ['https://bbb.example/room/1', '/assets/app.js', 'https://cdn.asmeronexa.de/login.js', 'https://google-analytics.com.evil.example/x.js', 'https://notfacebook.community/x'];
    expect(yes.filter((u) => !isTrackerHost(u))).toEqual([]);
    expect(no.filter(isTrackerHost)).toEqual([]);
  });

  it('refuses a tracking preset or script in session with a clear error; the service is left out (stays blocked)', () => {
    const raw = {
      services: [
        { id: 'google-analytics', category: 'session', preset: 'google-analytics', measurementId: 'G-TEST123' },
        { id: 'clarity', category: 'session', src: 'https://www.clarity.ms/tag/abc' },
        { id: 'login', category: 'session', src: '/assets/login.js' },
      ],
    };
    const { config, problems } = validateConfig(raw);
    expect(config.services.map((s) => s.id)).toEqual(['login']);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'services[0].category: "google-analytics" contacts known tracking hosts (www.googletagmanager.com) and cannot be a session service; choose analytics or another optional category; left out (stays blocked)',
      'services[1].category: "clarity" contacts known tracking hosts (www.clarity.ms) and cannot be a session service; choose analytics or another optional category; left out (stays blocked)',
    ]);
    const lean = normalizeConfig(raw, PRESETS);
    expect(lean.findings.map((f) => f.code)).toEqual(['services.category:tracker', 'services.category:tracker']);
    expect(lean.config).toEqual(config);
    expect(trackerInSession(validateConfig({ services: [{ id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-TEST123' }] }).config.services[0])).toBe(false);
  });

  it('nothing of a refused session tracker runs', () => {
    const { api } = start({ services: [{ id: 'google-analytics', category: 'session', preset: 'google-analytics', measurementId: 'G-TEST123' }] });
    expect(api.config.services).toEqual([]);
    expect(document.querySelector('script[src*="googletagmanager"]')).toBeNull();
  });
});
