// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs", "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUiLoader } from '../../../src/browser/ui-loader';
import { createPageContext } from '../../../src/browser/page-context';
import type { MountUi } from '../../../src/contracts';
import { chunkKey } from '../../../src/browser/chunks';
import { speaker } from '../../../src/controller/logging';
import { describe as describeMessage } from '../../../src/core/messages';

const UI_KEY = chunkKey('ui');
const BANNER_KEY = chunkKey('banner');
/** Delivers a chunk the loader asked for, as its script would. */
const arrive = (key: symbol, mount: MountUi) => (window as unknown as Record<symbol, (m: MountUi) => void>)[key](mount);
const fakeUi = () => {
  const ui = { show: vi.fn(), destroy: vi.fn() };
  return { ui, mount: vi.fn<MountUi>(() => ui) };
};
import { resolveLanguage } from '../../../src/browser/language';
import { encodeChoice } from '../../../src/core/choice';
import { clearCookies, messages, NOW, spyLogger, start, stopAll } from '../helpers';

const base = new URL('https://www.asmeronexa.test/assets/consent/');
const uiScripts = () => Array.from(document.querySelectorAll('script[src]')).map((s) => s.getAttribute('src'));
const reopenButton = () => document.getElementById('asmeronexa-consent')?.shadowRoot?.querySelector<HTMLButtonElement>('.anx-reopen');

function boot(config: Record<string, unknown> = {}) {
  const logger = spyLogger();
  // What boot works out from the widget's tag (nonce n0nce) and the config.
  const settings = { language: (config.language ?? 'auto') as 'auto', nonce: (config.nonce as string | undefined) ?? 'n0nce' };
  const context = { ...createPageContext(window, settings, null), base: () => base };
  const loader = createUiLoader({ win: window, context, say: speaker(logger, describeMessage) });
  const { api } = start(config, { showUi: loader.showUi });
  loader.attach(api);
  return { api, logger };
}

beforeEach(() => {
  clearCookies();
  document.documentElement.lang = 'de';
  document.head.innerHTML = '';
  document.body.innerHTML = '<main><a href="#">x</a></main>';
});
afterEach(() => {
  stopAll();
  delete (window as unknown as Record<symbol, unknown>)[UI_KEY];
  delete (window as unknown as Record<symbol, unknown>)[BANNER_KEY];
});

describe('resolveLanguage', () => {
  const nav = (languages: string[]) => ({ languages, language: languages[0] ?? '' });
  it('config first, then <html lang>, then the browser, then German', () => {
    document.documentElement.lang = 'en-GB';
    expect(resolveLanguage('de', document, nav(['en']))).toBe('de');
    expect(resolveLanguage('auto', document, nav(['de']))).toBe('en');
    document.documentElement.lang = 'fr';
    expect(resolveLanguage('auto', document, nav(['fr-FR', 'en-US', 'de']))).toBe('en');
    document.documentElement.lang = '';
    expect(resolveLanguage('auto', document, nav(['fr', 'it']))).toBe('de');
    expect(resolveLanguage('auto', document, nav([]))).toBe('de');
  });
});

