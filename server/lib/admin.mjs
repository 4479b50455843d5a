// /admin: the data-protection officer's page. Server-rendered HTML, no script at all, a CSP
// that allows only the page's own nonce'd stylesheet, charts as inline SVG with the figures
// as tables beside them. German, as the platform's staff read it.

import { randomBytes } from 'node:crypto';
import { authorize, newSession, sameSecret, SESSION_COOKIE, SESSION_SECONDS } from './auth.mjs';
import { computeStats, dayOf } from './stats.mjs';
import { toReceipt } from './migrations.mjs';

const DAY = 86_400_000;
const WINDOWS = [30, 90, 365];
const CONSENT_ID = /^[A-Za-z0-9-]{8,64}$/;
const isHttps = (req) => Boolean(req.raw.socket?.encrypted) || /^https\s*(,|$)/i.test(String(req.headers['x-forwarded-proto'] ?? ''));

export function registerAdmin(admin, { store, adminToken, exportHandler }) {
  admin.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body)));
  });

  const page = (reply, status, title, body) => {
    const nonce = randomBytes(16).toString('base64');
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY');
    return reply.send(layout(nonce, title, body));
  };
  const login = (reply, status, message) => page(reply, status, 'Anmeldung', loginForm(message, Boolean(adminToken)));

  admin.get('/admin', async (req, reply) => {
    const how = authorize(req.headers, adminToken);
    if (!how) return login(reply, 401);
    const query = /** @type {any} */ (req.query);
    const days = WINDOWS.includes(Number(query.days)) ? Number(query.days) : 30;
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * DAY);
    from.setUTCHours(0, 0, 0, 0);
    const range = { from: from.toISOString(), to: to.toISOString() };

    let lookup = '';
    if (typeof query.consentId === 'string' && query.consentId.trim() !== '') {
      const id = query.consentId.trim();
      lookup = CONSENT_ID.test(id)
        ? lookupSection(id, (await store.byConsentId(id)).map(toReceipt))
        : html`<section aria-labelledby="treffer"><h2 id="treffer">Nachweise</h2><p class="error" role="alert">„${id}“ ist keine gültige Consent-ID (8 bis 64 Buchstaben, Ziffern oder Bindestriche).</p></section>`;
    }
    const stats = await computeStats(store.iterate(range), range);
    return page(reply, 200, 'Übersicht', dashboard({ query, days, range, stats, lookup, session: how === 'session' }));
  });

  admin.post('/admin/login', async (req, reply) => {
    const token = /** @type {any} */ (req.body)?.token;
    if (!adminToken || !sameSecret(typeof token === 'string' ? token : '', adminToken)) return login(reply, 401, 'Das Token stimmt nicht.');
    reply
      .header('set-cookie', `${SESSION_COOKIE}=${newSession(adminToken)}; Max-Age=${SESSION_SECONDS}; Path=/admin; HttpOnly; SameSite=Strict${isHttps(req) ? '; Secure' : ''}`)
      .code(303)
      .header('location', '/admin');
    return reply.send();
  });

  admin.post('/admin/logout', async (req, reply) => {
    reply
      .header('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; Path=/admin; HttpOnly; SameSite=Strict${isHttps(req) ? '; Secure' : ''}`)
      .code(303)
      .header('location', '/admin');
    return reply.send();
  });

  admin.get('/admin/export', async (req, reply) => (authorize(req.headers, adminToken) ? exportHandler(req, reply) : login(reply, 401)));
}

// ---- HTML ---------------------------------------------------------------------------------

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
class Raw {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}
/** A template whose interpolations are escaped unless they are html`` themselves (or arrays of them). */
function html(strings, ...values) {
  const part = (v) => (v instanceof Raw ? v.text : Array.isArray(v) ? v.map(part).join('') : v === undefined || v === null || v === false ? '' : escape(v));
  return new Raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

const number = new Intl.NumberFormat('de-DE');
const percent = (n, total) => (total ? `${Math.round((n / total) * 100)} %` : '–');
const germanDay = (day) => `${day.slice(8, 10)}.${day.slice(5, 7)}.`;
const germanDate = (iso) => new Date(iso).toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'medium' });

