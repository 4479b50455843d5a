// The four phases of §10, each in a fresh browser context, pressing the widget's buttons as a
// person would (found by their accessible names inside its open shadow root).

import { DEBUG, Recorder } from './browser.mjs';

export const PHASES = ['before', 'reject', 'accept', 'withdraw'];

const ACCEPT = /^\s*(Alle akzeptieren|Accept all)\s*$/;
const REJECT = /^\s*(Alle ablehnen|Reject all)\s*$/;
const REOPEN = /^\s*(Cookie-Einstellungen|Cookie settings)\s*$/;
const HOST = '#asmeronexa-consent';

/** Reads, in the page, the widget's config (serialized: RegExp → { regex, flags }) and its blocked markup. */
function readInPage() {
  const ser = (v, seen, depth) => {
    if (v instanceof RegExp) return { regex: v.source, flags: v.flags };
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v) || depth > 10) return undefined;
    seen.add(v);
    if (Array.isArray(v)) return v.map((x) => ser(x, seen, depth + 1) ?? null);
    const out = {};
    for (const k of Object.keys(v)) {
      const x = ser(v[k], seen, depth + 1);
      if (x !== undefined) out[k] = x;
    }
    return out;
  };
  const api = window.asmeronexaConsent;
  const markup = [...document.querySelectorAll('script[type="text/plain"][data-src], iframe[data-src]')].map((el) => ({
    tag: el.localName,
    src: new URL(el.getAttribute('data-src'), document.baseURI).href,
    service: el.getAttribute('data-service'),
    category: el.getAttribute('data-category'),
  }));
  const base = { version: api?.version ?? null, hasApi: !!api, hasHost: !!document.getElementById('asmeronexa-consent'), markup };
  if (api && api.config && typeof api.config === 'object') return { ...base, source: 'page-api', config: ser(api.config, new WeakSet(), 0) };
  if (window.asmeronexaConsentConfig && typeof window.asmeronexaConsentConfig === 'object') {
    return { ...base, source: 'window.asmeronexaConsentConfig', raw: ser(window.asmeronexaConsentConfig, new WeakSet(), 0) };
  }
  const tag = document.querySelector('script[data-config]');
  if (tag) return { ...base, source: 'data-config', configUrl: new URL(tag.getAttribute('data-config'), document.baseURI).href };
  return { ...base, source: 'none' };
}

async function widgetReady(page, timeout) {
  const ready = await page
    .waitForFunction(() => window.asmeronexaConsent !== undefined, null, { timeout })
    .then(() => true)
    .catch(() => false);
  if (!ready) return false;
  return page
    .evaluate((ms) => new Promise((resolve) => {
      setTimeout(() => resolve(false), ms);
      try {
        window.asmeronexaConsent.on('ready', () => resolve(true));
      } catch {
        resolve(false);
      }
    }), timeout)
    .catch(() => false);
}

async function hasWidgetTraces(page) {
  return page
    .evaluate(() => !!window.asmeronexaConsent || !!document.getElementById('asmeronexa-consent') ||
      [...document.scripts].some((s) => /consent/i.test(s.src)) || !!document.querySelector('script[data-config]'))
    .catch(() => false);
}

/** The first layer's two buttons, once visible (null when there is no banner). */
async function firstLayer(page, timeout) {
  const host = page.locator(HOST);
  const accept = host.getByRole('button', { name: ACCEPT }).first();
  const reject = host.getByRole('button', { name: REJECT }).first();
  try {
    await accept.waitFor({ state: 'visible', timeout });
    await reject.waitFor({ state: 'visible', timeout: 1000 });
    return { accept, reject };
  } catch {
    return null;
  }
}

const consentState = (page) => page.evaluate(() => window.asmeronexaConsent?.getConsent?.() ?? null).catch(() => null);

/** After a decision: the page API reports one (the widget stores it synchronously on the click). */
const decided = (page) => page.waitForFunction(() => window.asmeronexaConsent?.getConsent?.() != null, null, { timeout: 10_000 }).catch(() => {});

