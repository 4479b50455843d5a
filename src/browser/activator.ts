// Turns blocked markup into live markup once it is allowed:
//   <script type="text/plain" data-category="analytics" [data-service] [data-src]>  → a real script
//   <iframe data-category="functional" [data-service] data-src="…">                 → src set
// Scripts run in document order; an external script finishes loading before the next blocked
// script runs (unless it carries `async`, which says order does not matter). Each element is
// activated once. Markup added later (AJAX, single-page navigation) is picked up by a
// MutationObserver. Permission is checked right before each activation, so a withdrawal
// while a script is loading stops everything after it.
// Where the page uses a nonce, only markup carrying it runs: the nonce is never copied onto
// markup, only onto the widget's own service scripts (known by reference). SECURITY.md.

import { isSafeUrl } from '../core/url';
import type { MessageCode } from '../core/messages';

export const BLOCKED_SELECTOR = 'script[type="text/plain"][data-category], iframe[data-category][data-src]';

/** How long an ordered external script may hold up the next ones. */
export const SCRIPT_TIMEOUT_MS = 10_000;

/** `module` or a JavaScript MIME type. */
const SCRIPT_TYPE = /^(module|(text|application)\/(x-)?(java|ecma)script|text\/(javascript1\.[0-5]|jscript|livescript))$/i;

const own = new WeakSet<Element>();

/** A blocked script for a service's `src`: the widget's own, so it gets the page's nonce. */
export function serviceScript(doc: Document, category: string, service: string, src: string): HTMLScriptElement {
  const script = doc.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('data-category', category);
  script.setAttribute('data-service', service);
  script.setAttribute('data-src', src);
  own.add(script);
  return script;
}

export interface ActivatorOptions {
  /** Whether markup with these attributes may run now. */
  isAllowed(category: string, service: string | undefined): boolean;
  /** The page's CSP nonce: where set, only blocked scripts carrying it (or the widget's own) run. */
  nonce?: string;
  /** How long an ordered external script may hold up the queue (tests shorten it). */
  timeout?: number;
  /** Called for every element that was activated (to know what already ran). */
  onActivated(category: string, service: string | undefined): void;
  /** A click-to-load placeholder for a blocked iframe; `loadOnce` loads that one embed now. */
  placeholder?(frame: HTMLIFrameElement, loadOnce: () => void): HTMLElement | undefined;
  /** Reports a problem with the markup (a console message by code). */
  report(code: MessageCode, ...details: string[]): void;
}

export interface Activator {
  /** Activates what is allowed now, and puts back embeds that no longer are. */
  refresh(): void;
  disconnect(): void;
}

