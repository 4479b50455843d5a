// The benchmark's test page: one learning page, the same for every variant, with two blocked
// scripts (analytics "stats", functional "tools") written the way each consent manager expects
// (tarteaucitron has no blocked markup: its services load the same two scripts).
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

/**
 * The floor: a hand-written minimal consent gate, inline in the page. A REFERENCE for what the
 * least possible gate costs, NOT a product: no settings dialog worth the name, no revision, no
 * withdrawal, no accessibility work, no receipts. It reads one cookie, activates the blocked
 * scripts of the accepted categories in document order (async = false keeps the order of
 * inserted scripts), and otherwise shows a banner with three buttons and stores the choice.
 */
export const FLOOR_GATE = `(function () {
  var NAME = 'floor_consent', OPTIONAL = ['analytics', 'functional'];
  var m = document.cookie.match(/(?:^|; )floor_consent=([^;]*)/);
  function activate(accepted) {
    var blocked = document.querySelectorAll('script[type="text/plain"][data-category]');
    for (var i = 0; i < blocked.length; i++) {
      var old = blocked[i];
      if (accepted.indexOf(old.getAttribute('data-category')) < 0) continue;
      var s = document.createElement('script');
      s.async = false;
      s.src = old.getAttribute('data-src');
      old.replaceWith(s);
    }
  }
  function decide(accepted, banner) {
    document.cookie = NAME + '=' + (accepted.join('.') || '-') + '; path=/; max-age=15552000; SameSite=Lax';
    banner.remove();
    activate(accepted);
  }
  function banner() {
    var b = document.createElement('div');
    b.id = 'floor-banner';
    b.setAttribute('role', 'region');
    b.setAttribute('aria-label', 'Cookies');
    b.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:1rem;background:#fff;border-top:1px solid #888';
    b.innerHTML = '<p>Wir verwenden Cookies für die Sitzung und, mit Ihrer Einwilligung, für Analyse und Funktionen.</p>' +
      '<button data-choice="all">Alle akzeptieren</button> <button data-choice="none">Alle ablehnen</button> <button data-choice="settings">Einstellungen</button>' +
      '<p hidden><label><input type="checkbox" value="analytics"> Analyse</label> <label><input type="checkbox" value="functional"> Funktional</label> <button data-choice="save">Auswahl speichern</button></p>';
    b.addEventListener('click', function (e) {
      var choice = e.target.getAttribute('data-choice');
      if (choice === 'all') decide(OPTIONAL, b);
      if (choice === 'none') decide([], b);
      if (choice === 'settings') b.lastChild.hidden = false;
      if (choice === 'save') decide([].map.call(b.querySelectorAll('input:checked'), function (i) { return i.value; }), b);
    });
    document.body.append(b);
  }
  function start() { m ? activate(m[1].split('.')) : banner(); }
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', start) : start();
})();`;

const ourConfig = `<script>window.asmeronexaConsentConfig = { revision: 1, privacyPolicyUrl: '#', imprintUrl: '#', services: [
      { id: 'stats', category: 'analytics', label: 'Statistik' }, { id: 'tools', category: 'functional', label: 'Lernwerkzeuge' }] };</script>`;
const ourFind = `() => [...(document.getElementById('asmeronexa-consent')?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent.trim() === 'Alle akzeptieren')`;

/**
 * Each variant: `own` is the URL part of its files (the profiler's "own code"); `inline` is code
 * inline in the page that counts as the manager's bytes; `ours` marks our two tags; `ready` is an
 * expression that turns true once the accept button answers a click (where that comes later than
 * the button itself).
 */
