// Judging what was recorded against the widget's config: the finding kinds of §10.
//
// Each leak is reported once per phase it shows in, and only in the phases where it means what
// its kind says: a cookie a page writes before any decision is `cookie-before-consent` in
// `before` and `reject`; it is not reported again as `undeclared-cookie` after acceptance or as
// `leftover-after-withdrawal` (what was there before any decision is not the accepted services').

import { WIDGET_STORAGE, widgetCookies, cookieOwners, declaredHost, hostMatches, servicesForHost, sessionHost, storageOwners } from './config.mjs';

const PHASE_WORDS = {
  before: 'before a decision',
  reject: 'after “Alle ablehnen”',
  accept: 'after “Alle akzeptieren”',
  withdraw: 'after withdrawal',
};

export const cookieId = (c) => `${c.name}|${c.domain}|${c.path}`;
export const storageId = (s) => `${s.store}|${s.origin}|${s.key}`;

function initiatorText(request) {
  const i = request.initiator;
  if (!i) return null;
  if (i.script) return `${i.type} ${i.script}`;
  if (i.url) return `${i.type} ${i.url}${i.line ? `:${i.line}` : ''}`;
  return i.type;
}

const cookieText = (c) => `${c.name} (domain ${c.domain}, path ${c.path}, ${c.expires ? `expires ${c.expires.slice(0, 10)}` : 'session'}${c.setBy ? `, set by ${c.setBy}${c.by ? ` ${c.by}` : ''}` : ''})`;
const storageText = (s) => `${s.store} “${s.key}” on ${s.origin}${s.by ? ` (written by ${s.by})` : ''}`;

/**
 * @param {{ url: string, config: any, phases: Record<string, any> }} page
 * @param {{ allowHosts: string[] }} options
 */
