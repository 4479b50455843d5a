// The HTML report: one self-contained file (no external resource; its own CSP says so) that a
// data-protection officer can file. Per page: verdict, findings, the widget's config, a
// screenshot of the first layer, and per phase the requests, cookies and storage seen.

const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);

const PHASE_TITLES = {
  before: 'before — first visit, no interaction (load, wait, scroll)',
  reject: 'reject — “Alle ablehnen”, then a new page view',
  accept: 'accept — “Alle akzeptieren”, then a new page view',
  withdraw: 'withdraw — accept, a new page view, withdraw everything, a new page view',
};

const STYLE = `
:root{--bad:#b42318;--bad-bg:#fef3f2;--ok:#067647;--ok-bg:#ecfdf3;--line:#d0d5dd;--muted:#475467;--head:#f2f4f7}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#101828;margin:0;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-top:2px solid var(--line);padding-top:20px;word-break:break-all}
h3{font-size:15px;margin:20px 0 6px}.muted{color:var(--muted)}code,.mono{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.verdict{display:inline-block;white-space:nowrap;padding:2px 10px;border-radius:999px;font-weight:600}.bad{background:var(--bad-bg);color:var(--bad)}.ok{background:var(--ok-bg);color:var(--ok)}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}th{background:var(--head);font-weight:600}
td.url{word-break:break-all;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}tr.third td{background:#fffaeb}
details{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 10px}summary{cursor:pointer;font-weight:600;padding:4px 0}
.shot{max-width:100%;border:1px solid var(--line);border-radius:4px}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dl.meta dt{color:var(--muted)}
.kind{font-weight:600;white-space:nowrap}@media print{details{break-inside:avoid}details:not([open])>*:not(summary){display:none}}
`;

