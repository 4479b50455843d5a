// npm run bench: the same learning page with our widget (a plain tag and a deferred one), with
// vanilla-cookieconsent 3.1.0, Klaro 0.7.22 and tarteaucitron 1.34.0, with the floor (a
// hand-written 40-line gate, a reference) and with no consent manager at all, loaded in Debian's
// Chromium with 4× CPU throttling, interleaved, N runs each. Prints a markdown table of medians
// (min–max), our ratios to the floor and the peers, and the checks; writes them, the raw
// samples and a bar chart to bench/results/.
//
//   node bench/run.mjs [--runs 15] [--out bench/results] [--throttle 4] [--warmup 1] [--only blank,ours]
//   node bench/run.mjs --serve     (only serve the pages, to look at them)

import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { VARIANTS, LONG_PAGE_LESSONS } from './page.mjs';
import { startBenchServer, ROOT } from './server.mjs';
import { summarize, markdownTable, ratiosTable, barChartSvg, verdicts } from './report.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : [])),
);
const RUNS = Number(args.runs ?? 15);
const THROTTLE = Number(args.throttle ?? 4);
const WARMUP = Number(args.warmup ?? 1);
const OUT = args.out ?? join(ROOT, 'bench/results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);

const server = await startBenchServer();
const { origin } = server;
if ('serve' in args) {
  // To look at the pages by hand: node bench/run.mjs --serve
  console.log(VARIANTS.map((v) => `${origin}/${v.id}.html`).join('\n'));
  await new Promise(() => {});
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** A fresh page with CPU throttling and the DevTools performance metrics switched on. */
async function throttledPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await cdp.send('Performance.enable');
  const scriptMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return 1000 * (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0);
  };
  /**
   * Samples the JS call stacks (DevTools CPU profiler) until `stop` resolves it: the time spent in
   * the consent manager's own functions (leaf frames from its files; browser internals such as
   * inserting a script element or reading document.cookie show up as their own frames).
   */
  const profileOwnCode = async (urlPart) => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    return async () => {
      const { profile } = await cdp.send('Profiler.stop');
      const own = new Set(profile.nodes.filter((n) => n.callFrame.url.includes(urlPart)).map((n) => n.id));
      let micros = 0;
      profile.samples.forEach((id, i) => {
        if (own.has(id)) micros += profile.timeDeltas[i] ?? 0;
      });
      return micros / 1000;
    };
  };
  return { page, scriptMs, profileOwnCode };
}

// In the page, before anything else: sum layout shifts, and on every frame look for the element
// that counts as "shown" (the accept button; the heading on the blank page), recording when it
// first has a size and is visible. rAF runs just before paint, so this is the frame it appears in.
const WATCH = (find) => `
  window.__cls = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  window.__find = ${find};
  // When the gated analytics script is put into the document (every manager inserts a new
  // script element): the DOM insertion methods, wrapped to note the time.
  for (const [proto, names] of [[Node.prototype, ['appendChild', 'insertBefore', 'replaceChild']], [Element.prototype, ['replaceWith', 'after', 'before', 'append', 'prepend']]]) {
    for (const name of names) {
      const original = proto[name];
      proto[name] = function (...nodes) {
        const result = original.apply(this, nodes);
        if (window.__gatedLiveAt === undefined && nodes.some((n) => n instanceof HTMLScriptElement && n.src.endsWith('/vendor/stats.js') && n.isConnected)) {
          window.__gatedLiveAt = performance.now();
          window.__gatedLiveFrame = window.__frames;
        }
        return result;
      };
    }
  }
  const look = () => {
    const el = window.__find();
    if (el && el.getBoundingClientRect().width > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      window.__shownAt = performance.now();
    } else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  // Frames rendered so far: how many frame boundaries lie between a click and what follows it.
  window.__frames = 0;
  const count = () => { window.__frames++; requestAnimationFrame(count); };
  requestAnimationFrame(count);`;

/** Waits until both gated stand-ins (analytics and functional) have run: a returning visit's work is done. */
const bothGatedRan = (page, timeout) =>
  page.waitForFunction(() => window.__gated?.stats !== undefined && window.__gated?.tools !== undefined, null, { timeout });

/**
 * The same visit on a long page (returning, for the managers): the script time of the whole page,
 * no profiler. A manager that watches the document pays for every element the parser adds.
 */
async function longPage(context, variant) {
  const { page, scriptMs } = await throttledPage(context);
  await page.goto(`${origin}/${variant.id}.html?lessons=${LONG_PAGE_LESSONS}`, { waitUntil: 'load' });
  if (variant.id !== 'blank') {
    await bothGatedRan(page, 30_000).catch((error) => {
      throw new Error(`${variant.id}: the gated scripts did not both run on the long page (${error.message})`);
    });
  }
  await page.waitForLoadState('networkidle');
  const longScriptMs = await scriptMs();
  await page.close();
  return { longScriptMs };
}

