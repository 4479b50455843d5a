// The script-tag entry (dist/consent.js): find the config, start the controller once,
// publish the page API. Works as a plain, defer or async script, and late on the page.

import { consoleLogger, logProblems, speaker, startConsent } from './consent';
import { installInertApi, installPageApi } from './browser/page-api';
import { createUiLoader } from './browser/ui-loader';
import { loadChunk } from './browser/chunks';
import type { FillPlaceholder } from './browser/embed-placeholder';
import { createCookieStore } from './browser/cookie-store';
import { ownScript } from './browser/own-script';
import { fetchConfig } from './browser/config-source';
import type { Problem } from './core/config';
import { bareMessage, type Describe, type MessageCode } from './core/messages';
import { normalizeConfig } from './core/normalize';
import type { Diagnostics } from './check';

const BOOTED = Symbol.for('asmeronexa-consent');

function boot(win: Window) {
  const script = ownScript(win);
  // Files the widget needs later (chunks, locales) come from its own folder, not the page's.
  // Worked out when first needed (even reading script.src resolves a URL, which costs a slow
  // device several ms): a returning visit usually loads nothing more.
  let folder: URL | undefined;
  const base = () => (folder ??= new URL('.', script?.src || win.location.href));
  // Read now: document.currentScript is null once this task ends. The config's nonce wins later.
  let nonce = script?.nonce || undefined;

  // The validator and the console texts come in one chunk, loaded when there is something to say.
  let diagnostics: Promise<Diagnostics> | null = null;
  const diagnose = () => (diagnostics ??= loadChunk<Diagnostics>(win, base(), 'check', nonce));
  const explain: Describe = (code, details) =>
    diagnose().then((chunk) => chunk.describe(code, details), () => bareMessage(code, details));
  const say = speaker(consoleLogger, explain);

  const flags = win as unknown as Record<symbol, boolean>;
  if (flags[BOOTED]) return say('warn', 'twice');
  flags[BOOTED] = true;

  const start = (config: unknown) => {
    // The lean normalizer decides; the validator with its messages is loaded only to explain.
    const { config: normalized, clean } = normalizeConfig(config);
    nonce = normalized.nonce ?? nonce;
    const ui = createUiLoader({ win, base, nonce, say });
    // No consent cookie at all: the banner will almost surely be needed, so its chunk downloads
    // while the core starts instead of after. A returning learner has the cookie and skips this.
    const store = createCookieStore(normalized.cookie, win.location, say);
    if (store.read() === undefined) ui.preload();
    const problems: Problem[] = [];
    if (!clean) {
      diagnose().then(
        (chunk) => {
          problems.push(...chunk.validateConfig(config).problems);
          logProblems(problems, consoleLogger);
        },
        (error: unknown) =>
          consoleLogger.error(`the config has problems, and consent-check.js, which names them, failed to load (${String(error)}); what is invalid stays blocked`),
      );
    }
    const placeholders = lazyPlaceholders(win, base, nonce);
    const api = startConsent(normalized, problems, { window: win, store, showUi: ui.showUi, placeholders, describe: explain });
    ui.attach(api);
    installPageApi(win, api);
  };
  const configUrl = script?.getAttribute('data-config');
  if (!configUrl) return start(win.asmeronexaConsentConfig);

  if (win.asmeronexaConsentConfig !== undefined) say('warn', 'both-configs');
  const fail = (code: MessageCode, ...details: string[]) => {
    const complain = () => say('error', code, ...details);
    complain();
    installInertApi(win, complain);
  };
  let url: URL;
  try {
    url = new URL(configUrl, win.document.baseURI);
  } catch {
    return fail('config-url', configUrl);
  }
  if (url.origin !== win.location.origin) return fail('config-origin', url.origin);
  fetchConfig(win, url).then(
    (config: unknown) => {
      const withNonce = nonce && config && typeof config === 'object' && !('nonce' in config) ? { ...config, nonce } : config;
      start(withNonce);
    },
    (error: unknown) => fail('config-fetch', url.href, String(error)),
  );
}

/** The placeholder filler from consent-embed.js, loaded when the first blocked iframe needs it. */
function lazyPlaceholders(win: Window, base: () => URL, nonce: string | undefined) {
  let embed: Promise<FillPlaceholder> | null = null;
  return () => {
    embed ??= loadChunk<FillPlaceholder>(win, base(), 'embed', nonce);
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
