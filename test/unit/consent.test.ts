// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs/abc", "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeChoice } from '../../src/core/choice';
import { clearCookies, cookieValue, html, messages, NOW, settle, start, stopAll } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const services = [
  { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-TEST123' },
  { id: 'matomo', category: 'analytics', preset: 'matomo', url: '/matomo/', siteId: 1 },
  { id: 'prefs', category: 'functional', cookies: ['pref_lang'] },
];
const storeChoice = (categories: string[], chosen: string[], extra: { revision?: number; decidedAt?: number } = {}) => {
  const value = encodeChoice({ id: 'stored-0001', revision: extra.revision ?? 1, decidedAt: extra.decidedAt ?? NOW - DAY, categories, services: chosen });
  document.cookie = `asmeronexa_consent=${value}; path=/`;
};
// Activated markup keeps its data-category; scripts a preset loads have none.
const liveScripts = () => Array.from(document.querySelectorAll('script[data-category]:not([type="text/plain"])')).map((s) => s.getAttribute('data-name') ?? s.getAttribute('src'));

beforeEach(() => {
  clearCookies();
  document.head.innerHTML = '';
  html('');
});
afterEach(() => {
  stopAll();
  vi.restoreAllMocks();
});

describe('first visit', () => {
  it('stores nothing, runs nothing optional, and asks for the banner', () => {
    html('<script type="text/plain" data-category="analytics" data-name="a">1</script>');
    const showUi = vi.fn();
    const { api } = start({ services }, { showUi });
    expect(api.getConsent()).toBeNull();
    expect(api.isAccepted('analytics')).toBe(false);
    expect(api.isAccepted('session')).toBe(true);
    expect(api.askReason()).toBe('no-choice');
    expect(document.cookie).toBe('');
    expect(liveScripts()).toEqual([]);
    expect(showUi).toHaveBeenCalledWith('banner', api);
  });

  it('without a UI attached, showing logs what to do', () => {
    const { logger } = start({});
    expect(messages(logger.info).join()).toMatch(/no UI is attached/);
  });

  it('runs session markup at once: it needs no consent', () => {
    html('<script type="text/plain" data-category="session" data-name="s">1</script>');
    start({});
    expect(liveScripts()).toEqual(['s']);
  });
});

describe('deciding', () => {
  it('acceptAll stores the choice with the contract attributes and activates in document order', () => {
    html(`
      <script type="text/plain" data-category="analytics" data-name="a1">1</script>
      <script type="text/plain" data-category="functional" data-name="f1">2</script>
      <script type="text/plain" data-category="analytics" data-service="matomo" data-name="m1">3</script>`);
    const { api } = start({ services });
    const change = vi.fn();
    api.on('change', change);
    api.acceptAll();
    expect(liveScripts()).toEqual(['a1', 'f1', 'm1']);
    expect(cookieValue('asmeronexa_consent')).toBe(
      encodeChoice({ id: '00000000-0000-4000-8000-000000000001', revision: 1, decidedAt: NOW, categories: ['analytics', 'functional'], services: ['ga', 'matomo', 'prefs'] }),
    );
    expect(api.getConsent()).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      revision: 1,
      decidedAt: '2026-11-27T12:00:00.000Z',
      categories: { session: true, analytics: true, functional: true },
      services: { ga: true, matomo: true, prefs: true },
    });
    expect(change).toHaveBeenCalledTimes(1);
    expect(change.mock.calls[0][0]).toMatchObject({
      source: 'api',
      granted: { categories: ['analytics', 'functional'], services: ['ga', 'matomo', 'prefs'] },
      revoked: { categories: [], services: [] },
      reloadRequired: false,
    });
  });

  it('rejectAll stores a refusal (so the learner is not asked again) and activates nothing', () => {
    html('<script type="text/plain" data-category="analytics" data-name="a1">1</script>');
    const { api } = start({ services });
    api.rejectAll();
    expect(liveScripts()).toEqual([]);
    expect(cookieValue('asmeronexa_consent')).toMatch(/^1\|[^|]+\|1\|[0-9a-z]+\|\|\|[0-9a-z]+$/);
    expect(api.getConsent()!.categories).toEqual({ session: true, analytics: false, functional: false });
    expect(api.askReason()).toBeNull();
  });

  it('setConsent decides per category and per service, and ignores what it does not know', () => {
    html(`
      <script type="text/plain" data-category="analytics" data-service="ga" data-name="ga">1</script>
      <script type="text/plain" data-category="analytics" data-service="matomo" data-name="matomo">2</script>`);
    const { api, logger } = start({ services });
    api.setConsent({ analytics: true, marketing: true }, { services: { ga: false } });
    expect(api.isAccepted('analytics')).toBe(true);
    expect(api.isServiceAccepted('ga')).toBe(false);
    expect(api.isServiceAccepted('matomo')).toBe(true);
    expect(liveScripts()).toEqual(['matomo']);
    expect(messages(logger.warn).join()).toMatch(/"marketing" is not known/);
  });

  it('setConsent with nonsense changes nothing and says why', () => {
    const { api, logger } = start({ services });
    api.setConsent('all' as never);
    api.setConsent({ analytics: 'yes' } as never);
    expect(messages(logger.error).join('\n')).toMatch(/expects an object[\s\S]*must be true or false/);
    expect(api.isAccepted('analytics')).toBe(false);
  });

  it('keeps the consent id when the learner changes their mind', () => {
    const { api } = start({ services });
    api.acceptAll();
    const id = api.getConsent()!.id;
    api.rejectAll();
    expect(api.getConsent()!.id).toBe(id);
  });
});

