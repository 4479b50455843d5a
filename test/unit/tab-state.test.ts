// The tab's flags (minor, saved) in sessionStorage: with a stored choice, read only where the
// hint cookie says a tab of this browser session set one (the first read of sessionStorage is
// the dearest first use of a returning visit); without one, always, and no cookie before the
// learner decides.
import { describe, expect, it } from 'vitest';
import { openTabState, tabHint, TAB_STATE_KEY } from '../../src/browser/tab-state';

const HINT = tabHint('asmeronexa_consent');

/** A window with a cookie jar (a plain string) and a sessionStorage that counts every access. */
function fakeWindow({ cookie = '', stored = {} as Record<string, string>, protocol = 'https:', storageThrows = false, reloaded = false } = {}) {
  const written: string[] = [];
  const items = new Map(Object.entries(stored));
  const counts = { storage: 0 };
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  const location = { protocol };
  const document = {
    location,
    get cookie() {
      return cookie;
    },
    set cookie(line: string) {
      written.push(line);
      const [pair] = line.split(';');
      cookie = cookie ? `${cookie}; ${pair}` : pair;
    },
  };
  const win = {
    document,
    location,
    performance: { navigation: { type: reloaded ? 1 : 0 } },
    get sessionStorage() {
      counts.storage++;
      if (storageThrows) throw new DOMException('denied', 'SecurityError');
      return storage;
    },
  } as unknown as Window;
  return { win, written, items, counts, cookie: () => cookie };
}

/** The tab state of `page`, with "a choice is stored" read from its cookie jar. */
const open = (page: ReturnType<typeof fakeWindow>) => openTabState(page.win, HINT, () => /(^|; )asmeronexa_consent=/.test(page.cookie()));

describe('tab state', () => {
  it('without the hint cookie, sessionStorage is not touched, and a flag left there is not read', () => {
    const page = fakeWindow({ cookie: 'asmeronexa_consent=1|x', stored: { [TAB_STATE_KEY]: 'minor' } });
    const tab = open(page);
    expect(tab.has('minor')).toBe(false);
    // setUser({ minor: false }) on every page view: nothing to clear, nothing written.
    tab.set('minor', false);
    expect(page.counts.storage).toBe(0);
    expect(page.written).toEqual([]);
  });

  it('setting a flag stores it and sets the hint, a host-wide session cookie; the next page view of the tab reads it', () => {
    const page = fakeWindow({ cookie: 'asmeronexa_consent=1|x' });
    open(page).set('minor', true);
    expect(page.items.get(TAB_STATE_KEY)).toBe('minor');
    expect(page.written).toEqual([`${HINT}=1; path=/; sameSite=Lax; secure`]);
    const next = open(page);
    expect(next.has('minor')).toBe(true);
    expect(next.has('saved')).toBe(false);
  });

  it('without a stored choice the flags are read, and the hint waits for the decision (nothing is stored before it)', () => {
    const page = fakeWindow({ stored: { [TAB_STATE_KEY]: 'saved' } });
    const tab = open(page);
    expect(tab.has('saved')).toBe(true);
    tab.set('minor', true);
    expect(page.items.get(TAB_STATE_KEY)).toBe('saved minor');
    expect(page.written).toEqual([]);
    // The learner decides: the consent cookie is written, then the hint.
    page.win.document.cookie = 'asmeronexa_consent=1|x; path=/';
    tab.choiceStored();
    expect(page.written.at(-1)).toBe(`${HINT}=1; path=/; sameSite=Lax; secure`);
    tab.choiceStored();
    expect(page.written.filter((line) => line.startsWith(HINT))).toHaveLength(1);
    expect(open(page).has('minor')).toBe(true);
  });

  it('a decision stored by a tab without flags sets no hint', () => {
    const page = fakeWindow({ cookie: 'asmeronexa_consent=1|x' });
    open(page).choiceStored();
    expect(page.written).toEqual([]);
  });

  it('"saved" (set just before the widget reloads) needs no hint: a reloaded page view reads the flags', () => {
    const page = fakeWindow({ cookie: 'asmeronexa_consent=1|x' });
    open(page).set('saved', true);
    expect(page.written).toEqual([]);
    expect(open(page).has('saved')).toBe(false); // a plain page view: not read
    const reloaded = fakeWindow({ cookie: 'asmeronexa_consent=1|x', reloaded: true, stored: { [TAB_STATE_KEY]: 'saved' } });
    expect(open(reloaded).has('saved')).toBe(true);
  });

  it('clearing the last flag removes the key and keeps the hint (another tab may hold a flag)', () => {
    const page = fakeWindow({ cookie: `${HINT}=1`, stored: { [TAB_STATE_KEY]: 'minor saved' } });
    const tab = open(page);
    tab.set('saved', false);
    expect(page.items.get(TAB_STATE_KEY)).toBe('minor');
    tab.set('minor', false);
    expect(page.items.has(TAB_STATE_KEY)).toBe(false);
    expect(page.written).toEqual([]);
    expect(open(page).has('minor')).toBe(false);
  });

  it('a flag already set is not written again', () => {
    const page = fakeWindow({ cookie: `${HINT}=1`, stored: { [TAB_STATE_KEY]: 'minor' } });
    const tab = open(page);
    const reads = page.counts.storage;
    tab.set('minor', true);
    expect(page.counts.storage).toBe(reads);
  });

  it('on http the hint is not marked secure', () => {
    const page = fakeWindow({ protocol: 'http:', cookie: 'asmeronexa_consent=1|x' });
    open(page).set('minor', true);
    expect(page.written).toEqual([`${HINT}=1; path=/; sameSite=Lax`]);
  });

  it('a hint set by someone else only costs a read; storage that throws means no flags and breaks nothing', () => {
    const page = fakeWindow({ cookie: `asmeronexa_consent=1|x; ${HINT}=forged`, storageThrows: true });
    const tab = open(page);
    expect(tab.has('minor')).toBe(false);
    expect(() => tab.set('minor', true)).not.toThrow();
    // Within this page view the flag holds.
    expect(tab.has('minor')).toBe(true);
  });

  it('a look-alike cookie is no hint', () => {
    const page = fakeWindow({ cookie: `asmeronexa_consent=1|x; ${HINT}s=1; x${HINT}=1`, stored: { [TAB_STATE_KEY]: 'minor' } });
    expect(open(page).has('minor')).toBe(false);
    expect(page.counts.storage).toBe(0);
  });
});