describe('createUiLoader', () => {
  it('a returning learner with a valid choice loads no UI chunk, and gets the reopen button', () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'abcdefgh', revision: 1, decidedAt: NOW - 1000, categories: [], services: [] })}; path=/`;
    boot();
    expect(uiScripts()).toEqual([]);
    const button = reopenButton()!;
    expect(button.hidden).toBe(false);
    expect(button.getAttribute('aria-label')).toBe('Cookie-Einstellungen');
    // Only the reopen button: after the page's content in the Tab order (contract §8, issue 13).
    expect(document.body.lastElementChild!.id).toBe('asmeronexa-consent');
  });

  it('a first visit loads the first layer in the page language from the widget folder with the nonce, and shows no reopen button yet', () => {
    boot();
    expect(uiScripts()).toEqual(['https://www.asmeronexa.test/assets/consent/consent-banner.de.js']);
    expect((document.querySelector('script[src]') as HTMLScriptElement).nonce).toBe('n0nce');
    expect(reopenButton()).toBeFalsy();
  });

  it('a config that overrides the banner’s texts gets the full UI (i18next at run time) for the banner', () => {
    boot({ texts: { de: { banner: { title: 'Cookies bei uns' } } } });
    expect(uiScripts()).toEqual(['https://www.asmeronexa.test/assets/consent/consent-ui.js']);
  });

  it('an override of the reopen button’s text alone keeps the first layer', () => {
    boot({ texts: { de: { reopen: 'Datenschutz' } } });
    expect(uiScripts()).toEqual(['https://www.asmeronexa.test/assets/consent/consent-banner.de.js']);
  });

  it('floatingButton: false keeps the reopen button away', () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'abcdefgh', revision: 1, decidedAt: NOW - 1000, categories: [], services: [] })}; path=/`;
    boot({ floatingButton: false });
    expect(reopenButton()).toBeFalsy();
  });

  it('hands the API to the first layer; settings bring the full UI, which takes over the open banner, and the first layer goes', async () => {
    const first = fakeUi();
    const full = fakeUi();
    const { api } = boot();
    arrive(BANNER_KEY, first.mount);
    await vi.waitFor(() => expect(first.ui.show).toHaveBeenCalledWith('banner', expect.anything()));
    expect(first.mount.mock.calls[0][0]).toBe(api);
    expect(first.mount.mock.calls[0][1]).toMatchObject({ lang: 'de', messages: null, nonce: 'n0nce' });
    // The banner is open; the learner presses "Einstellungen" in it.
    first.mount.mock.calls[0][1].onOpenChange(true);
    const settingsButton = document.createElement('button');
    first.mount.mock.calls[0][1].openSettings!(settingsButton);
    expect(uiScripts()).toEqual([
      'https://www.asmeronexa.test/assets/consent/consent-banner.de.js',
      'https://www.asmeronexa.test/assets/consent/consent-ui.js',
    ]);
    arrive(UI_KEY, full.mount);
    await vi.waitFor(() => expect(full.ui.show).toHaveBeenLastCalledWith('preferences', settingsButton));
    expect(full.ui.show.mock.calls[0]).toEqual(['banner', null]);
    await vi.waitFor(() => expect(first.ui.destroy).toHaveBeenCalledOnce());
    // From now on the full UI answers alone, and nothing is loaded twice.
    api.showPreferences();
    await vi.waitFor(() => expect(full.ui.show).toHaveBeenCalledTimes(3));
    expect(first.ui.show).toHaveBeenCalledTimes(1);
    expect(uiScripts()).toHaveLength(2);
  });

  it('English: the first layer needs no locale file; the settings download it alongside the full UI and hand it over', async () => {
    const en = { preferences: { title: 'Cookie settings' } };
    const fetched: string[] = [];
    const fetchSpy = vi.spyOn(window, 'fetch').mockImplementation(async (url) => {
      fetched.push(String(url));
      return new Response(JSON.stringify(en), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    try {
      const first = fakeUi();
      const full = fakeUi();
      const { api } = boot({ language: 'en' });
      expect(uiScripts()).toEqual(['https://www.asmeronexa.test/assets/consent/consent-banner.en.js']);
      arrive(BANNER_KEY, first.mount);
      await vi.waitFor(() => expect(first.ui.show).toHaveBeenCalledWith('banner', expect.anything()));
      expect(fetched).toEqual([]);
      api.showPreferences();
      // The chunk has not arrived yet, and the locale is already on its way.
      expect(fetched).toEqual(['https://www.asmeronexa.test/assets/consent/locales/en.json']);
      arrive(UI_KEY, full.mount);
      await vi.waitFor(() => expect(full.ui.show).toHaveBeenCalledWith('preferences', expect.anything()));
      expect(full.mount.mock.calls[0][1]).toMatchObject({ lang: 'en', messages: en });
      expect(fetched).toHaveLength(1);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('when the chunk cannot load: a clear error, everything optional stays blocked, a later show() retries', async () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics" id="a">1</script>';
    const { api, logger } = boot();
    // The first layer fails: the full UI is tried for the banner; it fails too.
    (document.querySelector('script[src]') as HTMLScriptElement).dispatchEvent(new Event('error'));
    await vi.waitFor(() => expect(uiScripts()).toHaveLength(2));
    (document.querySelectorAll('script[src]')[1] as HTMLScriptElement).dispatchEvent(new Event('error'));
    await vi.waitFor(() => expect(messages(logger.error).join()).toMatch(/banner UI is not available .*consent-ui\.js.*stays blocked/));
    expect(api.isAccepted('analytics')).toBe(false);
    expect(document.getElementById('a')!.getAttribute('type')).toBe('text/plain');
    api.show();
    expect(uiScripts()).toHaveLength(3);
  });
});