function table(headers, rows, rowClass = () => '') {
  if (!rows.length) return '<p class="muted">none</p>';
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, i) => `<tr class="${rowClass(i)}">${r.map((cell) => (cell && typeof cell === 'object' && 'html' in cell ? `<td class="${cell.cls ?? ''}">${cell.html}</td>` : `<td>${esc(cell)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A cookie's remaining lifetime when first seen, in words. */
function lifetime(c, at) {
  const ms = Date.parse(c.expires) - Date.parse(at);
  if (!Number.isFinite(ms)) return `${c.days} days`;
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

const initiator = (r) => (r.initiator ? [r.initiator.type, r.initiator.script ?? r.initiator.url].filter(Boolean).join(' ') : '');

function phaseSection(name, phase, pageHost) {
  if (!phase) return '';
  const requests = phase.requests ?? [];
  const third = (r) => r.host && r.host !== pageHost;
  const thirdCount = requests.filter(third).length;
  // Cookies and storage: each distinct one, with the steps it was seen in.
  const cookies = new Map();
  const storage = new Map();
  for (const snap of phase.snapshots ?? []) {
    for (const c of snap.cookies) {
      const id = `${c.name}|${c.domain}|${c.path}`;
      if (!cookies.has(id)) cookies.set(id, { c, steps: [], at: snap.at });
      cookies.get(id).steps.push(snap.step);
    }
    for (const s of snap.storage) {
      const id = `${s.store}|${s.origin}|${s.key}`;
      if (!storage.has(id)) storage.set(id, { s, steps: [] });
      storage.get(id).steps.push(snap.step);
    }
  }
  const meta = [
    ['steps', (phase.steps ?? []).join(' → ') || '—'],
    ['first layer shown', phase.banner ? 'yes' : 'no'],
    ...(phase.decision ? [['decision (page API)', Object.entries(phase.decision.categories ?? {}).map(([k, v]) => `${k}: ${v ? 'on' : 'off'}`).join(', ')]] : []),
    ...(phase.withdrawnVia ? [['withdrawn through', phase.withdrawnVia]] : []),
    ...(phase.notes?.length ? [['notes', phase.notes.join('; ')]] : []),
    ...(phase.error ? [['error', phase.error]] : []),
  ];
  return `<details${name === 'before' ? ' open' : ''}><summary>${esc(PHASE_TITLES[name] ?? name)} — ${requests.length} requests (${thirdCount} to other hosts), ${cookies.size} cookies, ${storage.size} storage keys</summary>
<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h3>Requests</h3>${table(['step', 'type', 'host', 'URL', 'initiator', 'status'], requests.map((r) => [r.step, r.type, r.host, { html: esc(r.url), cls: 'url' }, { html: esc(initiator(r)), cls: 'url' }, r.status ?? r.failed ?? '']), (i) => (third(requests[i]) ? 'third' : ''))}
<h3>Cookies</h3>${table(['name', 'domain', 'path', 'expires', 'set by', 'seen in steps'], [...cookies.values()].map(({ c, steps, at }) => [c.name, c.domain, c.path, c.expires ? `${c.expires.slice(0, 10)} (${lifetime(c, at)})` : 'session', [c.setBy, c.by].filter(Boolean).join(' ') || 'unknown', steps.join(', ')]))}
${phase.blockedCookies?.length ? `<h3>Set-Cookie headers the browser refused</h3>${table(['step', 'name', 'response', 'why'], phase.blockedCookies.map((b) => [b.step, b.name, { html: esc(b.by ?? ''), cls: 'url' }, b.reasons]))}` : ''}
<h3>localStorage, sessionStorage, IndexedDB</h3>${table(['store', 'origin', 'key', 'written by', 'seen in steps'], [...storage.values()].map(({ s, steps }) => [s.store, s.origin, s.key, s.by ?? 'unknown', steps.join(', ')]))}
</details>`;
}

function configSection(config) {
  if (!config) return '<p class="muted">no config read</p>';
  const source = { 'page-api': 'window.asmeronexaConsent.config (normalized by the widget)', 'window.asmeronexaConsentConfig': 'window.asmeronexaConsentConfig (the page’s inline config)', 'data-config': 'the data-config JSON file', none: 'none found' }[config.source] ?? config.source;
  return `<dl class="meta"><dt>read from</dt><dd>${esc(source)}</dd><dt>widget version</dt><dd>${esc(config.widgetVersion ?? '—')}</dd><dt>revision</dt><dd>${esc(config.revision ?? '—')}</dd><dt>consent cookie</dt><dd><code>${esc(config.consentCookie)}</code></dd><dt>categories</dt><dd>${esc(config.categories.map((c) => c.id + (c.required ? ' (always on)' : '')).join(', '))}</dd></dl>
${table(['service', 'category', 'preset', 'hosts it may contact', 'cookies', 'storage'], config.services.map((s) => [s.id + (s.label ? ` — ${s.label}` : ''), s.category, s.preset ?? '', s.hosts.join(', '), s.cookies.join(', '), s.storage.join(', ')]))}
<h3>Blocked markup on the page</h3>${table(['element', 'service', 'category', 'host', 'data-src'], config.blockedMarkup.map((m) => [m.tag, m.service ?? '', m.category ?? '', m.host, { html: esc(m.src), cls: 'url' }]))}`;
}

/** @param {any} report the JSON report; @param {Record<string,string|null>} screenshots base64 PNG per URL */
export function renderHtml(report, screenshots = {}) {
  const total = report.pages.reduce((n, p) => n + p.findings.length, 0);
  const errors = report.pages.filter((p) => p.error).length;
  const verdictOf = (page) => (page.error && !page.findings.length
    ? '<span class="verdict bad">could not be audited</span>'
    : page.findings.length ? `<span class="verdict bad">${page.findings.length} finding${page.findings.length === 1 ? '' : 's'}</span>` : '<span class="verdict ok">no findings</span>');
  const index = `<table><thead><tr><th>page</th><th>verdict</th><th>finding kinds</th></tr></thead><tbody>${report.pages
    .map((page, i) => `<tr><td class="url"><a href="#page-${i + 1}">${esc(page.url)}</a></td><td>${verdictOf(page)}</td><td>${esc([...new Set(page.findings.map((f) => f.kind))].join(', '))}</td></tr>`)
    .join('')}</tbody></table>`;
  const pages = report.pages.map((page, i) => {
    let host = '';
    try {
      host = new URL(page.finalUrl ?? page.url).hostname;
    } catch {}
    const verdict = verdictOf(page);
    const shot = screenshots[page.url];
    return `<section id="page-${i + 1}"><h2>${esc(page.url)}</h2><p>${verdict}${page.status ? ` <span class="muted">HTTP ${esc(page.status)}</span>` : ''}</p>
${page.error ? `<p class="verdict bad">${esc(page.error)}</p>` : ''}
<h3>Findings</h3>${table(['kind', 'phase', 'evidence'], page.findings.map((f) => [{ html: esc(f.kind), cls: 'kind' }, f.phase, f.detail]))}
<h3>The widget’s config</h3>${configSection(page.config)}
<h3>First layer on a first visit</h3>${shot ? `<img class="shot" alt="Screenshot of the page with the first layer, first visit" src="data:image/png;base64,${shot}">` : '<p class="muted">no first layer shown</p>'}
<h3>Phases</h3>${Object.entries(page.phases).map(([name, phase]) => phaseSection(name, phase, host)).join('\n')}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Consent audit — ${esc(report.pages.map((p) => p.url).join(', '))}</title><style>${STYLE}</style></head>
<body><main>
<h1>Consent audit</h1>
<p class="muted">${esc(report.tool)} ${esc(report.version)} · Debian Chromium, headless, a fresh profile per phase · ${esc(report.startedAt)} – ${esc(report.finishedAt)}</p>
<p>${report.pages.length} page${report.pages.length === 1 ? '' : 's'}: ${total ? `<span class="verdict bad">${total} finding${total === 1 ? '' : 's'}</span>` : '<span class="verdict ok">no findings</span>'}${errors ? ` <span class="verdict bad">${errors} could not be audited</span>` : ''}</p>
${report.pages.length > 1 ? index : ''}
${report.allowHosts?.length ? `<p>Reviewed exceptions (<code>--allow-host</code>): ${esc(report.allowHosts.join(', '))}</p>` : ''}
<p class="muted">What is checked: before a decision and after a refusal, no request to another host and no cookie or storage key that no <code>session</code> service declares; after acceptance, every cookie, storage key and host declared by a service of the config; after withdrawal, nothing of an optional service left.</p>
${pages.join('\n')}
</main></body></html>
`;
}
