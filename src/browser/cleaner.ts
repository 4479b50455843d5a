// Deletes a service's cookies. `document.cookie` shows names only, not where a cookie was set,
// so each match is expired on the current host, on every parent domain (Google Analytics
// puts `_ga` on the registrable domain), and on every prefix of the current path plus the
// configured paths (../shared/research/standards.md §6.1).
// Names longer than MAX_TESTED_NAME (hostile ones) are never tested against a rule.

import type { CookieRule } from '../core/config';
import { cookieRuleMatches } from '../core/cookie-rule';
import { domainCandidates, pathCandidates } from '../core/domains';
import { writeCookie } from './cookie-store';

// An `expires` date in the past works everywhere; `max-age=0` alone misbehaves in some engines.
const EXPIRED = 'Thu, 01 Jan 1970 00:00:00 GMT';

export const MAX_TESTED_NAME = 128;

export function cookieNames(doc: Document): string[] {
  let all: string;
  try {
    all = doc.cookie;
  } catch {
    return [];
  }
  return all
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter(Boolean);
}

/** Deletes every cookie matching the rules; returns the names it found. */
export function deleteCookies(doc: Document, rules: CookieRule[], protect: string[] = []): string[] {
  if (rules.length === 0) return [];
  const found = cookieNames(doc).filter(
    (name) => name.length <= MAX_TESTED_NAME && !protect.includes(name) && rules.some((rule) => cookieRuleMatches(rule, name)),
  );
  if (found.length === 0) return [];
  const { hostname, pathname } = doc.location;
  const domains = domainCandidates(hostname);
  for (const name of new Set(found)) {
    const extraPaths = rules.filter((rule) => cookieRuleMatches(rule, name)).flatMap((rule) => rule.paths);
    for (const path of pathCandidates(pathname, extraPaths)) {
      for (const domain of domains) {
        try {
          writeCookie(doc, name, '', path, domain, EXPIRED);
        } catch {
          return found;
        }
      }
    }
  }
  return found;
}
