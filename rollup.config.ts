import { readFileSync } from 'node:fs';
import type { RollupOptions } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

const defines = () =>
  replace({
    preventAssignment: true,
    values: { __VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  });

const config: RollupOptions[] = [
  // The file a page includes: one self-contained, minified script.
  {
    input: 'src/boot.ts',
    output: { file: 'dist/consent.js', format: 'iife', sourcemap: true, plugins: [terser({ format: { comments: false } })] },
    plugins: [defines(), nodeResolve({ browser: true }), typescript({ include: ['src/**/*'] })],
  },
  // The ES module for bundler users; dependencies stay imports. Types: tsconfig.types.json.
  {
    input: 'src/index.ts',
    output: { file: 'dist/consent.mjs', format: 'es', sourcemap: true },
    external: Object.keys(pkg.dependencies),
    plugins: [
      defines(),
      nodeResolve({ browser: true }),
      typescript({ include: ['src/**/*'] }),
    ],
  },
];

export default config;
