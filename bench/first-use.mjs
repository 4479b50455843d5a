// npm run bench:first-use — what a page pays the first time it uses a browser feature that a
// consent manager needs on a returning visit, with no consent manager at all: a blank page that
// times each step once, in Debian's Chromium with CPU throttling (4× by default), median of N
// fresh pages. The later uses of the same feature cost next to nothing; the first one is what a
// returning visit pays. It puts a floor under "the widget's own main-thread time".
//
//   node bench/first-use.mjs [--runs 15] [--throttle 4] [--json]

import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]?.startsWith('--') ? '' : all[i + 1]]] : [])),
);
const RUNS = Number(args.runs ?? 15);
const THROTTLE = Number(args.throttle ?? 4);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Each step once, in this order, on one fresh page; `again` repeats a step to show its second use. */
const STEPS = [
  ['read document.cookie', 'document.cookie'],
  ['read document.cookie again', 'document.cookie'],
  ['first regular expression', "/^[A-Za-z0-9-]{8,64}$/.test('abcdefgh-1234')"],
  ['a second regular expression', "/^-?\\d{1,15}$/.test('12')"],
  ['first Date formatting', 'new Date(1700000000000).toISOString()'],
  ['first URL resolution', "new URL('.', location.href).href"],
  ['BroadcastChannel', "new BroadcastChannel('first-use')"],
  ['MutationObserver on the document', 'new MutationObserver(() => {}).observe(document.documentElement, { childList: true, subtree: true })'],
  ['shadow root with a stylesheet', "(() => { const host = document.createElement('div'); const root = host.attachShadow({ mode: 'open' }); const sheet = new CSSStyleSheet(); sheet.replaceSync('b{color:red}'); root.adoptedStyleSheets = [sheet]; document.documentElement.append(host); })()"],
  // The tab's flags (minor, saved) live in sessionStorage; the receipt outbox in localStorage.
  ['read sessionStorage', "sessionStorage.getItem('asmeronexa-consent:tab')"],
  ['read localStorage', "localStorage.getItem('asmeronexa-consent:outbox')"],
  ['JSON.stringify', "JSON.stringify({ a: [1, 2, { b: 'c' }] })"],
  // Intl's first use loads ICU data: the widget writes durations, country names, plural forms
  // and dates from its locales instead (later Intl uses share that load: one step says it).
  ['first Intl use: a date in words', "new Date(1764640000000).toLocaleString('de-DE', { dateStyle: 'long', timeStyle: 'short' })"],
  // What activating a consented script costs the browser: the fetch starts on insertion.
  ['insert an external script', "(() => { const s = document.createElement('script'); s.src = '/gated-1.js'; document.head.append(s); })()"],
  ['insert a second external script', "(() => { const s = document.createElement('script'); s.src = '/gated-2.js'; document.head.append(s); })()"],
];

const page = `<!doctype html><meta charset="utf-8"><title>first use</title><script>
const took = [];
${STEPS.map(([, code]) => `{ const t = performance.now(); ${code}; took.push(performance.now() - t); }`).join('\n')}
window.__took = took;
</script>`;

const server = createServer((request, response) => {
  if (request.url.endsWith('.js')) return response.writeHead(200, { 'content-type': 'text/javascript' }).end('');
  // A cookie like a returning learner's, so that reading document.cookie has something to read.
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'set-cookie': 'asmeronexa_consent=1|abcdefgh|1|t0|analytics||x; Path=/; SameSite=Lax' });
  response.end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });

const chromiumVersion = browser.version();
const samples = STEPS.map(() => []);
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    // The first page sets the cookie; the measured one is the next page of the same visitor.
    const first = await context.newPage();
    await first.goto(url);
    await first.close();
    const measured = await context.newPage();
    const cdp = await context.newCDPSession(measured);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await measured.goto(url);
    const took = await measured.evaluate(() => window.__took);
    took.forEach((ms, i) => samples[i].push(ms));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = STEPS.map(([name], i) => ({ name, medianMs: median(samples[i]), minMs: Math.min(...samples[i]), maxMs: Math.max(...samples[i]) }));
if ('json' in args) console.log(JSON.stringify({ runs: RUNS, throttle: THROTTLE, chromium: chromiumVersion, rows }, null, 2));
else {
  console.log(`First use of a browser feature on a blank page: medians (min–max) of ${RUNS} runs, ${THROTTLE}× CPU throttling, Chromium ${chromiumVersion}.\n`);
  console.log('| step | ms |\n|---|---:|');
  for (const row of rows) console.log(`| ${row.name} | ${row.medianMs.toFixed(1)} (${row.minMs.toFixed(1)}–${row.maxMs.toFixed(1)}) |`);
  console.log('\nChromium rounds performance.now() to 0.1 ms here.');
}
