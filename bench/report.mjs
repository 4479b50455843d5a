// Turning benchmark samples into medians, a markdown table, our ratios to the floor and the peers,
// the issue's checks and an SVG chart.
// Pure functions: test/unit/bench.test.ts feeds them made-up samples.

import { LONG_PAGE_LESSONS } from './page.mjs';

export const METRICS = [
  { key: 'shownMs', label: 'first visit: accept button visible', unit: 'ms' },
  { key: 'firstScriptNetMs', label: 'first visit: script time (ScriptDuration − blank page\'s)', unit: 'ms' },
  { key: 'firstScriptMs', label: 'first visit: ScriptDuration, raw', unit: 'ms' },
  { key: 'firstBytes', label: 'first visit: bytes (gzip)', unit: 'KB' },
  { key: 'cls', label: 'layout shift (CLS)', unit: '' },
  { key: 'gatedFrames', label: 'accept → gated script inserted', unit: 'frames' },
  { key: 'gatedLiveMs', label: 'accept → gated script inserted', unit: 'ms' },
  { key: 'gatedRequestMs', label: 'accept → gated script requested', unit: 'ms' },
  { key: 'returnScriptNetMs', label: 'returning visit: script time (ScriptDuration − blank page\'s)', unit: 'ms' },
  { key: 'returnScriptMs', label: 'returning visit: ScriptDuration, raw', unit: 'ms' },
  { key: 'returnOwnScriptMs', label: 'returning visit: own code (profiler)', unit: 'ms' },
  { key: 'returnBytes', label: 'returning visit: bytes (gzip)', unit: 'KB' },
  { key: 'longScriptNetMs', label: `returning visit, long page (${LONG_PAGE_LESSONS.toLocaleString('en')} lessons): script time (− blank long page's)`, unit: 'ms' },
  { key: 'longScriptMs', label: `returning visit, long page: ScriptDuration, raw`, unit: 'ms' },
];

/**
 * "Script time" as the issue defines it: a variant's DevTools ScriptDuration minus the blank
 * page's median for the same visit (the blank page runs the benchmark's own frame watcher too).
 */
const NET = { firstScriptNetMs: 'firstScriptMs', returnScriptNetMs: 'returnScriptMs', longScriptNetMs: 'longScriptMs' };

