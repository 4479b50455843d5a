// Lazily loaded parts of the widget (the UI, config diagnostics, embed placeholders): a script
// from consent.js's own folder, with the page's nonce. The chunk hands over what it exports by
// calling the function stored under its key; nothing is left on window afterwards.

export const chunkKey = (name: string) => Symbol.for(`asmeronexa-consent.${name}`);

/** Entry side: inside a chunk, hands `value` to the consent.js that asked for it. */
export function handOver(name: string, value: unknown): void {
  const registry = window as unknown as Record<symbol, ((value: unknown) => void) | undefined>;
  const receive = registry[chunkKey(name)];
  if (typeof receive === 'function') receive(value);
  else console.error(`[asmeronexa-consent] consent-${name}.js does nothing without consent.js`);
}

/** Where `consent-<name>.js` is: next to consent.js. */
export const chunkUrl = (base: URL, name: string) => new URL(`consent-${name}.js`, base).href;

/** Loads `consent-<name>.js`; the caller keeps the promise (and may retry after a failure). */
export function loadChunk<T>(win: Window, base: URL, name: string, nonce: string | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const doc = win.document;
    const registry = win as unknown as Record<symbol, unknown>;
    // One key per kind of chunk: consent-banner.de.js and consent-banner.en.js both hand over 'banner'.
    const key = chunkKey(name.split('.')[0]);
    registry[key] = (value: unknown) => {
      delete registry[key];
      resolve(value as T);
    };
    const script = doc.createElement('script');
    script.src = chunkUrl(base, name);
    if (nonce) script.nonce = nonce;
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    doc.head.append(script);
  });
}
