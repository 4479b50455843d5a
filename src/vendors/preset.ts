// What a vendor preset does at run time. Presets are small: a pure part (what to push when)
// and glue (pushing it, loading the vendor's script).

import type { Permissions } from '../core/policy';

export interface PresetRuntime {
  /** Right at start, before any other script: defaults, and the stored choice if there is one. */
  start(permissions: Permissions, decided: boolean): void;
  /** After every change of permissions (decisions, a minor flag). */
  update(permissions: Permissions, before: Permissions): void;
}

export interface PresetContext {
  win: Window;
  /** Adds an async script with the page's nonce; each URL once. */
  loadScript(src: string): void;
}

/** A script loader for presets: async, with nonce, each URL once. */
export function scriptLoader(doc: Document, nonce: string | undefined): (src: string) => void {
  const loaded = new Set<string>();
  return (src) => {
    if (loaded.has(src)) return;
    loaded.add(src);
    const script = doc.createElement('script');
    script.async = true;
    script.src = src;
    if (nonce) script.nonce = nonce;
    doc.head.append(script);
  };
}
