// Loads the UI chunk (dist/consent-ui.js: preact, i18next, components, styles) only when
// something must be shown, from the folder consent.js itself came from, with the page's nonce.
// Only the active language's texts are fetched (German is built into the chunk as the fallback).
// Meanwhile it keeps the small reopen button in line with the decision.

import type { Say } from '../core/messages';
import type { Language } from '../core/config';
import type { ConsentApi, MountUi, UiController, View } from '../contracts';
import { chunkUrl, loadChunk } from './chunks';
import { getShadowRoot, ownHost, whenBody } from './host';
import type { PageContext } from './page-context';
import { hideReopenButton, REOPEN_LABEL, showReopenButton } from './reopen-button';

export interface UiLoaderOptions {
  win: Window;
  /** Nonce, language and the widget's folder, as boot worked them out. */
  context: PageContext;
  say: Say;
}

export function createUiLoader({ win, context, say }: UiLoaderOptions) {
  const { nonce, lang, base } = context;
  const doc = win.document;
  let controller: Promise<UiController> | null = null;
  let uiOpen = false;
  let api: ConsentApi;
  const use = (consentApi: ConsentApi) => (api = consentApi);

  const root = () => getShadowRoot(doc, api.config.theme, lang);

  function syncReopenButton() {
    const wanted = api.config.floatingButton && !uiOpen && api.getConsent() !== null;
    if (wanted) {
      whenBody(doc, () => {
        const shadow = root();
        // Only the reopen button is shown: it comes after the page's own content in the Tab
        // order (the page's skip link stays first). The banner moves the host back to the top.
        placeHost(shadow.host, 'end');
        showReopenButton(shadow, textOf(api, lang), nonce, (button) => show('preferences', button), api.config.floatingButton === 'label');
      });
    }
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
    // The banner is a non-modal region: first in the Tab order.
    if (view === 'banner') whenBody(doc, () => placeHost(root().host, 'start'));
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

/** Moves the widget's host to the start or the end of <body>, unless it is there already. */
function placeHost(host: Element, where: 'start' | 'end') {
  const body = host.ownerDocument.body;
  if (where === 'end' ? body.lastElementChild !== host : body.firstElementChild !== host) {
    if (where === 'end') body.append(host);
    else body.prepend(host);
  }
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
