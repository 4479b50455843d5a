// The audit's pure parts: reading the config the page gave, matching hosts and names, the CLI's
// arguments and the judgement on recorded phases (no browser).
import { describe, expect, it } from 'vitest';
import { splitArgs, scriptFromStack } from '../lib/browser.mjs';
import { parseArgs } from '../lib/cli.mjs';
import { WIDGET_STORAGE, widgetCookies, auditConfig, compileRule, hostMatches, ruleMatches } from '../lib/config.mjs';
import { OUTBOX_KEY } from '../../src/browser/receipts';
import { TAB_STATE_KEY, tabHint } from '../../src/browser/tab-state';
import { judge } from '../lib/judge.mjs';

describe('config as the audit reads it', () => {
  it('takes the normalized config from the page API, with RegExp rules serialized', () => {
    const cfg = auditConfig({
      source: 'page-api',
      config: {
        cookie: { name: 'my_consent' },
        categories: [{ id: 'session', required: true }, { id: 'analytics', required: false }, { id: 'marketing', required: false }],
        services: [
          { id: 'ga', category: 'analytics', preset: 'google-analytics', src: [], options: { gtagUrl: '/proxy/gtag.js' },
            cookies: [{ name: '_ga', displayName: '_ga' }, { name: { regex: '^_ga_', flags: '' }, displayName: '_ga_<ID>' }] },
          { id: 'ads', category: 'marketing', src: ['https://ads.example/x.js'], cookies: [], storage: ['ad_id', { regex: '^ads_', flags: 'i' }] },
        ],
      },
      markup: [{ tag: 'iframe', src: 'https://video.example/e/1', service: 'ads', category: 'marketing' }],
    }, 'https://www.example.de/kurs');
    expect(cfg.consentCookie).toBe('my_consent');
    const [ga, ads] = cfg.services;
    expect([...ga.hosts]).toEqual(expect.arrayContaining(['*.googletagmanager.com', 'www.example.de']));
    expect(ga.cookies.some((r) => ruleMatches(r, '_ga_ABC'))).toBe(true);
    expect([...ads.hosts].sort()).toEqual(['ads.example', 'video.example']);
    expect(ads.storage.some((r) => ruleMatches(r, 'ADS_state'))).toBe(true);
  });

  it('normalizes a raw config: preset cookies added, unknown categories and invalid services dropped', () => {
    const cfg = auditConfig({
      source: 'window.asmeronexaConsentConfig',
      raw: { services: [
        { id: 'm', category: 'analytics', preset: 'matomo', url: 'https://stats.example/', siteId: 3 },
        { id: 'x', category: 'nope' },
        { category: 'analytics' },
      ] },
    }, 'https://www.example.de/');
    expect(cfg.services.map((s) => s.id)).toEqual(['m']);
    expect([...cfg.services[0].hosts]).toEqual(['stats.example']);
    expect(cfg.services[0].cookies.some((r) => ruleMatches(r, '_pk_id.1.abcd'))).toBe(true);
    expect(cfg.consentCookie).toBe('asmeronexa_consent');
  });

  it('rules and hosts', () => {
    expect(compileRule('/^_hj/i').re.test('_HJid')).toBe(true);
    expect(compileRule('/([/')).toBeNull();
    expect(hostMatches('*.example.de', 'example.de')).toBe(true);
    expect(hostMatches('*.example.de', 'cdn.example.de')).toBe(true);
    expect(hostMatches('example.de', 'cdn.example.de')).toBe(false);
  });
});