/** A press that did not lead to the decision it names makes the phase worthless: an error, exit 2. */
function checkDecision(result, accepted, target = result) {
  const categories = result.decision?.categories;
  const optional = Object.entries(categories ?? {}).filter(([id]) => id !== 'session');
  if (!categories) target.error = `${result.phase}: after pressing the button the page API reports no decision`;
  else if (optional.some(([, on]) => on !== accepted)) {
    target.notes.push(`after “${accepted ? 'Alle akzeptieren' : 'Alle ablehnen'}” the page API reports ${optional.map(([id, on]) => `${id} ${on ? 'on' : 'off'}`).join(', ')}`);
  }
}

/** A new page view, then the widget's start (it activates what is consented), then a quiet network. */
async function newView(rec, url, step, timeout) {
  await rec.view(url, step, false);
  if (await hasWidgetTraces(rec.page)) await widgetReady(rec.page, Math.min(timeout, 10_000));
  await rec.quiet();
}

/** Clicks, then waits for a reload the widget may do itself (reloadOnWithdraw) and for the network to settle. */
async function pressAndSettle(rec, action, then) {
  let navigated = false;
  const onNav = (frame) => {
    if (frame === rec.page.mainFrame()) navigated = true;
  };
  rec.page.on('framenavigated', onNav);
  try {
    await action();
  } catch (error) {
    // A click whose page reloads under it: the click happened.
    if (!/context was destroyed|navigation|Target closed|detached/i.test(String(error?.message))) throw error;
  }
  if (then) await then(rec.page);
  await rec.quiet();
  if (navigated) {
    await rec.page.waitForLoadState('load').catch(() => {});
    await rec.quiet();
  }
  rec.page.off('framenavigated', onNav);
  return navigated;
}

/** Withdraws everything as a person would: a [data-consent-withdraw] link, else the settings' "Alle ablehnen", else the page API. */
async function withdraw(rec) {
  const page = rec.page;
  const link = page.locator('[data-consent-withdraw]').first();
  if ((await link.count()) > 0 && (await link.isVisible().catch(() => false))) {
    await pressAndSettle(rec, () => link.click());
    return '[data-consent-withdraw]';
  }
  let opened = null;
  const reopen = page.locator(HOST).getByRole('button', { name: REOPEN }).first();
  if (await reopen.isVisible().catch(() => false)) {
    await reopen.click();
    opened = 'the “Cookie-Einstellungen” button';
  } else {
    const opener = page.locator('[data-consent-open]').first();
    if ((await opener.count()) > 0 && (await opener.isVisible().catch(() => false))) {
      await opener.click();
      opened = 'a [data-consent-open] link';
    }
  }
  if (opened) {
    const button = page.locator(HOST).getByRole('dialog').getByRole('button', { name: REJECT }).first();
    const shown = await button.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
    if (shown) {
      await pressAndSettle(rec, () => button.click());
      return `settings (opened with ${opened}), “Alle ablehnen”`;
    }
  }
  await pressAndSettle(rec, () => page.evaluate(() => window.asmeronexaConsent.rejectAll()));
  return 'page API rejectAll()';
}

/**
 * Runs one phase for one URL in a fresh context; never throws for the page's own faults
 * (those end up in `error`).
 * @returns {Promise<object>} the phase record
 */
