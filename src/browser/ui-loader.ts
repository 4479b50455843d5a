// Loads the UI only when something must be shown, from the folder consent.js itself came from,
// with the page's nonce: for the banner the first layer (consent-banner.<lang>.js: preact, the
// banner, its texts resolved at build time); for the settings the full UI (consent-ui.js: i18next
// and the dialog; the active language's locale file is fetched alongside), which then takes over
// the banner too. Meanwhile it keeps the small reopen button in line with the decision.

import type { Say } from '../core/messages';
import type { ConsentConfig, Language } from '../core/config';
import type { ConsentApi, MountOptions, MountUi, UiController, View } from '../contracts';
import { FIRST_LAYER_SECTIONS } from '../core/first-layer';
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

  // The UIs by chunk: the first layer (`banner.<lang>`: the banner alone, its texts resolved by
  // i18next at build time) and the full UI (`ui`: the settings dialog, i18next at run time).
  const loaded: Record<string, Promise<UiController> | null> = {};
  const FULL = 'ui';
  const FIRST = `banner.${lang}`;
  let firstLayerOpen = false;
  function load(name: string): Promise<UiController> {
    // The full UI's locale downloads alongside the chunk, not after it.
    const texts = name === FULL && lang !== 'de' ? fetchMessages(new URL(`locales/${lang}.json`, base()), say) : null;
    preloaded.add(name);
    const options: Omit<MountOptions, 'root' | 'messages'> = { lang, nonce, onOpenChange };
    if (name === FIRST)
      Object.assign(options, {
        onOpenChange: (open: boolean) => onOpenChange((firstLayerOpen = open)),
        openSettings: (opener: Element | null) => show('preferences', opener),
        prepareSettings: () => preloadChunk(FULL),
      });
    return (loaded[name] ??= Promise.all([loadChunk<MountUi>(win, base(), name, nonce), texts])
      .then(
        ([mountUi, messages]) =>
          new Promise<UiController>((resolve, reject) =>
            whenBody(doc, () => {
              try {
                resolve(mountUi(api, { ...options, root: root(), messages }));
              } catch (error) {
                reject(error);
              }
            }),
          ),
      )
      .catch((error: unknown) => {
        loaded[name] = null; // a later show() may try again
        say('error', 'ui-failed', String(error));
        throw error;
      }));
  }
  // Overridden texts go through i18next at run time: the full UI shows the banner then.
  const firstLayerFits = (config: ConsentConfig) =>
    !Object.values(config.texts).some((tree) => tree && FIRST_LAYER_SECTIONS.some((section) => section in tree));

  /** The full UI, taking over from the first layer (its banner included) if that was shown. */
  function takeOver(): Promise<UiController> {
    const replaced = loaded[FIRST];
    loaded[FIRST] = null;
    return load(FULL).then(async (ui) => {
      const layer = await replaced?.catch(() => null);
      if (layer) {
        if (firstLayerOpen) ui.show('banner', null);
        // After the full UI's render (a microtask away): the banner is replaced in one frame.
        queueMicrotask(() => queueMicrotask(() => layer.destroy()));
      }
      return ui;
    });
  }

  const preloaded = new Set<string>();
  /** Starts downloading a chunk without running it; loading it later takes it from the preload. */
  function preloadChunk(name: string) {
    if (preloaded.has(name)) return;
    preloaded.add(name);
    const link = doc.createElement('link');
    link.rel = 'preload';
    link.as = 'script';
    link.href = chunkUrl(base(), name);
    if (nonce) link.nonce = nonce;
    doc.head.append(link);
  }

  /** The chunk the banner will need. */
  const preload = (config: ConsentConfig) => preloadChunk(firstLayerFits(config) ? FIRST : FULL);

  function onOpenChange(open: boolean) {
    uiOpen = open;
    syncReopenButton();
  }

  function show(view: View, opener: Element | null = focusedElement(doc)) {
    if (view === 'hide') {
      for (const ui of Object.values(loaded)) ui?.then((u) => u.show('hide', opener), () => {});
      return;
    }
    // The banner is a non-modal region: first in the Tab order.
    if (view === 'banner') whenBody(doc, () => placeHost(root().host, 'start'));
    const ui = view === 'banner' && !loaded[FULL] && firstLayerFits(api.config) ? load(FIRST).catch(() => load(FULL)) : takeOver();
    ui.then((u) => u.show(view, opener), () => {});
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