describe('CLI arguments', () => {
  it('parses repeatable and = forms', () => {
    const opts = parseArgs(['https://a.test/', '--allow-host', 'cdn.a.test', '--allow-host=*.b.test', '--json=r.json', '--timeout', '5000', '--chromium-arg=--host-resolver-rules=MAP *.test 127.0.0.1', 'https://b.test/x']);
    expect(opts).toMatchObject({ urls: ['https://a.test/', 'https://b.test/x'], allowHosts: ['cdn.a.test', '*.b.test'], json: 'r.json', timeout: 5000, chromiumArgs: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
    expect(parseArgs(['https://a.test/', '--ignore-https-errors']).ignoreHttpsErrors).toBe(true);
    expect(() => parseArgs([])).toThrow(/no URL/);
    expect(() => parseArgs(['https://a.test/', '--allow-host', 'a b'])).toThrow(/host name/);
  });

  it('splits a flag list from the environment without breaking values with spaces', () => {
    expect(splitArgs('--host-resolver-rules=MAP *.test 127.0.0.1 --lang=de')).toEqual(['--host-resolver-rules=MAP *.test 127.0.0.1', '--lang=de']);
    expect(splitArgs('["--a=1 2"]')).toEqual(['--a=1 2']);
    expect(splitArgs(undefined)).toEqual([]);
  });

  it('finds the writing script in a stack', () => {
    expect(scriptFromStack('Error\n    at tell (<anonymous>:5:20)\n    at HTMLDocument.set [as cookie] (<anonymous>:12:5)\n    at https://cdn.test/v.js:3:17')).toBe('https://cdn.test/v.js:3');
  });
});

describe('judgement', () => {
  const snap = (step, cookies = [], storage = []) => ({ step, cookies, storage });
  const cookie = (name, extra = {}) => ({ name, domain: 'www.site.test', path: '/', expires: null, ...extra });
  const page = (phases, services = []) => ({
    url: 'http://www.site.test/',
    config: auditConfig({ source: 'window.asmeronexaConsentConfig', raw: { services } }, 'http://www.site.test/'),
    phases,
  });
  const phase = (steps, requests = [], snapshots = [], extra = {}) => ({ banner: true, steps, requests, snapshots, ...extra });
  const req = (step, url) => ({ step, url, host: new URL(url).hostname, type: 'script', initiator: null });

  it('a session service may set its cookie before consent; the consent cookie is always fine', () => {
    const findings = judge(page({
      before: phase(['first-view'], [], [snap('first-view', [cookie('sid')])]),
      reject: phase(['first-view', 'after-reject', 'new-view'], [], [snap('after-reject', [cookie('sid'), cookie('asmeronexa_consent')])]),
    }, [{ id: 'login', category: 'session', cookies: ['sid'] }]));
    expect(findings).toEqual([]);
  });

  it('knows the widget’s own storage keys as the widget spells them', () => {
    expect(WIDGET_STORAGE).toEqual([{ store: 'localStorage', key: OUTBOX_KEY }, { store: 'sessionStorage', key: TAB_STATE_KEY }]);
  });

  it('knows the widget’s own cookies as the widget names them; the tab hint is fine like the consent cookie, a look-alike is not', () => {
    expect(widgetCookies('asmeronexa_consent')).toEqual(['asmeronexa_consent', tabHint('asmeronexa_consent')]);
    const findings = judge(page({
      before: phase(['first-view']),
      reject: phase(['first-view', 'after-reject', 'new-view'], [], [snap('after-reject', [cookie('asmeronexa_consent'), cookie('asmeronexa_consent_tab'), cookie('asmeronexa_consent_tabs')])]),
    }, []));
    expect(findings.map((f) => [f.kind, f.cookie?.name ?? f.evidence?.name])).toEqual([['cookie-before-consent', 'asmeronexa_consent_tabs']]);
  });

  it('the widget’s own storage (its receipt outbox, its tab flags) is fine like the consent cookie; a look-alike key is not', () => {
    const item = (key, store) => ({ key, store, origin: 'http://www.site.test', by: 'http://www.site.test/consent.js:2', setBy: 'script' });
    const findings = judge(page({
      before: phase(['first-view']),
      reject: phase(['first-view', 'after-reject', 'new-view'], [], [snap('after-reject', [], [
        item('asmeronexa-consent:outbox', 'localStorage'),
        item('asmeronexa-consent:tab', 'sessionStorage'),
        item('asmeronexa-consent:tracker', 'localStorage'),
      ])]),
    }));
    expect(findings.map((f) => [f.kind, f.storage?.key])).toEqual([['storage-before-consent', 'asmeronexa-consent:tracker']]);
  });

  it('a request to the page’s own host is fine, unless it is an optional service’s script', () => {
    const findings = judge(page({
      before: phase(['first-view'], [req('first-view', 'http://www.site.test/app.js'), req('first-view', 'http://www.site.test/matomo/matomo.js')]),
    }, [{ id: 'm', category: 'analytics', preset: 'matomo', url: '/matomo/', siteId: 1 }]));
    expect(findings.map((f) => [f.kind, f.url])).toEqual([['request-before-consent', 'http://www.site.test/matomo/matomo.js']]);
  });

  it('after acceptance, a host that only a session service declares is declared', () => {
    const findings = judge(page({
      before: phase(['first-view']),
      accept: phase(['first-view', 'after-accept'], [req('after-accept', 'https://pay.example/sdk.js'), req('after-accept', 'https://ads.example/a.js')]),
    }, [{ id: 'pay', category: 'session', src: 'https://pay.example/sdk.js' }]));
    expect(findings.map((f) => [f.kind, f.host])).toEqual([['undeclared-host', 'ads.example']]);
  });
});

describe('judgement: the receipt endpoint', () => {
  it('the widget’s receipt endpoint on another host is not a leak', () => {
    const cfg = auditConfig({ source: 'window.asmeronexaConsentConfig', raw: { receipts: { endpoint: 'https://consent.site.test/api/consent-receipts' } } }, 'http://www.site.test/');
    const phase = { banner: true, steps: ['first-view', 'after-reject'], snapshots: [], requests: [{ step: 'after-reject', url: 'https://consent.site.test/api/consent-receipts', host: 'consent.site.test', type: 'ping', initiator: null }] };
    expect(judge({ url: 'http://www.site.test/', config: cfg, phases: { before: { ...phase, requests: [] }, reject: phase } })).toEqual([]);
  });
});
