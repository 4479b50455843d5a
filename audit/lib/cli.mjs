// asmeronexa-consent-audit URL... [--json file] [--html file] [--allow-host host]... [--timeout ms]
//                               [--chromium-arg ARG]...
// Exit status (contract §10): 0 no findings, 1 findings, 2 usage error or a page not loadable.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { auditConfig, configSummary } from './config.mjs';
import { judge } from './judge.mjs';
import { renderHtml } from './html.mjs';
import { colours, summary } from './summary.mjs';

const VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export const USAGE = `Usage: asmeronexa-consent-audit URL... [options]

Opens each page in a fresh headless Chromium profile per phase (before, reject, accept,
withdraw), presses the consent widget's buttons as a person would, and checks every request,
cookie and storage key against the widget's own config.

Options:
  --json FILE          write the JSON report (contract §10, plus requests, cookies, storage, config)
  --html FILE          write a self-contained HTML report for the data-protection officer
  --allow-host HOST    a reviewed exception: requests to HOST (or *.HOST) are never a finding (repeatable)
  --timeout MS         page load and wait limit (default 30000)
  --jobs N             phases (fresh profiles) run side by side, 1–16 (default 4; 1 for the slowest, calmest run)
  --ignore-https-errors  accept a staging site's self-signed certificate
  --chromium-arg ARG   one more Chromium flag, e.g. --chromium-arg=--host-resolver-rules="MAP *.test 127.0.0.1"
  -h, --help           this text

Environment: CHROMIUM_PATH (default /usr/bin/chromium), ASMERONEXA_AUDIT_CHROMIUM_ARGS (more flags),
NO_COLOR. Exit status: 0 no findings, 1 findings, 2 usage error or a page that could not be loaded.`;

class UsageError extends Error {}

