// The small "Cookie-Einstellungen" button shown after a decision. Plain DOM in the core, so a
// returning learner gets it without loading the UI chunk (preact, i18next).

import type { Language } from '../core/config';
import { addStyles } from './host';

export const REOPEN_LABEL: Record<Language, string> = { de: 'Cookie-Einstellungen', en: 'Cookie settings' };

// A cookie-shaped icon; the label is the accessible name (and a tooltip).
const ICON_PATH =
  'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5Zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm1 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm6-1a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z';

// Built with DOM calls, not innerHTML: pages with a Trusted Types CSP refuse innerHTML.
function icon(doc: Document): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  for (const [name, value] of [['viewBox', '0 0 24 24'], ['width', '24'], ['height', '24'], ['aria-hidden', 'true'], ['focusable', 'false']]) {
    svg.setAttribute(name, value);
  }
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', ICON_PATH);
  svg.append(path);
  return svg;
}

const CSS = `.anx-reopen{position:fixed;inset:auto auto 1rem 1rem;z-index:2147483000;display:grid;place-items:center;width:2.75rem;height:2.75rem;padding:0;border:1px solid var(--anx-border,#8a94a6);border-radius:50%;background:var(--anx-surface,#fff);color:var(--anx-primary,#1f5fbf);box-shadow:0 2px 8px rgb(0 0 0/.18);cursor:pointer}
.anx-reopen:hover{background:var(--anx-surface-hover,#eef3fb)}
.anx-reopen:focus-visible{outline:3px solid var(--anx-focus,#1f5fbf);outline-offset:3px}
@media (prefers-color-scheme:dark){:host([data-theme=auto]) .anx-reopen{--anx-surface:#1b2230;--anx-primary:#8ab8ff;--anx-border:#5b6678;--anx-surface-hover:#253046}}
:host([data-theme=dark]) .anx-reopen{--anx-surface:#1b2230;--anx-primary:#8ab8ff;--anx-border:#5b6678;--anx-surface-hover:#253046}
@media (forced-colors:active){.anx-reopen{border-color:ButtonText;color:ButtonText;background:ButtonFace}}
@media print{.anx-reopen{display:none}}`;

export function showReopenButton(root: ShadowRoot, label: string, nonce: string | undefined, onClick: (button: HTMLElement) => void): HTMLButtonElement {
  let button = root.querySelector<HTMLButtonElement>('.anx-reopen');
  if (!button) {
    addStyles(root, CSS, nonce);
    button = root.ownerDocument.createElement('button');
    button.type = 'button';
    button.className = 'anx-reopen';
    button.append(icon(root.ownerDocument));
    button.addEventListener('click', () => onClick(button!));
    root.append(button);
  }
  button.setAttribute('aria-label', label);
  button.title = label;
  button.hidden = false;
  return button;
}

export function hideReopenButton(root: ShadowRoot | null | undefined): void {
  const button = root?.querySelector<HTMLButtonElement>('.anx-reopen');
  if (button) button.hidden = true;
}
