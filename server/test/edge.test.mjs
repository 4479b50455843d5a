// Edges that need no particular database: a store that fails, a chunked body over the limit,
// the handler mounted in a plain node:http server, the cookie parser on hostile input.

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, createReceiptHandler, consentIdFromCookie } from '../index.mjs';
import { encodeChoice, openTempSqlite, receipt } from './helpers.mjs';

const json = { 'content-type': 'application/json; charset=utf-8' };

it('503 with Retry-After when the store fails, and no Set-Cookie: the widget sends it again', async () => {
  const r = receipt();
  const app = buildServer({ store: { add: async () => Promise.reject(new Error('disk full')), close: async () => {} } });
  const cookie = `asmeronexa_consent=${encodeChoice({ id: r.consentId, revision: 1, decidedAt: Date.now(), categories: [], services: [] })}`;
  const res = await app.inject({ method: 'POST', url: '/api/consent-receipts', headers: { ...json, cookie }, payload: JSON.stringify(r) });
  expect(res.statusCode).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.headers['set-cookie']).toBeUndefined();
  expect(res.json().error).toMatch(/send it again/);
  await app.close();
});

describe('createReceiptHandler in a plain node:http server', () => {
  let db;
  let server;
  let base;
  beforeAll(async () => {
    db = await openTempSqlite();
    const receipts = createReceiptHandler({ store: db.store, cookieName: 'c', cookieDays: 1 });
    server = http.createServer((req, res) => {
      if (receipts.handles(req)) return receipts(req, res);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('the platform');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${server.address().port}`;
    server.on('close', () => receipts.close());
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.cleanup();
  });

  const send = (path, { method = 'POST', headers = json, chunks = [] } = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });

  it('answers its paths and leaves the others to the platform', async () => {
    const r = receipt();
    const value = encodeChoice({ id: r.consentId, revision: 2, decidedAt: Date.now(), categories: ['analytics'], services: [] });
    const stored = await send('/api/consent-receipts', { headers: { ...json, cookie: `c=${value}` }, chunks: [JSON.stringify(r)] });
    expect(stored.status).toBe(204);
    expect(stored.headers['set-cookie']).toEqual([`c=${value}; Max-Age=86400; Path=/; SameSite=Lax`]);
    expect((await send('/api/consent-receipts', { method: 'DELETE', chunks: [] })).status).toBe(405);
    expect((await send('/admin', { method: 'GET' })).status).toBe(401);
    expect((await send('/api/consent-receipts/', { method: 'GET' })).body).toBe('the platform');
    expect((await send('/kurse', { method: 'GET' })).body).toBe('the platform');
    expect(await db.store.count()).toBe(1);
  });

  it('413 for a chunked body (no Content-Length) over 16 KiB', async () => {
    const res = await send('/api/consent-receipts', { headers: { ...json, 'transfer-encoding': 'chunked' }, chunks: Array.from({ length: 20 }, () => 'x'.repeat(1024)) });
    expect(res.status).toBe(413);
  });
});

describe('reading the consent cookie', () => {
  const good = encodeChoice({ id: 'abcdefgh-1234', revision: 3, decidedAt: Date.parse('2026-12-01T00:00:00Z'), categories: ['analytics', 'functional'], services: ['ga'] });
  it('finds the id in what the widget writes, also %-escaped or quoted', () => {
    expect(consentIdFromCookie(good)).toBe('abcdefgh-1234');
    expect(consentIdFromCookie(good.replaceAll('|', '%7C'))).toBe('abcdefgh-1234');
    expect(consentIdFromCookie(`"${good}"`)).toBe('abcdefgh-1234');
  });
  it.each([
    ['empty', ''],
    ['truncated', good.slice(0, -1)],
    ['another format', good.replace(/^1\|/, '2|')],
    ['an edited id', good.replace('abcdefgh-1234', 'abcdefgh-1235')],
    ['a bad escape', good.replace('|', '%E0%A4%A')],
    ['a header injection', `${good}\r\nSet-Cookie: x=1`],
    ['a semicolon', `${good};x`],
    ['too long', `${good}${'a'.repeat(5000)}`],
    ['not a string', 42],
  ])('null for %s', (_what, value) => {
    expect(consentIdFromCookie(value)).toBeNull();
  });
});
