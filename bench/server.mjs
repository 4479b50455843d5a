// The benchmark's HTTP server, shared by `npm run bench` (bench/run.mjs) and
// `npm run bench:lighthouse` (bench/lighthouse.mjs): the test page in every variant, the gated
// stand-in scripts under /vendor/, our build and the peers' published files from node_modules.
// Every body is sent gzip -9 with `no-store`, so the bytes are what goes over the wire.

import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { VARIANTS, pageHtml, STAND_IN_SCRIPT } from './page.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where each manager's files come from: our build and the peers' published folders. */
export const ROOTS = {
  '/ours/': join(ROOT, 'dist'),
  '/cookieconsent/': join(ROOT, 'node_modules/vanilla-cookieconsent/dist'),
  '/klaro/': join(ROOT, 'node_modules/klaro/dist'),
  '/tarteaucitron/': join(ROOT, 'node_modules/tarteaucitronjs'),
};
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html' };

/**
 * Starts the server on 127.0.0.1 (a free port). `managerBytes` counts the gzip bytes sent for
 * consent-manager files since the last `resetBytes()`; a variant's inline gate (the floor) counts
 * too, as the gzip size of its inline code.
 */
export async function startBenchServer() {
  if (!existsSync(join(ROOT, 'dist/consent.js'))) throw new Error('dist/consent.js is missing: run `npm run build` first');
  const state = { managerBytes: 0 };
  const gzipCache = new Map();
  const server = createServer((request, response) => {
    const { pathname: path, searchParams } = new URL(request.url, 'http://x');
    const send = (status, type, body, countsAsManager = false) => {
      const key = `${path}:${body.length}`;
      const gz = gzipCache.get(key) ?? gzipSync(body, { level: 9 });
      gzipCache.set(key, gz);
      if (countsAsManager) state.managerBytes += gz.length;
      response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-encoding': 'gzip', 'cache-control': 'no-store' });
      response.end(gz);
    };
    const variant = VARIANTS.find((v) => path === `/${v.id}.html`);
    if (variant) {
      if (variant.inline) state.managerBytes += gzipSync(variant.inline, { level: 9 }).length;
      return send(200, TYPES['.html'], Buffer.from(pageHtml(variant, Number(searchParams.get('lessons')) || undefined)));
    }
    if (path.startsWith('/vendor/')) return send(200, TYPES['.js'], Buffer.from(STAND_IN_SCRIPT(path.slice(8, -3))));
    for (const [prefix, folder] of Object.entries(ROOTS)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(folder, path.slice(prefix.length)));
      if (!file.startsWith(folder) || !existsSync(file)) break;
      return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), true);
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    get managerBytes() {
      return state.managerBytes;
    },
    resetBytes() {
      state.managerBytes = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