describe('returning learner', () => {
  it('restores a valid choice without interaction and activates at once', () => {
    storeChoice(['analytics'], ['ga', 'matomo']);
    html('<script type="text/plain" data-category="analytics" data-name="a1">1</script>');
    const ready = vi.fn();
    const { api, logger } = start({ services });
    api.on('ready', ready);
    expect(api.askReason()).toBeNull();
    expect(api.isAccepted('analytics')).toBe(true);
    expect(api.getConsent()!.id).toBe('stored-0001');
    expect(liveScripts()).toEqual(['a1']);
    expect(messages(logger.info)).toEqual([]);
    return settle().then(() => expect(ready).toHaveBeenCalledWith(expect.objectContaining({ id: 'stored-0001' })));
  });

  it('asks again after a revision change, keeps everything blocked, and keeps the consent id', () => {
    storeChoice(['analytics'], ['ga'], { revision: 1 });
    html('<script type="text/plain" data-category="analytics" data-name="a1">1</script>');
    const { api } = start({ revision: 2, services });
    expect(api.askReason()).toBe('revision-changed');
    expect(api.getConsent()).toBeNull();
    expect(liveScripts()).toEqual([]);
    api.acceptAll();
    expect(api.getConsent()).toMatchObject({ id: 'stored-0001', revision: 2 });
  });

  it('asks again after the configured lifetime', () => {
    storeChoice(['analytics'], ['ga'], { decidedAt: NOW - 31 * DAY });
    const { api } = start({ services, cookie: { expiresDays: 30 } });
    expect(api.askReason()).toBe('expired');
    expect(api.isAccepted('analytics')).toBe(false);
  });

  it('treats a tampered cookie as no choice, never as consent', () => {
    storeChoice(['analytics'], ['ga']);
    document.cookie = `asmeronexa_consent=${cookieValue('asmeronexa_consent')!.replace('|analytics|', '|analytics+functional|')}; path=/`;
    const { api } = start({ services });
    expect(api.askReason()).toBe('no-choice');
    expect(api.isAccepted('analytics')).toBe(false);
    expect(api.isAccepted('functional')).toBe(false);
  });

  it('ignores a stored choice when the config revision is invalid', () => {
    storeChoice(['analytics'], ['ga'], { revision: 1 });
    const { api, logger } = start({ revision: '1', services });
    expect(api.isAccepted('analytics')).toBe(false);
    expect(messages(logger.error)[0]).toMatch(/^config\.revision: must be a whole number/);
  });
});

