// The consent controller: validates the config, judges the stored choice, and keeps the page
// in line with it (activation, cookie deletion, service callbacks, events). It owns the state;
// a UI only renders it and calls these functions.

import { localize, validateConfig, type ConsentConfig, type Problem, type Service } from './core/config';
import { decodeChoice, encodeChoice, expiresAt, judgeChoice, type Choice, type Verdict } from './core/choice';
import { applyDecision, diffPermissions, isOfferable, permissionsFor, type Change, type Permissions, type Signals } from './core/policy';
import { checksum } from './core/choice';
import { isoTime } from './core/time';
import { sendReceipt, type ReceiptAction } from './browser/receipts';
import { createEmitter } from './core/emitter';
import { createCookieStore, type ChoiceStore } from './browser/cookie-store';
import { deleteCookies } from './browser/cleaner';
import { createActivator } from './browser/activator';
import { fillPlaceholder, type EmbedTexts, type FillPlaceholder } from './browser/embed-placeholder';
import { bareMessage, describe, type Describe, type MessageCode, type Say } from './core/messages';
import { placeholderSlot } from './browser/embed-slot';
import { resolveLanguage } from './browser/language';
import { newConsentId } from './browser/env';
import { scriptLoader, type PresetRuntime } from './vendors/preset';
import { consentMode, googleAnalytics } from './vendors/google-analytics';
import { matomo } from './vendors/matomo';

declare const __VERSION__: string;
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** The decision as the page sees it (`getConsent()`, event `detail`). */
export interface Consent {
  id: string;
  revision: number;
  /** ISO 8601 time of the decision. */
  decidedAt: string;
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
}

/** Where a decision came from. */
export type Source = 'api' | 'banner' | 'settings' | 'embed' | 'gpc' | 'reset' | 'user' | 'tab';

export interface ChangeEvent {
  consent: Consent | null;
  /** Ids switched on and off by this change. */
  granted: { categories: string[]; services: string[] };
  revoked: { categories: string[]; services: string[] };
  /** True when something withdrawn had already run on this page: only a reload stops it. */
  reloadRequired: boolean;
  source: Source;
}

/** Why the banner must ask: no stored choice, or one that no longer counts. */
export type AskReason = 'no-choice' | Exclude<Verdict, 'valid'>;

