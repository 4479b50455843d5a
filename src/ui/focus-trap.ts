// The WAI-ARIA APG modal dialog behaviour: focus moves in, Tab and Shift+Tab stay inside,
// Escape closes, and the page behind is inert while it is open. (Focus return is the caller's:
// only it knows where focus should go after a decision.) Plain DOM, so the first layer can use it
// without preact's hooks; modal.ts wraps it as a hook for the dialog.

export const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Makes `box` modal; returns the function that ends it. */
export function trapFocus(box: HTMLElement, initialFocus: HTMLElement | null, onEscape?: () => void): () => void {
  const root = box.getRootNode() as ShadowRoot | Document;
  const doc = box.ownerDocument;
  const host = 'host' in root ? root.host : null;

  // Everything on the page but the widget becomes inert (not hidden from the widget itself).
  const madeInert: HTMLElement[] = [];
  for (const el of Array.from(doc.body.children) as HTMLElement[]) {
    if (el !== host && !el.inert) {
      el.inert = true;
      madeInert.push(el);
    }
  }
  (initialFocus ?? box).focus();

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onEscape) {
      event.preventDefault();
      event.stopPropagation();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    const current = root.activeElement;
    if (event.shiftKey && (current === first || !items.includes(current as HTMLElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (current === last || !items.includes(current as HTMLElement))) {
      event.preventDefault();
      first.focus();
    }
  };
  box.addEventListener('keydown', onKeyDown);
  return () => {
    box.removeEventListener('keydown', onKeyDown);
    for (const el of madeInert) el.inert = false;
  };
}
