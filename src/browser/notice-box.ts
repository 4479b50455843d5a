// The notice box (dist/consent-notice.js, loaded when there is something to say): a polite live
// region in the widget's shadow root, plain DOM with the page's nonce, and its texts from
// locales/*.json. What it says and when is browser/notice.ts.

import type { Language } from '../core/config';
import { notice as de } from '../../locales/de.json';
import { notice as en } from '../../locales/en.json';
import { addStyles } from './host';

export type NoticeTexts = typeof de;
export const NOTICE_TEXTS: Record<Language, NoticeTexts> = { de, en };

const CSS = `.anx-notice{position:fixed;inset:auto 1rem 1rem auto;z-index:2147483001;box-sizing:border-box;max-width:min(26rem,calc(100vw - 2rem));display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .75rem;padding:.75rem 1rem;border:1px solid var(--anx-border,#8a94a6);border-radius:.75rem;background:var(--anx-surface,#fff);color:var(--anx-text,#1d2433);font:inherit;font-size:1rem;line-height:1.45;box-shadow:0 4px 16px rgb(0 0 0/.2)}
.anx-notice[hidden]{display:none}
.anx-notice p{margin:0;flex:1 1 14rem}
.anx-notice button{font:inherit;font-weight:600;min-height:2.75rem;padding:.4rem .9rem;border:2px solid var(--anx-primary,#1f5fbf);border-radius:.5rem;background:var(--anx-primary,#1f5fbf);color:#fff;cursor:pointer}
.anx-notice button.anx-quiet{background:transparent;color:var(--anx-primary,#1f5fbf)}
.anx-notice button:focus-visible{outline:3px solid var(--anx-primary,#1f5fbf);outline-offset:3px}
@media (prefers-color-scheme:dark){:host([data-theme=auto]) .anx-notice{--anx-surface:#1b2230;--anx-text:#e6edf3;--anx-primary:#8ab8ff;--anx-border:#5b6678}:host([data-theme=auto]) .anx-notice button{color:#0b1220}:host([data-theme=auto]) .anx-notice button.anx-quiet{color:#8ab8ff}}
:host([data-theme=dark]) .anx-notice{--anx-surface:#1b2230;--anx-text:#e6edf3;--anx-primary:#8ab8ff;--anx-border:#5b6678}
:host([data-theme=dark]) .anx-notice button{color:#0b1220}:host([data-theme=dark]) .anx-notice button.anx-quiet{color:#8ab8ff}
@media (forced-colors:active){.anx-notice{border-color:CanvasText}.anx-notice button{border-color:ButtonText;background:ButtonFace;color:ButtonText}}
@media print{.anx-notice{display:none}}`;

export interface NoticeAction {
  label: string;
  onClick(): void;
}

/**
 * Shows `text` in the widget's status region (created once, so that screen readers hear each
 * new text), with an optional action and a close button; a notice without an action hides
 * itself after a while.
 */
export function showNotice(root: ShadowRoot, texts: NoticeTexts, text: string, nonce: string | undefined, action?: NoticeAction): void {
  const doc = root.ownerDocument;
  let region = root.querySelector<HTMLElement>('.anx-notice');
  if (!region) {
    addStyles(root, CSS, nonce);
    region = doc.createElement('div');
    region.className = 'anx-notice';
    region.setAttribute('role', 'status');
    region.hidden = true;
    root.append(region);
  }
  const box = region;
  box.hidden = false;
  const message = doc.createElement('p');
  message.textContent = text;
  const close = button(doc, texts.dismiss, () => (box.hidden = true), 'anx-quiet');
  // Filled in the next frame: a live region announces changes, not what it was created with.
  requestAnimationFrame(() => box.replaceChildren(message, ...(action ? [button(doc, action.label, action.onClick)] : []), close));
  clearTimeout(Number(box.dataset.timer));
  if (!action) box.dataset.timer = String(setTimeout(() => (box.hidden = true), 8000));
}

function button(doc: Document, label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.className = className;
  element.addEventListener('click', onClick);
  return element;
}

export const noticeBox = { show: showNotice, texts: NOTICE_TEXTS };
export type NoticeBox = typeof noticeBox;
