// @vitest-environment happy-dom
// The npm package as a bundler user sees it: the built ES module and its type declarations.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Plain paths: under happy-dom the global URL is happy-dom's, which node:fs does not take.
const root = join(__dirname, '../..');
const fromRoot = (path: string) => join(root, path);
const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8'));

describe('the package', () => {
  it('points its exports at built files that exist', () => {
    expect(existsSync(fromRoot(pkg.exports['.'].import))).toBe(true);
    expect(existsSync(fromRoot(pkg.exports['.'].types))).toBe(true);
    expect(existsSync(fromRoot(pkg.exports['./consent.js']))).toBe(true);
    const types = readFileSync(fromRoot(pkg.exports['.'].types), 'utf8');
    expect(types).toMatch(/export \{ createConsent/);
  });

  it('createConsent from dist/consent.mjs works in a page', async () => {
    // Typed by the source it was built from; loaded from the build.
    const built: typeof import('../../src/index') = await import(/* @vite-ignore */ fromRoot(pkg.exports['.'].import));
    const { createConsent, installPageApi, VERSION } = built;
    expect(VERSION).toBe(pkg.version);
    document.body.innerHTML = '<script type="text/plain" data-category="analytics" id="a">1</script>';
    const api = createConsent({ revision: 2 }, { logger: { error() {}, warn() {}, info() {} } });
    installPageApi(window, api);
    window.asmeronexaConsent!.acceptAll();
    expect(window.asmeronexaConsent!.isAccepted('analytics')).toBe(true);
    expect(document.getElementById('a')!.getAttribute('type')).toBeNull();
    expect(document.cookie).toMatch(/asmeronexa_consent=1\|[^|]+\|2\|/);
    api.destroy();
  });

  it('the script-tag build bundles no UI library and stays small', () => {
    const script = readFileSync(fromRoot('dist/consent.js'), 'utf8');
    expect(script).not.toMatch(/preact|i18next/i);
    // Issue 5 sets the real budget (npm run size); this only catches an accidental bundle of a library.
    expect(script.length).toBeLessThan(50_000);
    // V8's compile hint must be the file's first line to count; the chunks, where much is never called, go without.
    expect(script.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
    expect(readFileSync(fromRoot('dist/consent-ui.js'), 'utf8')).not.toContain('allFunctionsCalledOnLoad');
  });
});
