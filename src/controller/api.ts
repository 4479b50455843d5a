// The controller's API (contracts.ts ConsentApi): the page API and the UI call these, and each
// decision goes the same way: record it, bring the page in line, store it, tell the other
// tabs, send a receipt.

import type { ConsentConfig, Problem } from '../core/config';
import type { Emitter } from '../core/emitter';
import type { Say } from '../core/messages';
import { isOfferable, type Decision, type Signals } from '../core/policy';
import type { ReceiptAction } from '../core/receipt';
import { VERSION } from '../core/version';
import type { TabChannel } from '../browser/tab-channel';
import type { TabState } from '../browser/tab-state';
import type { Notice } from '../browser/notice';
import type { ChangeEvent, Consent, ConsentApi, Source, View } from '../contracts';
import type { Decisions } from './decisions';
import type { PageSync } from './page-sync';
import type { Receipts } from './receipts';

export interface ApiParts {
  config: ConsentConfig;
  problems: Problem[];
  say: Say;
  signals: Signals;
  gpc: boolean;
  decisions: Decisions;
  sync: PageSync;
  tabs: TabChannel;
  tabState: TabState;
  receipts: Receipts;
  emitter: Emitter<{ ready: Consent | null; change: ChangeEvent }>;
  showUi(view: View, api: ConsentApi): void;
  notify(notice: Notice): void;
  /** The consent announced at start (undefined until then): `ready` is sticky. */
  readyConsent(): Consent | null | undefined;
  destroy(): void;
}

export function createApi(parts: ApiParts): ConsentApi {
  const { config, say, signals, decisions, sync, tabs, receipts, emitter, showUi } = parts;
  const categoryIds = config.categories.map((c) => c.id);
  const serviceIds = config.services.map((s) => s.id);
  const optional = () => config.categories.filter((c) => !c.required);

  function decide(decision: Decision, source: Source, kind: ReceiptAction) {
    decisions.record(decision);
    // Writing the cookie costs Chromium a synchronous round trip to its cookie store (several
    // ms, more on a slow device): the gated scripts start first, in the frame of the click.
    const change = sync.update(source, true, () => (decisions.persist(), parts.tabState.choiceStored(), tabs.announce()));
    const withdrew = Object.keys(change.revoked.categories).length + Object.keys(change.revoked.services).length > 0;
    receipts.send(source === 'embed' ? 'embed_allow' : withdrew ? 'withdraw' : kind, source);
  }

  const api: ConsentApi = {
    config,
    problems: parts.problems,
    version: VERSION,
    askReason: () => decisions.askReason,
    destroy: parts.destroy,
    signals: () => ({ minor: signals.minor, gpc: parts.gpc }),
    isOfferable: (category) => isOfferable(config, category, signals),
    show: () => showUi('banner', api),
    hide: () => showUi('hide', api),
    showPreferences: () => showUi('preferences', api),
    notify: parts.notify,
    acceptAll: (source = 'api') => decide({ categories: Object.fromEntries(optional().map((c) => [c.id, true])) }, source, 'accept_all'),
    rejectAll: (source = 'api') => decide(rejectEverything(config), source, 'reject_all'),
    setConsent(categories, options = {}, source = 'api') {
      const picked = pickBooleans(categories, 'setConsent', categoryIds, say);
      const services = options?.services === undefined ? {} : pickBooleans(options.services, 'setConsent services', serviceIds, say);
      if (picked && services) decide({ categories: picked, services }, source, 'save');
    },
    isAccepted: (category) => sync.permissions().categories[category] === true,
    isServiceAccepted: (id) => sync.permissions().services[id] === true,
    getConsent: sync.toConsent,
    setUser(user) {
      if (typeof user !== 'object' || user === null || typeof user.minor !== 'boolean') return say('error', 'set-user');
      // Kept for this tab: after the (at most one) reload, the page starts narrowed.
      parts.tabState.set('minor', user.minor);
      if (signals.minor === user.minor) return;
      signals.minor = user.minor;
      sync.update('user', false);
    },
    reset() {
      decisions.forget();
      tabs.announce();
      sync.update('reset', false);
      api.show();
    },
    on(event: 'ready' | 'change', listener: (payload: never) => void) {
      // `ready` is sticky: a listener added after the widget started still hears it once.
      const ready = parts.readyConsent();
      if (event === 'ready' && ready !== undefined) queueMicrotask(() => listener(ready as never));
      return emitter.on(event, listener as () => void);
    },
  } as ConsentApi;
  return api;
}

/** Every optional category and every service off. */
export function rejectEverything(config: ConsentConfig): Decision {
  return {
    categories: Object.fromEntries(config.categories.filter((c) => !c.required).map((c) => [c.id, false])),
    services: Object.fromEntries(config.services.map((s) => [s.id, false])),
  };
}

function pickBooleans(value: unknown, what: string, known: string[], say: Say): Record<string, boolean> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    say('error', 'expects-object', what);
    return null;
  }
  const result: Record<string, boolean> = {};
  for (const [key, on] of Object.entries(value)) {
    if (!known.includes(key)) say('warn', 'unknown-key', what, key, known.join(', '));
    else if (typeof on !== 'boolean') say('error', 'not-boolean', what, key);
    else result[key] = on;
  }
  return result;
}
