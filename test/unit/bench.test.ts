// The size check and the benchmark's report: the parts of `npm run size` / `npm run bench` that
// decide pass or fail, fed with made-up files and samples.

import { describe, expect, it } from 'vitest';
import { checkSizes, counts, matches, report } from '../../bench/size.mjs';
import { barChartSvg, markdownTable, median, summarize, verdicts } from '../../bench/report.mjs';

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
    { id: 'ours', label: 'ours' },
    { id: 'cookieconsent', label: 'cc' },
  ];
  const run = (shownMs: number, extra: Record<string, number> = {}) => ({ shownMs, cls: 0, returnBytes: 4000, returnScriptMs: 30, returnOwnScriptMs: 1.5, firstBytes: 29000, gatedLiveMs: 5, gatedFrames: 0, ...extra });

  it('takes medians, minima and maxima', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const summary = summarize(variants, { ours: [run(300), run(100), run(200)], cookieconsent: [run(400)] });
    expect(summary.ours.shownMs).toEqual({ median: 200, min: 100, max: 300, n: 3 });
    expect(summary.ours.gatedRequestMs).toBeUndefined();
  });

  it('checks the issue\'s figures and names each miss', () => {
    const good = verdicts(summarize(variants, { ours: [run(300)], cookieconsent: [run(400)] }));
    expect(good.length).toBe(6);
    expect(good.every((c) => c.ok)).toBe(true);
    const bad = verdicts(
      summarize(variants, { ours: [run(500, { cls: 0.02, returnBytes: 6000, returnOwnScriptMs: 2.5, gatedFrames: 1 })], cookieconsent: [run(400)] }),
    );
    expect(bad.filter((c) => !c.ok).map((c) => c.text.split(':')[0])).toEqual([
      'returning visit downloads ≤ 5 KB gzip',
      "returning visit",
      'accept button visible no later than cookieconsent\'s',
      'no layout shift',
      'gated script inserted within the frame of the click on "Alle akzeptieren"',
    ]);
  });

  it('writes a table row per metric and an SVG bar per variant and metric', () => {
    const summary = summarize(variants, { ours: [run(300)], cookieconsent: [run(400)] });
    const meta = { runs: 1, throttle: 4, chromium: '156', date: '2026-11-27T00:00:00Z' };
    const table = markdownTable(summary, meta);
    expect(table).toContain('| first visit: accept button visible (ms) | 300.0 (300.0–300.0) | 400.0 (400.0–400.0) |');
    expect(table).toContain('| accept → gated script requested (ms) | — | — |');
    const svg = barChartSvg(summary, meta);
    expect(svg.startsWith('<svg')).toBe(true);
    // shownMs, firstBytes, gatedLiveMs, returnScriptMs, returnOwnScriptMs, returnBytes: 6 panels × 2 variants.
    expect(svg.match(/<rect x=/g)?.length).toBe(12);
  });
});