const COLORS = { accept: '#1d4ed8', reject: '#9a3412', partial: '#6b21a8', on: '#1d4ed8', off: '#9a3412', yes: '#1d4ed8', no: '#424a53', unknown: '#6e7781' };
const KIND_LABELS = { accept: 'alles angenommen', reject: 'alles abgelehnt', partial: 'teilweise' };

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: .75rem 1.5rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; }
header h1 { font-size: 1.25rem; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; display: grid; gap: 1.25rem; }
section, .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.grid { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); }
.muted { color: var(--muted); }
.error { color: #a40e26; font-weight: 600; }
label { font-weight: 600; display: block; margin-bottom: .25rem; }
input[type=text], input[type=password] { font: inherit; padding: .45rem .6rem; border: 1px solid #6e7781; border-radius: 6px; width: min(100%, 28rem); }
button, .button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
.button.secondary, button.secondary { background: #fff; color: var(--accent); }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.figures { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: 0; }
.figures div { min-width: 8rem; } .figures dt { color: var(--muted); font-size: .9rem; } .figures dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
nav.window { margin-bottom: .75rem; } nav.window a { margin-right: .75rem; } nav.window a[aria-current] { font-weight: 700; color: var(--ink); text-decoration: none; }
a { color: #0550ae; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2328; }
svg text.on-bar { fill: #fff; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: .5rem 0 0; font-size: .9rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; vertical-align: -2px; margin-right: .3rem; }
${Object.entries(COLORS).map(([k, c]) => `.swatch.${k} { background: ${c}; }`).join('\n')}
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); }
td code { font-size: .85rem; word-break: break-all; }
details { margin-top: .5rem; } summary { cursor: pointer; color: #0550ae; }
.scroll { overflow-x: auto; }
`;

function layout(nonce, title, body) {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} – Einwilligungsnachweise</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function loginForm(message, enabled) {
  return html`<header><h1>Einwilligungsnachweise</h1></header>
<main>
<section aria-labelledby="anmeldung">
  <h2 id="anmeldung">Anmeldung für den Datenschutz</h2>
  ${enabled
    ? html`<p class="muted">Diese Seite zeigt die Nachweise der Cookie-Einwilligungen. Melden Sie sich mit dem Admin-Token des Servers an.</p>
  ${message ? html`<p class="error" role="alert">${message}</p>` : ''}
  <form method="post" action="/admin/login">
    <label for="token">Admin-Token</label>
    <div class="row"><input id="token" name="token" type="password" autocomplete="current-password" required>
    <button type="submit">Anmelden</button></div>
  </form>`
    : html`<p class="error" role="alert">Der Server wurde ohne <code>--admin-token</code> gestartet: die Übersicht ist abgeschaltet.</p>`}
</section>
</main>`.text;
}

function dashboard({ query, days, range, stats, lookup, session }) {
  const total = stats.decisions;
  const exportQuery = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
  const consentId = typeof query.consentId === 'string' ? query.consentId.trim() : '';
  return html`<header>
  <h1>Einwilligungsnachweise</h1>
  ${session ? html`<form method="post" action="/admin/logout"><button type="submit" class="secondary">Abmelden</button></form>` : ''}
</header>
<main>
<section aria-labelledby="suche">
  <h2 id="suche">Consent-ID nachschlagen</h2>
  <form method="get" action="/admin" role="search">
    <input type="hidden" name="days" value="${days}">
    <label for="consentId">Consent-ID (steht in den Cookie-Einstellungen der Person)</label>
    <div class="row"><input id="consentId" name="consentId" type="text" value="${consentId}" spellcheck="false" autocomplete="off" pattern="[A-Za-z0-9\\-]{8,64}">
    <button type="submit">Nachweise zeigen</button></div>
  </form>
</section>
${lookup}
<section aria-labelledby="zeitraum">
  <h2 id="zeitraum">Zeitraum: letzte ${days} Tage</h2>
  <nav class="window" aria-label="Zeitraum">${WINDOWS.map((d) => (d === days ? html`<a href="/admin?days=${d}" aria-current="page">${d} Tage</a>` : html`<a href="/admin?days=${d}">${d} Tage</a>`))}</nav>
  <dl class="figures">
    <div><dt>Entscheidungen</dt><dd>${number.format(total)}</dd></div>
    <div><dt>alles angenommen</dt><dd>${percent(sum(stats.byRevision, 'accept'), total)}</dd></div>
    <div><dt>alles abgelehnt</dt><dd>${percent(sum(stats.byRevision, 'reject'), total)}</dd></div>
    <div><dt>teilweise</dt><dd>${percent(sum(stats.byRevision, 'partial'), total)}</dd></div>
    <div><dt>erneut gefragt</dt><dd>${number.format(stats.reasks)}</dd></div>
  </dl>
  <p class="muted">Export dieses Zeitraums: <a href="/admin/export?format=csv&amp;${exportQuery}">CSV</a> · <a href="/admin/export?format=ndjson&amp;${exportQuery}">NDJSON</a>. Zeiten in deutscher Zeit (Europe/Berlin).</p>
</section>
<section aria-labelledby="pro-tag">
  <h2 id="pro-tag">Entscheidungen pro Tag</h2>
  ${perDayChart(stats.days)}
  ${legend(['accept', 'reject', 'partial'], KIND_LABELS)}
  <details><summary>Zahlen als Tabelle</summary><div class="scroll"><table>
    <caption class="muted">Entscheidungen pro Tag</caption>
    <thead><tr><th scope="col">Tag</th><th scope="col">alles angenommen</th><th scope="col">alles abgelehnt</th><th scope="col">teilweise</th></tr></thead>
    <tbody>${stats.days.filter((d) => d.accept + d.reject + d.partial).map((d) => html`<tr><th scope="row">${germanDay(d.day)}${d.day.slice(0, 4)}</th><td>${d.accept}</td><td>${d.reject}</td><td>${d.partial}</td></tr>`)}</tbody>
  </table></div></details>
</section>
<section aria-labelledby="pro-revision">
  <h2 id="pro-revision">Anteile pro Revision der Einstellungen</h2>
  ${shares('pro-revision-chart', stats.byRevision.map((r) => ({ label: `Revision ${r.revision}`, parts: { accept: r.accept, reject: r.reject, partial: r.partial } })), KIND_LABELS)}
</section>
<section aria-labelledby="pro-kategorie">
  <h2 id="pro-kategorie">Zustimmung pro Kategorie</h2>
  ${shares('pro-kategorie-chart', stats.byCategory.map((c) => ({ label: c.id, parts: { on: c.on, off: c.off } })), { on: 'an', off: 'aus' })}
  <p class="muted">Nur optionale Kategorien; erforderliche sind immer an.</p>
</section>
<section aria-labelledby="signale">
  <h2 id="signale">Signale: GPC und Minderjährige</h2>
  ${shares('signale-chart', [
    { label: 'GPC gesendet', parts: stats.signals.gpc },
    { label: 'minderjährig', parts: stats.signals.minor },
  ], { yes: 'ja', no: 'nein', unknown: 'nicht erfasst' })}
  <p class="muted">„nicht erfasst“: Nachweise älterer Widget-Versionen ohne Angabe der Signale.</p>
</section>
</main>`.text;
}

const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);

function legend(keys, labels) {
  return html`<ul class="legend">${keys.map((k) => html`<li><span class="swatch ${k}"></span>${labels[k]}</li>`)}</ul>`;
}

function perDayChart(days) {
  const W = 720, H = 220, left = 36, right = 8, top = 10, bottom = 28;
  const plotW = W - left - right, plotH = H - top - bottom;
  const totals = days.map((d) => d.accept + d.reject + d.partial);
  const max = niceCeiling(Math.max(1, ...totals));
  const step = plotW / days.length;
  const barW = Math.max(1, step * 0.75);
  const y = (n) => top + plotH - (n / max) * plotH;
  const grid = [0, max / 2, max].map((v) => html`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#d0d7de"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${number.format(v)}</text>`);
  const every = Math.ceil(days.length / 8);
  const bars = days.map((d, i) => {
    const x = left + i * step + (step - barW) / 2;
    let base = 0;
    const segments = ['reject', 'partial', 'accept'].map((k) => {
      if (!d[k]) return '';
      const rect = html`<rect x="${x.toFixed(1)}" y="${y(base + d[k]).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + d[k])).toFixed(1)}" fill="${COLORS[k]}"><title>${germanDay(d.day)}: ${d[k]} ${KIND_LABELS[k]}</title></rect>`;
      base += d[k];
      return rect;
    });
    const last = i === days.length - 1 && (days.length - 1) % every >= every / 2;
    const label = i % every === 0 || last ? html`<text x="${(left + i * step + step / 2).toFixed(1)}" y="${H - 8}" text-anchor="middle">${germanDay(d.day)}</text>` : '';
    return html`${segments}${label}`;
  });
  const total = totals.reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...totals);
  return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="pro-tag-title pro-tag-desc">
  <title id="pro-tag-title">Entscheidungen pro Tag</title>
  <desc id="pro-tag-desc">${total} Entscheidungen an ${days.length} Tagen vom ${germanDay(days[0].day)} bis ${germanDay(days[days.length - 1].day)}, höchstens ${peak} an einem Tag.</desc>
  ${grid}${bars}
</svg>`;
}

function shares(id, rows, labels) {
  if (!rows.length) return html`<p class="muted">Im Zeitraum noch keine Entscheidungen.</p>`;
  const keys = Object.keys(labels);
  const W = 720, labelW = 130, rowH = 32, barH = 22, right = 8;
  const plotW = W - labelW - right;
  const H = rows.length * rowH + 4;
  const summary = rows.map((r) => {
    const total = keys.reduce((n, k) => n + (r.parts[k] ?? 0), 0);
    return `${r.label}: ${keys.map((k) => `${percent(r.parts[k] ?? 0, total)} ${labels[k]}`).join(', ')}`;
  });
  const bars = rows.map((r, i) => {
    const total = keys.reduce((n, k) => n + (r.parts[k] ?? 0), 0);
    const yTop = i * rowH + 4;
    let x = labelW;
    const segments = keys.map((k) => {
      const n = r.parts[k] ?? 0;
      if (!n) return '';
      const w = (n / total) * plotW;
      const out = html`<rect x="${x.toFixed(1)}" y="${yTop}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[k]}"><title>${r.label}: ${n} ${labels[k]} (${percent(n, total)})</title></rect>${
        w > 44 ? html`<text class="on-bar" x="${(x + w / 2).toFixed(1)}" y="${yTop + barH / 2 + 4}" text-anchor="middle">${percent(n, total)}</text>` : ''}`;
      x += w;
      return out;
    });
    return html`<text x="${labelW - 8}" y="${yTop + barH / 2 + 4}" text-anchor="end">${r.label}</text>${total ? segments : html`<text x="${labelW}" y="${yTop + barH / 2 + 4}">keine Daten</text>`}`;
  });
  return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc">
  <title id="${id}-title">Anteile</title><desc id="${id}-desc">${summary.join('; ')}</desc>
  ${bars}
</svg>
${legend(keys, labels)}
<details><summary>Zahlen als Tabelle</summary><div class="scroll"><table>
  <thead><tr><th scope="col"></th>${keys.map((k) => html`<th scope="col">${labels[k]}</th>`)}</tr></thead>
  <tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th>${keys.map((k) => html`<td>${r.parts[k] ?? 0}</td>`)}</tr>`)}</tbody>
</table></div></details>`;
}

function niceCeiling(n) {
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const f of [1, 2, 2.5, 5, 10]) if (n <= f * magnitude) return Math.max(2, f * magnitude);
  return n;
}

const onOff = (map) =>
  Object.entries(map ?? {})
    .filter(([, v]) => typeof v === 'boolean')
    .map(([k, v]) => `${k}: ${v ? 'an' : 'aus'}`)
    .join(', ');

function lookupSection(id, receipts) {
  return html`<section aria-labelledby="treffer">
  <h2 id="treffer">Nachweise für <code>${id}</code></h2>
  ${receipts.length === 0
    ? html`<p role="status">Keine Nachweise zu dieser Consent-ID gespeichert.</p>`
    : html`<p role="status">${receipts.length} Nachweis${receipts.length === 1 ? '' : 'e'}, in der Reihenfolge des Eingangs.</p>
  <div class="scroll"><table>
    <thead><tr><th scope="col">Eingang (Server)</th><th scope="col">Aktion</th><th scope="col">Quelle</th><th scope="col">Revision</th><th scope="col">Kategorien</th><th scope="col">Dienste</th><th scope="col">Signale</th><th scope="col">Seite</th><th scope="col">Ereignis-ID</th></tr></thead>
    <tbody>${receipts.map((r) => html`<tr><td>${germanDate(r.serverTime)}</td><td>${r.action}${r.reason ? ` (${r.reason})` : ''}</td><td>${r.source}</td><td>${r.revision}${r.policyVersion ? ` · Richtlinie ${r.policyVersion}` : ''}</td><td>${onOff(r.categories)}</td><td>${onOff(r.services)}</td><td>${r.signals ? onOff({ GPC: r.signals.gpc, minderjährig: r.signals.minor }) : 'nicht erfasst'}</td><td><code>${r.page}</code></td><td><code>${r.eventId}</code></td></tr>`)}</tbody>
  </table></div>
  <p class="muted">Als JSON: <code>GET /api/consent-receipts?consentId=${id}</code> mit dem Admin-Token.</p>`}
</section>`;
}

export { dayOf };