/** The metrics our ratios to the floor and the peers are given for. */
export const RATIO_METRICS = ['returnScriptNetMs', 'firstScriptNetMs', 'shownMs', 'firstBytes', 'returnBytes', 'longScriptNetMs'];
/** What our two tags are compared with, in this order, where the run has them. */
export const REFERENCES = ['floor', 'cookieconsent', 'klaro', 'tarteaucitron'];
/** Our variants: each gets its own checks (the better of the two is never taken). */
export const OURS = ['ours', 'ours-defer'];
/** First-visit goal, all-in: 25 KB gzip. */
export const FIRST_VISIT_BYTES = 25 * 1024;

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
  const blank = summary.blank;
  if (blank) {
    for (const [net, raw] of Object.entries(NET)) {
      const base = blank[raw]?.median;
      if (base === undefined) continue;
      for (const id of Object.keys(summary)) {
        const s = summary[id][raw];
        if (id !== 'blank' && s) summary[id][net] = { median: s.median - base, min: s.min - base, max: s.max - base, n: s.n };
      }
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
    `Medians (min–max) of ${meta.runs} interleaved runs, Chromium ${meta.chromium}, ${meta.throttle}× CPU throttling, ${meta.date.slice(0, 10)}${meta.loadavg ? `; load average (1, 5, 15 min) ${meta.loadavgAtStart ? `${meta.loadavgAtStart.join(', ')} at the start, ` : ''}${meta.loadavg.join(', ')} at the end` : ''}${meta.loadPerRun?.length ? ` (1-min load average after each run: ${Math.min(...meta.loadPerRun)}–${Math.max(...meta.loadPerRun)})` : ''}.`,
    'Script time = DevTools ScriptDuration minus the blank page\'s median for the same visit (the raw rows keep ScriptDuration itself).',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}

const m = (s, key) => s?.[key]?.median;
const ratio = (a, b) => (a !== undefined && b ? a / b : undefined);
const times = (r) => (r === undefined ? '—' : `${r.toFixed(2)}×`);

/** For each of our tags: its ratio to the floor and to each peer, for the key metrics. */
export function ratiosTable(summary) {
  const refs = REFERENCES.filter((id) => summary[id]);
  const unitOf = Object.fromEntries(METRICS.map((x) => [x.key, x]));
  const blocks = [];
  for (const id of OURS.filter((o) => summary[o])) {
    const rows = RATIO_METRICS.filter((key) => summary[id][key]).map((key) => {
      const { label, unit } = unitOf[key];
      return `| ${label} | ${format(m(summary[id], key), unit)} ${unit} | ${refs.map((r) => times(ratio(m(summary[id], key), m(summary[r], key)))).join(' | ')} |`;
    });
    blocks.push(
      `Ratios of ${summary[id].label} to each (below 1 is better):`,
      '',
      `| | ${id} | ${refs.map((r) => `÷ ${r}`).join(' | ')} |`,
      `|---|---:|${refs.map(() => '---:').join('|')}|`,
      ...rows,
      '',
    );
  }
  return blocks.join('\n');
}

/**
 * The goals of issue 16, each with whether it holds, for each of our tags on its own:
 * `{ id, goal, ok, text }`.
 */
export function verdicts(summary) {
  const floor = summary.floor;
  const cc = summary.cookieconsent;
  return checkEachOfOurs(summary, (ours, add) => {
    const vs = (key, other, factor, what, otherName) => {
      const r = ratio(m(ours, key), m(other, key));
      add(what, r !== undefined && r <= factor, `${what}: ${format(m(ours, key), 'ms')} vs ${format(m(other, key), 'ms')} ms ${otherName} (${times(r)})`);
    };
    if (m(ours, 'returnScriptNetMs') !== undefined) {
      if (floor?.returnScriptNetMs) vs('returnScriptNetMs', floor, 1.3, 'returning visit script ≤ 1.3× the floor\'s', 'floor');
      if (cc?.returnScriptNetMs) vs('returnScriptNetMs', cc, 0.8, 'returning visit script ≤ 0.8× cookieconsent\'s', 'cookieconsent');
      if (ours.longScriptNetMs) {
        const r = ratio(m(ours, 'longScriptNetMs'), m(ours, 'returnScriptNetMs'));
        add('long page ≤ 1.1× our short page', r !== undefined && r > 0 && r <= 1.1, `long page ≤ 1.1× our short page: ${format(m(ours, 'longScriptNetMs'), 'ms')} vs ${format(m(ours, 'returnScriptNetMs'), 'ms')} ms (${times(r)})`);
      }
    }
    if (m(ours, 'firstScriptNetMs') !== undefined && cc?.firstScriptNetMs) vs('firstScriptNetMs', cc, 1, 'first visit script ≤ cookieconsent\'s', 'cookieconsent');
    if (ours.shownMs && cc?.shownMs) vs('shownMs', cc, 0.85, 'accept button visible ≤ 0.85× cookieconsent\'s', 'cookieconsent');
    if (ours.firstBytes) {
      add('first-visit bytes ≤ 25 KB gzip', m(ours, 'firstBytes') <= FIRST_VISIT_BYTES, `first-visit bytes ≤ 25 KB gzip (German page): ${format(m(ours, 'firstBytes'), 'KB')} KB`);
    }
    if (ours.cls) add('CLS 0', ours.cls.max === 0, `CLS 0: max ${format(ours.cls.max, '')}`);
    if (ours.gatedFrames) {
      // Frame boundaries between the click and the insertion: 0 means the same frame as the click.
      const ms = ours.gatedLiveMs ? `, median ${format(m(ours, 'gatedLiveMs'), 'ms')} ms` : '';
      add('gated script in the click\'s frame', ours.gatedFrames.max === 0, `gated script inserted within the frame of the click on "Alle akzeptieren": at most ${ours.gatedFrames.max} frame boundaries in between${ms}`);
    }
  });
}

/**
 * Calls `each(ours, add)` for each of our tags the summary has, never for the better of the two;
 * `add(goal, ok, text)` records one check: `{ id, goal, ok, text }`, the text led by the tag's label.
 */
function checkEachOfOurs(summary, each) {
  const checks = [];
  for (const id of OURS.filter((o) => summary[o])) {
    const ours = summary[id];
    each(ours, (goal, ok, text) => checks.push({ id, goal, ok: Boolean(ok), text: `${ours.label}: ${text}` }));
  }
  return checks;
}

const escapeXml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The chart's panels: the issue's figures (script times net of the blank page). */
const CHART = ['shownMs', 'firstScriptNetMs', 'firstBytes', 'gatedLiveMs', 'returnScriptNetMs', 'returnBytes', 'longScriptNetMs'];

/** Horizontal bars, one panel per metric (the ones with a size or a time), one bar per variant. */
export function barChartSvg(summary, meta) {
  const ids = Object.keys(summary);
  const panels = METRICS.filter(({ key }) => CHART.includes(key) && ids.some((id) => summary[id][key]));
  const colours = ['#8a94a6', '#555b66', '#1f5fbf', '#5b8fe0', '#c2571a', '#2f7d4a', '#7a3fa0'];
  const width = 900;
  const labelWidth = 340;
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
      const w = Math.max(1, (Math.max(0, s.median) / max) * barMax);
      parts.push(`<rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${colours[i % colours.length]}"/>`);
      parts.push(`<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 14}">${format(s.median, unit)}</text>`);
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

// Lighthouse (npm run bench:lighthouse): one first-visit run per page and run, reduced to medians.

export const LIGHTHOUSE_METRICS = [
  { key: 'fcp', audit: 'first-contentful-paint', label: 'First Contentful Paint', unit: 'ms' },
  { key: 'lcp', audit: 'largest-contentful-paint', label: 'Largest Contentful Paint', unit: 'ms' },
  { key: 'tbt', audit: 'total-blocking-time', label: 'Total Blocking Time', unit: 'ms' },
  { key: 'cls', audit: 'cumulative-layout-shift', label: 'Cumulative Layout Shift', unit: '' },
  { key: 'bootup', audit: 'bootup-time', label: 'JS boot-up time', unit: 'ms' },
  { key: 'score', label: 'performance score', unit: 'score' },
  { key: 'benchmarkIndex', label: 'Lighthouse benchmarkIndex (machine speed, higher is faster)', unit: 'index' },
];

/** The figures of one Lighthouse result (an LHR) that the table shows. */
export function lighthouseSample(lhr) {
  const sample = {};
  for (const { key, audit } of LIGHTHOUSE_METRICS) if (audit) sample[key] = lhr.audits[audit]?.numericValue;
  sample.score = Math.round((lhr.categories.performance?.score ?? NaN) * 100);
  // Lighthouse's own measure of how fast the machine was at the time (higher is faster).
  sample.benchmarkIndex = lhr.environment?.benchmarkIndex;
  return sample;
}

/** `{ pageId: { label, metricKey: median } }` */
export function lighthouseSummary(variants, samples) {
  const summary = {};
  for (const { id, label } of variants) {
    if (!samples[id]?.length) continue;
    summary[id] = { label, runs: samples[id].length };
    for (const { key } of LIGHTHOUSE_METRICS) {
      const values = samples[id].map((s) => s[key]).filter((v) => typeof v === 'number' && Number.isFinite(v));
      if (values.length) summary[id][key] = median(values);
    }
  }
  return summary;
}

const lhFormat = (value, unit) =>
  value === undefined ? '—' : unit === 'ms' ? `${Math.round(value)} ms` : unit === 'score' || unit === 'index' ? String(Math.round(value)) : value.toFixed(3);

export function lighthouseTable(summary, meta) {
  const ids = Object.keys(summary);
  return [
    `Lighthouse ${meta.lighthouse} (mobile, simulated throttling, the defaults), first visit, medians of ${meta.runs} runs per page, Chromium ${meta.chromium}, ${meta.date.slice(0, 10)}${meta.loadavg ? `; load average (1, 5, 15 min) ${meta.loadavgAtStart ? `${meta.loadavgAtStart.join(', ')} at the start, ` : ''}${meta.loadavg.join(', ')} at the end` : ''}.`,
    '',
    `| | ${ids.map((id) => summary[id].label).join(' | ')} |`,
    `|---|${ids.map(() => '---:').join('|')}|`,
    ...LIGHTHOUSE_METRICS.map(({ key, label, unit }) => `| ${label} | ${ids.map((id) => lhFormat(summary[id][key], unit)).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Issue 16's Lighthouse goals, for each of our tags on its own: `{ id, goal, ok, text }`. */
export function lighthouseVerdicts(summary) {
  const blank = summary.blank;
  const cc = summary.cookieconsent;
  return checkEachOfOurs(summary, (ours, record) => {
    const add = (goal, ok, text) => record(goal, ok, `${goal}: ${text}`);
    if (ours.tbt !== undefined) add('TBT 0 ms', ours.tbt === 0, `${lhFormat(ours.tbt, 'ms')}`);
    if (ours.fcp !== undefined && blank?.fcp !== undefined) {
      add('FCP within 50 ms of the page without a manager', ours.fcp - blank.fcp <= 50, `${lhFormat(ours.fcp, 'ms')} vs ${lhFormat(blank.fcp, 'ms')} (+${Math.round(ours.fcp - blank.fcp)} ms)`);
    }
    if (ours.lcp !== undefined && cc?.lcp !== undefined) add("LCP ≤ cookieconsent's", ours.lcp <= cc.lcp, `${lhFormat(ours.lcp, 'ms')} vs ${lhFormat(cc.lcp, 'ms')}`);
    if (ours.score !== undefined) add('performance 100', ours.score === 100, lhFormat(ours.score, 'score'));
  });
}
