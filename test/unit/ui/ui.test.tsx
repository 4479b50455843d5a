// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, within } from '@testing-library/preact';
import { mountUi } from '../../../src/ui/mount';
import { getShadowRoot } from '../../../src/browser/host';
import { showReopenButton } from '../../../src/browser/reopen-button';
import { encodeChoice } from '../../../src/core/choice';
import type { ConsentApi } from '../../../src/contracts';
import en from '../../../locales/en.json';
import { clearCookies, NOW, start, stopAll } from '../helpers';


/** Starts the controller and mounts the UI the way consent.js does (without the script loading). */
function setup(config: Record<string, unknown> = {}, options: { lang?: 'de' | 'en'; messages?: Record<string, unknown> | null } = {}) {
  const onOpenChange = vi.fn();
  let ui: ReturnType<typeof mountUi> | undefined;
  const queue: unknown[] = [];
  const { api } = start(
    { privacyPolicyUrl: '/datenschutz', imprintUrl: '/impressum', ...config },
    { showUi: (view, consentApi) => ui?.show(view, null) ?? queue.push([view, consentApi]) },
  );
  const root = getShadowRoot(document, api.config.theme, options.lang ?? 'de');
  ui = mountUi(api as ConsentApi, { root, lang: options.lang ?? 'de', messages: options.messages ?? null, nonce: undefined, onOpenChange });
  if (queue.length) act(() => ui!.show('banner', null));
  // Testing Library takes an element, not a shadow root: query within the element the UI mounted into.
  const container = root.querySelector('.anx-root')!.parentElement!;
  return { api, root, ui, screen: within(container), onOpenChange };
}

beforeEach(() => {
  clearCookies();
  document.body.innerHTML = '<main id="page"><a href="#x" id="page-link">Kurs</a></main>';
});
afterEach(() => {
  stopAll();
  document.getElementById('asmeronexa-consent')?.remove();
});

