// What holds for this browser tab only (sessionStorage): that the learner is known to be a
// minor (setUser), until the page says otherwise, and that a reload just completed a change
// the learner made (so the next page view can say it was saved). Unavailable storage (blocked,
// sandboxed) means no flags: the page then behaves as without them.
//
// The first read of sessionStorage is the dearest first use of a returning visit (about 13 ms
// at 4× CPU throttling, `npm run bench:first-use`), and almost no tab holds a flag. So setting
// a flag also sets a hint, a session cookie holding just `1`: sessionStorage is read only
// where the hint is. The hint is never removed (another tab may still hold a flag).

import { cookieValues, writeCookie } from './cookie-store';

export type TabFlag = 'minor' | 'saved';

export const TAB_STATE_KEY = 'asmeronexa-consent:tab';

/** The hint's name: the consent cookie's, with `_tab`. */
export const tabHint = (consentCookie: string) => `${consentCookie}_tab`;

export interface TabState {
  has(flag: TabFlag): boolean;
  set(flag: TabFlag, on: boolean): void;
}

export function openTabState(win: Window, hint: string): TabState {
  const doc = win.document;
  let hinted = false;
  let flags: string[] = [];
  try {
    hinted = cookieValues(doc.cookie, hint).length > 0;
    if (hinted) flags = (win.sessionStorage.getItem(TAB_STATE_KEY) ?? '').split(' ').filter(Boolean);
  } catch {
    // no cookies or no storage: no flags
  }
  return {
    has: (flag) => flags.includes(flag),
    set(flag, on) {
      // Unhinted, no tab holds a flag: clearing one is a no-op (setUser({ minor: false }) on every page).
      if (flags.includes(flag) === on) return;
      flags = flags.filter((f) => f !== flag).concat(on ? [flag] : []);
      try {
        if (!hinted) writeCookie(doc, hint, '1', '/');
        hinted = true;
        if (flags.length) win.sessionStorage.setItem(TAB_STATE_KEY, flags.join(' '));
        else win.sessionStorage.removeItem(TAB_STATE_KEY);
      } catch {
        // holds for this page view only
      }
    },
  };
}
