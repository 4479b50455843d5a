// The small "Cookie-Einstellungen" button shown after a decision. Plain DOM in the core, so a
// returning learner gets it without loading the UI chunk (preact, i18next). The cookie icon is
// CSS (a masked circle), not SVG: the first SVG element of a page costs Chromium ~10 ms.

import type { Language } from '../core/config';
import { addStyles } from './host';

export const REOPEN_LABEL: Record<Language, string> = { de: 'Cookie-Einstellungen', en: 'Cookie settings' };

const CSS = `.anx-reopen{position:fixed;bottom:1rem;left:1rem;z-index:2147483000;display:grid;place-items:center;width:2.75rem;height:2.75rem;padding:0;border:1px solid var(--anx-border,#8a94a6);border-radius:50%;background:var(--anx-surface,#fff);color:var(--anx-primary,#1f5fbf);box-shadow:0 2px 8px #0003;cursor:pointer}
.anx-reopen::before{content:"";width:1.5rem;height:1.5rem;border-radius:50%;background:currentColor;mask:radial-gradient(circle at 88% 12%,#0000 .4rem,#000 .43rem),radial-gradient(circle at 35% 42%,#0000 .12rem,#000 .15rem),radial-gradient(circle at 42% 72%,#0000 .12rem,#000 .15rem),radial-gradient(circle at 70% 62%,#0000 .1rem,#000 .13rem);mask-composite:intersect}
.anx-reopen:hover{background:var(--anx-surface-hover,#eef3fb)}
.anx-reopen:focus-visible{outline:3px solid var(--anx-focus,#1f5fbf);outline-offset:3px}
@media (prefers-color-scheme:dark){:host([data-theme=auto]) .anx-reopen{--anx-surface:#1b2230;--anx-primary:#8ab8ff;--anx-border:#5b6678;--anx-surface-hover:#253046}}
:host([data-theme=dark]) .anx-reopen{--anx-surface:#1b2230;--anx-primary:#8ab8ff;--anx-border:#5b6678;--anx-surface-hover:#253046}
@media (forced-colors:active){.anx-reopen{border-color:ButtonText;color:ButtonText;background:ButtonFace}.anx-reopen::before{forced-color-adjust:none;background:ButtonText}}
.anx-reopen.anx-labelled{width:auto;grid-auto-flow:column;gap:.5rem;padding:0 1rem 0 .6rem;border-radius:1.4rem;font:inherit;font-weight:600}
@media print{.anx-reopen{display:none}}`;

/** `withLabel`: the button shows its text next to the icon (config `floatingButton: 'label'`). */
export function showReopenButton(root: ShadowRoot, label: string, nonce: string | undefined, onClick: (button: HTMLElement) => void, withLabel = false): HTMLButtonElement {
  let button = root.querySelector<HTMLButtonElement>('.anx-reopen');
  if (!button) {
    addStyles(root, CSS, nonce);
    button = root.ownerDocument.createElement('button');
    button.type = 'button';
    button.className = 'anx-reopen';
    button.addEventListener('click', () => onClick(button!));
    root.append(button);
  }
  button.classList.toggle('anx-labelled', withLabel);
  button.textContent = withLabel ? label : '';
  button.setAttribute('aria-label', label);
  button.title = withLabel ? '' : label;
  button.hidden = false;
  return button;
}

export function hideReopenButton(root: ShadowRoot | null | undefined): void {
  const button = root?.querySelector<HTMLButtonElement>('.anx-reopen');
  if (button) button.hidden = true;
}
