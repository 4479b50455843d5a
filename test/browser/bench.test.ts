// `npm run bench` end to end, in its smallest form (one run, no throttling, no warm-up): the
// floor, our two tags and the three peers' pages still work with the pinned versions, every
// metric is measured, and the bytes it counts for a returning visit are exactly consent.js's
// gzip size (the floor's: its inline gate's).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FLOOR_GATE } from '../../bench/page.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run bench', () => {
  it('measures every page and writes the table, the ratios, the checks, the samples and the chart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const { stdout } = await promisify(execFile)('node', ['bench/run.mjs', '--runs', '1', '--throttle', '1', '--warmup', '0', '--out', out], { cwd: root });
    const { summary, samples } = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expect(Object.keys(samples)).toEqual(['blank', 'floor', 'ours', 'ours-defer', 'cookieconsent', 'klaro', 'tarteaucitron']);
    for (const id of ['floor', 'ours', 'ours-defer', 'cookieconsent', 'klaro', 'tarteaucitron']) {
      const [sample] = samples[id];
      for (const key of ['shownMs', 'firstScriptMs', 'firstBytes', 'gatedFrames', 'gatedLiveMs', 'gatedRequestMs', 'returnScriptMs', 'returnOwnScriptMs', 'returnBytes', 'longScriptMs']) {
        expect(sample[key], `${id}.${key}`).toBeGreaterThanOrEqual(0);
      }
      expect(sample.shownMs, id).toBeGreaterThan(0);
      expect(sample.firstBytes, id).toBeGreaterThan(0);
      expect(summary[id].returnScriptNetMs, id).toBeDefined();
    }
    for (const key of ['firstScriptMs', 'returnScriptMs', 'longScriptMs']) expect(samples.blank[0][key], key).toBeGreaterThanOrEqual(0);
    const consentJs = gzipSync(readFileSync(join(root, 'dist/consent.js')), { level: 9 }).length;
    expect(summary.ours.returnBytes.median).toBe(consentJs);
    expect(summary['ours-defer'].returnBytes.median).toBe(consentJs);
    expect(summary.floor.returnBytes.median).toBe(gzipSync(FLOOR_GATE, { level: 9 }).length);
    expect(stdout).toContain('| first visit: accept button visible (ms) |');
    expect(stdout).toContain('| | ours | ÷ floor | ÷ cookieconsent | ÷ klaro | ÷ tarteaucitron |');
    expect(stdout).toContain('| | ours-defer | ÷ floor | ÷ cookieconsent | ÷ klaro | ÷ tarteaucitron |');
    for (const label of ['asmeronexa-consent (plain tag)', 'asmeronexa-consent (defer)']) {
      const lines = stdout.split('\n').filter((line) => line.startsWith(`PASS ${label}:`) || line.startsWith(`MISS ${label}:`));
      expect(lines, label).toHaveLength(8);
      expect(lines.join('\n')).toMatch(/CLS 0/);
    }
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*tarteaucitron 1\.34\.0[\s\S]*<\/svg>\n$/);
  }, 120_000);

  it('npm run bench:first-use times each first use of a browser feature on a blank page', async () => {
    const { stdout } = await promisify(execFile)('node', ['bench/first-use.mjs', '--runs', '1', '--throttle', '1', '--json'], { cwd: root });
    const { runs, rows } = JSON.parse(stdout);
    expect(runs).toBe(1);
    expect(rows.map((row: { name: string }) => row.name)).toContain('read document.cookie');
    for (const row of rows) expect(row.medianMs, row.name).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('npm run bench:lighthouse runs Lighthouse on the pages and writes the medians and the checks', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lighthouse-'));
    const { stdout } = await promisify(execFile)('node', ['bench/lighthouse.mjs', '--runs', '1', '--pages', 'blank,ours', '--out', out], { cwd: root });
    const { meta, summary } = JSON.parse(readFileSync(join(out, 'lighthouse.json'), 'utf8'));
    expect(meta.lighthouse).toBe('12.2.3');
    expect(Object.keys(summary)).toEqual(['blank', 'ours']);
    for (const id of ['blank', 'ours']) {
      for (const key of ['fcp', 'lcp', 'tbt', 'cls', 'bootup', 'score']) expect(summary[id][key], `${id}.${key}`).toBeGreaterThanOrEqual(0);
      expect(summary[id].fcp, id).toBeGreaterThan(0);
    }
    expect(stdout).toContain('| First Contentful Paint |');
    expect(stdout).toMatch(/^(PASS|MISS) asmeronexa-consent \(plain tag\): TBT 0 ms/m);
    expect(readFileSync(join(out, 'lighthouse.md'), 'utf8')).toContain('performance 100');
  }, 90_000);
});
