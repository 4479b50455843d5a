// The server as a process: the command line, 500 concurrent posts over real HTTP, and kill -9
// during load losing no receipt that was answered 204.

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { backends, receipt, storeAt, TOKEN } from './helpers.mjs';

const BIN = fileURLToPath(new URL('../bin/asmeronexa-consent-server.mjs', import.meta.url));
const children = new Set();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

function start(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

// A keep-alive agent, as a browser reuses its connection; no proxy from the environment.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const postReceipt = (url, r) => request(`${url}/api/consent-receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });

describe('command line', () => {
  const run = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });

  it.each([
    [['--port', '8787'], /--db is required/],
    [['--db', 'x.sqlite', '--port', 'eighty'], /--port must be a whole number/],
    [['--db', 'x.sqlite', '--cookie-days', '0'], /--cookie-days must be a whole number from 1/],
    [['--db', 'x.sqlite', '--cookie-name', 'bad name'], /--cookie-name "bad name" is not a valid cookie name/],
    [['--db', 'x.sqlite', '--retention-days', '-3'], /retention-days/],
    [['--db', 'x.sqlite', '--colour', 'blue'], /Unknown option '--colour'/],
    [['--db', 'x.sqlite', 'extra'], /positional/i],
  ])('%j: a clear usage error, exit 2', (args, message) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: asmeronexa-consent-server');
  });

  it('--help prints the usage and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--retention-days N');
  });

  it('takes the admin token from ASMERONEXA_ADMIN_TOKEN', async () => {
    const { url } = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, '--db', ':memory:', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASMERONEXA_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn' } });
      children.add(child);
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve({ url: match[1] });
      });
      child.on('exit', reject);
    });
    expect((await request(`${url}/api/consent-receipts?consentId=abcdefgh1`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await request(`${url}/api/consent-receipts?consentId=abcdefgh1`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});

for (const backend of backends()) {
  describe.skipIf(!backend.enabled)(`the server process on ${backend.name}`, () => {
    it('500 concurrent posts: all answered 204, all stored', async () => {
      const db = await backend.open();
      try {
        const { url } = await start(['--db', db.db, '--port', '0', '--admin-token', TOKEN]);
        const consentId = `many-${Date.now()}`;
        const all = Array.from({ length: 500 }, () => receipt({ consentId }));
        const answers = await Promise.all(all.map((r) => postReceipt(url, r)));
        expect(answers.map((a) => a.status)).toEqual(all.map(() => 204));
        const stored = JSON.parse((await request(`${url}/api/consent-receipts?consentId=${consentId}`, { headers: { authorization: `Bearer ${TOKEN}` } })).body);
        expect(stored).toHaveLength(500);
        expect(new Set(stored.map((r) => r.eventId))).toEqual(new Set(all.map((r) => r.eventId)));
        // Several commits shared a transaction, or the run was too slow to overlap at all.
        expect(await db.store.count()).toBeGreaterThanOrEqual(500);
      } finally {
        await db.cleanup();
      }
    });

    it('--retention-days purges at start what is older', async () => {
      const db = await backend.open();
      try {
        const old = receipt();
        const young = receipt();
        await storeAt(db.store, old, new Date(Date.now() - 40 * 86_400_000).toISOString());
        await storeAt(db.store, young, new Date(Date.now() - 20 * 86_400_000).toISOString());
        const { url } = await start(['--db', db.db, '--port', '0', '--admin-token', TOKEN, '--retention-days', '30']);
        const ask = async (r) => JSON.parse((await request(`${url}/api/consent-receipts?consentId=${r.consentId}`, { headers: { authorization: `Bearer ${TOKEN}` } })).body);
        await expect.poll(async () => (await ask(old)).length, { timeout: 5000 }).toBe(0);
        expect(await ask(young)).toHaveLength(1);
      } finally {
        await db.cleanup();
      }
    });

    it('kill -9 during load loses no receipt answered 204', async () => {
      const db = await backend.open();
      try {
        const { child, url } = await start(['--db', db.db, '--port', '0']);
        const acknowledged = [];
        let stop = false;
        let failures = 0;
        const worker = async () => {
          while (!stop) {
            const r = receipt();
            try {
              const res = await postReceipt(url, r);
              if (res.status === 204) acknowledged.push(r.eventId);
            } catch {
              failures++;
              return; // the server is gone
            }
          }
        };
        const workers = Array.from({ length: 20 }, worker);
        // Bounded: kill once enough were acknowledged, or after 8 s at the latest.
        const deadline = Date.now() + 8000;
        while (acknowledged.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        stop = true;
        await Promise.all(workers);
        expect(acknowledged.length).toBeGreaterThan(50);
        expect(failures).toBeGreaterThan(0); // requests were in flight when it died

        const store = await db.reopen();
        const stored = new Set();
        for await (const record of store.iterate()) stored.add(JSON.parse(record.body).eventId);
        await store.close();
        const lost = acknowledged.filter((id) => !stored.has(id));
        expect(lost).toEqual([]);
      } finally {
        await db.cleanup();
      }
    });
  });
}
