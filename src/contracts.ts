// The contracts between the layers, in one place: what the controller offers (the API, the
// consent, the change event), what the UI chunk, the diagnostics chunk and the placeholder
// chunk hand back. Types only: every layer may import this file, and it imports only types
// from the core, so no import ever points up.

import type { ConsentConfig, Language, Problem, Service } from './core/config';
import type { Finding } from './core/config-rules';
import type { Describe } from './core/messages';
import type { embed } from '../locales/de.json';

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
export type AskReason = 'no-choice' | 'revision-changed' | 'expired' | 'from-the-future';

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
  /** Shows one of the widget's short notices (e.g. after a one-click withdrawal). */
  notify(notice: 'saved' | 'withdrawn' | 'otherTab'): void;
  readonly version: string;
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

/** What the UI is asked to show. */
export type View = 'banner' | 'preferences' | 'hide';

/** What a UI chunk hands back when mounted. */
export interface UiController {
  show(view: View, opener: Element | null): void;
  /** Takes the UI out of the shadow root (the first layer, when the full UI replaces it). */
  destroy(): void;
}

export interface MountOptions {
  root: ShadowRoot;
  lang: Language;
  /** The active language's texts from locales/<lang>.json; null for German (built in) or when they failed to load. */
  messages: Record<string, unknown> | null;
  nonce: string | undefined;
  /** The UI reports whether banner or settings are open, so the reopen button can step aside. */
  onOpenChange(open: boolean): void;
  /** The first layer has no settings dialog: it asks for it here (the loader brings the full UI). */
  openSettings?(opener: Element | null): void;
  /** …and says when "Einstellungen" may be pressed soon (pointer over it, focus on it). */
  prepareSettings?(): void;
}

/** A UI chunk: the full UI (dist/consent-ui.js) or the first layer (dist/consent-banner.<lang>.js). */
export type MountUi = (api: ConsentApi, options: MountOptions) => UiController;

/** The diagnostics chunk (dist/consent-check.js): the texts of config findings and console messages. */
export interface Diagnostics {
  explainFindings(findings: Finding[]): Problem[];
  describe: Describe;
}

export type EmbedTexts = typeof embed;

export interface PlaceholderInfo {
  service: string;
  /** The service's facts from the config (`dataSent`, `country`), when the iframe names one. */
  details?: Service;
  provider?: string;
  privacyPolicyUrl?: string;
  lang: Language;
  /** The config's `texts.<lang>.embed`, over the built-in texts. */
  overrides?: Partial<EmbedTexts>;
  nonce: string | undefined;
  onLoadOnce(): void;
  onAlwaysAllow(): void;
}

/** The placeholder chunk (dist/consent-embed.js): fills a blocked iframe's slot. */
export type FillPlaceholder = (root: ShadowRoot, frame: HTMLIFrameElement, info: PlaceholderInfo) => void;