export async function runPhase(browser, url, phase, { timeout, progress, wantScreenshot, ignoreHttpsErrors = false }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', serviceWorkers: 'allow', ignoreHTTPSErrors: ignoreHttpsErrors });
  const rec = new Recorder(context, { timeout });
  const result = { phase, steps: [], banner: null, decision: null, notes: [], error: null };
  const started = Date.now();
  try {
    const page = await rec.open();
    let response;
    try {
      response = await rec.view(url, 'first-view', false);
    } catch (error) {
      result.error = `could not load ${url}: ${String(error.message).split('\n')[0]}`;
      result.unloadable = true;
      return result;
    }
    const status = response?.status() ?? null;
    result.status = status;
    if (status !== null && status >= 400) {
      result.error = `${url} answered HTTP ${status}`;
      result.unloadable = true;
      return result;
    }
    result.finalUrl = page.url();
    const t0 = Date.now();
    const traces = await hasWidgetTraces(page);
    const ready = await widgetReady(page, traces ? Math.min(timeout, 10_000) : 1500);
    await rec.quiet();
    result.widget = { ready };
    result.steps.push('first-view');
    await rec.snapshot('first-view');
    if (DEBUG) process.stderr.write(`${phase}: ready ${ready} after ${Date.now() - t0} ms (load ${t0 - started} ms)\n`);

    if (phase === 'before') {
      result.read = await page.evaluate(readInPage).catch(() => null);
      if (result.read?.source === 'data-config' && result.read.configUrl) {
        const body = await rec.responseBody(result.read.configUrl);
        try {
          result.read.raw = body ? JSON.parse(body) : null;
        } catch {
          result.notes.push(`the data-config file ${result.read.configUrl} is not JSON`);
        }
      }
    } else {
      // Markup the page adds later still counts; read it in every phase (before any decision).
      result.read = await page.evaluate(readInPage).catch(() => null);
      if (result.read) delete result.read.config, delete result.read.raw;
    }

    // Where the page shows traces of the widget, its banner gets the full wait even if `ready`
    // was missed (a slow machine, a page that navigated once): a late banner is not "no banner".
    const layer = await firstLayer(page, traces ? Math.min(timeout, 10_000) : 500);
    if (!layer && traces) result.notes.push(`no first layer within ${Math.min(timeout, 10_000)} ms although the page includes the widget (ready: ${ready})`);
    result.banner = !!layer;
    if (phase === 'before') {
      if (layer && wantScreenshot) result.screenshot = (await page.screenshot({ type: 'png' })).toString('base64');
      rec.step = 'after-scroll';
      await rec.scroll();
      result.steps.push('after-scroll');
      await rec.snapshot('after-scroll');
    } else if (!layer) {
      result.notes.push('no first layer: nothing to press');
      result.skipped = true;
    } else if (phase === 'reject' || phase === 'accept') {
      const step = phase === 'reject' ? 'after-reject' : 'after-accept';
      rec.step = step;
      await pressAndSettle(rec, () => (phase === 'reject' ? layer.reject : layer.accept).click(), decided);
      result.decision = await consentState(page);
      checkDecision(result, phase === 'accept');
      result.steps.push(step);
      await rec.snapshot(step);
      await newView(rec, url, 'new-view', timeout);
      result.steps.push('new-view');
      await rec.snapshot('new-view');
    } else if (phase === 'withdraw') {
      rec.step = 'after-accept';
      await pressAndSettle(rec, () => layer.accept.click(), decided);
      checkDecision({ ...result, decision: await consentState(page) }, true, result);
      result.steps.push('after-accept');
      await rec.snapshot('after-accept');
      await newView(rec, url, 'second-view', timeout);
      result.steps.push('second-view');
      await rec.snapshot('second-view');
      rec.step = 'after-withdrawal';
      result.withdrawnVia = await withdraw(rec);
      result.decision = await consentState(page);
      result.steps.push('after-withdrawal');
      await rec.snapshot('after-withdrawal');
      const optional = Object.entries(result.decision?.categories ?? {}).filter(([id, on]) => on && id !== 'session');
      if (!result.decision) result.notes.push('after withdrawing, the page API reports no decision');
      else if (optional.length) result.notes.push(`after withdrawing, still accepted: ${optional.map(([id]) => id).join(', ')}`);
      await newView(rec, url, 'new-view', timeout);
      result.steps.push('new-view');
      await rec.snapshot('new-view');
    }
  } catch (error) {
    result.error = `${phase}: ${String(error?.message ?? error).split('\n')[0]}`;
  } finally {
    rec.mergePlaywrightRequests();
    result.requests = rec.requests;
    result.snapshots = rec.snapshots;
    result.blockedCookies = rec.blockedCookies;
    result.ms = Date.now() - started;
    await context.close().catch(() => {});
    progress?.(result);
  }
  return result;
}
