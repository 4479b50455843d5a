// The script-tag entry (dist/consent.js): find the config, start the controller once,
// publish the page API. Works as a plain, defer or async script, and late on the page.

import { consoleLogger, logProblems, startConsent } from './consent';
import { installInertApi, installPageApi } from './browser/page-api';
import { createUiLoader } from './browser/ui-loader';
import { loadChunk } from './browser/chunks';
import type { FillPlaceholder } from './browser/embed-placeholder';
import { cookieNames } from './browser/cleaner';
import type { Problem, validateConfig } from './core/config';
import { normalizeConfig } from './core/normalize';

const BOOTED = Symbol.for('asmeronexa-consent');

function boot(win: Window) {
  const flags = win as unknown as Record<symbol, boolean>;
  if (flags[BOOTED]) {
    consoleLogger.warn('consent.js is included more than once on this page; only the first one runs');
    return;
  }
  flags[BOOTED] = true;

  const script = win.document.currentScript as HTMLScriptElement | null;
  // Files the widget needs later (UI chunk, locales) come from its own folder, not the page's.
  const base = new URL('.', script?.src || win.document.querySelector<HTMLScriptElement>('script[src*="consent.js"]')?.src || win.location.href);
  const start = (config: unknown) => {
    const nonce = script?.nonce || undefined;
    const ui = createUiLoader({ win, base, nonce, logger: consoleLogger });
    // The lean normalizer decides; the validator with its messages is loaded only to explain.
    const { config: normalized, clean } = normalizeConfig(config);
    // No consent cookie at all: the banner will almost surely be needed, so its chunk downloads
    // while the core starts instead of after. A returning learner has the cookie and skips this.
    if (!cookieNames(win.document).includes(normalized.cookie.name)) ui.preload();
    const chunkNonce = normalized.nonce ?? nonce;
    const problems: Problem[] = [];
    if (!clean) explainProblems(win, base, chunkNonce, config, problems);
    const placeholders = lazyPlaceholders(win, base, chunkNonce);
    const api = startConsent(normalized, problems, { window: win, showUi: ui.showUi, placeholders });
    ui.attach(api);
    installPageApi(win, api);
  };
  const configUrl = script?.getAttribute('data-config');
  if (!configUrl) return start(win.asmeronexaConsentConfig);

  if (win.asmeronexaConsentConfig !== undefined) {
    consoleLogger.warn('both data-config and window.asmeronexaConsentConfig are set; using data-config');
  }
  const fail = (reason: string) => {
    consoleLogger.error(`${reason}; everything optional stays blocked`);
    installInertApi(win, reason);
  };
  let url: URL;
  try {
    url = new URL(configUrl, win.document.baseURI);
  } catch {
    return fail(`data-config ${JSON.stringify(configUrl)} is not a URL`);
  }
  if (url.origin !== win.location.origin) return fail(`data-config must be on this site's origin, got ${url.origin}`);
  // The nonce must be read now: document.currentScript is null once this task ends.
  const nonce = script?.nonce || undefined;
  fetch(url.href, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then(
      (config: unknown) => {
        const withNonce = nonce && config && typeof config === 'object' && !('nonce' in config) ? { ...config, nonce } : config;
        start(withNonce);
      },
      (error: unknown) => fail(`could not load the config from ${url.href} (${String(error)})`),
    );
}

/** Loads the validator (consent-check.js) and logs what it finds; `problems` is the API's list. */
function explainProblems(win: Window, base: URL, nonce: string | undefined, config: unknown, problems: Problem[]) {
  loadChunk<typeof validateConfig>(win, base, 'check', nonce).then(
    (validate) => {
      problems.push(...validate(config).problems);
      logProblems(problems, consoleLogger);
    },
    (error: unknown) =>
      consoleLogger.error(`the config has problems, and consent-check.js, which names them, failed to load (${String(error)}); what is invalid stays blocked`),
  );
}

/** The placeholder filler from consent-embed.js, loaded when the first blocked iframe needs it. */
function lazyPlaceholders(win: Window, base: URL, nonce: string | undefined) {
  let embed: Promise<FillPlaceholder> | null = null;
  return () => {
    embed ??= loadChunk<FillPlaceholder>(win, base, 'embed', nonce);
    embed.catch(() => (embed = null)); // the next blocked iframe tries again
    return embed;
  };
}

try {
  boot(window);
} catch (error) {
  // Last line of defence: the widget must never break the page it runs on.
  consoleLogger.error(`failed to start: ${String(error)}; everything optional stays blocked`);
}