export interface ConsentApi {
  show(): void;
  hide(): void;
  showPreferences(): void;
  /** `source` says where the decision came from (the UI passes 'banner' or 'settings'). */
  acceptAll(source?: Source): void;
  rejectAll(source?: Source): void;
  setConsent(categories: Record<string, boolean>, options?: { services?: Record<string, boolean> }, source?: Source): void;
  isAccepted(category: string): boolean;
  isServiceAccepted(serviceId: string): boolean;
  getConsent(): Consent | null;
  setUser(user: { minor: boolean }): void;
  reset(): void;
  on(event: 'ready', listener: (consent: Consent | null) => void): () => void;
  on(event: 'change', listener: (change: ChangeEvent) => void): () => void;
  /** The normalized config and the problems found in it. */
  readonly config: ConsentConfig;
  readonly problems: Problem[];
  /** Stops watching the page (single-page apps, tests); decisions already applied stay. */
  destroy(): void;
  /** What the page and the browser said: a known minor, Global Privacy Control. */
  signals(): { minor: boolean; gpc: boolean };
  /** Whether the learner may switch this category on at all (not for a minor, say). */
  isOfferable(category: string): boolean;
  /** Why a decision is needed now, or null when a valid choice is in force. */
  askReason(): AskReason | null;
  readonly version: string;
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

export interface ConsentOptions {
  window?: Window;
  store?: ChoiceStore;
  now?: () => number;
  newId?: () => string;
  logger?: Logger;
  /** Called when something must be shown (banner or settings); consent.js passes the UI loader. Without it, a log line. */
  showUi?: (view: 'banner' | 'preferences' | 'hide', api: ConsentApi) => void;
  /** Fills blocked iframes' placeholders; consent.js loads it on demand (dist/consent-embed.js). Without it, no placeholder. */
  placeholders?: () => FillPlaceholder | Promise<FillPlaceholder>;
  /** The text of a console message; consent.js loads the texts on first use. Without it, the code and its details. */
  describe?: Describe;
}

const PREFIX = '[asmeronexa-consent]';

export const consoleLogger: Logger = {
  error: (m) => console.error(`${PREFIX} ${m}`),
  warn: (m) => console.warn(`${PREFIX} ${m}`),
  info: (m) => console.info(`${PREFIX} ${m}`),
};

/** Logs a message by code, in its text from `explain` (now, or once the texts have come: in order). */
export function speaker(log: Logger, explain: Describe = bareMessage): Say {
  return (level, code, ...details) => {
    const text = explain(code, details);
    if (typeof text === 'string') log[level](text);
    else text.then((t) => log[level](t));
  };
}

/** Validates the config (logging each problem), then starts: the ES module's entry point. */
export function createConsent(rawConfig: unknown, options: ConsentOptions = {}): ConsentApi {
  const { config, problems } = validateConfig(rawConfig);
  logProblems(problems, options.logger ?? consoleLogger);
  return startConsent(config, problems, { placeholders: () => fillPlaceholder, describe, ...options });
}

export function logProblems(problems: Problem[], log: Logger): void {
  for (const { level, path, message } of problems) {
    (level === 'error' ? log.error : log.warn)(`${path === 'config' ? 'config' : `config.${path}`}: ${message}`);
  }
}

/**
 * Starts the controller on a normalized config. consent.js calls this with normalizeConfig's
 * result (and fills `problems` later, if the config has any, from the lazily loaded validator).
 */
export function startConsent(config: ConsentConfig, problems: Problem[], options: ConsentOptions = {}): ConsentApi {
  const win = options.window ?? window;
  const doc = win.document;
  const say = speaker(options.logger ?? consoleLogger, options.describe);
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => newConsentId(win.crypto));

  const store = options.store ?? createCookieStore(config.cookie, win.location, say);
  const signals: Signals = { minor: config.user.minor };
  const emitter = createEmitter<{ ready: Consent | null; change: ChangeEvent }>((event, error) =>
    say('error', 'listener-threw', event, String(error)),
  );

