// What holds for this browser tab only (sessionStorage): that the learner is known to be a
// minor (setUser), until the page says otherwise, and that a reload just completed a change
// the learner made (so the next page view can say it was saved). Unavailable storage (blocked,
// sandboxed) means no flags: the page then behaves as without them.

export type TabFlag = 'minor' | 'saved';

export const TAB_STATE_KEY = 'asmeronexa-consent:tab';

export interface TabState {
  has(flag: TabFlag): boolean;
  set(flag: TabFlag, on: boolean): void;
}

export function openTabState(win: Window): TabState {
  const storage = (): Storage | null => {
    try {
      return win.sessionStorage;
    } catch {
      return null;
    }
  };
  let flags: string[] = [];
  try {
    flags = (storage()?.getItem(TAB_STATE_KEY) ?? '').split(' ').filter(Boolean);
  } catch {
    // no storage: no flags
  }
  return {
    has: (flag) => flags.includes(flag),
    set(flag, on) {
      flags = flags.filter((f) => f !== flag).concat(on ? [flag] : []);
      try {
        if (flags.length) storage()?.setItem(TAB_STATE_KEY, flags.join(' '));
        else storage()?.removeItem(TAB_STATE_KEY);
      } catch {
        // holds for this page view only
      }
    },
  };
}