describe('withdrawal', () => {
  it('deletes the service cookies on the host, the parent domain and the current paths, but not the consent cookie', () => {
    storeChoice(['analytics', 'functional'], ['ga', 'matomo', 'prefs']);
    document.cookie = '_ga=GA1.1.1; path=/; domain=asmeronexa.test';
    document.cookie = '_ga_TEST123=GS1; path=/; domain=asmeronexa.test';
    document.cookie = '_pk_id.1.abcd=x; path=/';
    document.cookie = 'pref_lang=de; path=/kurs';
    document.cookie = 'session_id=keep; path=/';
    const { api } = start({ services, reloadOnWithdraw: false });
    api.rejectAll();
    const names = document.cookie.split('; ').map((p) => p.split('=')[0]).sort();
    expect(names).toEqual(['asmeronexa_consent', 'session_id']);
  });

  it('deletes leftovers of rejected services on a returning visit too', () => {
    storeChoice([], []);
    document.cookie = '_ga=GA1.1.1; path=/; domain=asmeronexa.test';
    start({ services });
    expect(cookieValue('_ga')).toBeUndefined();
  });

  it('reports that a reload is needed when withdrawn code already ran, and reloads unless told not to', () => {
    storeChoice(['analytics'], ['ga', 'matomo']);
    html('<script type="text/plain" data-category="analytics" data-name="a1">1</script>');
    const { api } = start({ services, reloadOnWithdraw: false });
    const change = vi.fn();
    api.on('change', change);
    api.setConsent({ functional: true });
    expect(change.mock.calls[0][0].reloadRequired).toBe(false);
    api.setConsent({ analytics: false });
    expect(change.mock.calls[1][0]).toMatchObject({ reloadRequired: true, revoked: { categories: ['analytics'], services: ['ga', 'matomo'] } });
  });

  it('calls location.reload when reloadOnWithdraw is on (the default)', () => {
    storeChoice(['analytics'], ['ga', 'matomo']);
    html('<script type="text/plain" data-category="analytics" data-name="a1">1</script>');
    const reload = vi.fn();
    const fakeWindow = new Proxy(window, {
      get: (target, key) => (key === 'location' ? { ...target.location, reload, protocol: 'https:' } : Reflect.get(target, key)),
    });
    const { api } = start({ services }, { window: fakeWindow as Window });
    api.rejectAll();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('takes an activated embed off the page and stops activating withdrawn markup', async () => {
    storeChoice(['functional'], ['prefs']);
    html('<iframe data-category="functional" data-src="https://tool.example/room" title="Tool"></iframe>');
    const { api } = start({ services, reloadOnWithdraw: false });
    const frame = () => document.querySelector('iframe')!;
    expect(frame().getAttribute('src')).toBe('https://tool.example/room');
    expect(frame().title).toBe('Tool');
    api.rejectAll();
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(frame().hasAttribute('src')).toBe(false);
    expect(frame().getAttribute('data-src')).toBe('https://tool.example/room');
    api.setConsent({ functional: true });
    expect(frame().getAttribute('src')).toBe('https://tool.example/room');
    api.rejectAll();
    document.body.insertAdjacentHTML('beforeend', '<script type="text/plain" data-category="functional" data-name="late">1</script>');
    await settle();
    expect(liveScripts()).toEqual([]);
  });

  it('reset forgets the stored choice and asks again', () => {
    storeChoice(['analytics'], ['ga']);
    const showUi = vi.fn();
    const { api } = start({ services, reloadOnWithdraw: false }, { showUi });
    expect(showUi).not.toHaveBeenCalled();
    api.reset();
    expect(cookieValue('asmeronexa_consent')).toBeUndefined();
    expect(api.getConsent()).toBeNull();
    expect(api.askReason()).toBe('no-choice');
    expect(showUi).toHaveBeenCalledWith('banner', api);
  });
});

describe('services from config', () => {
  // happy-dom fires `load` synchronously, so this checks order and attributes; that the second
  // script waits for a slow first one is proven in Chromium (test/browser/demo.test.ts).
  it('loads a service src list in order after consent, once, with the config nonce', async () => {
    const { api } = start({
      nonce: 'r4nd0m',
      services: [{ id: 'hotjar', category: 'analytics', src: ['https://hj.example/a.js', 'https://hj.example/b.js'] }],
    });
    expect(liveScripts()).toEqual([]);
    api.acceptAll();
    api.acceptAll();
    await settle();
    expect(liveScripts()).toEqual(['https://hj.example/a.js', 'https://hj.example/b.js']);
    const a = document.querySelector('script[src="https://hj.example/a.js"]') as HTMLScriptElement;
    expect(a.nonce).toBe('r4nd0m');
    expect(a.async).toBe(false);
    expect(a.getAttribute('data-service')).toBe('hotjar');
  });

  it("carries attributes and the element's own nonce (the page's) over to the live script", () => {
    html('<script type="text/plain" data-category="analytics" data-src="/a.js" data-type="module" nonce="page" id="x" data-foo="bar" async></script>');
    const { api } = start({ nonce: 'page' });
    api.acceptAll();
    const script = document.getElementById('x') as HTMLScriptElement;
    expect(script.getAttribute('type')).toBe('module');
    expect(script.getAttribute('src')).toBe('/a.js');
    expect(script.nonce).toBe('page');
    expect(script.getAttribute('data-foo')).toBe('bar');
    expect(script.async).toBe(true);
    expect(script.hasAttribute('data-src')).toBe(false);
  });

  it('calls onAccept and onReject; one that throws is reported with its id and the rest go on', () => {
    const calls: string[] = [];
    const { api, logger } = start({
      reloadOnWithdraw: false,
      services: [
        { id: 'bad', category: 'analytics', onAccept() { throw new Error('vendor bug'); } },
        { id: 'good', category: 'analytics', onAccept: () => calls.push('accept good'), onReject: () => calls.push('reject good') },
      ],
    });
    api.acceptAll();
    api.rejectAll();
    expect(calls).toEqual(['accept good', 'reject good']);
    expect(messages(logger.error)).toEqual(['service "bad": onAccept threw: Error: vendor bug; the other services go on']);
  });

  it('calls onReject on a first refusal, not on every later page view', () => {
    const onReject = vi.fn();
    const first = start({ services: [{ id: 'x', category: 'analytics', onReject }] });
    first.api.rejectAll();
    expect(onReject).toHaveBeenCalledTimes(1);
    start({ services: [{ id: 'x', category: 'analytics', onReject }] });
    expect(onReject).toHaveBeenCalledTimes(1);
  });
});

describe('minors', () => {
  it('setUser({ minor: true }) narrows a stored adult choice on the page without rewriting it', () => {
    storeChoice(['analytics', 'functional'], ['ga', 'matomo', 'prefs']);
    const stored = cookieValue('asmeronexa_consent');
    const { api } = start({ services, reloadOnWithdraw: false });
    api.setUser({ minor: true });
    expect(api.isAccepted('analytics')).toBe(false);
    expect(api.isAccepted('functional')).toBe(true);
    expect(cookieValue('asmeronexa_consent')).toBe(stored);
    api.acceptAll();
    expect(api.isAccepted('analytics')).toBe(false);
  });

  it('config user.minor applies from the start', () => {
    storeChoice(['analytics'], ['ga']);
    const { api } = start({ services, user: { minor: true } });
    expect(api.isAccepted('analytics')).toBe(false);
  });
});

describe('markup added later', () => {
  it('activates blocked markup that arrives later, nested deep or in place of markup that was removed', async () => {
    storeChoice(['analytics'], ['ga', 'matomo']);
    html('<div id="view"><script type="text/plain" data-category="analytics" data-name="first">1</script></div>');
    start({ services });
    expect(liveScripts()).toEqual(['first']);
    // A single-page navigation: the view is replaced by one with as many scripts as before.
    document.getElementById('view')!.innerHTML =
      '<section><div><p><script type="text/plain" data-category="analytics" data-name="second">2</script></p></div></section>';
    await settle();
    expect(liveScripts()).toEqual(['second']);
    // Added next to what is there.
    document.body.insertAdjacentHTML('beforeend', '<script type="text/plain" data-category="analytics" data-name="third">3</script>');
    await settle();
    expect(liveScripts()).toEqual(['second', 'third']);
  });

  it('does not look through the page again for markup that brings nothing blocked', async () => {
    storeChoice(['analytics'], ['ga', 'matomo']);
    html('<script type="text/plain" data-category="functional" data-name="refused">1</script>');
    start({ services });
    // A long page, or an app that renders all the time: the activator must neither rescan the
    // document nor look into each added element (with thousands of them, that took ~0.4 s).
    const scans = vi.spyOn(document, 'querySelectorAll');
    const matches = vi.spyOn(Element.prototype, 'matches');
    const searches = vi.spyOn(Element.prototype, 'querySelector');
    for (let i = 0; i < 20; i++) {
      document.body.insertAdjacentHTML('beforeend', `<section><h2>Lektion ${i}</h2><p>Text <a href="#">Link</a></p></section>`);
      await Promise.resolve();
    }
    document.body.insertAdjacentHTML('beforeend', '<script>window.__plain = 1</script>');
    await settle();
    expect(scans).not.toHaveBeenCalled();
    // At most one look at each new script (the plain one, and those the presets loaded).
    expect(matches.mock.calls.length).toBeLessThanOrEqual(document.getElementsByTagName('script').length);
    expect(searches).not.toHaveBeenCalled();
    document.body.insertAdjacentHTML('beforeend', '<script type="text/plain" data-category="analytics" data-name="new">1</script>');
    await settle();
    expect(scans).toHaveBeenCalled();
    expect(liveScripts()).toEqual(['new']);
  });
});

describe('markup errors', () => {
  it('keeps markup with an unknown category or service blocked and says so once', async () => {
    html(`
      <script type="text/plain" data-category="marketing" data-name="m">1</script>
      <script type="text/plain" data-category="analytics" data-service="hotjar" data-name="h">2</script>
      <script type="text/plain" data-category="analytics" data-src="javascript:alert(1)" data-name="j"></script>`);
    const { api, logger } = start({ services });
    api.acceptAll();
    api.acceptAll();
    expect(liveScripts()).toEqual([]);
    const errors = messages(logger.error);
    expect(errors.filter((m) => m.includes('data-category="marketing"'))).toHaveLength(1);
    expect(errors.filter((m) => m.includes('data-service="hotjar"'))).toHaveLength(1);
    expect(errors.filter((m) => m.includes('javascript:'))).toHaveLength(1);
  });
});

describe('cookies unavailable', () => {
  it('holds the choice for this page view only and says so', () => {
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => { throw new DOMException('blocked', 'SecurityError'); },
      set: () => { throw new DOMException('blocked', 'SecurityError'); },
    });
    try {
      html('<script type="text/plain" data-category="analytics" data-name="a1">1</script>');
      const { api, logger } = start({ services });
      api.acceptAll();
      expect(api.isAccepted('analytics')).toBe(true);
      expect(liveScripts()).toEqual(['a1']);
      expect(messages(logger.warn).join()).toMatch(/holds for this page view only/);
    } finally {
      // Removing the own property uncovers the real accessor on the prototype again.
      delete (document as { cookie?: string }).cookie;
    }
    // The next page view knows nothing: asks again, nothing inferred.
    expect(start({ services }).api.askReason()).toBe('no-choice');
  });
});