  // The stored choice: only a valid one is in force; an outdated one keeps its id (one learner,
  // one consent id across re-asks) and tells the UI why it asks again.
  let choice: Choice | null = null;
  let askReason: AskReason | null = 'no-choice';
  /** The cookie's choice and whether it counts now (at start, and when another tab decided). */
  const readStored = () => {
    const found = decodeChoice(store.read());
    return { found, verdict: found ? judgeChoice(found, config.revision, config.cookie.expiresDays, now()) : null };
  };
  const { found: stored, verdict } = readStored();
  if (verdict === 'valid') [choice, askReason] = [stored, null];
  else if (verdict) askReason = verdict;
  let knownId = stored?.id;
  // Global Privacy Control: optional categories stay off and nobody is asked unasked; a choice
  // the learner makes later in the settings is stored and wins.
  const gpc = config.respectGpc && (win.navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  let permissions: Permissions = permissionsFor(config, choice, signals);

  // What already ran on this page: a withdrawal of these can only take full effect on reload.
  const ran = new Set<string>();
  const reportedMarkup = new Set<string>();
  const serviceById = new Map(config.services.map((s) => [s.id, s]));
  const categoryIds = config.categories.map((c) => c.id);

  function markupAllowed(category: string, serviceId: string | undefined): boolean {
    if (serviceId !== undefined) {
      const service = serviceById.get(serviceId);
      if (!service) return reportMarkup('markup-service', serviceId);
      if (category && category !== service.category) reportMarkup('markup-mismatch', serviceId, service.category, category);
      return permissions.services[serviceId];
    }
    if (!categoryIds.includes(category)) {
      return reportMarkup('markup-category', category, categoryIds.join(', '));
    }
    return permissions.categories[category];
  }
  function reportMarkup(code: MessageCode, ...details: string[]): false {
    const key = [code, ...details].join('|');
    if (!reportedMarkup.has(key)) {
      reportedMarkup.add(key);
      say('error', code, ...details);
    }
    return false;
  }

  // Services with `src` become blocked scripts in <head>: the activator then loads them in
  // order, once, with the nonce, exactly like blocked markup.
  for (const service of config.services) {
    for (const src of service.src) {
      const script = doc.createElement('script');
      script.type = 'text/plain';
      script.setAttribute('data-category', service.category);
      script.setAttribute('data-service', service.id);
      script.setAttribute('data-src', src);
      doc.head.appendChild(script);
    }
  }

  const nonce = config.nonce ?? ownNonce(doc);
  const lang = resolveLanguage(config.language, doc, win.navigator);
  const activator = createActivator(doc, {
    isAllowed: markupAllowed,
    nonce,
    onActivated: (category, service) => ran.add(service ? `service:${service}` : `category:${category}`),
    report: (code, ...details) => say('error', code, ...details),
    placeholder(frame, loadOnce) {
      if (!options.placeholders) return undefined;
      // The slot takes the embed's place at once; its contents may come from a chunk later.
      const { host, root } = placeholderSlot(frame);
      const category = frame.getAttribute('data-category') ?? '';
      const service = serviceById.get(frame.getAttribute('data-service') ?? '');
      const fill = (fillIn: FillPlaceholder) =>
        fillIn(root, frame, {
          service: localize(service?.label, lang) || service?.id || frame.title || category,
          details: service,
          provider: service?.provider,
          privacyPolicyUrl: service?.privacyPolicyUrl,
          lang,
          overrides: config.texts[lang]?.embed as Partial<EmbedTexts> | undefined,
          nonce,
          onLoadOnce: loadOnce,
          // "Immer erlauben" stores the service's consent (reversible in the settings).
          onAlwaysAllow: () =>
            service ? api.setConsent({}, { services: { [service.id]: true } }, 'embed') : api.setConsent({ [category]: true }, {}, 'embed'),
        });
      const filler = options.placeholders();
      if (filler instanceof Promise) {
        filler.then(fill, (error: unknown) => say('error', 'placeholder-failed', String(error)));
      } else fill(filler);
      return host;
    },
  });

  // Vendor presets: Consent Mode defaults first, then each preset service. A preset that loads
  // its vendor's script counts as "ran" (a withdrawal then needs a reload).
  const load = scriptLoader(doc, nonce);
  const presets: PresetRuntime[] = [];
  if (config.googleConsentMode) presets.push(consentMode(win, config.googleConsentMode));
  for (const service of config.services) {
    const context = { win, loadScript: (src: string) => (ran.add(`service:${service.id}`), load(src)) };
    if (service.preset === 'google-analytics') presets.push(googleAnalytics(service, context));
    if (service.preset === 'matomo') presets.push(matomo(service, context));
  }
  const runPresets = (step: (preset: PresetRuntime) => void) => {
    for (const preset of presets) {
      try {
        step(preset);
      } catch (error) {
        say('error', 'preset-failed', String(error));
      }
    }
  };

  function callService(service: Service, hook: 'onAccept' | 'onReject') {
    const fn = service[hook];
    if (!fn) return;
    if (hook === 'onAccept') ran.add(`service:${service.id}`);
    try {
      fn.call(undefined);
    } catch (error) {
      say('error', 'hook-threw', service.id, hook, String(error));
    }
  }

  /** Deletes the cookies of every service that is not allowed now. */
  function cleanDenied() {
    const rules = config.services.filter((s) => !permissions.services[s.id]).flatMap((s) => s.cookies);
    deleteCookies(doc, rules, [config.cookie.name]);
  }

  function toConsent(): Consent | null {
    if (!choice) return null;
    return {
      id: choice.id,
      revision: choice.revision,
      decidedAt: isoTime(choice.decidedAt),
      categories: { ...permissions.categories },
      services: { ...permissions.services },
    };
  }

  /**
   * Brings the page in line with the current choice and signals, and announces the change.
   * `afterApply` runs once presets and gated scripts have started, before anyone is told.
   */
  function update(source: Source, decided: boolean, afterApply?: () => void): Change {
    const before = permissions;
    permissions = permissionsFor(config, choice, signals);
    const { granted, revoked } = diffPermissions(before, permissions);
    runPresets((preset) => preset.update(permissions, before));
    activator.refresh();
    afterApply?.();
    for (const service of config.services) {
      if (granted.services[service.id]) callService(service, 'onAccept');
      else if (!permissions.services[service.id] && (revoked.services[service.id] || decided)) callService(service, 'onReject');
    }
    if (choice || source === 'reset') cleanDenied();
    const reloadRequired =
      Object.keys(revoked.categories).some((id) => ran.has(`category:${id}`)) ||
      Object.keys(revoked.services).some((id) => ran.has(`service:${id}`));
    emitter.emit('change', {
      consent: toConsent(),
      granted: { categories: Object.keys(granted.categories), services: Object.keys(granted.services) },
      revoked: { categories: Object.keys(revoked.categories), services: Object.keys(revoked.services) },
      reloadRequired,
      source,
    });
    if (reloadRequired && config.reloadOnWithdraw) win.location.reload();
    return { granted, revoked };
  }

  /** Makes a decision the choice in force (in memory; `persist` stores it). */
  function record(decision: Parameters<typeof applyDecision>[2]) {
    const accepted = applyDecision(config, choice, decision, signals);
    knownId ??= newId();
    // Whole seconds: the cookie stores seconds, and getConsent() must read the same before and after a reload.
    choice = { id: knownId, revision: config.revision, decidedAt: Math.floor(now() / 1000) * 1000, ...accepted };
    askReason = null;
  }
  /** Stores the choice in force and tells the other tabs. */
  function persist() {
    if (choice) store.write(encodeChoice(choice), new Date(expiresAt(choice, config.cookie.expiresDays)));
    tabs?.postMessage('changed');
  }

  function decide(decision: Parameters<typeof applyDecision>[2], source: Source, kind: ReceiptAction) {
    record(decision);
    // Writing the cookie costs Chromium a synchronous round trip to its cookie store (several
    // ms, more on a slow device): the gated scripts start first, in the frame of the click.
    const change = update(source, true, persist);
    const withdrew = Object.keys(change.revoked.categories).length + Object.keys(change.revoked.services).length > 0;
    receipt(source === 'embed' ? 'embed_allow' : withdrew ? 'withdraw' : kind, source);
  }

  // What this config looks like to a learner, hashed: a receipt names the version it was given
  // under. Worked out on the first receipt: most page views send none.
  let configHash: string | undefined;

  function receipt(action: ReceiptAction, source: Source, reason?: string) {
    if (!config.receipts || !knownId) return;
    configHash ??= checksum(
      JSON.stringify([config.revision, config.policyVersion, config.categories, config.services.map((s) => [s.id, s.category, s.preset, s.src, s.cookies.map((c) => c.displayName)]), config.texts]),
    );
    sendReceipt(win, config.receipts.endpoint, {
      schema: 'asmeronexa-consent-receipt/1',
      consentId: knownId,
      eventId: newId(),
      clientTime: isoTime(now()),
      action,
      source,
      ...(reason ? { reason } : {}),
      revision: config.revision,
      policyVersion: config.policyVersion,
      configHash,
      widgetVersion: VERSION,
      language: lang,
      categories: { ...permissions.categories },
      services: { ...permissions.services },
      page: win.location.pathname,
    });
  }

  const optional = () => config.categories.filter((c) => !c.required);
  const rejectEverything = () => ({
    categories: Object.fromEntries(optional().map((c) => [c.id, false])),
    services: Object.fromEntries(config.services.map((s) => [s.id, false])),
  });
  let readyConsent: Consent | null | undefined;

  const showUi =
    options.showUi ??
    (() => say('info', 'no-ui'));

  const api: ConsentApi = {
    config,
    problems,
    version: VERSION,
    askReason: () => askReason,
    destroy() {
      activator.disconnect();
      tabs?.close();
      doc.removeEventListener('visibilitychange', onVisible);
    },
    signals: () => ({ minor: signals.minor, gpc }),
    isOfferable: (category) => isOfferable(config, category, signals),
    show: () => showUi('banner', api),
    hide: () => showUi('hide', api),
    showPreferences: () => showUi('preferences', api),
    acceptAll: (source = 'api') => decide({ categories: Object.fromEntries(optional().map((c) => [c.id, true])) }, source, 'accept_all'),
    rejectAll: (source = 'api') => decide(rejectEverything(), source, 'reject_all'),
    setConsent(categories, opts = {}, source = 'api') {
      const picked = pickBooleans(categories, 'setConsent', categoryIds, say);
      const services = opts?.services === undefined ? {} : pickBooleans(opts.services, 'setConsent services', [...serviceById.keys()], say);
      if (!picked || !services) return;
      decide({ categories: picked, services }, source, 'save');
    },
    isAccepted: (category) => permissions.categories[category] === true,
    isServiceAccepted: (id) => permissions.services[id] === true,
    getConsent: toConsent,
    setUser(user) {
      if (typeof user !== 'object' || user === null || typeof user.minor !== 'boolean') {
        return say('error', 'set-user');
      }
      if (signals.minor === user.minor) return;
      signals.minor = user.minor;
      update('user', false);
    },
    reset() {
      store.remove();
      choice = null;
      askReason = 'no-choice';
      tabs?.postMessage('changed');
      update('reset', false);
      api.show();
    },
    on(event: 'ready' | 'change', listener: (payload: never) => void) {
      // `ready` is sticky: a listener added after the widget started still hears it once.
      if (event === 'ready' && readyConsent !== undefined) {
        const snapshot = readyConsent;
        queueMicrotask(() => listener(snapshot as never));
      }
      return emitter.on(event, listener as () => void);
    },
  } as ConsentApi;

  // Other tabs of the site: a decision or withdrawal there applies here without a reload (and
  // stops further activation here). BroadcastChannel where there is one; in any case the cookie
  // is read again whenever this tab becomes visible.
  function syncFromStore() {
    const { found, verdict: judged } = readStored();
    const next = judged === 'valid' ? found : null;
    if ((next && encodeChoice(next)) === (choice && encodeChoice(choice))) return;
    choice = next;
    knownId = next?.id ?? knownId;
    askReason = next ? null : 'no-choice';
    update('tab', false);
  }
  const onVisible = () => doc.visibilityState === 'visible' && syncFromStore();
  doc.addEventListener('visibilitychange', onVisible);
  let tabs: BroadcastChannel | null = null;
  try {
    const Channel = (win as unknown as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
    tabs = Channel ? new Channel(`asmeronexa-consent:${config.cookie.name}`) : null;
    if (tabs) tabs.onmessage = syncFromStore;
  } catch {
    tabs = null; // e.g. an opaque origin: the visibility check still works
  }

  // Start: a lapsed choice is recorded as such; with GPC and no valid choice, a refusal is
  // stored instead of asking. Then vendor defaults before anything else, activate what the
  // stored choice allows, tidy up, announce, and ask if we must.
  if (stored && askReason !== null) receipt('reask', 'banner', askReason);
  if (gpc && !choice) {
    record(rejectEverything());
    persist();
    permissions = permissionsFor(config, choice, signals);
    receipt('reject_all', 'gpc');
  }
  runPresets((preset) => preset.start(permissions, choice !== null));
  activator.refresh();
  for (const service of config.services) if (permissions.services[service.id]) callService(service, 'onAccept');
  if (choice) cleanDenied();
  readyConsent = toConsent();
  emitter.emit('ready', readyConsent);
  if (askReason) api.show();
  return api;
}

/** The widget's own `<script nonce>`, for pages whose CSP allows scripts by nonce. */
function ownNonce(doc: Document): string | undefined {
  const script = doc.currentScript as HTMLScriptElement | null;
  return script?.nonce || script?.getAttribute('nonce') || undefined;
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
