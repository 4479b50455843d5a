// Turning benchmark samples into medians, a markdown table, the issue's checks and an SVG chart.
// Pure functions: test/unit/bench.test.ts feeds them made-up samples.

import { LONG_PAGE_LESSONS } from './page.mjs';

export const METRICS = [
  { key: 'shownMs', label: 'first visit: accept button visible', unit: 'ms' },
  { key: 'firstScriptMs', label: 'first visit: script time', unit: 'ms' },
  { key: 'firstBytes', label: 'first visit: bytes (gzip)', unit: 'KB' },
  { key: 'cls', label: 'layout shift (CLS)', unit: '' },
  { key: 'gatedFrames', label: 'accept → gated script inserted', unit: 'frames' },
  { key: 'gatedLiveMs', label: 'accept → gated script inserted', unit: 'ms' },
  { key: 'gatedRequestMs', label: 'accept → gated script requested', unit: 'ms' },
  { key: 'returnScriptMs', label: 'returning visit: script time', unit: 'ms' },
  { key: 'returnOwnScriptMs', label: 'returning visit: own code (profiler)', unit: 'ms' },
  { key: 'returnBytes', label: 'returning visit: bytes (gzip)', unit: 'KB' },
  { key: 'longScriptMs', label: `returning visit, long page (${LONG_PAGE_LESSONS.toLocaleString('en')} lessons): script time`, unit: 'ms' },
];


export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{ variantId: { metricKey: { median, min, max, n } } }`, leaving out metrics a variant has no samples for. */
export function summarize(variants, samples) {
  const summary = {};
  for (const variant of variants) {
    const rows = samples[variant.id] ?? [];
    summary[variant.id] = { label: variant.label };
    for (const { key } of METRICS) {
      const values = rows.map((r) => r[key]).filter((v) => typeof v === 'number' && Number.isFinite(v));
      if (values.length) summary[variant.id][key] = { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
    }
  }
  return summary;
}

export function format(value, unit) {
  if (unit === 'KB') return (value / 1024).toFixed(1);
  if (unit === 'frames') return String(value);
  if (unit === 'ms') return value.toFixed(1);
  return value.toFixed(3);
}

export function markdownTable(summary, meta) {
  const ids = Object.keys(summary);
  const header = `| | ${ids.map((id) => summary[id].label).join(' | ')} |`;
  const rule = `|---|${ids.map(() => '---:').join('|')}|`;
  const rows = METRICS.map(({ key, label, unit }) => {
    const cells = ids.map((id) => {
      const s = summary[id][key];
      return s ? `${format(s.median, unit)} (${format(s.min, unit)}–${format(s.max, unit)})` : '—';
    });
    return `| ${label}${unit ? ` (${unit})` : ''} | ${cells.join(' | ')} |`;
  });
  return [
    `Medians (min–max) of ${meta.runs} interleaved runs, Chromium ${meta.chromium}, ${meta.throttle}× CPU throttling, ${meta.date.slice(0, 10)}.`,
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}

/** The figures issue 5 asks for, each with whether it holds. */
export function verdicts(summary) {
  const ours = summary.ours ?? {};
  const peer = summary.cookieconsent ?? {};
  const m = (s, key) => s[key]?.median;
  const checks = [];
  const add = (ok, text) => checks.push({ ok: Boolean(ok), text });
  if (ours.returnBytes) add(m(ours, 'returnBytes') <= 5 * 1024, `returning visit downloads ≤ 5 KB gzip: ${format(m(ours, 'returnBytes'), 'KB')} KB`);
  if (ours.returnOwnScriptMs) {
    add(m(ours, 'returnOwnScriptMs') <= 2, `returning visit: the widget's own code runs ≤ 2 ms: ${format(m(ours, 'returnOwnScriptMs'), 'ms')} ms (profiler samples in its files; the page's script time in all is ${format(m(ours, 'returnScriptMs') ?? NaN, 'ms')} ms)`);
  }
  if (ours.firstBytes) add(m(ours, 'firstBytes') <= 30 * 1024, `first visit downloads ≤ 30 KB gzip: ${format(m(ours, 'firstBytes'), 'KB')} KB`);
  if (ours.shownMs && peer.shownMs) {
    add(m(ours, 'shownMs') <= m(peer, 'shownMs'), `accept button visible no later than cookieconsent's: ${format(m(ours, 'shownMs'), 'ms')} vs ${format(m(peer, 'shownMs'), 'ms')} ms`);
  }
  if (ours.cls) add(ours.cls.max === 0, `no layout shift: CLS max ${format(ours.cls.max, '')}`);
  if (ours.gatedFrames) {
    // Frame boundaries between the click and the insertion: 0 means the same frame as the click.
    const ms = ours.gatedLiveMs ? `, median ${format(m(ours, 'gatedLiveMs'), 'ms')} ms` : '';
    add(ours.gatedFrames.max === 0, `gated script inserted within the frame of the click on "Alle akzeptieren": at most ${ours.gatedFrames.max} frame boundaries in between${ms}`);
  }
  return checks;
}

const escapeXml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Horizontal bars, one panel per metric (the ones with a size or a time), one bar per variant. */
export function barChartSvg(summary, meta) {
  const ids = Object.keys(summary);
  const panels = METRICS.filter(({ key, unit }) => key !== 'cls' && unit !== 'frames' && ids.some((id) => summary[id][key]));
  const colours = ['#8a94a6', '#1f5fbf', '#c2571a', '#2f7d4a', '#7a3fa0'];
  const width = 760;
  const labelWidth = 200;
  const barMax = width - labelWidth - 90;
  const rowHeight = 22;
  const panelHeight = 34 + ids.length * rowHeight;
  const height = 40 + panels.length * panelHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="24" font-size="15" font-weight="bold">${escapeXml(`Medians of ${meta.runs} runs, ${meta.throttle}× CPU throttling (shorter is better)`)}</text>`,
  ];
  panels.forEach(({ key, label, unit }, p) => {
    const top = 40 + p * panelHeight;
    const max = Math.max(...ids.map((id) => summary[id][key]?.median ?? 0)) || 1;
    parts.push(`<text x="10" y="${top + 18}" font-weight="bold">${escapeXml(`${label} (${unit})`)}</text>`);
    ids.forEach((id, i) => {
      const s = summary[id][key];
      const y = top + 26 + i * rowHeight;
      parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeXml(summary[id].label)}</text>`);
      if (!s) {
        parts.push(`<text x="${labelWidth + 4}" y="${y + 14}" fill="#555">—</text>`);
        return;
      }
      const w = Math.max(1, (s.median / max) * barMax);
      parts.push(`<rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${colours[i % colours.length]}"/>`);
      parts.push(`<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 14}">${format(s.median, unit)}</text>`);
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
