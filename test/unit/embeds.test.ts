// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearCookies, html, settle, start, stopAll } from './helpers';

const config = {
  language: 'de',
  reloadOnWithdraw: false,
  services: [
    { id: 'bbb', category: 'functional', label: 'BigBlueButton', provider: 'BBB Hosting GmbH', privacyPolicyUrl: 'https://bbb.example/datenschutz' },
  ],
};
const frames = () => Array.from(document.querySelectorAll('iframe'));
const placeholders = () => Array.from(document.querySelectorAll('[data-consent-placeholder]'));
const inside = (placeholder: Element) => placeholder.shadowRoot!;
const button = (placeholder: Element, name: string) =>
  Array.from(inside(placeholder).querySelectorAll('button')).find((b) => b.textContent === name)!;

beforeEach(() => {
  clearCookies();
  html(`<p>Live-Kurs</p>
    <iframe data-category="functional" data-service="bbb" data-src="https://bbb.example/room/1" title="Live-Kurs" width="560" height="315"></iframe>
    <iframe data-category="functional" data-service="bbb" data-src="https://bbb.example/room/2" title="Aufzeichnung"></iframe>`);
});
afterEach(() => stopAll());

describe('embed placeholders', () => {
  it('stand in place of each blocked iframe, with its size, naming the service, the host and the privacy notice', () => {
    start(config);
    const [first] = placeholders();
    expect(placeholders()).toHaveLength(2);
    expect(first.nextElementSibling).toBe(frames()[0]);
    expect(frames().every((f) => f.hidden && !f.hasAttribute('src'))).toBe(true);
    expect((first as HTMLElement).style.maxWidth).toBe('560px');
    expect((first as HTMLElement).style.minHeight).toBe('315px');
    expect((first as HTMLElement).style.width).toBe('100%');
    const text = inside(first).textContent!;
    expect(text).toContain('Externer Inhalt: BigBlueButton');
    // Without `dataSent` in the config: what every embed sends, said plainly.
    expect(text).toContain('Dieser Inhalt kommt von BBB Hosting GmbH');
    expect(text).toContain('Dann erhält bbb.example: Ihre IP-Adresse und Angaben zu Ihrem Browser');
    const link = inside(first).querySelector('a')!;
    expect([link.textContent, link.getAttribute('href')]).toEqual(['Datenschutzhinweise von BBB Hosting GmbH', 'https://bbb.example/datenschutz']);
    expect(inside(first).querySelector('[role=group]')!.getAttribute('aria-labelledby')).toBe('title');
    expect(Array.from(inside(first).querySelectorAll('button')).map((b) => b.textContent)).toEqual(['BigBlueButton einmal laden', 'BigBlueButton immer erlauben']);
  });

  it('"Einmal laden" loads that one embed for this page view, and stores nothing', async () => {
    const { api } = start(config);
    button(placeholders()[0], 'BigBlueButton einmal laden').click();
    await settle(); // the observer sees the new iframe: it must stay loaded
    expect(frames()[0].getAttribute('src')).toBe('https://bbb.example/room/1');
    expect(frames()[0].hidden).toBe(false);
    expect(frames()[1].hasAttribute('src')).toBe(false);
    expect(placeholders()).toHaveLength(1);
    expect(api.getConsent()).toBeNull();
    expect(document.cookie).toBe('');
  });

  it('"Immer erlauben" stores the service consent (not its category) and loads every embed of it', async () => {
    const { api } = start(config);
    button(placeholders()[1], 'BigBlueButton immer erlauben').click();
    await settle();
    expect(api.isServiceAccepted('bbb')).toBe(true);
    expect(api.isAccepted('functional')).toBe(false);
    expect(frames().map((f) => f.getAttribute('src'))).toEqual(['https://bbb.example/room/1', 'https://bbb.example/room/2']);
    expect(placeholders()).toHaveLength(0);
    expect(document.cookie).toMatch(/asmeronexa_consent=.*\|\|bbb\|/);
  });

  it('withdrawing puts the placeholders back; iframes added later get one too', async () => {
    const { api } = start(config);
    api.acceptAll();
    expect(placeholders()).toHaveLength(0);
    api.rejectAll();
    expect(placeholders()).toHaveLength(2);
    expect(frames().every((f) => !f.hasAttribute('src'))).toBe(true);
    document.body.insertAdjacentHTML('beforeend', '<iframe data-category="functional" data-src="https://tool.example/x" title="Werkzeug"></iframe>');
    await settle();
    expect(placeholders()).toHaveLength(3);
    expect(inside(placeholders()[2]).textContent).toContain('Werkzeug');
  });

  it('speaks English, and config texts override the placeholder texts', () => {
    start({ ...config, language: 'en', texts: { en: { embed: { loadOnce: 'Load it now' } } } });
    expect(Array.from(inside(placeholders()[0]).querySelectorAll('button')).map((b) => b.textContent)).toEqual(['Load it now', 'Always allow BigBlueButton']);
    expect(inside(placeholders()[0]).textContent).toContain('External content: BigBlueButton');
  });
});

describe('embed placeholders name what is sent where, from the service facts', () => {
  it('takes dataSent and country from the config', () => {
    start({
      ...config,
      services: [{ ...config.services[0], country: 'DE', dataSent: { de: 'Ihr Name, Ihre Kurszugehörigkeit und Ihre IP-Adresse', en: 'your name, course and IP address' } }],
    });
    const text = inside(placeholders()[0]).textContent!;
    expect(text).toContain('Dann erhält bbb.example (Deutschland): Ihr Name, Ihre Kurszugehörigkeit und Ihre IP-Adresse.');
    expect(text).toContain('„Immer erlauben“ speichern wir. Widerrufen können Sie es unter „Cookie-Einstellungen“.');
  });

  it('names the country from the locale, without Intl.DisplayNames (its first use costs about 225 ms at 4× CPU)', () => {
    const displayNames = vi.spyOn(Intl, 'DisplayNames');
    start({ ...config, services: [{ ...config.services[0], country: 'at' }] });
    expect(inside(placeholders()[0]).textContent).toContain('Dann erhält bbb.example (Österreich):');
    expect(displayNames).not.toHaveBeenCalled();
  });

  it('in English too', () => {
    start({ ...config, language: 'en', services: [{ ...config.services[0], country: 'US', dataSent: { en: 'your name and IP address' } }] });
    const text = inside(placeholders()[0]).textContent!;
    expect(text).toContain('Then bbb.example (United States) receives: your name and IP address.');
    expect(Array.from(inside(placeholders()[0]).querySelectorAll('button')).map((b) => b.textContent)).toEqual(['Load BigBlueButton once', 'Always allow BigBlueButton']);
  });
});
