// The tab's flags (minor, saved) in sessionStorage, read only where the hint cookie says a tab
// of this browser session set one: the first read of sessionStorage is the dearest first use
// of a returning visit.
import { describe, expect, it } from 'vitest';
import { openTabState, tabHint, TAB_STATE_KEY } from '../../src/browser/tab-state';

const HINT = tabHint('asmeronexa_consent');

/** A window with a cookie jar (a plain string) and a sessionStorage that counts every access. */
function fakeWindow({ cookie = '', stored = {} as Record<string, string>, protocol = 'https:', storageThrows = false } = {}) {
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
    get sessionStorage() {
      counts.storage++;
      if (storageThrows) throw new DOMException('denied', 'SecurityError');
      return storage;
    },
  } as unknown as Window;
  return { win, written, items, counts, cookie: () => cookie };
}

describe('tab state', () => {
  it('without the hint cookie, sessionStorage is not touched, and a flag left there is not read', () => {
    const page = fakeWindow({ cookie: 'asmeronexa_consent=1|x', stored: { [TAB_STATE_KEY]: 'minor' } });
    const tab = openTabState(page.win, HINT);
    expect(tab.has('minor')).toBe(false);
    // setUser({ minor: false }) on every page view: nothing to clear, nothing written.
    tab.set('minor', false);
    expect(page.counts.storage).toBe(0);
    expect(page.written).toEqual([]);
  });

  it('setting a flag stores it and sets the hint, a host-wide session cookie; the next page view of the tab reads it', () => {
    const page = fakeWindow({ cookie: 'asmeronexa_consent=1|x' });
    openTabState(page.win, HINT).set('minor', true);
    expect(page.items.get(TAB_STATE_KEY)).toBe('minor');
    expect(page.written).toEqual([`${HINT}=1; path=/; sameSite=Lax; secure`]);
    const next = openTabState(page.win, HINT);
    expect(next.has('minor')).toBe(true);
    expect(next.has('saved')).toBe(false);
  });

  it('clearing the last flag removes the key and keeps the hint (another tab may hold a flag)', () => {
    const page = fakeWindow({ cookie: `${HINT}=1`, stored: { [TAB_STATE_KEY]: 'minor saved' } });
    const tab = openTabState(page.win, HINT);
    tab.set('saved', false);
    expect(page.items.get(TAB_STATE_KEY)).toBe('minor');
    tab.set('minor', false);
    expect(page.items.has(TAB_STATE_KEY)).toBe(false);
    expect(page.written).toEqual([]);
    expect(openTabState(page.win, HINT).has('minor')).toBe(false);
  });

  it('a flag already set is not written again', () => {
    const page = fakeWindow({ cookie: `${HINT}=1`, stored: { [TAB_STATE_KEY]: 'minor' } });
    const tab = openTabState(page.win, HINT);
    const reads = page.counts.storage;
    tab.set('minor', true);
    expect(page.counts.storage).toBe(reads);
  });

  it('on http the hint is not marked secure', () => {
    const page = fakeWindow({ protocol: 'http:' });
    openTabState(page.win, HINT).set('saved', true);
    expect(page.written).toEqual([`${HINT}=1; path=/; sameSite=Lax`]);
  });

  it('a hint set by someone else only costs a read; storage that throws means no flags and breaks nothing', () => {
    const page = fakeWindow({ cookie: `${HINT}=forged`, storageThrows: true });
    const tab = openTabState(page.win, HINT);
    expect(tab.has('minor')).toBe(false);
    expect(() => tab.set('minor', true)).not.toThrow();
    // Within this page view the flag holds.
    expect(tab.has('minor')).toBe(true);
  });

  it('a look-alike cookie is no hint', () => {
    const page = fakeWindow({ cookie: `${HINT}s=1; x${HINT}=1`, stored: { [TAB_STATE_KEY]: 'minor' } });
    expect(openTabState(page.win, HINT).has('minor')).toBe(false);
    expect(page.counts.storage).toBe(0);
  });
});
