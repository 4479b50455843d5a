// The widget's version, written in at build time (rollup's replace); 'dev' in tests run from source.
declare const __VERSION__: string;
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
