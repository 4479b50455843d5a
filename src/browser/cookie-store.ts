// The consent cookie, read and written with js-cookie and the contract's attributes.
// Where cookies cannot be written (blocked, sandboxed, `document.cookie` throwing), the
// choice is kept in memory for this page view only: the next page asks again, and
// nothing is ever inferred from the missing cookie.

import Cookies from 'js-cookie';
import type { Say } from '../core/messages';

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

export function createCookieStore(settings: CookieSettings, location: Location, say: Say): ChoiceStore {
  let memory: string | undefined;
  let persistent = true;
  const attributes = () => ({
    path: settings.path,
    domain: settings.domain,
    sameSite: 'Lax' as const,
    secure: location.protocol === 'https:',
  });

  return {
    read() {
      if (!persistent) return memory;
      try {
        return Cookies.get(settings.name);
      } catch {
        return memory;
      }
    },
    write(value, expires) {
      memory = value;
      try {
        Cookies.set(settings.name, value, { ...attributes(), expires });
        if (Cookies.get(settings.name) === value) return (persistent = true);
      } catch {
        // fall through: cookies are not available here
      }
      persistent = false;
      say('warn', 'cookie-not-stored', settings.name, settings.domain ?? '');
      return false;
    },
    remove() {
      memory = undefined;
      try {
        Cookies.remove(settings.name, attributes());
      } catch {
        // nothing stored, nothing to remove
      }
    },
  };
}
