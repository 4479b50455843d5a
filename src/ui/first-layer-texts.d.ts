// Written by rollup.config.ts (firstLayerTexts): one language's first-layer texts as i18next resolved them.
declare module 'virtual:first-layer-texts' {
  const texts: import('./translate').TextTable;
  export default texts;
}
