// What the widget needs to know of the page it runs on, worked out once: the CSP nonce, the
// language, and the folder its own files come from.

import type { Language } from '../core/config';
import { resolveLanguage } from './language';

export interface PageContext {
  /** The config's nonce, else the one on the widget's own <script nonce>. */
  nonce: string | undefined;
  lang: Language;
  /** The folder consent.js came from: chunks and locales are loaded from there, never from the page's. */
  base(): URL;
}

export function createPageContext(
  win: Window,
  config: { nonce?: string; language: Language | 'auto' },
  /** The widget's own <script> (browser/own-script.ts): read while it runs, null afterwards. */
  script: HTMLScriptElement | null,
): PageContext {
  let folder: URL | undefined;
  return {
    nonce: config.nonce ?? (script?.nonce || script?.getAttribute('nonce') || undefined),
    lang: resolveLanguage(config.language, win.document, win.navigator),
    // Worked out when first needed (even reading script.src resolves a URL, which costs a slow
    // device several ms): a returning visit usually loads nothing more.
    base: () => (folder ??= new URL('.', script?.src || win.location.href)),
  };
}
