// Loads the UI chunk (dist/consent-ui.js: preact, i18next, components, styles) only when
// something must be shown, from the folder consent.js itself came from, with the page's nonce.
// Only the active language's texts are fetched (German is built into the chunk as the fallback).
// Meanwhile it keeps the small reopen button in line with the decision.

import type { ConsentApi } from '../consent';
import type { Say } from '../core/messages';
import type { Language } from '../core/config';
import { chunkUrl, loadChunk } from './chunks';
import { getShadowRoot, ownHost, whenBody } from './host';
import { resolveLanguage } from './language';
import { hideReopenButton, REOPEN_LABEL, showReopenButton } from './reopen-button';

export type View = 'banner' | 'preferences' | 'hide';

/** What the UI chunk hands back when mounted. */
export interface UiController {
  show(view: View, opener: Element | null): void;
}

export interface MountOptions {
  root: ShadowRoot;
  lang: Language;
  /** The active language's texts from locales/<lang>.json; null for German (built in) or when they failed to load. */
  messages: Record<string, unknown> | null;
  nonce: string | undefined;
  /** The UI reports whether banner or settings are open, so the reopen button can step aside. */
  onOpenChange(open: boolean): void;
}

export type MountUi = (api: ConsentApi, options: MountOptions) => UiController;


export interface UiLoaderOptions {
  win: Window;
  /** The folder consent.js was loaded from (worked out on first use). */
  base: () => URL;
  nonce: string | undefined;
  say: Say;
}

export function createUiLoader({ win, base, nonce: scriptNonce, say }: UiLoaderOptions) {
  let nonce = scriptNonce;
  const doc = win.document;
  let controller: Promise<UiController> | null = null;
  let uiOpen = false;
  let api: ConsentApi;
  let lang: Language = 'de';
  const use = (consentApi: ConsentApi) => {
    api = consentApi;
    lang = resolveLanguage(api.config.language, doc, win.navigator);
    // The config's nonce wins over the one on the widget's own <script>, as for activated scripts.
    nonce = api.config.nonce ?? nonce;
  };

  const root = () => getShadowRoot(doc, api.config.theme, lang);

  function syncReopenButton() {
    const wanted = api.config.floatingButton && !uiOpen && api.getConsent() !== null;
    if (wanted) whenBody(doc, () => showReopenButton(root(), textOf(api, lang), nonce, (button) => show('preferences', button)));
    else hideReopenButton(ownHost(doc)?.shadowRoot);
  }

  function load(): Promise<UiController> {
    if (controller) return controller;
    // The locale downloads alongside the chunk, not after it.
    const texts = lang === 'de' ? null : fetchMessages(new URL(`locales/${lang}.json`, base()), say);
    controller = Promise.all([loadChunk<MountUi>(win, base(), 'ui', nonce), texts])
      .then(([mount, messages]) =>
        new Promise<UiController>((resolve, reject) =>
          whenBody(doc, () => {
            try {
              resolve(mount(api, { root: root(), lang, messages, nonce, onOpenChange }));
            } catch (error) {
              reject(error);
            }
          }),
        ),
      )
      .catch((error: unknown) => {
        controller = null; // a later show() may try again
        say('error', 'ui-failed', String(error));
        throw error;
      });
    return controller;
  }

  let preloaded = false;
  /** Starts downloading the chunk without running it; load() then takes it from the preload. */
  function preload() {
    if (preloaded || controller) return;
    preloaded = true;
    const link = doc.createElement('link');
    link.rel = 'preload';
    link.as = 'script';
    link.href = chunkUrl(base(), 'ui');
    if (nonce) link.nonce = nonce;
    doc.head.append(link);
  }

  function onOpenChange(open: boolean) {
    uiOpen = open;
    syncReopenButton();
  }

  function show(view: View, opener: Element | null = focusedElement(doc)) {
    if (view === 'hide' && !controller) return;
    load().then((ui) => ui.show(view, opener), () => {});
  }

  return {
    preload,
    /** Pass as `showUi` to createConsent. */
    showUi(view: View, consentApi: ConsentApi) {
      use(consentApi);
      show(view);
    },
    /** Starts following the decision (reopen button). Call once the API exists. */
    attach(consentApi: ConsentApi) {
      use(consentApi);
      consentApi.on('change', syncReopenButton);
      syncReopenButton();
    },
  };
}

function textOf(api: ConsentApi, lang: Language): string {
  const override = (api.config.texts[lang] as { reopen?: unknown } | undefined)?.reopen;
  return typeof override === 'string' ? override : REOPEN_LABEL[lang];
}

/** The element that has focus, looking into the widget's own shadow root. */
function focusedElement(doc: Document): Element | null {
  const active = doc.activeElement;
  return active?.shadowRoot?.activeElement ?? active;
}

async function fetchMessages(url: URL, say: Say): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch(url.href, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  } catch (error) {
    say('error', 'locale-failed', url.href, String(error));
    return null;
  }
}
