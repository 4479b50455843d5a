// npm run bench:lighthouse: a judge no one here wrote. Lighthouse 12.2.3 (13 needs Node 22) on the
// benchmark's first-visit pages (bench/page.mjs, served by bench/server.mjs): no manager, the
// floor, our plain and deferred tags, cookieconsent, Klaro, tarteaucitron. Mobile, simulated
// throttling (Lighthouse's defaults), N runs per page, interleaved in a random order each run,
// a fresh Chromium (and profile) per run. Prints the medians and issue 16's checks, and writes
// them to bench/results/lighthouse.md and the samples to lighthouse.json.
//
//   node bench/lighthouse.mjs [--runs 3] [--pages blank,ours] [--out bench/results]
//
// Debian's Chromium only (chrome-launcher is given its path and never downloads a browser;
// puppeteer-core, which Lighthouse uses, downloads nothing either). The browser resolves no
// host name at all, so nothing beyond 127.0.0.1 can be reached.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { VARIANTS } from './page.mjs';
import { startBenchServer, ROOT } from './server.mjs';
import { lighthouseSample, lighthouseSummary, lighthouseTable, lighthouseVerdicts } from './report.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : [])),
);
const RUNS = Number(args.runs ?? 3);
const OUT = args.out ?? join(ROOT, 'bench/results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pages = args.pages ? VARIANTS.filter((v) => args.pages.split(',').includes(v.id)) : VARIANTS;
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
if (!pages.length) throw new Error(`--pages: none of ${args.pages} is a page (${VARIANTS.map((v) => v.id).join(', ')})`);

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  // No host name resolves: the pages are on 127.0.0.1, and nothing else may be contacted.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const LIGHTHOUSE_VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8')).version;

const server = await startBenchServer();
const loadavgAtStart = loadavg().map((l) => Number(l.toFixed(2)));

/** One Lighthouse run of one page in a fresh Chromium: its LHR. */
async function audit(variant) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(
      `${server.origin}/${variant.id}.html`,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableFullPageScreenshot: true },
    );
    if (!result?.lhr) throw new Error(`${variant.id}: Lighthouse returned no result`);
    if (result.lhr.runtimeError) throw new Error(`${variant.id}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

const samples = Object.fromEntries(pages.map((v) => [v.id, []]));
const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).match(/[\d.]+/)?.[0] ?? '?';
for (let run = 0; run < RUNS; run++) {
  const order = [...pages].sort(() => Math.random() - 0.5);
  for (const variant of order) {
    const lhr = await audit(variant);
    samples[variant.id].push(lighthouseSample(lhr));
  }
  process.stderr.write(`lighthouse run ${run + 1}/${RUNS}\n`);
}
await server.close();

const meta = { date: new Date().toISOString(), runs: RUNS, lighthouse: LIGHTHOUSE_VERSION, chromium: chromiumVersion, loadavgAtStart, loadavg: loadavg().map((l) => Number(l.toFixed(2))) };
const summary = lighthouseSummary(pages, samples);
const table = lighthouseTable(summary, meta);
const checks = lighthouseVerdicts(summary);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'lighthouse.md'), `${table}\n${checks.map((c) => `- ${c.ok ? '✅' : '❌'} ${c.text}`).join('\n')}\n`);
writeFileSync(join(OUT, 'lighthouse.json'), `${JSON.stringify({ meta, summary, samples }, null, 2)}\n`);
console.log(table);
for (const c of checks) console.log(`${c.ok ? 'PASS' : 'MISS'} ${c.text}`);
