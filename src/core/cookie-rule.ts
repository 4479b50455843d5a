// Cookie rules: a cookie name or a `/regex/` string from the config, compiled once, and the
// test the cleaner runs against the names in document.cookie.

import { COOKIE_NAME_PATTERN, isLocalized, isObject, type CookieRule, type Localized } from './config';
import { isSafePattern } from './safe-regex';

/** A cookie path from the config: starts with "/", no ";" or spaces. */
export const COOKIE_PATH_PATTERN = /^\/[^;\s]*$/;

/** A localStorage / sessionStorage key named in the config: any text without control characters. */
export const STORAGE_KEY_PATTERN = /^[^\u0000-\u001f\u007f]{1,200}$/;

/**
 * `"_ga"` → exact name; `"/^_ga_/"` or `"/^_hj/i"` → RegExp; invalid → null. `exact` is what a
 * plain name must look like (a cookie name, or a storage key).
 */
export function compileCookieRule(input: unknown, exact: RegExp = COOKIE_NAME_PATTERN): CookieRule | null {
  let name: unknown = input;
  let paths: string[] = [];
  let lifetime: Localized | number | undefined;
  let displayName: unknown;
  if (isObject(input)) {
    ({ name, displayName } = input);
    if (input.paths !== undefined) {
      if (!Array.isArray(input.paths) || !input.paths.every((p) => typeof p === 'string' && COOKIE_PATH_PATTERN.test(p))) return null;
      paths = input.paths as string[];
    }
    if (input.lifetime !== undefined) {
      const days = input.lifetime;
      if (!isLocalized(days) && !(typeof days === 'number' && days > 0 && days < 1e5)) return null;
      lifetime = days as Localized | number;
    }
    if (displayName !== undefined && typeof displayName !== 'string') return null;
  }
  if (typeof name !== 'string' || name === '') return null;
  const rule = (pattern: string | RegExp): CookieRule => ({
    name: pattern, paths, displayName: (displayName as string | undefined) ?? (name as string), ...(lifetime ? { lifetime } : {}),
  });
  const regex = /^\/(.+)\/(i?)$/.exec(name);
  if (regex) {
    // Run against names a sibling subdomain can choose: no pattern that can backtrack for ever.
    if (!isSafePattern(regex[1])) return null;
    try {
      return rule(new RegExp(regex[1], regex[2]));
    } catch {
      return null;
    }
  }
  return exact.test(name) ? rule(name) : null;
}

export function cookieRuleMatches(rule: CookieRule, cookieName: string): boolean {
  return typeof rule.name === 'string' ? rule.name === cookieName : rule.name.test(cookieName);
}
