// npm run size: gzip -9 size of every file a browser downloads from dist/, against the budgets in
// package.json ("sizeBudgets"). Fails (exit 1) when a budget is exceeded or when dist/ holds a
// file no budget covers. A budget's `limit` is enforced; its `target` is the figure we aim for
// (issue 5) and is reported, not enforced, until the limit reaches it.
//
//   node bench/size.mjs            check
//   node bench/size.mjs --json     the same, as JSON

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Files that count: what a page or a bundler loads; not source maps or type declarations. */
export const counts = (file) => !file.endsWith('.map') && !file.endsWith('.d.ts');

export function listFiles(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, root) : [relative(root, path).split('\\').join('/')];
  });
}

/** `dist/locales/*.json` style patterns: `*` matches within one path segment. */
export const matches = (pattern, file) =>
  new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(file);

/**
 * budgets: [{ name, files: [pattern], limit, target?, each? }] — sizes are gzip bytes; `each`
 * checks every matching file on its own, else the matching files count together (one page view).
 * Returns one row per check and the files no budget covers.
 */
export function checkSizes(budgets, files, gzipSize) {
  const rows = [];
  const covered = new Set();
  for (const budget of budgets) {
    const hit = files.filter((f) => budget.files.some((p) => matches(p, f)));
    hit.forEach((f) => covered.add(f));
    const groups = budget.each ? hit.map((f) => [`${budget.name}: ${f}`, [f]]) : [[budget.name, hit]];
    for (const [name, group] of groups) {
      const missing = budget.each ? [] : budget.files.filter((p) => !p.includes('*') && !group.includes(p));
      const bytes = group.reduce((sum, f) => sum + gzipSize(f), 0);
      rows.push({
        name,
        files: group,
        bytes,
        limit: budget.limit,
        target: budget.target,
        ok: missing.length === 0 && bytes <= budget.limit,
        meetsTarget: budget.target === undefined || bytes <= budget.target,
        missing,
      });
    }
  }
  return { rows, uncovered: files.filter((f) => !covered.has(f)) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function report({ rows, uncovered }) {
  const lines = rows.map((r) => {
    const status = !r.ok ? 'FAIL' : r.meetsTarget ? 'ok  ' : 'ok* ';
    const target = r.target === undefined ? '' : `, target ${kb(r.target)}${r.meetsTarget ? '' : ' (not met yet)'}`;
    const missing = r.missing.length ? ` — missing: ${r.missing.join(', ')}` : '';
    return `${status} ${r.name}: ${kb(r.bytes)} gzip (limit ${kb(r.limit)}${target})${missing}`;
  });
  for (const f of uncovered) lines.push(`FAIL ${f}: no budget in package.json "sizeBudgets" covers this file`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { sizeBudgets } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const files = listFiles(join(root, 'dist')).map((f) => `dist/${f}`).filter(counts);
  const result = checkSizes(sizeBudgets, files, (f) => gzipSync(readFileSync(join(root, f)), { level: 9 }).length);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(report(result));
  const failed = result.rows.some((r) => !r.ok) || result.uncovered.length > 0;
  if (failed) console.error('size budget exceeded (see above): shrink it, or raise the limit in package.json with a reason in the commit');
  process.exit(failed ? 1 : 0);
}
