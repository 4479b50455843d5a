// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs", "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUiLoader } from '../../../src/browser/ui-loader';
import { createPageContext } from '../../../src/browser/page-context';
import type { MountUi } from '../../../src/contracts';
import { chunkKey } from '../../../src/browser/chunks';
import { speaker } from '../../../src/controller/logging';
import { describe as describeMessage } from '../../../src/core/messages';

const UI_KEY = chunkKey('ui');
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

  it('a first visit loads the chunk from the widget folder with the nonce, and shows no reopen button yet', () => {
    boot();
    expect(uiScripts()).toEqual(['https://www.asmeronexa.test/assets/consent/consent-ui.js']);
    expect((document.querySelector('script[src]') as HTMLScriptElement).nonce).toBe('n0nce');
    expect(reopenButton()).toBeFalsy();
  });

  it('floatingButton: false keeps the reopen button away', () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'abcdefgh', revision: 1, decidedAt: NOW - 1000, categories: [], services: [] })}; path=/`;
    boot({ floatingButton: false });
    expect(reopenButton()).toBeFalsy();
  });

  it('hands the API to the chunk and shows the asked view; the chunk is loaded once', async () => {
    const show = vi.fn();
    const mount = vi.fn<MountUi>(() => ({ show }));
    const { api } = boot();
    (window as unknown as Record<symbol, (m: MountUi) => void>)[UI_KEY](mount);
    await vi.waitFor(() => expect(show).toHaveBeenCalledWith('banner', expect.anything()));
    expect(mount.mock.calls[0][0]).toBe(api);
    expect(mount.mock.calls[0][1]).toMatchObject({ lang: 'de', messages: null, nonce: 'n0nce' });
    api.showPreferences();
    await vi.waitFor(() => expect(show).toHaveBeenLastCalledWith('preferences', expect.anything()));
    expect(uiScripts()).toHaveLength(1);
  });

  it('English: the locale downloads alongside the chunk (not after it) and reaches the mount', async () => {
    const en = { banner: { title: 'Cookies on asmeronexa' } };
    const fetched: string[] = [];
    const fetchSpy = vi.spyOn(window, 'fetch').mockImplementation(async (url) => {
      fetched.push(String(url));
      return new Response(JSON.stringify(en), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    try {
      const show = vi.fn();
      const mount = vi.fn<MountUi>(() => ({ show }));
      boot({ language: 'en' });
      // The chunk has not arrived yet, and the locale is already on its way.
      expect(fetched).toEqual(['https://www.asmeronexa.test/assets/consent/locales/en.json']);
      (window as unknown as Record<symbol, (m: MountUi) => void>)[UI_KEY](mount);
      await vi.waitFor(() => expect(show).toHaveBeenCalledWith('banner', expect.anything()));
      expect(mount.mock.calls[0][1]).toMatchObject({ lang: 'en', messages: en });
      expect(fetched).toHaveLength(1);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('when the chunk cannot load: a clear error, everything optional stays blocked, a later show() retries', async () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics" id="a">1</script>';
    const { api, logger } = boot();
    const script = document.querySelector('script[src]') as HTMLScriptElement;
    script.dispatchEvent(new Event('error'));
    await vi.waitFor(() => expect(messages(logger.error).join()).toMatch(/banner UI is not available .*consent-ui\.js.*stays blocked/));
    expect(api.isAccepted('analytics')).toBe(false);
    expect(document.getElementById('a')!.getAttribute('type')).toBe('text/plain');
    api.show();
    expect(uiScripts()).toHaveLength(2);
  });
});
