// The consent cookie by its exact raw name (not decoded). Held more than once (tossed by a
// sibling subdomain) it counts as no choice; writing removes the copies it can reach. Where cookies cannot be written (blocked, sandboxed, `document.cookie` throwing), the
// choice is kept in memory for this page view only: the next page asks again, and
// nothing is ever inferred from the missing cookie.

import type { Say } from '../core/messages';
import { deleteCookies } from './cleaner';

export interface ChoiceStore {
  read(): string | undefined;
  /** Returns false when the value could not be stored (then it holds for this page view). */
  write(value: string, expires: Date): boolean;
  remove(): void;
}

export interface CookieSettings {
  name: string;
  domain?: string;
  path: string;
}

/** Writes one cookie: host-only unless `domain` is given, for the browser session unless `expires` is. */
export function writeCookie(doc: Document, name: string, value: string, path: string, domain?: string, expires?: string): void {
  doc.cookie = `${name}=${value}; path=${path}${domain ? `; domain=${domain}` : ''}; sameSite=Lax${doc.location.protocol === 'https:' ? '; secure' : ''}${expires ? `; expires=${expires}` : ''}`;
}

/** Every value a `document.cookie` string holds under exactly `name`. */
export function cookieValues(cookies: string, name: string): string[] {
  const values: string[] = [];
  for (const pair of cookies.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) values.push(pair.slice(eq + 1).trim());
  }
  return values;
}

export function createCookieStore(settings: CookieSettings, doc: Document, say: Say): ChoiceStore {
  let memory: string | undefined;
  let persistent = true;
  const { name, domain, path } = settings;
  const stored = () => {
    const values = cookieValues(doc.cookie, name);
    return values.length === 1 ? values[0] : undefined;
  };
  const set = (value: string, expires: Date) => writeCookie(doc, name, value, path, domain, expires.toUTCString());
  const removeAll = () => deleteCookies(doc, [{ name, paths: [path], displayName: name }]);

  return {
    read() {
      if (!persistent) return memory;
      try {
        return stored();
      } catch {
        return memory;
      }
    },
    write(value, expires) {
      memory = value;
      try {
        set(value, expires);
        // Another copy next to ours: remove all, then write ours alone.
        if (stored() !== value) {
          removeAll();
          set(value, expires);
        }
        if (stored() === value) return (persistent = true);
      } catch {
        // fall through: cookies are not available here
      }
      persistent = false;
      say('warn', 'cookie-not-stored', name, domain ?? '');
      return false;
    },
    remove() {
      memory = undefined;
      try {
        removeAll();
      } catch {
        // nothing stored, nothing to remove
      }
    },
  };
}
