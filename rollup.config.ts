import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin, RollupOptions } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import { firstLayerTable } from './src/ui/first-layer-table';
import { LANGUAGES, type Language } from './src/core/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

const defines = () =>
  replace({
    preventAssignment: true,
    values: { __VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  });

/**
 * A minified, self-contained script for the browser. `eager`: nearly every function in it runs
 * on load, so V8 is told to compile them all up front (a compile hint: off the main thread while
 * the script streams in, instead of one function at a time on first call).
 */
const iife = (input: string, file: string, extra: Plugin[] = [], eager = false): RollupOptions => ({
  input,
  output: {
    file,
    format: 'iife',
    // Maps are written next to each file, without the `//# sourceMappingURL` line: that line
    // would be sent, gzipped, on every page view (about 35 bytes a file). Load the .map by hand.
    sourcemap: 'hidden',
    plugins: [terser({ ecma: 2020, compress: { passes: 3 }, format: { comments: false, preamble: eager ? '//# allFunctionsCalledOnLoad' : undefined } })],
  },
  plugins: [defines(), json({ preferConst: true }), nodeResolve({ browser: true }), typescript({ include: ['src/**/*'] }), ...extra],
});

const config: RollupOptions[] = [
  // The file a page includes: the core, everything a returning learner needs.
  iife('src/boot.ts', 'dist/consent.js', [], true),
  // Chunks consent.js loads from its own folder only when needed:
  // the first layer (preact, the banner, styles, its texts in one language, resolved by i18next
  // at build time): what a first visit needs,
  ...LANGUAGES.map((lang) => iife('src/ui/first-layer.ts', `dist/consent-banner.${lang}.js`, [firstLayerTexts(lang)], true)),
  // the full UI (i18next, the settings dialog, German texts; other languages in dist/locales/),
  // when the learner opens the settings or the config overrides the banner's texts,
  iife('src/ui/index.ts', 'dist/consent-ui.js', [copyLocales()]),
  // the config validator with its messages, when the config has a problem,
  iife('src/check.ts', 'dist/consent-check.js'),
  // the click-to-load placeholder, when an iframe is blocked,
  iife('src/embed.ts', 'dist/consent-embed.js'),
  // the box for short notices ("saved", "withdrawn", another tab's change), when one is due,
  iife('src/notice.ts', 'dist/consent-notice.js'),
  // and the receipts' builder and sender, on a decision when receipts are configured.
  iife('src/receipts.ts', 'dist/consent-receipts.js'),
  // The ES module for bundler users; dependencies stay imports. Types: tsconfig.types.json.
  {
    input: 'src/index.ts',
    output: { file: 'dist/consent.mjs', format: 'es', sourcemap: true },
    external: Object.keys(pkg.dependencies),
    plugins: [defines(), json({ preferConst: true }), nodeResolve({ browser: true }), typescript({ include: ['src/**/*'] })],
  },
];

/** `virtual:first-layer-texts` for one language: the first layer's texts as i18next resolves them. */
function firstLayerTexts(lang: Language): Plugin {
  const id = '\0first-layer-texts';
  return {
    name: 'first-layer-texts',
    resolveId: (source) => (source === 'virtual:first-layer-texts' ? id : null),
    load(loading) {
      if (loading !== id) return null;
      const locales = Object.fromEntries(LANGUAGES.map((l) => [l, JSON.parse(readFileSync(`locales/${l}.json`, 'utf8'))]));
      return `export default ${JSON.stringify(firstLayerTable(lang, locales as Parameters<typeof firstLayerTable>[1]))};`;
    },
  };
}

/** Emits locales/*.json next to the chunk, for the loader to fetch the active language's texts. */
function copyLocales(): Plugin {
  return {
    name: 'copy-locales',
    generateBundle() {
      for (const file of readdirSync('locales').filter((f) => f.endsWith('.json'))) {
        // Re-serialized: minified, and a syntax error fails the build here rather than in a browser.
        const source = JSON.stringify(JSON.parse(readFileSync(`locales/${file}`, 'utf8')));
        this.emitFile({ type: 'asset', fileName: `locales/${file}`, source });
      }
    },
  };
}

export default config;
