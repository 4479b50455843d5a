// The audit as a site developer runs it: the CLI as a child process, in Debian's Chromium,
// against the demo server (the demo pages, and fixture pages with one deliberate leak each).
// The page lives on www.asmeronexa.test and the third-party stand-ins on stand-in.analytics.test:
// Chromium maps *.test to 127.0.0.1 through the flag the audit passes on (env or --chromium-arg).
//
// The CLI runs start together in beforeAll (most of an audit is waiting for the network to go
// quiet, so they overlap well on two cores); each test awaits the run it checks.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../demo/server.mjs';

const BIN = fileURLToPath(new URL('../bin/asmeronexa-consent-audit.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const RESOLVE_TEST_HOSTS = '--host-resolver-rules=MAP *.test 127.0.0.1';
const LONG = 480_000; // a run waits for a core on a loaded machine; the runs themselves are bounded by --timeout

/** Runs the CLI; resolves to its exit code, output and (with --json) the report. */
function audit(args, { json, viaEnv = true } = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1' };
    const extra = viaEnv ? [] : [`--chromium-arg=${RESOLVE_TEST_HOSTS}`];
    if (viaEnv) env.ASMERONEXA_AUDIT_CHROMIUM_ARGS = RESOLVE_TEST_HOSTS;
    const child = spawn(process.execPath, [BIN, ...args, ...extra, ...(json ? ['--json', json] : [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', async (code) => {
      let report = null;
      if (json && existsSync(json)) report = JSON.parse(await readFile(json, 'utf8'));
      resolve({ code, stdout, stderr, report });
    });
  });
}

/** A port nothing listens on. */
async function closedPort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

const kinds = (page) => [...new Set(page.findings.map((f) => f.kind))].sort();
const find = (report, path) => report.pages.find((p) => new URL(p.url).pathname === path);

let server;
let dir;
const runs = {};
const site = (path) => `http://www.asmeronexa.test:${server.port}${path}`;

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../dist/consent.js', import.meta.url)))) {
    throw new Error('dist/consent.js is missing: run `npm run build` first (the demo serves the built widget)');
  }
  server = await startServer({ port: 0, extraRoots: { '/audit-fixtures/': FIXTURES } });
  // The reports stay in test-results/audit/ (ignored by git) to look at when a test fails.
  dir = fileURLToPath(new URL('../../test-results/audit/', import.meta.url));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const port = await closedPort();
  // Two runs at a time, two phases each: the machine has two cores.
  runs.clean = audit([site('/'), site('/en/'), site('/audit-fixtures/clean.html'), '--jobs', '2', '--html', join(dir, 'clean.html')], { json: join(dir, 'clean.json') });
  runs.leaks = audit(
    [...['ungated-tracker', 'written-before-consent', 'undeclared-vendor', 'undeclared-host', 'leftover', 'no-widget'].map((name) => site(`/audit-fixtures/${name}.html`)), '--jobs', '2'],
    { json: join(dir, 'leaks.json'), viaEnv: false },
  );
  runs.allowed = runs.leaks.then(() => audit([site('/audit-fixtures/ungated-tracker.html'), '--allow-host', 'stand-in.analytics.test', '--jobs', '2'], { json: join(dir, 'allowed.json') }));
  runs.unloadable = runs.clean.then(() => audit([`http://127.0.0.1:${port}/kurs/1`, site('/audit-fixtures/missing.html'), '--timeout', '10000'], { json: join(dir, 'unloadable.json') }));
});

afterAll(async () => {
  // Let every run finish before the server goes (a failed test may not have awaited its run).
  await Promise.allSettled(Object.values(runs));
  await server?.close();
});

