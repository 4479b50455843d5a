// The one element the widget adds to a page: <div id="asmeronexa-consent"> as the first child of
// <body> (so the banner comes first in the tab order), with an open shadow root that keeps page
// CSS out and the widget's CSS in. Kept by reference: a page's element with that id is never used.

export const HOST_ID = 'asmeronexa-consent';

const hosts = new WeakMap<Document, HTMLElement>();

export const ownHost = (doc: Document): HTMLElement | undefined => {
  const host = hosts.get(doc);
  return host?.isConnected ? host : undefined;
};

export function getShadowRoot(doc: Document, theme: string, lang: string): ShadowRoot {
  let host = ownHost(doc);
  if (!host) {
    host = doc.createElement('div');
    host.id = HOST_ID;
    host.attachShadow({ mode: 'open' });
    hosts.set(doc, host);
    doc.body.prepend(host);
  }
  host.setAttribute('data-theme', theme);
  host.lang = lang;
  return host.shadowRoot!;
}

/**
 * Styles without `style-src 'unsafe-inline'`: a constructable stylesheet where supported,
 * else a <style> carrying the page's nonce.
 */
export function addStyles(root: ShadowRoot, css: string, nonce: string | undefined): void {
  const win = root.ownerDocument.defaultView;
  if (win && 'adoptedStyleSheets' in root && 'replaceSync' in win.CSSStyleSheet.prototype) {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = root.ownerDocument.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.append(style);
}

/** Runs `fn` once <body> exists (the widget may start from <head>). */
export function whenBody(doc: Document, fn: () => void): void {
  if (doc.body) fn();
  else doc.addEventListener('DOMContentLoaded', fn, { once: true });
}
