// The benchmark's test page: one learning page, the same for every variant, with two blocked
// scripts (analytics "stats", functional "tools") written the way each consent manager expects.
// Each variant is configured alike: German, three categories (necessary/session, analytics,
// functional), one service in each optional category, a banner with accept / reject / settings.

/** A gated stand-in script: records when it ran. */
export const STAND_IN_SCRIPT = (name) =>
  `(window.__gated = window.__gated || {})[${JSON.stringify(name)}] = performance.now();`;

/** Lessons on the long page: with their headings and paragraphs, a page of ~2,000 elements. */
export const LONG_PAGE_LESSONS = 1000;

/** The course page's content; a long page (many lessons) shows what the parser's work costs a manager. */
const article = (lessons) => `
<header><nav aria-label="Hauptnavigation"><a href="#">Start</a> · <a href="#">Kurse</a> · <a href="#">Hilfe</a></nav></header>
<main>
  <h1>Einführung in die Statistik</h1>
  <p>In diesem Kurs lernen Sie, Daten zu beschreiben, Zusammenhänge zu erkennen und Ergebnisse verständlich darzustellen.</p>
  ${Array.from({ length: lessons }, (_, i) => `<h2>Lektion ${i + 1}</h2><p>Lesen Sie den Abschnitt, bearbeiten Sie die Übung und prüfen Sie Ihr Ergebnis mit der Musterlösung. Jede Lektion dauert etwa zwanzig Minuten.</p>`).join('\n  ')}
</main>
<footer><a href="#">Datenschutz</a> · <a href="#">Impressum</a></footer>`;

const STYLE = `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem}</style>`;

/** Blocked markup, one pair of scripts, in each manager's own attribute names. */
const blocked = (attrs) => ['stats', 'tools'].map((name, i) => `<script type="text/plain" ${attrs(name, i ? 'functional' : 'analytics')} data-src="/vendor/${name}.js"></script>`).join('\n');

export const VARIANTS = [
  {
    id: 'blank',
    label: 'no consent manager',
    head: '',
    body: '',
    find: `() => document.querySelector('h1')`,
  },
  {
    id: 'ours',
    label: 'asmeronexa-consent',
    head: `<script>window.asmeronexaConsentConfig = { revision: 1, privacyPolicyUrl: '#', imprintUrl: '#', services: [
      { id: 'stats', category: 'analytics', label: 'Statistik' }, { id: 'tools', category: 'functional', label: 'Lernwerkzeuge' }] };</script>
<script src="/ours/consent.js"></script>`,
    body: blocked((name, category) => `data-category="${category}" data-service="${name}"`),
    find: `() => [...(document.getElementById('asmeronexa-consent')?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent.trim() === 'Alle akzeptieren')`,
  },
  {
    id: 'cookieconsent',
    label: 'vanilla-cookieconsent 3.1.0',
    head: `<link rel="stylesheet" href="/cookieconsent/cookieconsent.css">
<script src="/cookieconsent/cookieconsent.umd.js"></script>`,
    body: `${blocked((name, category) => `data-category="${category}" data-service="${name}"`)}
<script>CookieConsent.run({
  hideFromBots: false, // the benchmark's browser is automated
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, functional: {} },
  language: { default: 'de', translations: { de: {
    consentModal: { title: 'Cookies auf asmeronexa', description: 'Wir verwenden Cookies für die Sitzung und, mit Ihrer Einwilligung, für Analyse und Funktionen.',
      acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen', showPreferencesBtn: 'Einstellungen' },
    preferencesModal: { title: 'Cookie-Einstellungen', acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen', savePreferencesBtn: 'Auswahl speichern', closeIconLabel: 'Schließen',
      sections: [
        { title: 'Sitzungs-Cookies', description: 'Für die Anmeldung nötig.', linkedCategory: 'necessary' },
        { title: 'Analyse-Cookies', description: 'Reichweitenmessung.', linkedCategory: 'analytics' },
        { title: 'Funktionale Cookies', description: 'Lernwerkzeuge.', linkedCategory: 'functional' } ] } } } },
});</script>`,
    find: `() => document.querySelector('#cc-main .cm__btn[data-role="all"]')`,
  },
  {
    id: 'klaro',
    label: 'Klaro 0.7.22',
    head: `<script>window.klaroConfig = { version: 1, lang: 'de', acceptAll: true, hideDeclineAll: false, mustConsent: false,
  translations: { de: { purposes: { analytics: 'Analyse', functional: 'Funktional' } } },
  services: [ { name: 'stats', title: 'Statistik', purposes: ['analytics'] }, { name: 'tools', title: 'Lernwerkzeuge', purposes: ['functional'] } ] };</script>
<script defer src="/klaro/klaro.js"></script>`,
    body: blocked((name) => `data-type="text/javascript" data-name="${name}"`),
    find: `() => document.querySelector('#klaro .cookie-notice .cm-btn-success')`,
  },
];

export const pageHtml = (variant, lessons = 8) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statistik – asmeronexa</title>${STYLE}
${variant.head}
</head><body>${article(lessons)}
${variant.body}
</body></html>`;
