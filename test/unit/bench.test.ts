// The size check and the benchmark's report: the parts of `npm run size` / `npm run bench` that
// decide pass or fail, fed with made-up files and samples.

import { describe, expect, it } from 'vitest';
import { checkSizes, counts, matches, report } from '../../bench/size.mjs';
import {
  barChartSvg, lighthouseSample, lighthouseSummary, lighthouseTable, lighthouseVerdicts, markdownTable, median, ratiosTable, summarize, verdicts,
} from '../../bench/report.mjs';

describe('size budgets', () => {
  const sizes: Record<string, number> = { 'dist/consent.js': 4000, 'dist/consent-ui.js': 20000, 'dist/locales/de.json': 1500, 'dist/locales/en.json': 1300 };
  const files = Object.keys(sizes);
  const size = (f: string) => sizes[f];

  it('passes within the limits and sums a group (one page view)', () => {
    const { rows, uncovered } = checkSizes(
      [
        { name: 'core', files: ['dist/consent.js'], limit: 5000, target: 4500 },
        { name: 'first visit', files: ['dist/consent.js', 'dist/consent-ui.js'], limit: 30000 },
        { name: 'locale', files: ['dist/locales/*.json'], each: true, limit: 1600 },
      ],
      files,
      size,
    );
    expect(uncovered).toEqual([]);
    expect(rows.map((r) => [r.name, r.bytes, r.ok])).toEqual([
      ['core', 4000, true],
      ['first visit', 24000, true],
      ['locale: dist/locales/de.json', 1500, true],
      ['locale: dist/locales/en.json', 1300, true],
    ]);
    expect(rows[0].meetsTarget).toBe(true);
  });

  it('fails a budget one byte over its limit, and reports a target not met without failing', () => {
    const { rows } = checkSizes([{ name: 'core', files: ['dist/consent.js'], limit: 3999, target: 3000 }], files, size);
    expect(rows[0]).toMatchObject({ ok: false, meetsTarget: false });
    const ok = checkSizes([{ name: 'core', files: ['dist/consent.js'], limit: 4000, target: 3000 }], files, size).rows[0];
    expect(ok).toMatchObject({ ok: true, meetsTarget: false });
    expect(report({ rows: [ok], uncovered: [] })).toMatch(/^ok\*\s+core: 3\.9 KB gzip \(limit 3\.9 KB, target 2\.9 KB \(not met yet\)\)$/);
  });

  it('fails for a file no budget covers, and for a named file that is missing', () => {
    const result = checkSizes([{ name: 'both', files: ['dist/consent.js', 'dist/gone.js'], limit: 1e6 }], files, size);
    expect(result.rows[0]).toMatchObject({ ok: false, missing: ['dist/gone.js'] });
    expect(result.uncovered).toEqual(['dist/consent-ui.js', 'dist/locales/de.json', 'dist/locales/en.json']);
    expect(report(result)).toContain('FAIL dist/consent-ui.js: no budget');
  });

  it('matches * within one path segment, and leaves out maps and type declarations', () => {
    expect(matches('dist/locales/*.json', 'dist/locales/en.json')).toBe(true);
    expect(matches('dist/*.js', 'dist/locales/x.js')).toBe(false);
    expect(matches('dist/consent.js', 'dist/consentXjs')).toBe(false);
    expect([counts('dist/consent.js.map'), counts('dist/types/index.d.ts'), counts('dist/consent.mjs')]).toEqual([false, false, true]);
  });
});