export function judge(page, { allowHosts = [] } = {}) {
  const findings = [];
  const cfg = page.config;
  const pageHost = new URL(page.finalUrl ?? page.url).hostname.toLowerCase();
  const allowed = (host) => host === pageHost || host === cfg.receiptsHost || allowHosts.some((p) => hostMatches(p, host));
  const isWidgetCookie = (c) => widgetCookies(cfg.consentCookie).includes(c.name);
  const sessionCookie = (c) => isWidgetCookie(c) || cookieOwners(cfg, c.name).some((s) => s.required);
  const widgetStorage = (s) => WIDGET_STORAGE.some((w) => w.store === s.store && w.key === s.key);
  const sessionStorageKey = (s) => widgetStorage(s) || storageOwners(cfg, s.key).some((x) => x.required);
  const optionalUrlOwner = (url) => {
    const bare = url.split('#')[0];
    return cfg.services.find((s) => !s.required && s.urls.some((u) => bare === u || (u.endsWith('/') && bare.startsWith(u))));
  };
  const phases = page.phases;

  // What any phase saw before a decision: reported in `before` (or allowed), never again later.
  const pre = { hosts: new Set(), cookies: new Set(), storage: new Set() };
  const notePre = (phase, steps) => {
    if (!phase) return;
    for (const r of phase.requests ?? []) if (steps.includes(r.step)) pre.hosts.add(r.host);
    for (const snap of phase.snapshots ?? []) {
      if (!steps.includes(snap.step)) continue;
      snap.cookies.forEach((c) => pre.cookies.add(cookieId(c)));
      snap.storage.forEach((s) => pre.storage.add(storageId(s)));
    }
  };
  notePre(phases.before, ['first-view', 'after-scroll']);
  for (const p of ['reject', 'accept', 'withdraw']) notePre(phases[p], ['first-view']);

  const add = (finding) => findings.push(finding);

  /** Requests, cookies and storage that must not be there before a decision or after a refusal. */
  function refused(phaseName, steps, { skipPre }) {
    const phase = phases[phaseName];
    if (!phase) return;
    const hosts = new Map();
    for (const r of phase.requests ?? []) {
      if (!steps.includes(r.step) || !r.host) continue;
      const owner = r.host === pageHost ? optionalUrlOwner(r.url) : null;
      if (r.host === pageHost && !owner) continue;
      if (r.host !== pageHost && (allowed(r.host) || sessionHost(cfg, r.host))) continue;
      if (skipPre && pre.hosts.has(r.host) && !owner) continue;
      const key = owner ? `${r.host}|${owner.id}` : r.host;
      if (!hosts.has(key)) hosts.set(key, { owner, list: [] });
      hosts.get(key).list.push(r);
    }
    for (const [, { owner, list }] of hosts) {
      const first = list[0];
      const declared = owner ? [owner.id] : servicesForHost(cfg, first.host);
      const initiator = initiatorText(first);
      add({
        kind: 'request-before-consent',
        phase: phaseName,
        detail: `${list.length} request${list.length === 1 ? '' : 's'} to ${first.host} ${PHASE_WORDS[phaseName]}: ${first.url} (${first.type}${initiator ? `, initiated by ${initiator}` : ''})${declared.length ? `; the host belongs to ${declared.join(', ')}, which needs consent` : ''}`,
        host: first.host,
        url: first.url,
        resourceType: first.type,
        initiator: first.initiator,
        requests: list.length,
        urls: [...new Set(list.map((r) => r.url))].slice(0, 20),
        step: first.step,
        services: declared,
      });
    }

    const cookies = new Map();
    const storage = new Map();
    for (const snap of phase.snapshots ?? []) {
      if (!steps.includes(snap.step)) continue;
      for (const c of snap.cookies) {
        if (sessionCookie(c) || (skipPre && pre.cookies.has(cookieId(c))) || cookies.has(cookieId(c))) continue;
        cookies.set(cookieId(c), { c, step: snap.step });
      }
      for (const s of snap.storage) {
        if (sessionStorageKey(s) || (skipPre && pre.storage.has(storageId(s))) || storage.has(storageId(s))) continue;
        storage.set(storageId(s), { s, step: snap.step });
      }
    }
    for (const { c, step } of cookies.values()) {
      const owners = cookieOwners(cfg, c.name).map((s) => s.id);
      add({
        kind: 'cookie-before-consent', phase: phaseName,
        detail: `cookie ${cookieText(c)} ${PHASE_WORDS[phaseName]}${owners.length ? `; declared by ${owners.join(', ')}, which needs consent` : '; no session service declares it'}`,
        cookie: c, step, services: owners,
      });
    }
    for (const { s, step } of storage.values()) {
      const owners = storageOwners(cfg, s.key).map((x) => x.id);
      add({
        kind: 'storage-before-consent', phase: phaseName,
        detail: `${storageText(s)} ${PHASE_WORDS[phaseName]}${owners.length ? `; declared by ${owners.join(', ')}, which needs consent` : '; no session service declares it'}`,
        storage: s, step, services: owners,
      });
    }
  }

  if (phases.before && !phases.before.banner) {
    const widget = phases.before.read?.hasApi || phases.before.read?.hasHost;
    add({
      kind: 'no-banner', phase: 'before',
      detail: widget
        ? 'the widget is on the page, but no first layer with “Alle akzeptieren” and “Alle ablehnen” (or “Accept all” / “Reject all”) was shown on a first visit'
        : 'no consent banner on a first visit: the widget (#asmeronexa-consent, window.asmeronexaConsent) is not on the page',
    });
  }
  refused('before', ['first-view', 'after-scroll'], { skipPre: false });
  refused('reject', ['after-reject', 'new-view'], { skipPre: false });

  // After acceptance: whatever appears must be declared by some service.
  const accept = phases.accept;
  if (accept && !accept.skipped) {
    const steps = ['after-accept', 'new-view'];
    const hosts = new Map();
    for (const r of accept.requests ?? []) {
      if (!steps.includes(r.step) || !r.host || allowed(r.host) || pre.hosts.has(r.host) || declaredHost(cfg, r.host)) continue;
      if (!hosts.has(r.host)) hosts.set(r.host, []);
      hosts.get(r.host).push(r);
    }
    for (const [host, list] of hosts) {
      const initiator = initiatorText(list[0]);
      add({
        kind: 'undeclared-host', phase: 'accept',
        detail: `${list.length} request${list.length === 1 ? '' : 's'} to ${host}, which no service declares (not a preset's, src or blocked-markup host): ${list[0].url} (${list[0].type}${initiator ? `, initiated by ${initiator}` : ''})`,
        host, url: list[0].url, resourceType: list[0].type, initiator: list[0].initiator, requests: list.length,
        urls: [...new Set(list.map((r) => r.url))].slice(0, 20), step: list[0].step,
      });
    }
    const seenC = new Set();
    const seenS = new Set();
    for (const snap of accept.snapshots ?? []) {
      if (!steps.includes(snap.step)) continue;
      for (const c of snap.cookies) {
        const id = cookieId(c);
        if (seenC.has(id) || pre.cookies.has(id) || isWidgetCookie(c) || cookieOwners(cfg, c.name).length) continue;
        seenC.add(id);
        add({ kind: 'undeclared-cookie', phase: 'accept', detail: `cookie ${cookieText(c)} after acceptance, which no service declares`, cookie: c, step: snap.step });
      }
      for (const s of snap.storage) {
        const id = storageId(s);
        if (seenS.has(id) || pre.storage.has(id) || storageOwners(cfg, s.key).length) continue;
        seenS.add(id);
        add({ kind: 'undeclared-storage', phase: 'accept', detail: `${storageText(s)} after acceptance, which no service declares (a service's \`storage\` rules)`, storage: s, step: snap.step });
      }
    }
  }

  // After withdrawal: nothing of the optional services may be left, and nothing new may come.
  const wd = phases.withdraw;
  if (wd && !wd.skipped) {
    const accepted = { cookies: new Set(), storage: new Set() };
    for (const snap of wd.snapshots ?? []) {
      if (snap.step !== 'after-accept' && snap.step !== 'second-view') continue;
      snap.cookies.forEach((c) => accepted.cookies.add(cookieId(c)));
      snap.storage.forEach((s) => accepted.storage.add(storageId(s)));
    }
    const last = (wd.snapshots ?? []).find((s) => s.step === 'new-view');
    if (last) {
      for (const c of last.cookies) {
        const id = cookieId(c);
        if (sessionCookie(c) || pre.cookies.has(id)) continue;
        const owners = cookieOwners(cfg, c.name).map((s) => s.id);
        if (accepted.cookies.has(id)) {
          add({
            kind: 'leftover-after-withdrawal', phase: 'withdraw',
            detail: `cookie ${cookieText(c)} is still there after withdrawal and a new page view${owners.length ? ` (declared by ${owners.join(', ')}: the widget did not delete it here; check its domain and path against the rule's \`paths\`)` : ' (no service declares it, so the widget cannot know to delete it)'}`,
            cookie: c, services: owners, withdrawnVia: wd.withdrawnVia ?? null,
          });
        } else {
          add({ kind: 'cookie-before-consent', phase: 'withdraw', detail: `cookie ${cookieText(c)} written ${PHASE_WORDS.withdraw}`, cookie: c, step: 'new-view', services: owners });
        }
      }
      for (const s of last.storage) {
        const id = storageId(s);
        if (sessionStorageKey(s) || pre.storage.has(id)) continue;
        const owners = storageOwners(cfg, s.key).map((x) => x.id);
        if (accepted.storage.has(id)) {
          add({
            kind: 'leftover-after-withdrawal', phase: 'withdraw',
            detail: `${storageText(s)} is still there after withdrawal and a new page view${owners.length ? ` (declared by ${owners.join(', ')})` : ' (no service declares it)'}`,
            storage: s, services: owners, withdrawnVia: wd.withdrawnVia ?? null,
          });
        } else {
          add({ kind: 'storage-before-consent', phase: 'withdraw', detail: `${storageText(s)} written ${PHASE_WORDS.withdraw}`, storage: s, step: 'new-view', services: owners });
        }
      }
    }
    // Requests of the page view after the withdrawal (the moment itself may tell a vendor to forget).
    const hosts = new Map();
    for (const r of wd.requests ?? []) {
      if (r.step !== 'new-view' || !r.host) continue;
      const owner = r.host === pageHost ? optionalUrlOwner(r.url) : null;
      if ((r.host === pageHost && !owner) || (r.host !== pageHost && (allowed(r.host) || sessionHost(cfg, r.host))) || (pre.hosts.has(r.host) && !owner)) continue;
      const key = owner ? `${r.host}|${owner.id}` : r.host;
      if (!hosts.has(key)) hosts.set(key, { owner, list: [] });
      hosts.get(key).list.push(r);
    }
    for (const { owner, list } of hosts.values()) {
      const first = list[0];
      const initiator = initiatorText(first);
      add({
        kind: 'request-before-consent', phase: 'withdraw',
        detail: `${list.length} request${list.length === 1 ? '' : 's'} to ${first.host} ${PHASE_WORDS.withdraw}: ${first.url} (${first.type}${initiator ? `, initiated by ${initiator}` : ''})`,
        host: first.host, url: first.url, resourceType: first.type, initiator: first.initiator, requests: list.length,
        urls: [...new Set(list.map((r) => r.url))].slice(0, 20), step: first.step, services: owner ? [owner.id] : servicesForHost(cfg, first.host),
      });
    }
  }
  return findings;
}
