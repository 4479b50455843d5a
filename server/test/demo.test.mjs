// The demo server (npm run demo) with the receipt server mounted in it, and its file serving.

import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../demo/server.mjs';
import { encodeChoice, receipt } from './helpers.mjs';

function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('demo server', () => {
  let server;
  let dir;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asmeronexa-demo-test-'));
    mkdirSync(join(dir, 'pages'));
    mkdirSync(join(dir, 'pages-secret'));
    writeFileSync(join(dir, 'pages', 'ok.txt'), 'public');
    writeFileSync(join(dir, 'pages-secret', 'secret.txt'), 'SECRET');
    server = await startServer({ port: 0, extraRoots: { '/fixture/': join(dir, 'pages') }, adminToken: 'demo-test-token' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a mounted folder, but not a sibling folder whose name starts the same', async () => {
    expect((await request(`${server.url}fixture/ok.txt`)).body).toBe('public');
    for (const path of ['fixture/..%2Fpages-secret/secret.txt', 'fixture/%2E%2E%2Fpages-secret%2Fsecret.txt']) {
      const res = await request(`${server.url}${path}`);
      expect(res.body, path).not.toContain('SECRET');
      expect(res.status, path).toBe(403);
    }
  });

  it('stores receipts in the mounted receipt server and mirrors them in `receipts`', async () => {
    const r = receipt();
    const value = encodeChoice({ id: r.consentId, revision: 1, decidedAt: Date.now(), categories: [], services: [] });
    const before = server.receipts.length;
    const res = await request(`${server.url}api/consent-receipts`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', cookie: `asmeronexa_consent=${value}` },
      body: JSON.stringify(r),
    });
    expect(res.status).toBe(204);
    expect(res.headers['set-cookie']).toEqual([`asmeronexa_consent=${value}; Max-Age=15724800; Path=/; SameSite=Lax`]);
    expect(server.receipts.slice(before)).toEqual([{ serverTime: expect.any(String), ...r }]);

    expect((await request(`${server.url}api/consent-receipts?consentId=${r.consentId}`)).status).toBe(401);
    const stored = await request(`${server.url}api/consent-receipts?consentId=${r.consentId}`, { headers: { authorization: 'Bearer demo-test-token' } });
    expect(JSON.parse(stored.body)).toHaveLength(1);
    const admin = await request(`${server.url}admin?consentId=${r.consentId}`, { headers: { authorization: 'Bearer demo-test-token' } });
    expect(admin.status).toBe(200);
    expect(admin.body).toContain(r.eventId);
    expect((await request(`${server.url}admin`)).status).toBe(401);
  });
});