describe('benchmark report', () => {
  const variants = [
    { id: 'blank', label: 'blank' },
    { id: 'floor', label: 'floor' },
    { id: 'ours', label: 'ours' },
    { id: 'ours-defer', label: 'ours-defer' },
    { id: 'cookieconsent', label: 'cc' },
  ];
  // Made-up samples: the blank page's ScriptDuration is 10 ms on every visit, so the net script
  // times are the raw ones minus 10.
  const blank = { shownMs: 100, cls: 0, firstScriptMs: 10, returnScriptMs: 10, longScriptMs: 10, firstBytes: 0 };
  const run = (shownMs: number, extra: Record<string, number> = {}) => ({
    shownMs, cls: 0, firstScriptMs: 110, returnScriptMs: 60, longScriptMs: 65, returnBytes: 12000, returnOwnScriptMs: 40, firstBytes: 24000, gatedLiveMs: 5, gatedFrames: 0, ...extra,
  });
  const floor = run(250, { returnScriptMs: 50, firstScriptMs: 50, longScriptMs: 50, firstBytes: 1000, returnBytes: 1000 });
  const cc = run(400, { returnScriptMs: 80, firstScriptMs: 120 });
  const goals = (summary: ReturnType<typeof summarize>, id: string) =>
    Object.fromEntries(verdicts(summary).filter((c) => c.id === id).map((c) => [c.goal, c.ok]));

  it('takes medians, minima and maxima, and the script time net of the blank page', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const summary = summarize(variants, { blank: [blank], ours: [run(300), run(100), run(200, { returnScriptMs: 90 })], cookieconsent: [cc] });
    expect(summary.ours.shownMs).toEqual({ median: 200, min: 100, max: 300, n: 3 });
    expect(summary.ours.gatedRequestMs).toBeUndefined();
    expect(summary.ours.returnScriptMs).toEqual({ median: 60, min: 60, max: 90, n: 3 });
    expect(summary.ours.returnScriptNetMs).toEqual({ median: 50, min: 50, max: 80, n: 3 });
    expect(summary.cookieconsent.firstScriptNetMs?.median).toBe(110);
    expect(summary.blank.returnScriptNetMs).toBeUndefined();
    // Without a blank page there is nothing to subtract: no net rows.
    expect(summarize(variants, { ours: [run(300)] }).ours.returnScriptNetMs).toBeUndefined();
  });

  it('checks the issue\'s goals for each of our tags on its own, never the better of the two', () => {
    const summary = summarize(variants, {
      blank: [blank],
      floor: [floor],
      // plain: everything met; defer: everything missed.
      ours: [run(300, { returnScriptMs: 60, longScriptMs: 64, firstScriptMs: 110 })],
      'ours-defer': [run(500, { returnScriptMs: 70, longScriptMs: 80, firstScriptMs: 140, firstBytes: 26000, cls: 0.02, gatedFrames: 1 })],
      cookieconsent: [cc],
    });
    const plain = goals(summary, 'ours');
    expect(plain).toEqual({
      "returning visit script ≤ 1.3× the floor's": true, // 50 vs 40
      "returning visit script ≤ 0.8× cookieconsent's": true, // 50 vs 70
      'long page ≤ 1.1× our short page': true, // 54 vs 50
      "first visit script ≤ cookieconsent's": true, // 100 vs 110
      "accept button visible ≤ 0.85× cookieconsent's": true, // 300 vs 400
      'first-visit bytes ≤ 25 KB gzip': true,
      'CLS 0': true,
      "gated script in the click's frame": true,
    });
    const deferred = goals(summary, 'ours-defer');
    expect(Object.values(deferred)).toHaveLength(8);
    expect(Object.entries(deferred).filter(([, ok]) => ok)).toEqual([]);
    const texts = verdicts(summary).map((c) => c.text);
    expect(texts).toContain("ours-defer: returning visit script ≤ 1.3× the floor's: 60.0 vs 40.0 ms floor (1.50×)");
    expect(texts).toContain('ours-defer: first-visit bytes ≤ 25 KB gzip (German page): 25.4 KB');
    // The withdrawn goals (≤ 5 KB, ≤ 2 ms, ≤ 30 KB) are gone.
    expect(texts.join('\n')).not.toMatch(/≤ 5 KB|≤ 2 ms|≤ 30 KB/);
  });

  it('misses the goal just over each factor', () => {
    // 1.3 × 40 = 52 ms net on the returning visit; 0.85 × 400 = 340 ms.
    const at = (returnScriptMs: number, shownMs: number) =>
      goals(summarize(variants, { blank: [blank], floor: [floor], ours: [run(shownMs, { returnScriptMs })], cookieconsent: [cc] }), 'ours');
    expect(at(62, 340)).toMatchObject({ "returning visit script ≤ 1.3× the floor's": true, "accept button visible ≤ 0.85× cookieconsent's": true });
    expect(at(62.1, 340.1)).toMatchObject({ "returning visit script ≤ 1.3× the floor's": false, "accept button visible ≤ 0.85× cookieconsent's": false });
  });

  it('prints our ratios to the floor and each peer', () => {
    const summary = summarize(variants, { blank: [blank], floor: [floor], ours: [run(300)], 'ours-defer': [run(300)], cookieconsent: [cc] });
    const table = ratiosTable(summary);
    expect(table).toContain('| | ours | ÷ floor | ÷ cookieconsent |');
    expect(table).toContain('| | ours-defer | ÷ floor | ÷ cookieconsent |');
    expect(table).toMatch(/\| returning visit: script time \(ScriptDuration − blank page's\) \| 50\.0 ms \| 1\.25× \| 0\.71× \|/);
    expect(table).toMatch(/\| first visit: accept button visible \| 300\.0 ms \| 1\.20× \| 0\.75× \|/);
  });

  it('writes a table row per metric and an SVG bar per variant and metric', () => {
    const summary = summarize(variants.slice(2, 5), { ours: [run(300)], cookieconsent: [run(400)] });
    const meta = { runs: 1, throttle: 4, chromium: '156', date: '2026-11-27T00:00:00Z', loadavg: [1.5, 1, 0.5] };
    const table = markdownTable(summary, meta);
    expect(table).toContain('| first visit: accept button visible (ms) | 300.0 (300.0–300.0) | — | 400.0 (400.0–400.0) |');
    expect(table).toContain('| accept → gated script requested (ms) | — | — | — |');
    expect(table).toContain('load average (1, 5, 15 min) 1.5, 1, 0.5 at the end');
    const svg = barChartSvg(summary, meta);
    expect(svg.startsWith('<svg')).toBe(true);
    // shownMs, firstBytes, gatedLiveMs, returnBytes (no blank page: no net script rows): 4 panels ×
    // the 2 variants with samples (ours-defer has none: a dash, no bar).
    expect(svg.match(/<rect x=/g)?.length).toBe(8);
  });
});

describe('Lighthouse report', () => {
  const lhr = (fcp: number, lcp: number, tbt: number, score: number) => ({
    audits: {
      'first-contentful-paint': { numericValue: fcp },
      'largest-contentful-paint': { numericValue: lcp },
      'total-blocking-time': { numericValue: tbt },
      'cumulative-layout-shift': { numericValue: 0 },
      'bootup-time': { numericValue: 20 },
    },
    categories: { performance: { score } },
    environment: { benchmarkIndex: 1500 },
  });
  const pages = [
    { id: 'blank', label: 'no manager' },
    { id: 'ours', label: 'ours' },
    { id: 'ours-defer', label: 'ours-defer' },
    { id: 'cookieconsent', label: 'cc' },
  ];

  it('takes each page\'s medians and checks TBT 0, FCP within 50 ms of the blank page, LCP ≤ cookieconsent\'s, performance 100 for each of our tags', () => {
    const summary = lighthouseSummary(pages, {
      blank: [lhr(750, 900, 0, 1), lhr(760, 910, 0, 1), lhr(740, 890, 0, 1)].map(lighthouseSample),
      ours: [lhr(800, 1200, 0, 1), lhr(810, 1100, 0, 1), lhr(790, 1300, 0, 0.999)].map(lighthouseSample),
      'ours-defer': [lhr(1500, 2000, 70, 0.93)].map(lighthouseSample),
      cookieconsent: [lhr(1200, 1200, 0, 0.98)].map(lighthouseSample),
    });
    expect(summary.ours).toMatchObject({ runs: 3, fcp: 800, lcp: 1200, tbt: 0, cls: 0, bootup: 20, score: 100, benchmarkIndex: 1500 });
    const checks = lighthouseVerdicts(summary);
    expect(checks.filter((c) => c.id === 'ours').map((c) => [c.goal, c.ok])).toEqual([
      ['TBT 0 ms', true],
      ['FCP within 50 ms of the page without a manager', true], // 800 vs 750
      ["LCP ≤ cookieconsent's", true],
      ['performance 100', true],
    ]);
    expect(checks.filter((c) => c.id === 'ours-defer').every((c) => !c.ok)).toBe(true);
    expect(checks.map((c) => c.text)).toContain('ours-defer: FCP within 50 ms of the page without a manager: 1500 ms vs 750 ms (+750 ms)');
    const table = lighthouseTable(summary, { lighthouse: '12.2.3', runs: 3, chromium: '156', date: '2026-12-01T00:00:00Z' });
    expect(table).toContain('| First Contentful Paint | 750 ms | 800 ms | 1500 ms | 1200 ms |');
    expect(table).toContain('| performance score | 100 | 100 | 93 | 98 |');
  });
});
