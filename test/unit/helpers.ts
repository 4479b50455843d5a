import { vi } from 'vitest';
import { createConsent } from '../../src/consent';
import type { ConsentOptions } from '../../src/controller/start';
import type { ConsentApi, Logger } from '../../src/contracts';

export const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

export function spyLogger() {
  return { error: vi.fn(), warn: vi.fn(), info: vi.fn() } satisfies Logger;
}

/** Logged messages of one level, as plain strings. */
export const messages = (fn: { mock: { calls: unknown[][] } }) => fn.mock.calls.map((call) => String(call[0]));

const running: ConsentApi[] = [];

/** Stops the controllers a test started, so they do not act on the next test's markup. */
export function stopAll() {
  for (const api of running.splice(0)) api.destroy();
  // What holds for a tab (a known minor, "saved" after a reload) must not leak into the next test.
  sessionStorage.clear();
}

export function start(config: unknown, options: ConsentOptions = {}) {
  const logger = spyLogger();
  let id = 0;
  const api = createConsent(config, {
    logger,
    now: () => NOW,
    newId: () => `00000000-0000-4000-8000-00000000000${++id}`,
    ...options,
  });
  running.push(api);
  return { api, logger };
}

/** Removes every cookie the page can see, on every path and domain the tests use. */
export function clearCookies() {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0].trim();
    if (!name) continue;
    for (const path of ['/', '/kurs', '/kurs/', '/kurs/abc']) {
      for (const domain of ['', '; domain=asmeronexa.test', '; domain=www.asmeronexa.test']) {
        document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain}`;
      }
    }
  }
}

export function cookieValue(name: string): string | undefined {
  const pair = document.cookie.split('; ').find((p) => p.startsWith(`${name}=`));
  return pair?.slice(name.length + 1);
}

export function html(markup: string) {
  document.body.innerHTML = markup;
}

/** Lets MutationObserver callbacks and script load events run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
