// The widget's own <script>: markup can clobber `document.currentScript` (<img name="currentScript">),
// not the getter on Document.prototype. Only a real script element counts.

export function ownScript(win: Window): HTMLScriptElement | null {
  const { Document, HTMLScriptElement } = win as unknown as typeof globalThis;
  try {
    const script = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript')!.get!.call(win.document);
    return script instanceof HTMLScriptElement ? script : null;
  } catch {
    return null;
  }
}
