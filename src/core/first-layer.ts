// What the first layer (the banner, dist/consent-banner.<lang>.js) shows, by locale key: the
// build resolves exactly these with i18next, and a config overriding any of them gets the full
// UI, which runs i18next at run time.

/**
 * The banner's own texts, the category names, what the banner says of a preset (its name and
 * where its data goes), the words for durations, country names and the "saved" status. Descriptions and data lists are the dialog's.
 */
export const isFirstLayerKey = (key: string) =>
  /^(banner\.|categories\.[\w-]+\.label$|presets\.[\w-]+\.(label|transferRecipient|transferBasis|cloudBasis)$|units\.|countries\.|preferences\.saved$)/.test(key);

/** The sections of `config.texts` that hold those keys. */
export const FIRST_LAYER_SECTIONS = ['banner', 'categories', 'presets', 'preferences', 'units', 'countries'];