export const VARIANTS = [
  {
    id: 'blank',
    label: 'no consent manager',
    head: '',
    body: '',
    find: `() => document.querySelector('h1')`,
  },
  {
    id: 'floor',
    label: 'floor (40-line gate, a reference, not a product)',
    head: `<script>${FLOOR_GATE}</script>`,
    inline: FLOOR_GATE,
    own: '/floor.html',
    body: blocked((name, category) => `data-category="${category}"`),
    find: `() => document.querySelector('#floor-banner button[data-choice="all"]')`,
  },
  {
    id: 'ours',
    label: 'asmeronexa-consent (plain tag)',
    ours: true,
    own: '/ours/',
    head: `${ourConfig}
<script src="/ours/consent.js"></script>`,
    body: blocked((name, category) => `data-category="${category}" data-service="${name}"`),
    find: ourFind,
  },
  {
    // A/B for the recommended tag: our blocked markup is type="text/plain", so nothing it
    // gates can run before a deferred widget.
    id: 'ours-defer',
    label: 'asmeronexa-consent (defer)',
    ours: true,
    own: '/ours/',
    head: `${ourConfig}
<script defer src="/ours/consent.js"></script>`,
    body: blocked((name, category) => `data-category="${category}" data-service="${name}"`),
    find: ourFind,
  },
  {
    id: 'cookieconsent',
    label: 'vanilla-cookieconsent 3.1.0',
    own: '/cookieconsent/',
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
    own: '/klaro/',
    head: `<script>window.klaroConfig = { version: 1, lang: 'de', acceptAll: true, hideDeclineAll: false, mustConsent: false,
  translations: { de: { purposes: { analytics: 'Analyse', functional: 'Funktional' } } },
  services: [ { name: 'stats', title: 'Statistik', purposes: ['analytics'] }, { name: 'tools', title: 'Lernwerkzeuge', purposes: ['functional'] } ] };</script>
<script defer src="/klaro/klaro.js"></script>`,
    body: blocked((name) => `data-type="text/javascript" data-name="${name}"`),
    find: `() => document.querySelector('#klaro .cookie-notice .cm-btn-success')`,
  },
  {
    // tarteaucitron gates by service: each service's js() loads its script through
    // tarteaucitron.addScript once it is allowed, so the page has no blocked markup. It loads
    // its language file, its services file and its CSS from its own folder (the .min files,
    // because the tag names tarteaucitron.min.js). It has no bot detection to turn off.
    id: 'tarteaucitron',
    label: 'tarteaucitron 1.34.0',
    own: '/tarteaucitron/',
    head: `<script>var tarteaucitronForceLanguage = 'de';</script>
<script src="/tarteaucitron/tarteaucitron.min.js"></script>
<script>tarteaucitron.init({
  privacyUrl: '', orientation: 'bottom', highPrivacy: true, AcceptAllCta: true, DenyAllCta: true,
  showAlertSmall: false, showIcon: true, removeCredit: true, mandatory: true, handleBrowserDNTRequest: false, adblocker: false, useExternalCss: false });
tarteaucitron.services.stats = { key: 'stats', type: 'analytic', name: 'Statistik', uri: '#', needConsent: true, cookies: [],
  js: function () { 'use strict'; tarteaucitron.addScript('/vendor/stats.js'); } };
tarteaucitron.services.tools = { key: 'tools', type: 'support', name: 'Lernwerkzeuge', uri: '#', needConsent: true, cookies: [],
  js: function () { 'use strict'; tarteaucitron.addScript('/vendor/tools.js'); } };
(tarteaucitron.job = tarteaucitron.job || []).push('stats', 'tools');
// For the benchmark: tarteaucitron attaches the buttons' click handlers 500 ms after it shows the
// banner, and then calls events.load. The click on "Alle akzeptieren" waits for it.
tarteaucitron.events.load = function () { window.__acceptReady = true; };</script>`,
    body: '',
    ready: 'window.__acceptReady === true',
    find: `() => document.querySelector('#tarteaucitronAlertBig #tarteaucitronPersonalize2')`,
  },
];

export const pageHtml = (variant, lessons = 8) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statistik – asmeronexa</title>${STYLE}
${variant.head}
</head><body>${article(lessons)}
${variant.body}
</body></html>`;