export function createActivator(doc: Document, options: ActivatorOptions): Activator {
  const handled = new WeakSet<Element>();
  const placeholders = new WeakMap<Element, HTMLElement>();
  /** Embeds the learner loaded once ("Einmal laden"): for this page view only. */
  const once = new WeakSet<Element>();
  /** What the observer need not look at again: markup refresh dealt with, other scripts and iframes. */
  const seen = new WeakSet<Element>();
  let waitingFor: HTMLScriptElement | null = null;

  const allowed = (el: Element) =>
    options.isAllowed(el.getAttribute('data-category') ?? '', el.getAttribute('data-service') ?? undefined);

  function refresh() {
    // While an external script loads, the rest waits; its load event calls refresh again.
    if (waitingFor) return;
    for (const el of Array.from(doc.querySelectorAll(BLOCKED_SELECTOR))) {
      if (el.tagName === 'IFRAME') updateIframe(el as HTMLIFrameElement);
      else if (!handled.has(el) && allowed(el)) {
        // The parser inserts a script before its text has arrived: wait until it has moved past it.
        if (doc.readyState === 'loading' && !parsedPast(el)) return;
        handled.add(el);
        activateScript(el as HTMLScriptElement);
      }
      seen.add(el);
      if (waitingFor) return;
    }
  }

  // An embed is loaded by putting a new iframe, src already set, in place of the blocked one.
  // Setting src on the parsed element is not enough: on a reload Chromium restores the frame
  // from session history (about:blank) and ignores the new src.
  function updateIframe(frame: HTMLIFrameElement) {
    const on = once.has(frame) || allowed(frame);
    if (on && !handled.has(frame)) {
      const src = frame.getAttribute('data-src') ?? '';
      if (!isSafeUrl(src)) return reportOnce(frame, 'unsafe-url', 'iframe', src);
      placeholders.get(frame)?.remove();
      swapFrame(frame, src);
      options.onActivated(frame.getAttribute('data-category') ?? '', frame.getAttribute('data-service') ?? undefined);
    } else if (!on && handled.has(frame)) {
      // An embed can be unloaded, unlike a script: withdrawing consent takes it off the page.
      showPlaceholder(swapFrame(frame, null));
    } else if (!on && !placeholders.has(frame)) {
      showPlaceholder(frame);
    }
  }

  function swapFrame(frame: HTMLIFrameElement, src: string | null): HTMLIFrameElement {
    const next = frame.cloneNode(false) as HTMLIFrameElement;
    // The new element is the same embed: a "load once" carries over (else the observer would
    // see an unmarked, unconsented iframe and put the placeholder straight back).
    if (once.has(frame)) once.add(next);
    if (src === null) next.removeAttribute('src');
    else {
      next.setAttribute('src', src);
      next.hidden = false;
      handled.add(next);
    }
    frame.replaceWith(next);
    return next;
  }

  function showPlaceholder(frame: HTMLIFrameElement) {
    const placeholder = options.placeholder?.(frame, () => {
      once.add(frame);
      refresh();
    });
    if (!placeholder) return;
    placeholders.set(frame, placeholder);
    frame.before(placeholder);
    frame.hidden = true;
  }

  /** Replaces a blocked script by a live one; an ordered external one becomes `waitingFor`. */
  function activateScript(blocked: HTMLScriptElement): void {
    const script = doc.createElement('script');
    for (const { name, value } of Array.from(blocked.attributes)) {
      if (name !== 'type' && name !== 'data-src' && name !== 'data-type' && name !== 'nonce') script.setAttribute(name, value);
    }
    const type = blocked.getAttribute('data-type')?.trim();
    if (type) {
      if (!SCRIPT_TYPE.test(type)) return reportOnce(blocked, 'markup-type', type);
      script.setAttribute('type', type);
    }
    // Browsers hide a nonce attribute's value from getAttribute once parsed; the property keeps it.
    const nonce = options.nonce;
    if (nonce) {
      if (!own.has(blocked) && (blocked.nonce || blocked.getAttribute('nonce')) !== nonce) return reportOnce(blocked, 'markup-nonce', blocked.getAttribute('data-src') ?? 'inline');
      script.nonce = nonce;
    }
    const src = blocked.getAttribute('data-src') ?? blocked.getAttribute('src');
    if (src !== null && !isSafeUrl(src)) {
      return reportOnce(blocked, 'unsafe-url', 'script', src);
    }
    options.onActivated(blocked.getAttribute('data-category') ?? '', blocked.getAttribute('data-service') ?? undefined);
    if (src === null) {
      script.text = blocked.text;
      return blocked.replaceWith(script);
    }
    script.src = src;
    const ordered = !blocked.hasAttribute('async');
    script.async = !ordered;
    if (ordered) {
      // Set before insertion: the queue must be waiting even if load fired synchronously.
      waitingFor = script;
      const next = () => {
        clearTimeout(timer);
        script.onload = script.onerror = null;
        if (waitingFor === script) waitingFor = null;
        refresh();
      };
      const failed = () => {
        options.report('script-failed', src);
        next();
      };
      const timer = setTimeout(failed, options.timeout ?? SCRIPT_TIMEOUT_MS);
      script.onload = next;
      script.onerror = failed;
    }
    blocked.replaceWith(script);
  }

  const reported = new WeakSet<Element>();
  /** Why markup stays blocked, said once per element. */
  function reportOnce(el: Element, code: MessageCode, ...details: string[]) {
    if (reported.has(el)) return;
    reported.add(el);
    options.report(code, ...details);
  }

  /** Whether anything follows the element in the document yet, i.e. its end tag was parsed. */
  function parsedPast(el: Node): boolean {
    for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true;
    return false;
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', refresh);
  // Rescan only when blocked markup arrived. Not by looking into what was added: while a long
  // page is parsed, every element is a mutation. A page has few scripts and iframes, though.
  const observer = new MutationObserver(() => {
    let arrived = false;
    for (const tag of ['script', 'iframe']) {
      for (const el of Array.from(doc.getElementsByTagName(tag))) {
        if (seen.has(el)) continue;
        if (el.matches(BLOCKED_SELECTOR)) arrived = true;
        else seen.add(el);
      }
    }
    if (arrived) refresh();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });

  return {
    refresh,
    disconnect() {
      observer.disconnect();
      doc.removeEventListener('DOMContentLoaded', refresh);
    },
  };
}
