import { describe, expect, it } from 'vitest';
import {
  INVALID_REVISION, MAX_LIFETIME_DAYS, DEFAULT_LIFETIME_DAYS,
  type Problem,
} from '../../../src/core/config';
import { validateConfig } from '../../../src/diagnostics/validate';
import { compileCookieRule, cookieRuleMatches } from '../../../src/core/cookie-rule';

const errors = (problems: Problem[]) => problems.filter((p) => p.level === 'error');
const warnings = (problems: Problem[]) => problems.filter((p) => p.level === 'warning');
const paths = (problems: Problem[]) => problems.map((p) => p.path);

describe('validateConfig: defaults', () => {
  it('gives the three default categories, session required, all optional off for minors but functional', () => {
    const { config, problems } = validateConfig(undefined);
    expect(problems).toEqual([]);
    expect(config.categories.map((c) => [c.id, c.required, c.minorsAllowed])).toEqual([
      ['session', true, true],
      ['analytics', false, false],
      ['functional', false, true],
    ]);
    expect(config.revision).toBe(1);
    expect(config.cookie).toEqual({ name: 'asmeronexa_consent', path: '/', expiresDays: 182 });
    expect(config.language).toBe('auto');
    expect(config.services).toEqual([]);
    expect(config.reloadOnWithdraw).toBe(true);
  });

  it('accepts the contract example without a problem', () => {
    const onAccept = () => {};
    const { config, problems } = validateConfig({
      revision: 3,
      language: 'de',
      privacyPolicyUrl: '/datenschutz',
      imprintUrl: 'https://asmeronexa.de/impressum',
      cookie: { name: 'consent', domain: 'asmeronexa.de', path: '/', expiresDays: 90 },
      nonce: 'abc123==',
      texts: { de: { banner: { title: 'Hallo' } } },
      categories: {
        embeds: { label: { de: 'Externe Lernwerkzeuge', en: 'External learning tools' }, description: { de: '…', en: '…' }, minorsAllowed: false },
      },
      services: [
        { id: 'google-analytics', category: 'analytics', preset: 'google-analytics', measurementId: 'G-XXXXXXX' },
        { id: 'matomo', category: 'analytics', preset: 'matomo', url: 'https://stats.example/', siteId: '3' },
        { id: 'hotjar', category: 'analytics', label: 'Hotjar', src: ['https://static.hotjar.example/c/hotjar.js'], cookies: ['/^_hj/'], onAccept, onReject() {} },
        { id: 'bigbluebutton', category: 'embeds' },
      ],
    });
    expect(problems).toEqual([]);
    expect(config.revision).toBe(3);
    expect(config.cookie).toEqual({ name: 'consent', domain: 'asmeronexa.de', path: '/', expiresDays: 90 });
    expect(config.categories.map((c) => c.id)).toEqual(['session', 'analytics', 'functional', 'embeds']);
    expect(config.services.map((s) => s.id)).toEqual(['google-analytics', 'matomo', 'hotjar', 'bigbluebutton']);
    expect(config.services[0].options).toEqual({ measurementId: 'G-XXXXXXX' });
    expect(config.services[1].options).toEqual({ url: 'https://stats.example/', siteId: '3' });
    expect(config.services[2].src).toEqual(['https://static.hotjar.example/c/hotjar.js']);
    expect(config.services[2].onAccept).toBe(onAccept);
  });
});

