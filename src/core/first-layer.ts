// What the first layer (the banner, dist/consent-banner.<lang>.js) shows, by locale key: the
// build resolves exactly these with i18next, and a config overriding any of them gets the full
// UI, which runs i18next at run time.

/** Key prefixes: the banner, category names, vendor facts and the "saved" status. */
export const FIRST_LAYER_KEYS = ['banner.', 'categories.', 'presets.', 'preferences.saved'];

/** The sections of `config.texts` that hold those keys. */
export const FIRST_LAYER_SECTIONS = ['banner', 'categories', 'presets', 'preferences'];
