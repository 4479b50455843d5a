// What a vendor preset is: the options and cookies the config rules check (core PresetSpec),
// and what it does at run time: a pure part (what to push when) and glue (pushing it, loading
// the vendor's script). One file per preset in this folder; registry.ts lists them.

import type { PresetSpec, Service } from '../core/config';
import type { Permissions } from '../core/policy';

export interface Preset extends PresetSpec {
  runtime(service: Service, context: PresetContext): PresetRuntime;
  /**
   * The vendor's own script stops on withdrawal (an opt-out switch, a consent API), so a
   * withdrawal needs no reload. Without it, a loaded script counts as code that ran.
   */
  stopsItself?: boolean;
}

/** An http(s), protocol-relative or root-relative URL option. */
export const HTTP_URL = /^(https?:)?\/\/\S+$|^\/\S*$/;

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
