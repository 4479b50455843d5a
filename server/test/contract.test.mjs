// Contract §9 of the receipt server, answer by answer, on SQLite and on PostgreSQL.

import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildServer, purgeOlderThan } from '../index.mjs';
import { backends, encodeChoice, receipt, serverOn, TOKEN } from './helpers.mjs';

const URL_ = '/api/consent-receipts';
const json = { 'content-type': 'application/json' };
const auth = { authorization: `Bearer ${TOKEN}` };

for (const backend of backends()) {
  describe.skipIf(!backend.enabled)(`contract §9 on ${backend.name}`, () => {
    let db;
    let app;
    const post = (body, headers = json) => app.inject({ method: 'POST', url: URL_, headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });
    const lookup = async (consentId) => {
      const res = await app.inject({ url: `${URL_}?consentId=${consentId}`, headers: auth });
      expect(res.statusCode).toBe(200);
      return res.json();
    };

    serverOn(backend, (opened) => ({ db, app } = opened));

    it('204 for a receipt as application/json; the lookup answers it as posted plus serverTime', async () => {
      const r = receipt();
      const before = Date.now();
      const res = await post(r);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      const [stored, ...rest] = await lookup(r.consentId);
      expect(rest).toEqual([]);
      const { serverTime, ...asPosted } = stored;
      expect(asPosted).toEqual(r);
      expect(serverTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(serverTime)).toBeGreaterThanOrEqual(before - 5);
    });

    it('204 for text/plain, as sendBeacon sends a string', async () => {
      const r = receipt();
      expect((await post(r, { 'content-type': 'text/plain;charset=UTF-8' })).statusCode).toBe(204);
      expect(await lookup(r.consentId)).toHaveLength(1);
    });

    it('accepts the optional fields of 0.2 and still the receipts of today', async () => {
      const r = receipt({
        source: 'tab',
        validUntil: '2027-06-01T10:00:00.000Z',
        signals: { gpc: true, minor: false },
        preselected: { categories: { session: true, analytics: false, functional: false }, services: { ga: false, matomo: false } },
        noticeUrl: '/datenschutz',
      });
      expect((await post(r)).statusCode).toBe(204);
      expect((await lookup(r.consentId))[0]).toMatchObject({ signals: { gpc: true, minor: false }, noticeUrl: '/datenschutz' });
    });

    it.each([
      ['a wrong type inside categories', (r) => ({ ...r, categories: { ...r.categories, analytics: 'yes' } }), 'categories.analytics must be boolean'],
      ['a missing field', ({ consentId: _c, ...r }) => r, 'consentId is required'],
      ['an unknown field', (r) => ({ ...r, ip: '203.0.113.7' }), 'ip is not a known field'],
      ['an unknown action', (r) => ({ ...r, action: 'maybe' }), 'action must be one of'],
      ['a bad clientTime', (r) => ({ ...r, clientTime: 'yesterday' }), 'clientTime must be a date-time'],
      ['a bad signal', (r) => ({ ...r, signals: { gpc: 1 } }), 'signals.gpc must be boolean'],
      ['a short eventId', (r) => ({ ...r, eventId: 'abc' }), 'eventId must match'],
    ])('400 naming the field for %s, nothing stored', async (_what, change, message) => {
      const r = receipt();
      const res = await post(change(r));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toContain(message);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await lookup(r.consentId)).toEqual([]);
    });

    it('400 for a body that is not JSON, is empty, or is not an object', async () => {
      expect((await post('{"schema":')).json()).toEqual({ error: 'the body is not valid JSON' });
      expect((await post('')).statusCode).toBe(400);
      expect((await post('[1,2]')).json()).toEqual({ error: 'the receipt must be a JSON object' });
    });

    it('413 for a body over 16 KiB, nothing stored; 16 KiB itself is fine', async () => {
      const big = receipt({ page: `/${'x'.repeat(17_000)}` });
      const res = await post(big);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatch(/16 KiB/);
      expect(await lookup(big.consentId)).toEqual([]);
      const fits = receipt();
      fits.page = `/${'y'.repeat(16_384 - JSON.stringify({ ...fits, page: '/' }).length)}`;
      expect(JSON.stringify(fits).length).toBe(16_384);
      expect((await post(fits)).statusCode).toBe(204);
    });

    it.each(['PUT', 'PATCH', 'DELETE', 'OPTIONS'])('405 for %s, with Allow', async (method) => {
      const res = await app.inject({ method, url: URL_, headers: { ...json, ...auth }, payload: '{}' });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
    });

    it('415 for another content type', async () => {
      const res = await post(receipt(), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toMatch(/application\/json or text\/plain/);
    });

    it('the same eventId twice: 204 both times, stored once', async () => {
      const r = receipt();
      expect((await post(r)).statusCode).toBe(204);
      expect((await post(r)).statusCode).toBe(204);
      expect((await post({ ...r, page: '/changed' })).statusCode).toBe(204);
      const stored = await lookup(r.consentId);
      expect(stored).toHaveLength(1);
      expect(stored[0].page).toBe(r.page);
    });

    it('lookup: 401 without or with a wrong token, receipts in the order received', async () => {
      const consentId = `order-${Date.now()}`;
      for (const action of ['reject_all', 'save', 'accept_all', 'withdraw']) expect((await post(receipt({ consentId, action }))).statusCode).toBe(204);
      expect((await app.inject({ url: `${URL_}?consentId=${consentId}` })).statusCode).toBe(401);
      const wrong = await app.inject({ url: `${URL_}?consentId=${consentId}`, headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
      expect((await lookup(consentId)).map((r) => r.action)).toEqual(['reject_all', 'save', 'accept_all', 'withdraw']);
      expect((await app.inject({ url: URL_, headers: auth })).statusCode).toBe(400);
    });

    it('export: NDJSON and CSV of the range, 401 without the token, 400 for a bad format', async () => {
      const consentId = `export-${Date.now()}`;
      await post(receipt({ consentId, page: '/a,"quoted"' }));
      await post(receipt({ consentId, page: '=HYPERLINK("x")' }));
      expect((await app.inject({ url: `${URL_}/export?format=csv` })).statusCode).toBe(401);
      expect((await app.inject({ url: `${URL_}/export?format=xml`, headers: auth })).statusCode).toBe(400);
      expect((await app.inject({ url: `${URL_}/export?from=last-week`, headers: auth })).statusCode).toBe(400);

      const nd = await app.inject({ url: `${URL_}/export?format=ndjson`, headers: auth });
      expect(nd.statusCode).toBe(200);
      expect(nd.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.consentId === consentId).map((l) => l.page)).toEqual(['/a,"quoted"', '=HYPERLINK("x")']);
      expect(lines.every((l) => typeof l.serverTime === 'string')).toBe(true);

      const csv = await app.inject({ url: `${URL_}/export?format=csv`, headers: auth });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const rows = csv.body.split('\r\n');
      expect(rows[0].split(',').slice(0, 5)).toEqual(['serverTime', 'eventId', 'consentId', 'clientTime', 'action']);
      expect(csv.body).toContain('"/a,""quoted"""');
      expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);

      const today = new Date().toISOString().slice(0, 10);
      const inRange = await app.inject({ url: `${URL_}/export?format=ndjson&from=${today}&to=${today}`, headers: auth });
      expect(inRange.body.trim().split('\n').length).toBe(lines.length);
      const empty = await app.inject({ url: `${URL_}/export?format=ndjson&to=2001-01-01`, headers: auth });
      expect(empty.body).toBe('');
    });

    describe('Set-Cookie: the consent cookie re-issued from the server', () => {
      const cookieFor = (id) => encodeChoice({ id, revision: 1, decidedAt: Date.parse('2026-12-01T10:00:00Z'), categories: ['analytics'], services: ['ga'] });

      it('for the same consent id: the value unchanged, Max-Age 182 days, Path=/, SameSite=Lax', async () => {
        const r = receipt();
        const value = cookieFor(r.consentId);
        expect(value).toContain('|');
        const res = await post(r, { ...json, cookie: `other=1; asmeronexa_consent=${value}; x=y` });
        expect(res.statusCode).toBe(204);
        expect(res.headers['set-cookie']).toBe(`asmeronexa_consent=${value}; Max-Age=15724800; Path=/; SameSite=Lax`);
      });

      it('Secure behind https', async () => {
        const r = receipt();
        const res = await post(r, { ...json, 'x-forwarded-proto': 'https', cookie: `asmeronexa_consent=${cookieFor(r.consentId)}` });
        expect(res.headers['set-cookie']).toMatch(/; SameSite=Lax; Secure$/);
      });

      it('none for another consent id, a garbled or a missing cookie, or a refused receipt', async () => {
        const r = receipt();
        const other = cookieFor('someone-else-1234');
        const garbled = cookieFor(r.consentId).replace('|analytics|', '|analytics+functional|');
        for (const cookie of [`asmeronexa_consent=${other}`, `asmeronexa_consent=${garbled}`, `asmeronexa_consent=1|${r.consentId}`, `wrong_name=${cookieFor(r.consentId)}`, undefined]) {
          const res = await post({ ...r, eventId: `e-${Math.random().toString(36).slice(2, 12)}` }, { ...json, ...(cookie ? { cookie } : {}) });
          expect(res.statusCode).toBe(204);
          expect(res.headers['set-cookie'], String(cookie)).toBeUndefined();
        }
        const refused = await post({ ...r, action: 'nope' }, { ...json, cookie: `asmeronexa_consent=${cookieFor(r.consentId)}` });
        expect(refused.statusCode).toBe(400);
        expect(refused.headers['set-cookie']).toBeUndefined();
      });

      it('with another cookie name and lifetime', async () => {
        const custom = buildServer({ store: db.store, cookieName: 'lms_consent', cookieDays: 30 });
        const r = receipt();
        const value = cookieFor(r.consentId);
        const res = await custom.inject({ method: 'POST', url: URL_, headers: { ...json, cookie: `asmeronexa_consent=${value}; lms_consent=${value}` }, payload: JSON.stringify(r) });
        expect(res.headers['set-cookie']).toBe(`lms_consent=${value}; Max-Age=2592000; Path=/; SameSite=Lax`);
        await custom.close();
      });
    });

    it('stores nothing about the request: no IP address, no user agent', async () => {
      const r = receipt();
      const res = await post(r, { ...json, 'user-agent': 'UA-SECRET-4711', 'x-forwarded-for': '203.0.113.99' });
      expect(res.statusCode).toBe(204);
      let everything;
      if (backend.name === 'sqlite') {
        everything = ['', '-wal'].map((s) => (existsSync(db.db + s) ? readFileSync(db.db + s).toString('latin1') : '')).join('');
        expect(everything).toContain(r.eventId);
      } else {
        const { rows } = await db.store.pool.query('SELECT to_jsonb(r)::text AS t FROM receipts r');
        everything = rows.map((row) => row.t).join('\n');
        expect(everything).toContain(r.eventId);
      }
      expect(everything).not.toContain('UA-SECRET-4711');
      expect(everything).not.toContain('203.0.113.99');
      expect(everything).not.toContain('127.0.0.1');
    });

    it('retention: the purge deletes what is older than the period, nothing else', async () => {
      const old = receipt();
      const recent = receipt();
      const row = (r, serverTime) => ({ eventId: r.eventId, consentId: r.consentId, serverTime, action: r.action, source: r.source, revision: 1, gpc: null, minor: null, body: JSON.stringify(r) });
      await db.store.add(row(old, new Date(Date.now() - 400 * 86_400_000).toISOString()));
      await db.store.add(row(recent, new Date(Date.now() - 300 * 86_400_000).toISOString()));
      expect(await purgeOlderThan(db.store, 365)).toBe(1);
      expect(await lookup(old.consentId)).toEqual([]);
      expect(await lookup(recent.consentId)).toHaveLength(1);
    });

    it('migrations are versioned and run once', async () => {
      const again = await db.reopen();
      const count = await again.count();
      expect(count).toBe(await db.store.count());
      await again.close();
      const versions =
        backend.name === 'sqlite'
          ? (await import('better-sqlite3')).default(db.db, { readonly: true }).prepare('SELECT version FROM schema_migrations').all()
          : (await db.store.pool.query('SELECT version FROM schema_migrations')).rows;
      expect(versions.map((v) => v.version)).toEqual([1]);
    });

    it('group commit: receipts that arrive together share transactions, each answered after its commit', async () => {
      const { batches, rows } = db.store.commits;
      const all = Array.from({ length: 200 }, () => receipt());
      const answers = await Promise.all(all.map((r) => post(r)));
      expect(answers.every((a) => a.statusCode === 204)).toBe(true);
      expect(db.store.commits.rows - rows).toBe(200);
      expect(db.store.commits.batches - batches).toBeLessThan(100);
    });

    it('the API has no way to change or delete a receipt', async () => {
      const r = receipt();
      await post(r);
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        for (const url of [URL_, `${URL_}?consentId=${r.consentId}`, `${URL_}/${r.eventId}`]) {
          const res = await app.inject({ method, url, headers: { ...json, ...auth }, payload: JSON.stringify({ ...r, page: '/x' }) });
          expect([404, 405]).toContain(res.statusCode);
        }
      }
      expect((await lookup(r.consentId))[0].page).toBe(r.page);
    });
  });
}