describe('validateConfig: every problem names its path and what is allowed', () => {
  it('rejects a non-object config and keeps the defaults', () => {
    for (const raw of [null, 42, 'config', [], true]) {
      const { config, problems } = validateConfig(raw);
      expect(paths(errors(problems))).toEqual(['config']);
      expect(problems[0].message).toMatch(/must be an object/);
      expect(config.services).toEqual([]);
    }
  });

  it('drops a service with an unknown category', () => {
    const { config, problems } = validateConfig({
      services: [
        { id: 'a', category: 'analytics' },
        { id: 'b', category: 'functional' },
        { id: 'ads', category: 'marketing' },
      ],
    });
    expect(config.services.map((s) => s.id)).toEqual(['a', 'b']);
    expect(errors(problems)).toHaveLength(1);
    expect(problems[0].path).toBe('services[2].category');
    expect(problems[0].message).toContain('session, analytics, functional');
    expect(problems[0].message).toContain('"marketing"');
  });

  it('accepts a category added under "categories"', () => {
    const { config, problems } = validateConfig({
      categories: { marketing: { label: 'Marketing' } },
      services: [{ id: 'ads', category: 'marketing' }],
    });
    expect(problems).toEqual([]);
    expect(config.services[0].category).toBe('marketing');
    expect(config.categories.find((c) => c.id === 'marketing')).toMatchObject({ required: false, minorsAllowed: false });
  });

  it('drops a service with a missing, malformed or duplicate id and keeps the first of a duplicate', () => {
    const { config, problems } = validateConfig({
      services: [
        { category: 'analytics' },
        { id: 'has space', category: 'analytics' },
        { id: 'x', category: 'analytics', label: 'first' },
        { id: 'x', category: 'functional', label: 'second' },
        { id: 42, category: 'analytics' },
      ],
    });
    expect(config.services).toHaveLength(1);
    expect(config.services[0]).toMatchObject({ id: 'x', label: 'first' });
    expect(paths(errors(problems))).toEqual(['services[0].id', 'services[1].id', 'services[3].id', 'services[4].id']);
    expect(problems[2].message).toMatch(/already used/);
  });

  it('drops a service with an unknown preset or missing preset options', () => {
    const { config, problems } = validateConfig({
      services: [
        { id: 'fb', category: 'analytics', preset: 'facebook' },
        { id: 'ga', category: 'analytics', preset: 'google-analytics' },
        { id: 'ga2', category: 'analytics', preset: 'google-analytics', measurementId: 'UA-123' },
        { id: 'mt', category: 'analytics', preset: 'matomo', url: 'https://stats.example/' },
        { id: 'proto', category: 'analytics', preset: 'toString' },
      ],
    });
    expect(config.services).toEqual([]);
    expect(paths(errors(problems))).toEqual([
      'services[0].preset', 'services[1].measurementId', 'services[2].measurementId', 'services[3].siteId', 'services[4].preset',
    ]);
    expect(problems[0].message).toContain('google-analytics, matomo');
  });

  it('gives a preset its known cookies', () => {
    const { config } = validateConfig({
      services: [{ id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-ABC123' }],
    });
    const match = (name: string) => config.services[0].cookies.some((rule) => cookieRuleMatches(rule, name));
    expect(match('_ga')).toBe(true);
    expect(match('_ga_ABC123')).toBe(true);
    expect(match('_gid')).toBe(true);
    expect(match('_gat_gtag_UA_1')).toBe(true);
    expect(match('_gallery')).toBe(false);
    expect(match('asmeronexa_consent')).toBe(false);
  });

  it('ignores a bad /regex/ cookie rule but keeps the service', () => {
    const { config, problems } = validateConfig({
      services: [{ id: 'hj', category: 'analytics', cookies: ['/^_hj/', '/([/', '', 'has space', 7, { name: 'pref', paths: ['/kurs'] }] }],
    });
    expect(config.services).toHaveLength(1);
    expect(config.services[0].cookies).toHaveLength(2);
    expect(config.services[0].cookies[1]).toEqual({ name: 'pref', paths: ['/kurs'], displayName: 'pref' });
    expect(paths(errors(problems))).toEqual(['services[0].cookies[1]', 'services[0].cookies[2]', 'services[0].cookies[3]', 'services[0].cookies[4]']);
  });

  it('refuses wrong types and never accepts code as a string', () => {
    const { config, problems } = validateConfig({
      services: [
        {
          id: 'v', category: 'analytics', label: 5, description: ['x'], src: 'javascript:alert(1)', cookies: 'x',
          onAccept: 'alert(1)', onReject: {},
        },
      ],
    });
    expect(config.services[0]).toMatchObject({ id: 'v', src: [], cookies: [] });
    expect(config.services[0].onAccept).toBeUndefined();
    expect(config.services[0].onReject).toBeUndefined();
    expect(paths(errors(problems))).toEqual([
      'services[0].label', 'services[0].description', 'services[0].src', 'services[0].cookies', 'services[0].onAccept', 'services[0].onReject',
    ]);
    expect(problems.find((p) => p.path === 'services[0].onAccept')!.message).toMatch(/never evaluated/);
  });

  it('refuses services that is not an array, and service entries that are not objects', () => {
    expect(paths(validateConfig({ services: {} }).problems)).toEqual(['services']);
    expect(paths(validateConfig({ services: [null, 'ga'] }).problems)).toEqual(['services[0]', 'services[1]']);
  });

  it('marks a revision that is not a whole number so that no stored choice matches', () => {
    for (const revision of [1.5, '2', -1, NaN, null, 2 ** 60]) {
      const { config, problems } = validateConfig({ revision });
      expect(config.revision).toBe(INVALID_REVISION);
      expect(paths(errors(problems))).toEqual(['revision']);
      expect(problems[0].message).toMatch(/whole number/);
    }
    expect(validateConfig({ revision: 0 }).config.revision).toBe(0);
  });

  it('caps the lifetime at 395 days and refuses nonsense', () => {
    const over = validateConfig({ cookie: { expiresDays: 400 } });
    expect(over.config.cookie.expiresDays).toBe(MAX_LIFETIME_DAYS);
    expect(paths(errors(over.problems))).toEqual(['cookie.expiresDays']);
    expect(over.problems[0].message).toContain('395');
    for (const expiresDays of [0, -3, '30', Infinity]) {
      const bad = validateConfig({ cookie: { expiresDays } });
      expect(bad.config.cookie.expiresDays).toBe(DEFAULT_LIFETIME_DAYS);
      expect(paths(errors(bad.problems))).toEqual(['cookie.expiresDays']);
    }
    expect(validateConfig({ cookie: { expiresDays: 395 } }).problems).toEqual([]);
  });

  it('checks the cookie name, domain and path', () => {
    const { config, problems } = validateConfig({ cookie: { name: 'a b', domain: 'localhost', path: 'kurs' } });
    expect(config.cookie).toEqual({ name: 'asmeronexa_consent', path: '/', expiresDays: 182 });
    expect(paths(errors(problems))).toEqual(['cookie.name', 'cookie.domain', 'cookie.path']);
    expect(validateConfig({ cookie: { domain: '.asmeronexa.de' } }).config.cookie.domain).toBe('asmeronexa.de');
  });

  it('refuses link URLs that are not http(s) or relative', () => {
    const { config, problems } = validateConfig({ privacyPolicyUrl: 'javascript:alert(1)', imprintUrl: 'data:text/html,x' });
    expect(config.privacyPolicyUrl).toBeUndefined();
    expect(config.imprintUrl).toBeUndefined();
    expect(paths(errors(problems))).toEqual(['privacyPolicyUrl', 'imprintUrl']);
  });

  it('checks language, nonce, texts, reloadOnWithdraw and user', () => {
    const { config, problems } = validateConfig({
      language: 'fr', nonce: '<x>', texts: { de: 'x', fr: {} }, reloadOnWithdraw: 'yes', user: { minor: 'no' },
    });
    expect(config.language).toBe('auto');
    expect(config.nonce).toBeUndefined();
    expect(config.texts).toEqual({});
    expect(config.reloadOnWithdraw).toBe(true);
    expect(config.user.minor).toBe(false);
    expect(paths(errors(problems))).toEqual(['language', 'nonce', 'reloadOnWithdraw', 'user', 'texts.de']);
    expect(paths(warnings(problems))).toEqual(['texts.fr']);
    expect(validateConfig({ user: { minor: true } }).config.user.minor).toBe(true);
  });

  it('checks categories: id, shape, labels, minorsAllowed; session stays required', () => {
    const { config, problems } = validateConfig({
      categories: {
        'bad id!': {},
        empty: 'x',
        session: { minorsAllowed: false, label: 'Notwendig' },
        analytics: { minorsAllowed: true, label: { fr: 'x' } },
        embeds: { minorsAllowed: 'yes' },
      },
    });
    expect(config.categories.find((c) => c.id === 'session')).toMatchObject({ required: true, minorsAllowed: true, label: 'Notwendig' });
    const analytics = config.categories.find((c) => c.id === 'analytics')!;
    expect(analytics.minorsAllowed).toBe(true);
    expect(analytics.label).toBeUndefined();
    expect(config.categories.find((c) => c.id === 'embeds')).toMatchObject({ minorsAllowed: false });
    expect(paths(errors(problems))).toEqual([
      'categories.bad id!', 'categories.empty', 'categories.analytics.label', 'categories.embeds.minorsAllowed',
    ]);
    expect(paths(warnings(problems))).toEqual(['categories.session.minorsAllowed', 'categories.embeds.label']);
  });

  it('checks the UI options: blocking, floatingButton, theme', () => {
    expect(validateConfig({}).config).toMatchObject({ blocking: false, floatingButton: true, theme: 'auto' });
    expect(validateConfig({ blocking: true, floatingButton: false, theme: 'dark' }).config).toMatchObject({ blocking: true, floatingButton: false, theme: 'dark' });
    const { config, problems } = validateConfig({ blocking: 'yes', floatingButton: 0, theme: 'blue' });
    expect(config).toMatchObject({ blocking: false, floatingButton: true, theme: 'auto' });
    expect(paths(errors(problems))).toEqual(['blocking', 'floatingButton', 'theme']);
  });

  it('takes provider and privacy link for the settings dialog, and gives presets theirs', () => {
    const { config, problems } = validateConfig({
      services: [
        { id: 'hj', category: 'analytics', provider: 'Hotjar Ltd.', privacyPolicyUrl: 'https://hotjar.example/privacy' },
        { id: 'x', category: 'analytics', provider: 7, privacyPolicyUrl: 'javascript:alert(1)' },
        { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-ABC123', label: 'GA4' },
      ],
    });
    expect(config.services[0]).toMatchObject({ provider: 'Hotjar Ltd.', privacyPolicyUrl: 'https://hotjar.example/privacy' });
    expect(config.services[1].provider).toBeUndefined();
    expect(config.services[1].privacyPolicyUrl).toBeUndefined();
    expect(paths(errors(problems))).toEqual(['services[1].provider', 'services[1].privacyPolicyUrl']);
    // A preset's own name, provider and purpose are texts (locales presets.*), not config.
    expect(config.services[2]).toMatchObject({ label: 'GA4', preset: 'google-analytics' });
    expect(config.services[2].provider).toBeUndefined();
    // Its cookies' lifetimes are data in src/vendors/facts.ts, not in the normalized config.
    expect(config.services[2].cookies[0]).toMatchObject({ displayName: '_ga' });
  });

  it('warns about unknown keys with a suggestion, and does not fail', () => {
    const { config, problems } = validateConfig({
      revison: 2,
      services: [{ id: 'a', category: 'analytics', cookie: ['_a'] }],
      cookie: { expires: 10 },
      categories: { analytics: { lable: 'x' } },
    });
    expect(errors(problems)).toEqual([]);
    expect(paths(warnings(problems))).toEqual(['revison', 'cookie.expires', 'categories.analytics.lable', 'services[0].cookie']);
    expect(problems[0].message).toContain('did you mean "revision"');
    expect(problems.find((p) => p.path === 'services[0].cookie')!.message).toContain('did you mean "cookies"');
    expect(config.services.map((s) => s.id)).toEqual(['a']);
  });

  it('never throws, whatever it is given', () => {
    const hostile = [
      { services: [{ id: 'a', category: 'analytics', cookies: [{ name: '/(/' }, { name: 'x', paths: 'no' }] }] },
      { categories: null, cookie: [], texts: [], user: null },
      Object.create(null),
      { services: new Array(3) },
      { get revision() { return 1; } },
    ];
    for (const raw of hostile) expect(() => validateConfig(raw)).not.toThrow();
  });
});

describe('compileCookieRule', () => {
  it('compiles names, /regex/ and /regex/i', () => {
    expect(compileCookieRule('_ga')).toEqual({ name: '_ga', paths: [], displayName: '_ga' });
    expect(compileCookieRule({ name: '/^_hj/', displayName: '_hj*', lifetime: { de: '1 Jahr', en: '1 year' } })).toMatchObject({
      displayName: '_hj*', lifetime: { de: '1 Jahr', en: '1 year' },
    });
    expect(compileCookieRule({ name: 'a', lifetime: 5 })).toMatchObject({ lifetime: 5 }); // days
    expect(compileCookieRule({ name: 'a', lifetime: -5 })).toBeNull();
    expect(compileCookieRule({ name: 'a', lifetime: true })).toBeNull();
    expect(compileCookieRule({ name: 'a', displayName: {} })).toBeNull();
    const regex = compileCookieRule('/^_hj/i')!;
    expect(cookieRuleMatches(regex, '_HJid')).toBe(true);
    expect(cookieRuleMatches(regex, 'x_hj')).toBe(false);
    expect(compileCookieRule('/(/')).toBeNull();
    expect(compileCookieRule({ name: 'a', paths: ['no-slash'] })).toBeNull();
    expect(compileCookieRule(null)).toBeNull();
  });
});
