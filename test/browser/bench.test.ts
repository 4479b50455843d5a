// `npm run bench` end to end, in its smallest form (one run, no throttling, no warm-up): the
// three consent managers' pages still work with the pinned versions, every metric is measured,
// and the bytes it counts for a returning visit are exactly consent.js's gzip size.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run bench', () => {
  it('measures all four pages and writes the table, the samples and the chart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const { stdout } = await promisify(execFile)('node', ['bench/run.mjs', '--runs', '1', '--throttle', '1', '--warmup', '0', '--out', out], { cwd: root });
    const { summary, samples } = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expect(Object.keys(samples)).toEqual(['blank', 'ours', 'cookieconsent', 'klaro']);
    for (const id of ['ours', 'cookieconsent', 'klaro']) {
      const [sample] = samples[id];
      for (const key of ['shownMs', 'firstScriptMs', 'firstBytes', 'gatedFrames', 'gatedRequestMs', 'returnScriptMs', 'returnBytes', 'longScriptMs']) {
        expect(sample[key], `${id}.${key}`).toBeGreaterThanOrEqual(0);
      }
      expect(sample.shownMs).toBeGreaterThan(0);
    }
    expect(samples.blank[0].longScriptMs).toBeGreaterThanOrEqual(0);
    const consentJs = gzipSync(readFileSync(join(root, 'dist/consent.js')), { level: 9 }).length;
    expect(summary.ours.returnBytes.median).toBe(consentJs);
    expect(stdout).toContain('| first visit: accept button visible (ms) |');
    expect(stdout).toMatch(/^(PASS|MISS) no layout shift/m);
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*Klaro 0\.7\.22[\s\S]*<\/svg>\n$/);
  }, 90_000);

  it('npm run bench:first-use times each first use of a browser feature on a blank page', async () => {
    const { stdout } = await promisify(execFile)('node', ['bench/first-use.mjs', '--runs', '1', '--throttle', '1', '--json'], { cwd: root });
    const { runs, rows } = JSON.parse(stdout);
    expect(runs).toBe(1);
    expect(rows.map((row: { name: string }) => row.name)).toContain('read document.cookie');
    for (const row of rows) expect(row.medianMs, row.name).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