describe('first layer', () => {
  it('shows a labelled, non-modal region first in the page with three equal buttons and the links', () => {
    const { screen } = setup();
    const banner = screen.getByRole('region', { name: 'Cookies auf asmeronexa' });
    expect(banner.hasAttribute('aria-modal')).toBe(false);
    expect(document.body.firstElementChild!.id).toBe('asmeronexa-consent');
    const buttons = within(banner).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']);
    expect(new Set(buttons.map((b) => b.className)).size).toBe(1);
    expect(within(banner).getByRole('link', { name: 'Datenschutzerklärung' }).getAttribute('href')).toBe('/datenschutz');
    expect(within(banner).getByRole('link', { name: 'Impressum' }).getAttribute('href')).toBe('/impressum');
    expect(banner.textContent).toContain('Alles Weitere nur mit Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 25 Abs. 1 TDDDG).');
    expect(banner.textContent).toContain('Ihre Wahl speichern wir 182 Tage lang.');
  });

  it('"Alle akzeptieren" accepts every optional category, closes, and announces it', async () => {
    const { api, screen, onOpenChange } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Alle akzeptieren' }));
    expect(api.getConsent()!.categories).toEqual({ session: true, analytics: true, functional: true });
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Ihre Auswahl wurde gespeichert.');
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
  });

  it('"Alle ablehnen" stores a refusal and closes', () => {
    const { api, screen } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Alle ablehnen' }));
    expect(api.getConsent()!.categories).toEqual({ session: true, analytics: false, functional: false });
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('closes when the page decides through the API', () => {
    const { api, screen, onOpenChange } = setup();
    act(() => api.rejectAll());
    expect(screen.queryByRole('region')).toBeNull();
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
  });

  it('with blocking: true it is a true modal: dialog, aria-modal, page inert, focus inside', () => {
    const { screen, root } = setup({ blocking: true });
    const banner = screen.getByRole('dialog', { name: 'Cookies auf asmeronexa' });
    expect(banner.getAttribute('aria-modal')).toBe('true');
    expect((document.getElementById('page') as HTMLElement).inert).toBe(true);
    expect(root.activeElement?.id).toBe('anx-banner-title');
  });

  it('says so when the stored choice was made under an older revision', () => {
    const old = encodeChoice({ id: 'abcdefgh-1', revision: 1, decidedAt: NOW - 1000, categories: ['analytics'], services: [] });
    document.cookie = `asmeronexa_consent=${old}; path=/`;
    const { screen } = setup({ revision: 2 });
    expect(screen.getByRole('region').textContent).toContain('haben sich geändert');
  });

  it('shows no revision notice on a first visit', () => {
    const { screen } = setup();
    expect(screen.getByRole('region').textContent).not.toContain('haben sich geändert');
  });
});

describe('settings dialog', () => {
  function openSettings() {
    const ctx = setup({
      services: [
        { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-TEST123' },
        { id: 'prefs', category: 'functional', label: 'Darstellung', provider: 'asmeronexa <b>GmbH</b>', cookies: [{ name: 'pref', lifetime: { de: '6 Monate', en: '6 months' } }] },
      ],
    });
    const settings = ctx.screen.getByRole('button', { name: 'Einstellungen' });
    settings.focus();
    fireEvent.click(settings);
    const dialog = ctx.screen.getByRole('dialog', { name: 'Cookie-Einstellungen' });
    return { ...ctx, dialog, settings };
  }

  it('is a labelled modal dialog with focus on its heading and the page inert', () => {
    const { dialog, root, screen } = openSettings();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(root.activeElement?.id).toBe('anx-prefs-title');
    expect((document.getElementById('page') as HTMLElement).inert).toBe(true);
    expect(screen.getByRole('region', { hidden: true }).inert).toBe(true);
  });

  it('has one switch per category named by its label; session is on, disabled and "immer aktiv"', () => {
    const { dialog } = openSettings();
    const switches = within(dialog).getAllByRole('switch');
    expect(switches.map((s) => [accessibleName(s), s.getAttribute('aria-checked'), (s as HTMLButtonElement).disabled])).toEqual([
      ['Sitzungs-Cookies', 'true', true],
      ['Analyse-Cookies', 'false', false],
      ['Funktionale Cookies', 'false', false],
    ]);
    expect(switches[0].textContent).toBe('immer aktiv');
  });

  it('switching does not save; "Auswahl speichern" does, and focus returns to the opener', async () => {
    const { api, dialog, screen, settings } = openSettings();
    const analytics = within(dialog).getByRole('switch', { name: 'Analyse-Cookies' });
    fireEvent.click(analytics);
    expect(analytics.getAttribute('aria-checked')).toBe('true');
    expect(api.getConsent()).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Auswahl speichern' }));
    expect(api.getConsent()!.categories).toEqual({ session: true, analytics: true, functional: false });
    expect(api.isServiceAccepted('ga')).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Ihre Auswahl wurde gespeichert.');
    expect((document.getElementById('page') as HTMLElement).inert).toBe(false);
    // The opener was in the banner, which is gone: without a reopen button, focus goes on in the page.
    await vi.waitFor(() => expect(document.activeElement!.id).toBe('page-link'));
    void settings;
  });

  it('after a decision focus goes to the reopen button where there is one', async () => {
    const { api, root, screen } = setup();
    api.on('change', () => showReopenButton(root, 'Cookie-Einstellungen', undefined, () => {}));
    fireEvent.click(screen.getByRole('button', { name: 'Alle ablehnen' }));
    await vi.waitFor(() => expect(root.activeElement?.getAttribute('aria-label')).toBe('Cookie-Einstellungen'));
  });

  it('Escape closes without a decision and returns focus to "Einstellungen"', async () => {
    const { api, dialog, screen, root } = openSettings();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.getConsent()).toBeNull();
    // The banner is still there (a closed dialog is no decision), with its three buttons.
    expect(within(screen.getByRole('region')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']);
    await vi.waitFor(() => expect(root.activeElement?.textContent).toBe('Einstellungen'));
  });

  it('the close button records no consent either', () => {
    const { api, dialog, screen } = openSettings();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schließen ohne Änderung' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.getConsent()).toBeNull();
  });

  it('keeps Tab and Shift+Tab inside', () => {
    const { dialog, root } = openSettings();
    const buttons = within(dialog).getAllByRole('button');
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    expect(first.getAttribute('aria-label')).toBe('Schließen ohne Änderung');
    expect(last.textContent).toBe('Auswahl speichern');
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(root.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(root.activeElement).toBe(last);
  });

  it('lists services with provider, purpose and cookie lifetimes on demand, as text', () => {
    const { dialog } = openSettings();
    // The session list holds the consent cookie: the first "(1)" is analytics' one service, the second.
    const toggle = within(dialog).getAllByRole('button', { name: 'Dienste anzeigen (1)' })[1];
    const list = dialog.querySelector(`#${toggle.getAttribute('aria-controls')}`) as HTMLElement;
    expect(list.hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(list.hidden).toBe(false);
    expect(list.textContent).toContain('Google Ireland Limited');
    expect(list.textContent).toContain('Reichweitenmessung: welche Seiten besucht werden');
    expect(list.textContent).toContain('_ga_<ID> – Speicherdauer: 2 Jahre');
    const functional = within(dialog).getAllByRole('button', { name: 'Dienste anzeigen (1)' }).at(-1)!;
    fireEvent.click(functional);
    expect(dialog.textContent).toContain('asmeronexa <b>GmbH</b>');
    expect(dialog.querySelector('b')).toBeNull();
    expect(dialog.textContent).toContain('pref – Speicherdauer: 6 Monate');
  });

  it('shows the consent id and decision date once there is a decision', () => {
    const { api, screen } = setup();
    api.acceptAll();
    act(() => api.showPreferences());
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain(api.getConsent()!.id);
    expect(dialog.textContent).toContain('27. November 2026');
  });

  it('opens with the stored choice pre-filled, and withdrawing takes as many clicks as consenting', () => {
    const { api, screen } = setup({ reloadOnWithdraw: false });
    fireEvent.click(screen.getByRole('button', { name: 'Alle akzeptieren' })); // 1 click to consent
    act(() => api.showPreferences());
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('switch', { name: 'Analyse-Cookies' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Alle ablehnen' })); // 1 click to withdraw (after opening)
    expect(api.getConsent()!.categories.analytics).toBe(false);
  });
});

describe('language and texts', () => {
  it('speaks English with the English locale', () => {
    const { screen } = setup({}, { lang: 'en', messages: en });
    const banner = screen.getByRole('region', { name: 'Cookies on asmeronexa' });
    expect(within(banner).getAllByRole('button').map((b) => b.textContent)).toEqual(['Accept all', 'Reject all', 'Settings']);
  });

  it('falls back to German for a key the active language lacks, never to the raw key', () => {
    const partial = { ...en, banner: { ...en.banner, acceptAll: undefined } };
    const { screen } = setup({}, { lang: 'en', messages: JSON.parse(JSON.stringify(partial)) });
    const names = within(screen.getByRole('region')).getAllByRole('button').map((b) => b.textContent);
    expect(names).toEqual(['Alle akzeptieren', 'Reject all', 'Settings']);
    expect(screen.getByRole('region').textContent).not.toMatch(/banner\./);
  });

  it('uses German texts when the English file could not be loaded', () => {
    const { screen } = setup({}, { lang: 'en', messages: null });
    expect(within(screen.getByRole('region')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']);
  });

  it('takes config text overrides per language, as text, never HTML', () => {
    const { screen } = setup({
      texts: { de: { banner: { title: 'Ihre <em>Privatsphäre</em>', settings: 'Auswählen' } } },
      categories: { analytics: { label: { de: 'Statistik' } } },
    });
    const banner = screen.getByRole('region', { name: 'Ihre <em>Privatsphäre</em>' });
    expect(banner.querySelector('em')).toBeNull();
    fireEvent.click(within(banner).getByRole('button', { name: 'Auswählen' }));
    // The overridden label names the analytics switch, and it is that category's switch (off).
    expect(within(screen.getByRole('dialog')).getByRole('switch', { name: 'Statistik' }).getAttribute('aria-checked')).toBe('false');
  });
});

function accessibleName(el: Element): string {
  const ids = el.getAttribute('aria-labelledby')!.split(' ');
  const root = el.getRootNode() as ShadowRoot;
  return ids.map((id) => root.getElementById(id)!.textContent).join(' ');
}
