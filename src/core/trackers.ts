// Known analytics and advertising hosts, in one place: a service that contacts one of them is a
// tracker, and a tracker is never strictly necessary (EDPB cookie-banner taskforce: "essential"
// must not be used for trackers). The config rules (service-rules.ts) refuse such a service in the
// `session` category; it is left out and so stays blocked.
//
// A host matches on its registrable end (`www.google-analytics.com`, `region1.google-analytics.com`);
// Matomo, which runs on any host, also on the file it serves (`…/matomo.js`, `piwik.js`, `matomo.php`).
// This list ships in consent.js (the session check runs before anything loads): keep it to the
// domains trackers are served from. Add a vendor by adding its domain.

import type { Service } from './config';

const DOMAINS =
  // Google Analytics, Tag Manager and Ads; Matomo Cloud; Hotjar; Microsoft Clarity; Meta; TikTok; LinkedIn
  'google-analytics\\.com|googletagmanager\\.com|googleadservices\\.com|doubleclick\\.net|matomo\\.cloud|hotjar\\.(com|io)|clarity\\.ms' +
  '|facebook\\.(com|net)|tiktok\\.com|licdn\\.com|ads\\.linkedin\\.com';

/** A tracking domain at the end of a host name (in a URL or bare), or a Matomo file. */
const TRACKER = new RegExp(`(^|[/.@])(${DOMAINS})([:/?#]|$)|(^|/)(matomo|piwik)\\.(js|php)([?#]|$)`, 'i');

/** Whether a host name or URL belongs to a known analytics or advertising service. */
export const isTrackerHost = (hostOrUrl: string): boolean => TRACKER.test(hostOrUrl);

/** The host of a URL, or the URL itself when it has none (for messages). */
const hostOf = (url: string) => /^(\w+:)?\/\/([^/?#@]*@)?([^/?#:]+)/.exec(url)?.[3] ?? url;

/** The tracking hosts (or files) a service contacts: its preset's and its scripts'. */
export function trackerHosts(service: Pick<Service, 'preset' | 'src' | 'options'>): string[] {
  const found = service.src.filter(isTrackerHost).map(hostOf);
  const { preset, options } = service;
  if (preset === 'google-analytics') found.unshift(options.gtagUrl ? hostOf(options.gtagUrl) : 'www.googletagmanager.com');
  if (preset === 'matomo') found.unshift(hostOf(options.url));
  return found;
}

/**
 * A `session` service that contacts a tracker: refused by the config rules (it stays blocked).
 * Every preset so far is an analytics tool, a tracker whatever host it loads from (a first-party
 * proxy included); a preset that is not would be named here.
 */
export const trackerInSession = (service: Pick<Service, 'category' | 'preset' | 'src'>): boolean =>
  service.category === 'session' && (!!service.preset || service.src.some(isTrackerHost));