describe('the demo pages and a clean fixture', () => {
  it('come out clean: exit 0, no findings on /, /en/ and the fixture with presets and an embed', async () => {
    const { code, stdout, report } = await runs.clean;
    expect(report.pages.map((p) => ({ path: new URL(p.url).pathname, findings: p.findings, error: p.error }))).toEqual([
      { path: '/', findings: [], error: null },
      { path: '/en/', findings: [], error: null },
      { path: '/audit-fixtures/clean.html', findings: [], error: null },
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('3 pages audited: no findings');
  }, LONG);

  it('really went through the phases: the demo loads its vendors only after “Alle akzeptieren”', async () => {
    const { report } = await runs.clean;
    const demo = find(report, '/');
    const standIn = (phase) => demo.phases[phase].requests.filter((r) => r.host === 'stand-in.analytics.test').map((r) => new URL(r.url).pathname);
    expect(standIn('before')).toEqual([]);
    expect(standIn('reject')).toEqual([]);
    expect(standIn('accept')).toEqual(expect.arrayContaining(['/stand-in/gtag/js', '/stand-in/matomo/matomo.js', '/stand-in/tool/quiz.html']));
    const acceptCookies = demo.phases.accept.snapshots.at(-1).cookies.map((c) => c.name);
    expect(acceptCookies).toEqual(expect.arrayContaining(['asmeronexa_consent', '_ga', '_ga_DEMO123']));
    const ga = demo.phases.accept.snapshots.at(-1).cookies.find((c) => c.name === '_ga');
    expect(ga).toMatchObject({ domain: '.asmeronexa.test', path: '/', setBy: 'script' });
    expect(ga.by).toContain('/stand-in/gtag/js');
    // After withdrawal and a new page view, only the consent cookie is left.
    expect(demo.phases.withdraw.snapshots.at(-1).cookies.map((c) => c.name)).toEqual(['asmeronexa_consent']);
    // The demo footer has a one-click "Einwilligung widerrufen" link ([data-consent-withdraw]); the audit uses it, as a person would.
    expect(demo.phases.withdraw.withdrawnVia).toBe("[data-consent-withdraw]");
    // The config as the audit read it: presets with their hosts, the embed's host for its service.
    const services = Object.fromEntries(demo.config.services.map((s) => [s.id, s]));
    expect(services['google-analytics'].hosts).toEqual(expect.arrayContaining(['*.google-analytics.com', 'stand-in.analytics.test']));
    expect(services.lerntool.hosts).toEqual(['stand-in.analytics.test']);
    expect(services.matomo.cookies).toContain('/^_pk_id/');
    // Both demo pages now expose the normalized config through the page API (the /en/ page loads it from data-config).
    expect([demo.config.source, find(report, '/en/').config.source]).toEqual(['page-api', 'page-api']);
  }, LONG);

  it('writes a self-contained HTML report with a screenshot of the first layer per page', async () => {
    await runs.clean;
    const html = await readFile(join(dir, 'clean.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).not.toMatch(/<(script|link)\b/i);
    expect(html).not.toMatch(/\b(src|href)="(?!data:|#)/);
    expect(html).toContain('no findings');
  }, LONG);
});

describe('fixture pages with one deliberate leak each', () => {
  it('exit 1, and each page gives exactly its finding kinds', async () => {
    const { code, report, stdout } = await runs.leaks;
    expect(Object.fromEntries(report.pages.map((p) => [new URL(p.url).pathname.replace('/audit-fixtures/', ''), kinds(p)]))).toEqual({
      'ungated-tracker.html': ['request-before-consent'],
      'written-before-consent.html': ['cookie-before-consent', 'storage-before-consent'],
      'undeclared-vendor.html': ['leftover-after-withdrawal', 'undeclared-cookie', 'undeclared-storage'],
      'undeclared-host.html': ['undeclared-host'],
      'leftover.html': ['leftover-after-withdrawal'],
      'no-widget.html': ['no-banner'],
    });
    expect(code).toBe(1);
    expect(stdout).toContain('request-before-consent');
  }, LONG);

  it('names the evidence: which request, cookie or key, in which phase, from which script', async () => {
    const { report } = await runs.leaks;
    const tracker = find(report, '/audit-fixtures/ungated-tracker.html').findings;
    expect(tracker.map((f) => f.phase).sort()).toEqual(['before', 'reject']);
    const script = tracker.find((f) => f.phase === 'before');
    expect(script).toMatchObject({ host: 'stand-in.analytics.test', url: expect.stringContaining('/audit-fixtures/vendor/tracker.js'), resourceType: 'script' });
    expect(script.initiator).toMatchObject({ type: 'parser', url: expect.stringContaining('ungated-tracker.html') });
    expect(script.urls).toEqual(expect.arrayContaining([expect.stringContaining('/stand-in/g/collect')]));

    const written = find(report, '/audit-fixtures/written-before-consent.html').findings;
    const cookie = written.find((f) => f.kind === 'cookie-before-consent' && f.phase === 'before');
    expect(cookie.cookie).toMatchObject({ name: 'visitor_id', domain: 'www.asmeronexa.test', path: '/', setBy: 'script' });
    expect(cookie.cookie.by).toContain('/audit-fixtures/vendor/visitor.js');
    const key = written.find((f) => f.kind === 'storage-before-consent' && f.phase === 'before');
    expect(key.storage).toMatchObject({ store: 'localStorage', key: 'visitor_seen' });

    const vendor = find(report, '/audit-fixtures/undeclared-vendor.html').findings;
    expect(vendor.find((f) => f.kind === 'undeclared-cookie')).toMatchObject({ phase: 'accept', cookie: { name: 'chat_uid' } });
    expect(vendor.find((f) => f.kind === 'undeclared-storage')).toMatchObject({ phase: 'accept', storage: { key: 'chat_history' } });
    // The declared chat_session is neither undeclared nor left over: the widget deleted it.
    expect(vendor.filter((f) => f.cookie?.name === 'chat_session')).toEqual([]);

    const [host] = find(report, '/audit-fixtures/undeclared-host.html').findings;
    expect(host).toMatchObject({ phase: 'accept', host: 'player-stats.video.test', resourceType: 'image' });
    expect(host.initiator.url).toContain('/audit-fixtures/vendor/player.html'); // inside the embed's frame

    const [left] = find(report, '/audit-fixtures/leftover.html').findings;
    expect(left).toMatchObject({ phase: 'withdraw', cookie: { name: 'bm_state', path: '/audit-fixtures/kapitel/' }, services: ['lesezeichen'] });

    const [none] = find(report, '/audit-fixtures/no-widget.html').findings;
    expect(none).toMatchObject({ kind: 'no-banner', phase: 'before' });
  }, LONG);

  it('--allow-host turns a reviewed host into no finding', async () => {
    const { code, report } = await runs.allowed;
    expect(report.pages[0].findings).toEqual([]);
    expect(report.allowHosts).toEqual(['stand-in.analytics.test']);
    expect(code).toBe(0);
  }, LONG);
});

describe('pages that cannot be audited, and usage errors', () => {
  it('exit 2 for an unreachable URL and for HTTP ≥ 400', async () => {
    const { code, report, stdout } = await runs.unloadable;
    expect(code).toBe(2);
    expect(report.pages[0].error).toMatch(/could not load/);
    expect(report.pages[1].error).toMatch(/HTTP 404/);
    expect(stdout).toContain('could not be audited');
  }, LONG);

  it('exit 2 with the usage for no URL, an unknown option or a bad value', async () => {
    for (const args of [[], ['--bogus', 'http://x.test/'], ['http://x.test/', '--timeout', 'soon'], ['ftp://x.test/']]) {
      const { code, stderr } = await audit(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage: asmeronexa-consent-audit');
    }
  });
});
