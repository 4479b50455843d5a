// startConsent: wires the controller's parts on a normalized config and runs the start
// sequence. Each part is a file of its own in this folder; the DOM is the browser adapters'.

import type { ConsentConfig, Problem } from '../core/config';
import { createEmitter } from '../core/emitter';
import type { Describe } from '../core/messages';
import type { Signals } from '../core/policy';
import { createCookieStore, type ChoiceStore } from '../browser/cookie-store';
import { newConsentId } from '../browser/env';
import { ownScript } from '../browser/own-script';
import { createPageContext, type PageContext } from '../browser/page-context';
import { createNotices } from '../browser/notice';
import type { NoticeBox } from '../browser/notice-box';
import { openTabChannel } from '../browser/tab-channel';
import { openTabState, tabHint } from '../browser/tab-state';
import type { ChangeEvent, Consent, ConsentApi, FillPlaceholder, Logger, View } from '../contracts';
import { createApi, rejectEverything } from './api';
import { createDecisions } from './decisions';
import { consoleLogger, speaker } from './logging';
import { createMarkupGate } from './markup-gate';
import { createPageSync } from './page-sync';
import { startPresets } from './presets';
import { createReceipts, type ReceiptChunk } from './receipts';

export interface ConsentOptions {
  window?: Window;
  store?: ChoiceStore;
  now?: () => number;
  newId?: () => string;
  logger?: Logger;
  /** Nonce, language and the widget's folder; consent.js passes what it read from its own tag. */
  context?: PageContext;
  /** Called when something must be shown (banner or settings); consent.js passes the UI loader. Without it, a log line. */
  showUi?: (view: View, api: ConsentApi) => void;
  /** Fills blocked iframes' placeholders; consent.js loads it on demand (dist/consent-embed.js). Without it, no placeholder. */
  placeholders?: () => FillPlaceholder | Promise<FillPlaceholder>;
  /** The text of a console message; consent.js loads the texts on first use. Without it, the code and its details. */
  describe?: Describe;
  /** The box for the widget's short notices; consent.js loads it on demand (dist/consent-notice.js). Without it, no notices. */
  noticeBox?: () => NoticeBox | Promise<NoticeBox>;
  /** Builds and sends the consent receipts; consent.js loads it on the first one (dist/consent-receipts.js). Without it, none is sent. */
  receipts?: () => ReceiptChunk | Promise<ReceiptChunk>;
}

/**
 * Starts the controller on a normalized config. consent.js calls this with the config rules'
 * result (and fills `problems` later, if the config has any, from the diagnostics chunk).
 */
export function startConsent(config: ConsentConfig, problems: Problem[], options: ConsentOptions = {}): ConsentApi {
  const win = options.window ?? window;
  const say = speaker(options.logger ?? consoleLogger, options.describe);
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => newConsentId(win.crypto));
  const context = options.context ?? createPageContext(win, config, ownScript(win));
  const store = options.store ?? createCookieStore(config.cookie, win.document, say);
  // A minor stays known for the rest of this tab's visit (setUser), so that no later page view
  // starts analytics before the platform says it again.
  const tabState = openTabState(win, tabHint(config.cookie.name), () => store.read() !== undefined);
  const signals: Signals = { minor: config.user.minor || tabState.has('minor') };
  const notify = createNotices(win, context, config.theme, options.noticeBox ?? (() => Promise.reject(new Error('no notice box'))));
  const emitter = createEmitter<{ ready: Consent | null; change: ChangeEvent }>((event, error) => say('error', 'listener-threw', event, String(error)));
  const decisions = createDecisions(config, store, signals, now, newId);
  // Global Privacy Control: optional categories stay off and nobody is asked unasked; a choice
  // the learner makes later in the settings is stored and wins.
  const gpc = config.respectGpc && (win.navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  /** What already ran on this page: a withdrawal of these can only take full effect on reload. */
  const ran = new Set<string>();
  // A reload (after a withdrawal of code that ran) waits until the receipt is in the outbox.
  const sync = createPageSync({ config, win, say, signals, decisions, emitter, ran, tabState, notify, reload: () => receipts.hold(() => win.location.reload()) });
  const receipts = createReceipts({
    config, win, lang: context.lang, now, newId, consentId: () => decisions.id, permissions: sync.permissions, signals: () => ({ gpc, minor: signals.minor }), say,
    load: options.receipts,
  });

  const activator = createMarkupGate({
    config, doc: win.document, context, say, placeholders: options.placeholders,
    permissions: sync.permissions,
    ran: (key) => ran.add(key),
    // "Immer erlauben" stores the service's consent (reversible in the settings).
    alwaysAllow: (category, service) =>
      service ? api.setConsent({}, { services: { [service]: true } }, 'embed') : api.setConsent({ [category]: true }, {}, 'embed'),
  });
  sync.attach({ presets: startPresets(config, win, context.nonce, (id) => ran.add(`service:${id}`), say), activator });

  // Other tabs of the site: a decision or withdrawal there applies here without a reload (and
  // stops further activation here).
  const tabs = openTabChannel(win, `asmeronexa-consent:${config.cookie.name}`, () => decisions.reread() && sync.update('tab', false));
  let readyConsent: Consent | null | undefined;
  const api = createApi({
    config, problems, say, signals, gpc, decisions, sync, tabs, tabState, receipts, emitter,
    showUi: options.showUi ?? (() => say('info', 'no-ui')),
    notify,
    readyConsent: () => readyConsent,
    destroy() {
      activator.disconnect();
      tabs.close();
    },
  });

  // Start: a lapsed choice is recorded as such; with GPC and no valid choice, a refusal is
  // stored instead of asking. Then vendor defaults before anything else, activate what the
  // stored choice allows, tidy up, announce, and ask if we must.
  if (decisions.lapsed) receipts.send('reask', 'banner', decisions.askReason!);
  if (gpc && !decisions.choice) {
    decisions.record(rejectEverything(config));
    decisions.persist();
    tabState.choiceStored();
    tabs.announce();
    sync.recompute();
    receipts.send('reject_all', 'gpc');
  }
  sync.start();
  // The change that reloaded this page took effect: say so (the learner pressed a button and
  // the page went blank for a moment).
  if (tabState.has('saved')) {
    tabState.set('saved', false);
    notify('saved');
  }
  readyConsent = sync.toConsent();
  emitter.emit('ready', readyConsent);
  if (decisions.askReason) api.show();
  return api;
}
