// What holds for this browser tab only (sessionStorage): that the learner is known to be a
// minor (setUser), until the page says otherwise, and that a reload just completed a change
// the learner made (so the next page view can say it was saved). Unavailable storage (blocked,
// sandboxed) means no flags: the page then behaves as without them.
//
// The first read of sessionStorage is the dearest first use of a returning visit (about 13 ms
// at 4× CPU throttling, `npm run bench:first-use`), and almost no tab holds a flag. So a page
// view with a stored choice reads it only after a reload (the "saved" flag is set just before
// the widget reloads) or where a hint says a tab holds the minor flag: a session cookie holding
// just `1`, set with that flag. Without a stored choice it is always read, and the hint waits
// for the choice: nothing is stored before the learner decides (contract §5). The hint is never
// removed (another tab may still hold the flag).

import { cookieValues, writeCookie } from './cookie-store';

export type TabFlag = 'minor' | 'saved';

export const TAB_STATE_KEY = 'asmeronexa-consent:tab';

/** The hint's name: the consent cookie's, with `_tab`. */
export const tabHint = (consentCookie: string) => `${consentCookie}_tab`;

export interface TabState {
  has(flag: TabFlag): boolean;
  set(flag: TabFlag, on: boolean): void;
  /** A decision was just stored: a tab holding the minor flag now sets the hint. */
  choiceStored(): void;
}

/** `choiceStored`: whether the consent cookie is there (asked at the start and when a flag is set). */
export function openTabState(win: Window, hint: string, choiceStored: () => boolean): TabState {
  const doc = win.document;
  let hinted = false;
  let flags: string[] = [];
  try {
    hinted = cookieValues(doc.cookie, hint).length > 0;
    // A reload (the widget's own, after a saved change, sets "saved" just before it).
    if (hinted || !choiceStored() || win.performance.navigation.type === 1) flags = (win.sessionStorage.getItem(TAB_STATE_KEY) ?? '').split(' ').filter(Boolean);
  } catch {
    // no cookies or no storage: no flags
  }
  const hintIfStored = () => {
    if (hinted || !flags.includes('minor') || !choiceStored()) return;
    writeCookie(doc, hint, '1', '/');
    hinted = true;
  };
  return {
    has: (flag) => flags.includes(flag),
    set(flag, on) {
      // Unread (a stored choice, no hint), no tab holds a flag: clearing one is a no-op
      // (setUser({ minor: false }) on every page view).
      if (flags.includes(flag) === on) return;
      flags = flags.filter((f) => f !== flag).concat(on ? [flag] : []);
      try {
        hintIfStored();
        if (flags.length) win.sessionStorage.setItem(TAB_STATE_KEY, flags.join(' '));
        else win.sessionStorage.removeItem(TAB_STATE_KEY);
      } catch {
        // holds for this page view only
      }
    },
    choiceStored() {
      try {
        hintIfStored();
      } catch {
        // no cookies: the flag holds while the tab's storage is read
      }
    },
  };
}
