// How every i18next instance of the widget is set up: at run time (ui/i18n.ts) and at build time,
// where i18next resolves the first layer's texts into a table (rollup.config.ts). One place, so
// both give the same text for the same key.

export const I18N_OPTIONS = {
  fallbackLng: 'de',
  initAsync: false,
  // One namespace and dotted keys, said explicitly: i18next then skips guessing, on every
  // t() call, whether a key is natural language or holds a namespace (costly on a cold start).
  nsSeparator: false as const,
  keySeparator: '.',
  interpolation: { escapeValue: false }, // preact escapes; texts are never HTML
  returnEmptyString: false,
  parseMissingKeyHandler: () => '',
};
