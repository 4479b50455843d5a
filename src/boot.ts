// The script-tag entry (dist/consent.js): find the config, start the controller once,
// publish the page API. Works as a plain, defer or async script, and late on the page.

import { consoleLogger, logProblems, speaker } from './controller/logging';
import { startConsent } from './controller/start';
import { installInertApi, installPageApi } from './browser/page-api';
import { createUiLoader } from './browser/ui-loader';
import { loadChunk } from './browser/chunks';
import { createCookieStore } from './browser/cookie-store';
import { fetchConfig } from './browser/config-source';
import { ownScript } from './browser/own-script';
import { createPageContext, type PageContext } from './browser/page-context';
import type { Problem } from './core/config';
import { normalizeConfig } from './core/config-rules';
import { bareMessage, type Describe, type MessageCode } from './core/messages';
import { PRESETS } from './vendors/registry';
import type { NoticeBox } from './browser/notice-box';
import type { Diagnostics, FillPlaceholder } from './contracts';
import type { ReceiptChunk } from './controller/receipts';

const BOOTED = Symbol.for('asmeronexa-consent');

function boot(win: Window) {
  // Read now: document.currentScript is null once this task ends. Through the prototype's getter
  // (markup can clobber document.currentScript), and no guessing by src: an injected tag could
  // steer where the chunks come from.
  const script = ownScript(win);
  // Until the config is read, what the widget's own tag says (for the diagnostics chunk).
  let context: PageContext = createPageContext(win, { language: 'auto' }, script);

  // The texts of findings and console messages come in one chunk, loaded when there is something to say.
  let diagnostics: Promise<Diagnostics> | null = null;
  const diagnose = () => (diagnostics ??= loadChunk<Diagnostics>(win, context.base(), 'check', context.nonce));
  const explain: Describe = (code, details) => diagnose().then((chunk) => chunk.describe(code, details), () => bareMessage(code, details));
  const say = speaker(consoleLogger, explain);

  const flags = win as unknown as Record<symbol, boolean>;
  if (flags[BOOTED]) return say('warn', 'twice');
  flags[BOOTED] = true;

  const start = (raw: unknown) => {
    const { config, findings } = normalizeConfig(raw, PRESETS);
    context = createPageContext(win, config, script);
    const ui = createUiLoader({ win, context, say });
    // No consent cookie at all: the banner will almost surely be needed, so its chunk downloads
    // while the core starts instead of after. A returning learner has the cookie and skips this.
    const store = createCookieStore(config.cookie, win.document, say);
    if (store.read() === undefined) ui.preload(config);
    const problems: Problem[] = [];
    if (findings.length) {
      diagnose().then(
        (chunk) => {
          problems.push(...chunk.explainFindings(findings));
          logProblems(problems, consoleLogger);
        },
        (error: unknown) =>
          consoleLogger.error(`the config has problems; consent-check.js failed to load (${String(error)}); what is invalid stays blocked`),
      );
    }
    const api = startConsent(config, problems, { window: win, store, context, showUi: ui.showUi, placeholders: lazyChunk<FillPlaceholder>(win, context, 'embed'), noticeBox: lazyChunk<NoticeBox>(win, context, 'notice'), receipts: lazyChunk<ReceiptChunk>(win, context, 'receipts'), describe: explain });
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
  // Same-origin also after redirects (an open redirect must not lead elsewhere).
  fetchConfig(win, url).then(start, (error: unknown) => fail('config-fetch', url.href, String(error)));
}

/** A chunk (consent-embed.js, consent-notice.js, consent-receipts.js) loaded on first use; after a failure the next use tries again. */
function lazyChunk<T>(win: Window, context: PageContext, name: string) {
  let chunk: Promise<T> | null = null;
  return () => {
    chunk ??= loadChunk<T>(win, context.base(), name, context.nonce);
    chunk.catch(() => (chunk = null));
    return chunk;
  };
}

try {
  boot(window);
} catch (error) {
  // Last line of defence: the widget must never break the page it runs on.
  consoleLogger.error(`failed to start: ${String(error)}; everything optional stays blocked`);
}