/** The returning visit: the same context (the cookie from the accept), a new page; nothing to show, the gated scripts run. */
async function returningVisit(context, variant) {
  const again = await throttledPage(context);
  server.resetBytes();
  const stopProfile = variant.own ? await again.profileOwnCode(variant.own) : null;
  await again.page.goto(`${origin}/${variant.id}.html`, { waitUntil: 'load' });
  if (variant.id !== 'blank') {
    await bothGatedRan(again.page, 30_000).catch((error) => {
      throw new Error(`${variant.id}: the gated scripts did not both run on the returning visit (${error.message})`);
    });
  }
  await again.page.waitForLoadState('networkidle');
  const sample = {};
  if (stopProfile) sample.returnOwnScriptMs = await stopProfile();
  sample.returnScriptMs = await again.scriptMs();
  if (variant.id !== 'blank') sample.returnBytes = server.managerBytes;
  // Shown again (some managers keep the banner in the DOM, hidden): what the first visit waits for.
  const bannerAgain = await again.page.evaluate(`((el) => Boolean(el && el.getBoundingClientRect().width > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })))((${variant.find})())`);
  if (bannerAgain && variant.id !== 'blank') throw new Error(`${variant.id}: the banner came back on the returning visit`);
  await again.page.close();
  return sample;
}

async function measure(variant) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  try {
    // First visit.
    const first = await throttledPage(context);
    await first.page.addInitScript(WATCH(variant.find));
    server.resetBytes();
    await first.page.goto(`${origin}/${variant.id}.html`, { waitUntil: 'load' });
    await first.page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 }).catch((error) => {
      throw new Error(`${variant.id}: nothing to accept appeared (${error.message})`);
    });
    await first.page.waitForLoadState('networkidle');
    const sample = {
      shownMs: await first.page.evaluate(() => window.__shownAt),
      firstScriptMs: await first.scriptMs(),
      firstBytes: server.managerBytes,
      cls: await first.page.evaluate(() => window.__cls),
    };
    if (variant.id === 'blank') {
      // The blank page's second visit too: every variant's returning script time is net of it.
      await first.page.close();
      return Object.assign(sample, await returningVisit(context, variant), await longPage(context, variant));
    }

    // A manager whose button shows before it answers a click says when it does (`ready`).
    if (variant.ready) await first.page.waitForFunction(variant.ready, null, { timeout: 30_000 });
    // Accept all: from the click to the request of the first gated script (and to its running).
    await first.page.evaluate(() => {
      window.__clickAt = performance.now();
      window.__clickFrame = window.__frames;
      window.__find().click();
    });
    await first.page.waitForFunction(() => window.__gated?.stats !== undefined, null, { timeout: 30_000 }).catch((error) => {
      throw new Error(`${variant.id}: the gated script did not run after the accept (${error.message})`);
    });
    Object.assign(
      sample,
      await first.page.evaluate(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/vendor/stats.js'));
        return {
          gatedLiveMs: window.__gatedLiveAt - window.__clickAt,
          gatedFrames: window.__gatedLiveFrame - window.__clickFrame,
          gatedRequestMs: entry.startTime - window.__clickAt,
          gatedRunMs: window.__gated.stats - window.__clickAt,
        };
      }),
    );
    sample.clsAfterAccept = await first.page.evaluate(() => window.__cls);
    await first.page.close();
    return Object.assign(sample, await returningVisit(context, variant), await longPage(context, variant));
  } finally {
    await context.close();
  }
}

// --only blank,ours: a subset of the pages, to look into one of them quickly.
const MEASURED = args.only ? VARIANTS.filter((v) => args.only.split(',').includes(v.id)) : VARIANTS;
const loadavgAtStart = loadavg().map((l) => Number(l.toFixed(2)));
// Warm-up (not counted): the first launch of each page pays for disk caches and JIT start-up.
for (let round = 0; round < WARMUP; round++) for (const variant of MEASURED) await measure(variant);

const samples = Object.fromEntries(MEASURED.map((v) => [v.id, []]));
/** The 1-minute load average after each run: the machine is shared, so the table says how busy it was. */
const loadPerRun = [];
for (let run = 0; run < RUNS; run++) {
  // Interleaved, in a different order each run, so drift (thermal, other load) hits all alike.
  const order = [...MEASURED].sort(() => Math.random() - 0.5);
  for (const variant of order) samples[variant.id].push(await measure(variant));
  loadPerRun.push(Number(loadavg()[0].toFixed(2)));
  process.stderr.write(`run ${run + 1}/${RUNS} (load average ${loadPerRun.at(-1)})\n`);
}
const meta = { date: new Date().toISOString(), runs: RUNS, throttle: THROTTLE, chromium: browser.version(), loadavg: loadavg().map((l) => Number(l.toFixed(2))), loadavgAtStart, loadPerRun };
await browser.close();
await server.close();

const summary = summarize(MEASURED, samples);
const table = markdownTable(summary, meta);
const ratios = ratiosTable(summary);
const checks = verdicts(summary);
const checkLines = checks.map((c) => `- ${c.ok ? '✅' : '❌'} ${c.text}`).join('\n');
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'latest.md'), `${table}\n${ratios}\n${checkLines}\n`);
writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify({ meta, summary, samples }, null, 2)}\n`);
writeFileSync(join(OUT, 'chart.svg'), barChartSvg(summary, meta));
console.log(table);
console.log(ratios);
for (const c of checks) console.log(`${c.ok ? 'PASS' : 'MISS'} ${c.text}`);