export function parseArgs(argv) {
  const opts = { urls: [], json: null, html: null, allowHosts: [], timeout: 30_000, chromiumArgs: [], jobs: 4, ignoreHttpsErrors: false, help: false };
  const takesValue = new Set(['--json', '--html', '--allow-host', '--timeout', '--chromium-arg', '--jobs']);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg === '-h' || arg === '--help') {
      opts.help = true;
      continue;
    }
    if (arg === '--ignore-https-errors') {
      opts.ignoreHttpsErrors = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
      if (!takesValue.has(arg)) throw new UsageError(`unknown option ${arg}`);
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
        value = argv[++i];
      }
      if (arg === '--json') opts.json = value;
      else if (arg === '--html') opts.html = value;
      else if (arg === '--allow-host') {
        if (!/^(\*\.|\.)?[a-z0-9.-]+$/i.test(value)) throw new UsageError(`--allow-host wants a host name like cdn.example.de or *.example.de, got ${JSON.stringify(value)}`);
        opts.allowHosts.push(value.toLowerCase());
      } else if (arg === '--timeout') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1000 || n > 600_000) throw new UsageError(`--timeout wants milliseconds between 1000 and 600000, got ${JSON.stringify(value)}`);
        opts.timeout = n;
      } else if (arg === '--jobs') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError(`--jobs wants a whole number from 1 to 16, got ${JSON.stringify(value)}`);
        opts.jobs = n;
      } else if (arg === '--chromium-arg') opts.chromiumArgs.push(value);
      continue;
    }
    let url;
    try {
      url = new URL(arg);
    } catch {
      throw new UsageError(`not a URL: ${JSON.stringify(arg)} (write it with http:// or https://)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`only http(s) pages can be audited, got ${url.protocol}`);
    opts.urls.push(url.href);
  }
  if (!opts.help && opts.urls.length === 0) throw new UsageError('no URL given');
  return opts;
}

/** Runs `work` over `items`, at most `limit` at once, keeping the order of the results. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Audits one URL: the four phases (each its own fresh profile, so they may run side by side), then the judgement. */
async function auditPage(browser, url, opts, say) {
  const { PHASES, runPhase } = await import('./phases.mjs');
  const page = { url, finalUrl: url, error: null, findings: [], phases: {} };
  const results = await pool(PHASES, opts.jobs, async (phase) => {
    const result = await runPhase(browser, url, phase, { timeout: opts.timeout, wantScreenshot: !!opts.html, ignoreHttpsErrors: opts.ignoreHttpsErrors });
    const cookies = new Set(result.snapshots.flatMap((s) => s.cookies.map((c) => c.name))).size;
    const keys = new Set(result.snapshots.flatMap((s) => s.storage.map((x) => x.key))).size;
    say(`  ${phase.padEnd(8)} ${result.error ? `error: ${result.error}` : `${result.steps.join(' → ')}: ${result.requests.length} requests, ${cookies} cookies, ${keys} storage keys${result.skipped ? ' (skipped: no banner)' : ''}`} (${(result.ms / 1000).toFixed(1)} s)`);
    return result;
  });
  const before = results[0];
  if (before.unloadable) {
    page.error = before.error;
    page.phases.before = before;
    return page;
  }
  PHASES.forEach((phase, i) => {
    // No banner: there was nothing to press in the other phases.
    if (phase !== 'before' && !before.banner) return;
    page.phases[phase] = results[i];
    if (results[i].error) page.error = page.error ?? results[i].error;
  });
  page.finalUrl = before.finalUrl ?? url;
  page.status = before.status;
  page.config = auditConfig(before.read, page.finalUrl);
  // Markup seen in later phases (added by the page after a while) belongs to the config view too.
  for (const phase of ['reject', 'accept', 'withdraw']) {
    for (const m of page.phases[phase]?.read?.markup ?? []) {
      if (!page.config.markup.some((x) => x.src === m.src && x.service === (m.service ?? null))) {
        const extra = auditConfig({ source: page.config.source, markup: [m] }, page.finalUrl).markup[0];
        if (extra) {
          page.config.markup.push(extra);
          page.config.services.find((s) => s.id === m.service)?.hosts.add(extra.host);
        }
      }
    }
  }
  page.findings = judge(page, { allowHosts: opts.allowHosts });
  return page;
}

/** A plain-JSON version of a page for --json (and the HTML report). */
export function pageReport(page) {
  const phases = {};
  for (const [name, p] of Object.entries(page.phases)) {
    phases[name] = {
      steps: p.steps,
      banner: p.banner,
      decision: p.decision,
      withdrawnVia: p.withdrawnVia ?? undefined,
      skipped: p.skipped ?? false,
      notes: p.notes,
      error: p.error,
      durationMs: p.ms,
      requests: p.requests,
      snapshots: p.snapshots,
      blockedCookies: p.blockedCookies ?? [],
    };
  }
  return {
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status ?? null,
    error: page.error,
    findings: page.findings,
    config: page.config ? configSummary(page.config) : null,
    phases,
  };
}

export async function main(argv, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asmeronexa-consent-audit: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const c = colours(!!stdout.isTTY && !env.NO_COLOR);
  const e = colours(!!stderr.isTTY && !env.NO_COLOR);
  const say = (line) => stderr.write(`${e.dim(line)}\n`);
  // playwright-core is loaded only now: a usage error answers at once.
  const { launchBrowser, splitArgs } = await import('./browser.mjs');
  let browser;
  try {
    browser = await launchBrowser({
      executablePath: env.CHROMIUM_PATH || '/usr/bin/chromium',
      extraArgs: [...splitArgs(env.ASMERONEXA_AUDIT_CHROMIUM_ARGS), ...opts.chromiumArgs],
    });
  } catch (error) {
    stderr.write(`asmeronexa-consent-audit: ${error.message}\n`);
    return 2;
  }
  const startedAt = new Date().toISOString();
  const pages = [];
  try {
    for (const [i, url] of opts.urls.entries()) {
      stderr.write(`${e.bold(`[${i + 1}/${opts.urls.length}] ${url}`)}\n`);
      pages.push(await auditPage(browser, url, opts, say));
    }
  } finally {
    await browser.close().catch(() => {});
  }
  const report = {
    tool: 'asmeronexa-consent-audit',
    version: VERSION,
    startedAt,
    finishedAt: new Date().toISOString(),
    allowHosts: opts.allowHosts,
    pages: pages.map(pageReport),
  };
  if (opts.json) {
    await mkdir(dirname(resolve(opts.json)), { recursive: true });
    await writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (opts.html) {
    await mkdir(dirname(resolve(opts.html)), { recursive: true });
    await writeFile(opts.html, renderHtml(report, Object.fromEntries(pages.map((p) => [p.url, p.phases.before?.screenshot ?? null]))));
  }
  stdout.write(summary(report, c));
  if (pages.some((p) => p.error)) return 2;
  return pages.some((p) => p.findings.length) ? 1 : 0;
}
