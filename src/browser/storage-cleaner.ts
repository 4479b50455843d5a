// Deletes a withdrawn service's localStorage and sessionStorage keys (its `storage` rules, names
// or /regex/), as the cleaner does with cookies. Storage that cannot be read is left alone.

import type { CookieRule } from '../core/config';
import { cookieRuleMatches } from '../core/cookie-rule';

/** Removes every key that matches a rule; returns what it removed (`local:<key>`, `session:<key>`). */
export function deleteStorage(win: Window, rules: CookieRule[]): string[] {
  const removed: string[] = [];
  if (!rules.length) return removed;
  for (const kind of ['local', 'session'] as const) {
    try {
      const storage = win[`${kind}Storage`];
      for (const key of Object.keys(storage)) {
        if (rules.some((rule) => cookieRuleMatches(rule, key))) {
          storage.removeItem(key);
          removed.push(`${kind}:${key}`);
        }
      }
    } catch {
      // blocked storage: nothing the widget could delete, nothing a service could have written
    }
  }
  return removed;
}
